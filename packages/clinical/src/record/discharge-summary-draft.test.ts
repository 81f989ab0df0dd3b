import { describe, expect, it } from 'vitest';
import { jargonIn, type DischargeSummarySectionId } from './discharge-summary.ts';
import { draftDischargeSummary, type DischargeFacts } from './discharge-summary-draft.ts';
import { mrsBFacts } from './discharge-facts-for-tests.ts';

const sectionOf = (content: ReturnType<typeof draftDischargeSummary>, id: DischargeSummarySectionId) => content.sections.find((s) => s.id === id)!;

describe('draftDischargeSummary', () => {
  const draft = draftDischargeSummary(mrsBFacts());

  it('drafts every section, in order, each saying where it came from', () => {
    expect(draft.sections.map((s) => s.id)).toEqual(['reason-for-referral', 'what-we-did', 'goals', 'outcome-measures', 'programme', 'advice', 'onward-referrals', 'equipment', 'follow-up']);
    for (const s of draft.sections) expect(s.source.length).toBeGreaterThan(10);
    expect(draft.draftedAt).toBe('2026-11-24T10:00:00.000Z');
  });

  it('gives the Barthel change from first to last with the MCID verdict for the GP, and plain words for the patient', () => {
    const measures = sectionOf(draft, 'outcome-measures');
    expect(measures.text).toContain('Barthel Index: from 12 to 16 points. First 28 October 2026 (severe dependency), last 23 November 2026 (moderate dependency). Up 4 points (improved): passes the minimal clinically important difference');
    expect(measures.text).toContain('Berg Balance Scale: 40 points on 28 October 2026; scored once, so no change to report.');
    expect(measures.patientText).toContain('Your score for everyday activities (the Barthel Index) went up from 12 to 16. This is a real improvement.');
    expect(measures.patientText).toContain('went down from 15.2 to 14.5 seconds. A shorter time is better. This is a small change, so it may not be a real difference.');
    expect(measures.patientText).toContain('We measured it once, so there is no change to report.');
  });

  it('lists each goal in the patient’s words with baseline and final level, and the GAS T-score at baseline and discharge', () => {
    const goals = sectionOf(draft, 'goals');
    expect(goals.text).toContain('1. “I want to make my own cup of tea”. Baseline -1 (somewhat less than expected: Makes a hot drink with help). At discharge +1 (somewhat more than expected: Makes a drink and a snack on her own). Achieved.');
    expect(goals.text).toContain('2. “I want to walk to the post box”. Baseline -1');
    // Unweighted, two goals: [-1, -1] -> 50 - 10*2/sqrt(0.7*2 + 0.3*4) = 37.60; [+1, 0] -> 56.20.
    expect(draft.goalAttainment).toEqual({ goals: 2, baselineTScore: 37.6, dischargeTScore: 56.2, weighted: false });
    expect(goals.text).toContain('GAS T-score (unweighted, 2 goals): 37.60 at baseline, 56.20 at discharge.');
    expect(goals.patientText).toContain('Your goal: “I want to make my own cup of tea”. When we started: makes a hot drink with help. Now: makes a drink and a snack on her own. You did better than we hoped.');
    expect(goals.patientText).toContain('You reached this goal.');
  });

  it('weights the T-score by importance x difficulty when every goal has both', () => {
    const facts = mrsBFacts();
    facts.goals = facts.goals.map((g, i) => ({ ...g, importance: i === 0 ? 2 : 1, difficulty: i === 0 ? 1 : 3 }));
    const weighted = draftDischargeSummary(facts).goalAttainment;
    expect(weighted.weighted).toBe(true);
    // w = [2, 3], x = [+1, 0]: 50 + 10*2/sqrt(0.7*13 + 0.3*25) = 54.91.
    expect(weighted.dischargeTScore).toBe(54.91);
  });

  it('says when a goal has not been rated, and leaves the discharge T-score out', () => {
    const facts = mrsBFacts();
    facts.goals[1] = { ...facts.goals[1]!, latest: null };
    const d = draftDischargeSummary(facts);
    expect(d.goalAttainment.dischargeTScore).toBeNull();
    expect(sectionOf(d, 'goals').text).toContain('not yet calculable at discharge (not every goal is rated)');
    expect(sectionOf(d, 'goals').patientText).toContain('We have not yet looked at how far you got with this goal.');
  });

  it('counts contacts and, for stroke, therapy minutes by SSNAP type', () => {
    const did = sectionOf(draft, 'what-we-did');
    expect(did.text).toContain('Seen 6 times between 28 October 2026 and 23 November 2026');
    expect(did.text).toContain('Therapy minutes (SSNAP, by therapy type): Physiotherapy 40, Occupational therapy 120; total 160 minutes.');
    expect(did.patientText).toBe('We saw or spoke to you 6 times between 28 October 2026 and 23 November 2026. In total you had 160 minutes of therapy with us.');
    const notStroke = draftDischargeSummary(mrsBFacts({ service: 'd2a-pathway-1', therapyMinutes: null }));
    expect(sectionOf(notStroke, 'what-we-did').text).not.toContain('SSNAP');
  });

  it('lists the programme with completion counts, advice, onward referrals, equipment and follow-up', () => {
    expect(sectionOf(draft, 'programme').text).toContain('- Sit to stand practice (exercise, 3 times a day, by the patient): done 12, partly done 2, not done 1. Handed over at discharge: the patient continues on their own.');
    expect(sectionOf(draft, 'programme').patientText).toContain('- Sit to stand practice: done 12 times. Please keep doing this on your own.');
    expect(sectionOf(draft, 'advice').patientText).toContain('Stay active: Walk a little further each day');
    expect(sectionOf(draft, 'advice').patientText).toContain('Keep doing “Sit to stand practice” 3 times a day.');
    expect(sectionOf(draft, 'onward-referrals').text).toBe('- Falls prevention service: referred 20 November 2026, acknowledged. Fear of falling outdoors.');
    expect(sectionOf(draft, 'equipment').text).toBe('- Practised using: Kettle tipper.');
    expect(sectionOf(draft, 'equipment').source).toContain('does not keep an equipment record yet');
    const follow = sectionOf(draft, 'follow-up');
    expect(follow.text).toContain('Discharged on 24 November 2026.\nOutcome: Goals met.\nDestination: Home with no support.\nManaging well with daughter nearby.');
    expect(follow.patientText).toContain('Your therapy with us finished on 24 November 2026.');
    expect(follow.patientText).toContain('contact the North Staffs Therapies team at Haywood Hospital');
  });

  it('says what happens to each activity after discharge, never that the team carries on (issue 11 #3)', () => {
    const base = mrsBFacts().programme[0]!;
    const withProgramme = (programme: DischargeFacts['programme'], status: DischargeFacts['episode']['status'] = 'discharged') =>
      draftDischargeSummary(mrsBFacts({ programme, episode: { ...mrsBFacts().episode, status, ...(status === 'discharged' ? {} : { dischargedOn: null }) } }));
    const toCarer = withProgramme([{ ...base, delivererKind: 'staff', handedOverTo: { kind: 'carer', name: 'Sarah (daughter)' } }]);
    expect(sectionOf(toCarer, 'programme').text).toContain('Handed over at discharge to Sarah (daughter), carer.');
    expect(sectionOf(toCarer, 'programme').patientText).toContain('Sarah (daughter) will help you keep doing this.');
    expect(sectionOf(toCarer, 'advice').text).toContain('Continue with Sarah (daughter) (carer): Sit to stand practice, 3 times a day.');
    const ended = withProgramme([{ ...base, delivererKind: 'staff', status: 'stopped', handedOverTo: null }]);
    expect(sectionOf(ended, 'programme').text).toContain('done 12, partly done 2, not done 1. Ended.');
    expect(sectionOf(ended, 'programme').patientText).toContain('This has stopped now that your therapy with us has finished.');
    expect(sectionOf(ended, 'advice').text).not.toContain('Sit to stand');
    // Discharged before Homeward ended activities at discharge: still "active" in the record, not carried on.
    const legacy = withProgramme([{ ...base, status: 'active', handedOverTo: null }]);
    expect(sectionOf(legacy, 'programme').text).toContain('Not carried on by the team after discharge.');
    expect(sectionOf(legacy, 'advice').patientText).not.toContain('Keep doing');
    const planning = withProgramme([{ ...base, status: 'active', handedOverTo: null }], 'active');
    expect(sectionOf(planning, 'programme').text).toContain('Active until discharge, when it will be ended or handed over.');
    for (const d of [toCarer, ended, legacy, planning]) for (const s of d.sections) expect(`${s.text} ${s.patientText}`).not.toMatch(/continuing/i);
  });

  it('drafts before discharge (discharge planning) from the planned end date', () => {
    const planning = draftDischargeSummary(mrsBFacts({ episode: { ...mrsBFacts().episode, status: 'active', dischargedOn: null, outcome: null, destination: null, note: null } }));
    expect(sectionOf(planning, 'follow-up').text).toContain('Discharge planned for 8 December 2026.');
    expect(sectionOf(planning, 'follow-up').patientText).toContain('Your therapy with us is due to finish on 8 December 2026.');
  });

  it('keeps the patient’s wording free of shorthand, and the sentences short', () => {
    for (const s of draft.sections) {
      expect(jargonIn(s.patientText), s.id).toEqual([]);
      for (const sentence of s.patientText.split(/(?<=[.!?])\s+/)) expect(sentence.split(/\s+/).length, sentence).toBeLessThanOrEqual(25);
    }
  });

  it('says plainly when there is nothing recorded', () => {
    const empty = draftDischargeSummary(mrsBFacts({ goals: [], measures: [], programme: [], onwardReferrals: [], contacts: { count: 0, firstOn: null, lastOn: null }, therapyMinutes: null }));
    expect(sectionOf(empty, 'goals').text).toBe('No goals were recorded for this episode.');
    expect(sectionOf(empty, 'goals').patientText).toBe('');
    expect(empty.goalAttainment).toEqual({ goals: 0, baselineTScore: null, dischargeTScore: null, weighted: false });
    expect(sectionOf(empty, 'outcome-measures').patientText).toBe('');
    expect(sectionOf(empty, 'advice').source).toContain('write the advice you gave');
    expect(sectionOf(empty, 'equipment').text).toBe('');
  });
});

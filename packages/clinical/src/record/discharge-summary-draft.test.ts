import { describe, expect, it } from 'vitest';
import { jargonIn, type DischargeSummarySectionId } from './discharge-summary.ts';
import { draftDischargeSummary, type DischargeFacts } from './discharge-summary-draft.ts';
import { mrsBFacts } from './discharge-facts-for-tests.ts';

const sectionOf = (content: ReturnType<typeof draftDischargeSummary>, id: DischargeSummarySectionId) => content.sections.find((s) => s.id === id)!;

describe('draftDischargeSummary', () => {
  // Drafted in each test, not while the tests are collected: mutation testing sees which test runs which line.
  const draft = () => draftDischargeSummary(mrsBFacts());

  it('drafts every section, in order, each saying where it came from', () => {
    expect(draft().sections.map((s) => s.id)).toEqual(['reason-for-referral', 'what-we-did', 'goals', 'outcome-measures', 'programme', 'advice', 'onward-referrals', 'equipment', 'follow-up']);
    for (const s of draft().sections) expect(s.source.length).toBeGreaterThan(10);
    expect(draft().draftedAt).toBe('2026-11-24T10:00:00.000Z');
  });

  it('gives the Barthel change from first to last with the MCID verdict for the GP, and plain words for the patient', () => {
    const measures = sectionOf(draft(), 'outcome-measures');
    expect(measures.text).toContain('Barthel Index: from 12 to 16 points. First 28 October 2026 (severe dependency), last 23 November 2026 (moderate dependency). Up 4 points (improved): passes the minimal clinically important difference');
    expect(measures.text).toContain('Berg Balance Scale: 40 points on 28 October 2026; scored once, so no change to report.');
    expect(measures.patientText).toContain('Your score for everyday activities (the Barthel Index) went up from 12 to 16. This is a real improvement.');
    expect(measures.patientText).toContain('went down from 15.2 to 14.5 seconds. A shorter time is better. This is a small change, so it may not be a real difference.');
    expect(measures.patientText).toContain('We measured it once, so there is no change to report.');
  });

  it('lists each goal in the patient’s words with baseline and final level, and the GAS T-score at baseline and discharge', () => {
    const goals = sectionOf(draft(), 'goals');
    expect(goals.text).toContain('1. “I want to make my own cup of tea”. Baseline -1 (somewhat less than expected: Makes a hot drink with help). At discharge +1 (somewhat more than expected: Makes a drink and a snack on her own). Achieved.');
    expect(goals.text).toContain('2. “I want to walk to the post box”. Baseline -1');
    // Unweighted, two goals: [-1, -1] -> 50 - 10*2/sqrt(0.7*2 + 0.3*4) = 37.60; [+1, 0] -> 56.20.
    expect(draft().goalAttainment).toEqual({ goals: 2, baselineTScore: 37.6, dischargeTScore: 56.2, weighted: false });
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
    const did = sectionOf(draft(), 'what-we-did');
    expect(did.text).toContain('Seen 6 times between 28 October 2026 and 23 November 2026');
    expect(did.text).toContain('Therapy minutes (SSNAP, by therapy type): Physiotherapy 40, Occupational therapy 120; total 160 minutes.');
    expect(did.patientText).toBe('We saw or spoke to you 6 times between 28 October 2026 and 23 November 2026. In total you had 160 minutes of therapy with us.');
    const notStroke = draftDischargeSummary(mrsBFacts({ service: 'd2a-pathway-1', therapyMinutes: null }));
    expect(sectionOf(notStroke, 'what-we-did').text).not.toContain('SSNAP');
  });

  it('lists the programme with completion counts, advice, onward referrals, equipment and follow-up', () => {
    expect(sectionOf(draft(), 'programme').text).toContain('- Sit to stand practice (exercise, 3 times a day, by the patient): done 12, partly done 2, not done 1. Handed over at discharge: the patient continues on their own.');
    expect(sectionOf(draft(), 'programme').patientText).toContain('- Sit to stand practice: done 12 times. Please keep doing this on your own.');
    expect(sectionOf(draft(), 'advice').patientText).toContain('Stay active: Walk a little further each day');
    expect(sectionOf(draft(), 'advice').patientText).toContain('Keep doing “Sit to stand practice” 3 times a day.');
    expect(sectionOf(draft(), 'onward-referrals').text).toBe('- Falls prevention service: referred 20 November 2026, acknowledged. Fear of falling outdoors.');
    expect(sectionOf(draft(), 'equipment').text).toBe('- Practised using: Kettle tipper.');
    expect(sectionOf(draft(), 'equipment').source).toContain('does not keep an equipment record yet');
    const follow = sectionOf(draft(), 'follow-up');
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
    for (const s of draft().sections) {
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

// Mr C: before discharge, weighted goals (one discontinued, one not described at every level), measures
// of every kind the patient's words tell apart, every way an activity can be handed over or carry on,
// shorthand in the referral's reason. Mrs B and Mr C are drafted in full below: the summary is what the
// GP and the patient read, so each section's words are held exactly, not only in part.
const L = { '-2': 'Stays in bed', '-1': 'Sits out for an hour', '0': 'Sits out all morning.', '+1': 'Sits out all day', '+2': 'Goes out in the car' };
function mrCFacts(o: Partial<DischargeFacts> = {}): DischargeFacts {
  const b = mrsBFacts();
  return {
    ...b,
    service: 'd2a-pathway-1',
    teamName: 'Leek Community Rehab',
    teamBase: 'Leek Moorlands Hospital',
    referral: { receivedOn: '2026-11-02', reason: 'Deconditioned after a chest infection, NWB right leg, MCID unknown!', presentingNeeds: 'Falls at home', referrerName: 'Dr Shah' },
    episode: { status: 'active', firstContactOn: '2026-11-03', plannedEndOn: null, dischargedOn: null, outcome: null, destination: null, note: 'Daughter to be told' },
    contacts: { count: 1, firstOn: '2026-11-03', lastOn: '2026-11-03' },
    therapyMinutes: { physiotherapy: 0 },
    goals: [
      { statement: 'Sit out of bed', levels: L, baselineLevel: -2, importance: 3, difficulty: 2, status: 'active', statusReason: null, latest: { level: 2, timePoint: 'review', ratedOn: '2026-11-20' } },
      { statement: 'Walk to the toilet', levels: { '-2': 'Bed-bound', '-1': '', '0': 'Walks with a frame' }, baselineLevel: -1, importance: 1, difficulty: 1, status: 'active', statusReason: null, latest: { level: -1, timePoint: 'other', ratedOn: '2026-11-21' } },
      { statement: 'Bathe', levels: L, baselineLevel: -1, importance: 2, difficulty: 2, status: 'discontinued', statusReason: 'Prefers a strip wash', latest: null },
      { statement: 'Climb stairs', levels: L, baselineLevel: -1, importance: 2, difficulty: 1, status: 'active', statusReason: null, latest: { level: -2, timePoint: 'review', ratedOn: '2026-11-22' } },
      { statement: 'Shop', levels: L, baselineLevel: -2, importance: 0, difficulty: 3, status: 'discontinued', statusReason: null, latest: { level: -1, timePoint: 'review', ratedOn: '2026-11-22' } },
    ],
    measures: [
      { instrumentId: 'fes-i', instrumentName: 'Falls Efficacy Scale', unit: 'points', direction: 'higher-is-worse', first: { total: 40, on: '2026-11-03', band: 'High concern' }, last: { total: 30, on: '2026-11-20', band: null }, change: { change: -10, direction: 'improved', passesMinimalChange: true, threshold: 5, thresholdKind: 'MCID', summary: 'Down 10 points (improved)' } },
      { instrumentId: 'lawton-iadl', instrumentName: 'Lawton IADL', unit: 'points', direction: 'higher-is-better', first: { total: 5, on: '2026-11-03', band: null }, last: { total: 3, on: '2026-11-20', band: null }, change: { change: -2, direction: 'worse', passesMinimalChange: true, threshold: 1, thresholdKind: 'MCID', summary: 'Down 2 points (worse).' } },
      { instrumentId: 'grip', instrumentName: 'Grip strength', unit: 'kg', direction: 'higher-is-worse', first: { total: 20, on: '2026-11-03', band: null }, last: { total: 22, on: '2026-11-20', band: null }, change: null },
      { instrumentId: 'sway', instrumentName: 'Sway test', unit: 'seconds', direction: null, first: { total: 9, on: '2026-11-03', band: null }, last: { total: 9, on: '2026-11-20', band: 'Normal' }, change: null },
      { instrumentId: 'reach', instrumentName: 'Reach test', unit: 'cm', direction: null, first: { total: 9, on: '2026-11-03', band: null }, last: { total: 12, on: '2026-11-20', band: null }, change: { change: 3, direction: 'improved', passesMinimalChange: false, threshold: null, thresholdKind: null, summary: 'Up 3 cm' } },
      { instrumentId: 'timed-up-and-go', instrumentName: 'Timed Up and Go', unit: 'seconds', direction: 'higher-is-worse', first: { total: 21, on: '2026-11-03', band: 'Falls risk' }, last: null, change: null },
    ],
    programme: [
      { title: 'Leg raises', kind: 'exercise', instructions: 'Ten each side', timesPerPeriod: 2, period: 'day', delivererKind: 'self', status: 'active', done: 0, partlyDone: 0, notDone: 4 },
      { title: 'Transfers', kind: 'functional-practice', instructions: 'Bed to chair', timesPerPeriod: 5, period: 'week', delivererKind: 'carer', status: 'handed-over', handedOverTo: { kind: 'carer', name: null }, done: 1, partlyDone: 3, notDone: 0 },
      { title: 'Dressing', kind: 'carer-training', instructions: 'Top half first', timesPerPeriod: 1, period: 'week', delivererKind: 'agency', status: 'handed-over', handedOverTo: { kind: 'agency', name: 'Carewell' }, done: 2, partlyDone: 0, notDone: 0 },
      { title: 'Stairs', kind: 'functional-practice', instructions: 'One flight', timesPerPeriod: 1, period: 'day', delivererKind: 'staff', status: 'handed-over', handedOverTo: { kind: 'agency', name: null }, done: 1, partlyDone: 0, notDone: 0 },
      { title: 'Walking outdoors', kind: 'exercise', instructions: 'To the gate', timesPerPeriod: 1, period: 'day', delivererKind: 'staff', status: 'handed-over', handedOverTo: { kind: 'service', name: 'Reablement team' }, done: 1, partlyDone: 0, notDone: 0 },
      { title: 'Steps', kind: 'exercise', instructions: 'Front step', timesPerPeriod: 1, period: 'day', delivererKind: 'staff', status: 'handed-over', handedOverTo: { kind: 'service', name: null }, done: 1, partlyDone: 0, notDone: 0 },
      { title: 'Grab rail', kind: 'equipment-use', instructions: 'Use it', timesPerPeriod: 1, period: 'day', delivererKind: 'self', status: 'handed-over', handedOverTo: null, done: 1, partlyDone: 0, notDone: 0 },
      { title: 'Carer exercise', kind: 'exercise', instructions: 'With Tom', timesPerPeriod: 1, period: 'day', delivererKind: 'carer', status: 'active', done: 1, partlyDone: 0, notDone: 0 },
      { title: 'Self practice', kind: 'functional-practice', instructions: 'Kettle', timesPerPeriod: 1, period: 'day', delivererKind: 'self', status: 'active', done: 1, partlyDone: 0, notDone: 0 },
      { title: 'Own kit', kind: 'equipment-use', instructions: 'x', timesPerPeriod: 1, period: 'day', delivererKind: 'self', status: 'active', done: 1, partlyDone: 0, notDone: 0 },
      { title: 'Stopped one', kind: 'exercise', instructions: 'x', timesPerPeriod: 1, period: 'day', delivererKind: 'self', status: 'stopped', done: 1, partlyDone: 0, notDone: 0 },
    ],
    onwardReferrals: [{ toService: 'Wheelchair service', note: null, sentOn: '2026-11-21', acknowledged: false }],
    now: '2026-11-24T11:00:00.000Z',
    ...o,
  };
}

const mrsBDraft = {
  'reason-for-referral': {
    text: 'Referred to North Staffs Therapies (Stroke early supported discharge) on 27 October 2026 by Ward 7.\nReason: Left-sided weakness after stroke, now home.',
    patientText: 'You were referred to us, the North Staffs Therapies team, on 27 October 2026 for stroke rehabilitation at home after leaving hospital.\nThe reason given was: left-sided weakness after stroke, now home.',
    source: 'From the referral: when it was received, who referred and why (in plain words for the patient).',
  },
  'what-we-did': {
    text: 'Seen 6 times between 28 October 2026 and 23 November 2026 (finalised contact notes).\nTherapy minutes (SSNAP, by therapy type): Physiotherapy 40, Occupational therapy 120; total 160 minutes.',
    patientText: 'We saw or spoke to you 6 times between 28 October 2026 and 23 November 2026. In total you had 160 minutes of therapy with us.',
    source: 'From the finalised contact notes: how many times the patient was seen, and the SSNAP therapy minutes.',
  },
  'goals': {
    text: '1. “I want to make my own cup of tea”. Baseline -1 (somewhat less than expected: Makes a hot drink with help). At discharge +1 (somewhat more than expected: Makes a drink and a snack on her own). Achieved.\n2. “I want to walk to the post box”. Baseline -1 (somewhat less than expected: Walks to the gate with a frame). At discharge 0 (expected outcome: Walks to the post box with a stick).\nGAS T-score (unweighted, 2 goals): 37.60 at baseline, 56.20 at discharge. 50 = goals met as expected.',
    patientText: '- Your goal: “I want to make my own cup of tea”. When we started: makes a hot drink with help. Now: makes a drink and a snack on her own. You did better than we hoped.\n- Your goal: “I want to walk to the post box”. When we started: walks to the gate with a frame. Now: walks to the post box with a stick. You reached this goal.',
    source: 'From the goals record: each goal in the patient’s words, its baseline level and latest rating; the GAS T-score is calculated from them.',
  },
  'outcome-measures': {
    text: '- Barthel Index: from 12 to 16 points. First 28 October 2026 (severe dependency), last 23 November 2026 (moderate dependency). Up 4 points (improved): passes the minimal clinically important difference of 1.85 points (stroke; Hsieh 2007).\n- Timed Up and Go: from 15.2 to 14.5 seconds. First 28 October 2026, last 23 November 2026. Down 0.7 seconds (improved): does not reach the minimal detectable change of 2.9 seconds.\n- Berg Balance Scale: 40 points on 28 October 2026; scored once, so no change to report.',
    patientText: '- Your score for everyday activities (the Barthel Index) went up from 12 to 16. This is a real improvement.\n- Your time for the stand up and walk test (the Timed Up and Go test) went down from 15.2 to 14.5 seconds. A shorter time is better. This is a small change, so it may not be a real difference.\n- Your score for balance (the Berg Balance Scale) was 40. We measured it once, so there is no change to report.',
    source: 'From the assessments record: the first and last score of each measure, the change and whether it reaches the minimal important change.',
  },
  'programme': {
    text: '- Sit to stand practice (exercise, 3 times a day, by the patient): done 12, partly done 2, not done 1. Handed over at discharge: the patient continues on their own.\n- Kitchen practice (functional practice, twice a week, by staff): done 5. Completed.\n- Kettle tipper (equipment use, once a day, by the patient): done 3. Completed.',
    patientText: '- Sit to stand practice: done 12 times. Please keep doing this on your own.\n- Kitchen practice: done 5 times. You have finished this.\n- Kettle tipper: done 3 times. You have finished this.',
    source: 'From the programme of care: each activity, how many times it was logged as done, and how it ended or who took it over at discharge.',
  },
  'advice': {
    text: '- Stay active: Walk a little further each day; the Tuesday walking group meets at the library.\n- Continue independently: Sit to stand practice, 3 times a day.',
    patientText: '- Stay active: Walk a little further each day; the Tuesday walking group meets at the library.\n- Keep doing “Sit to stand practice” 3 times a day.',
    source: 'From the programme of care: advice and signposting, and the activities handed over at discharge (or the patient’s own exercises, before discharge). Add any other advice you gave.',
  },
  'onward-referrals': {
    text: '- Falls prevention service: referred 20 November 2026, acknowledged. Fear of falling outdoors.',
    patientText: '- We have asked the Falls prevention service to help you. They will contact you.',
    source: 'From the episode’s onward referrals: each service referred to, when, and whether it has acknowledged.',
  },
  'equipment': {
    text: '- Practised using: Kettle tipper.',
    patientText: '- We showed you how to use: kettle tipper.',
    source: 'Homeward does not keep an equipment record yet: write in any equipment issued or recommended (with the loan reference), what is to be collected, and who to contact about it.',
  },
  'follow-up': {
    text: 'Discharged on 24 November 2026.\nOutcome: Goals met.\nDestination: Home with no support.\nManaging well with daughter nearby.\nNo further follow-up planned by North Staffs Therapies. Please re-refer if needs change.',
    patientText: 'Your therapy with us finished on 24 November 2026. You reached the goals we agreed together. You are at home and managing on your own. If things get harder, or you have questions about this letter, contact the North Staffs Therapies team at Haywood Hospital. Your GP can also refer you to us again.',
    source: 'From the episode: discharge date, outcome, destination and note; and the team’s details.',
  },
};
const mrCDraft = {
  'reason-for-referral': {
    text: 'Referred to Leek Community Rehab (D2A pathway 1) on 2 November 2026 by Dr Shah.\nReason: Deconditioned after a chest infection, NWB right leg, MCID unknown!\nPresenting needs: Falls at home.',
    patientText: 'You were referred to us, the Leek Community Rehab team, on 2 November 2026 for help to recover at home after your hospital stay.',
    source: 'From the referral: when it was received, who referred and why. The referral’s reason uses “MCID”, so it is left out of the patient’s words: add it in everyday words if it helps.',
  },
  'what-we-did': {
    text: 'Seen once on 3 November 2026 (finalised contact notes).\nTherapy minutes (SSNAP, by therapy type): none recorded.',
    patientText: 'We saw or spoke to you once on 3 November 2026.',
    source: 'From the finalised contact notes: how many times the patient was seen, and the SSNAP therapy minutes.',
  },
  'goals': {
    text: '1. “Sit out of bed” (importance 3, difficulty 2). Baseline -2 (much less than expected: Stays in bed). Latest (review, 20 November 2026) +2 (much more than expected: Goes out in the car).\n2. “Walk to the toilet” (importance 1, difficulty 1). Baseline -1 (somewhat less than expected). Latest (other, 21 November 2026) -1 (somewhat less than expected).\n3. “Bathe” (importance 2, difficulty 2). Baseline -1 (somewhat less than expected: Sits out for an hour). Not yet rated. Discontinued: Prefers a strip wash.\n4. “Climb stairs” (importance 2, difficulty 1). Baseline -1 (somewhat less than expected: Sits out for an hour). Latest (review, 22 November 2026) -2 (much less than expected: Stays in bed).\n5. “Shop” (importance 0, difficulty 3). Baseline -2 (much less than expected: Stays in bed). Latest (review, 22 November 2026) -1 (somewhat less than expected: Sits out for an hour). Discontinued.\nGAS T-score (weighted by importance x difficulty, 3 goals): 29.40 at baseline, 59.62 at discharge. 50 = goals met as expected.',
    patientText: '- Your goal: “Sit out of bed”. When we started: stays in bed. Now: goes out in the car. You did much better than we hoped.\n- Your goal: “Walk to the toilet”. You did not reach this goal this time.\n- Your goal: “Climb stairs”. When we started: sits out for an hour. Now: stays in bed. This goal became harder for you.',
    source: 'From the goals record: each goal in the patient’s words, its baseline level and latest rating; the GAS T-score is calculated from them.',
  },
  'outcome-measures': {
    text: '- Falls Efficacy Scale: from 40 to 30 points. First 3 November 2026 (high concern), last 20 November 2026. Down 10 points (improved).\n- Lawton IADL: from 5 to 3 points. First 3 November 2026, last 20 November 2026. Down 2 points (worse).\n- Grip strength: from 20 to 22 kg. First 3 November 2026, last 20 November 2026.\n- Sway test: from 9 to 9 seconds. First 3 November 2026, last 20 November 2026 (normal).\n- Reach test: from 9 to 12 cm. First 3 November 2026, last 20 November 2026. Up 3 cm.\n- Timed Up and Go: 21 seconds (falls risk) on 3 November 2026; scored once, so no change to report.',
    patientText: '- Your score for how worried you are about falling (the Falls Efficacy Scale) went down from 40 to 30. A lower score is better. This is a real improvement.\n- Your score for running your home, such as shopping, cooking and money (the Lawton scale) went down from 5 to 3. This is a real change, and it means things got harder.\n- Your score on the Grip strength went up from 20 to 22. A lower score is better. This means things got harder.\n- Your score on the Sway test stayed at 9 seconds.\n- Your score on the Reach test went up from 9 to 12. This means things got better.\n- Your time for the stand up and walk test (the Timed Up and Go test) was 21 seconds. We measured it once, so there is no change to report.',
    source: 'From the assessments record: the first and last score of each measure, the change and whether it reaches the minimal important change.',
  },
  'programme': {
    text: '- Leg raises (exercise, twice a day, by the patient): done 0, not done 4. Active until discharge, when it will be ended or handed over.\n- Transfers (functional practice, 5 times a week, with a carer): done 1, partly done 3. Handed over at discharge to a carer, carer.\n- Dressing (carer training, once a week, by the care agency): done 2. Handed over at discharge to Carewell, care agency.\n- Stairs (functional practice, once a day, by staff): done 1. Handed over at discharge to a care agency, care agency.\n- Walking outdoors (exercise, once a day, by staff): done 1. Handed over at discharge to Reablement team.\n- Steps (exercise, once a day, by staff): done 1. Handed over at discharge to another service.\n- Grab rail (equipment use, once a day, by the patient): done 1. Handed over at discharge.\n- Carer exercise (exercise, once a day, with a carer): done 1. Active until discharge, when it will be ended or handed over.\n- Self practice (functional practice, once a day, by the patient): done 1. Active until discharge, when it will be ended or handed over.\n- Own kit (equipment use, once a day, by the patient): done 1. Active until discharge, when it will be ended or handed over.\n- Stopped one (exercise, once a day, by the patient): done 1. Stopped.',
    patientText: '- Leg raises: not recorded as done yet. We will tell you before your therapy with us finishes whether to keep doing this.\n- Transfers: done once. Your carer will help you keep doing this.\n- Dressing: done twice. Your carers from Carewell will help you keep doing this.\n- Stairs: done once. Your carers from the care agency will help you keep doing this.\n- Walking outdoors: done once. Reablement team will help you with this from now on.\n- Steps: done once. Another service will help you with this from now on.\n- Grab rail: done once. Please keep doing this on your own.\n- Carer exercise: done once. We will tell you before your therapy with us finishes whether to keep doing this.\n- Self practice: done once. We will tell you before your therapy with us finishes whether to keep doing this.\n- Own kit: done once. We will tell you before your therapy with us finishes whether to keep doing this.\n- Stopped one: done once. This has stopped.',
    source: 'From the programme of care: each activity, how many times it was logged as done, and how it ended or who took it over at discharge.',
  },
  'advice': {
    text: '- Continue independently: Leg raises, twice a day.\n- Continue with a carer (carer): Transfers, 5 times a week.\n- Continue with Carewell (care agency): Dressing, once a week.\n- Continue with the care agency (care agency): Stairs, once a day.\n- Continue by Reablement team: Walking outdoors, once a day.\n- Continue by another service: Steps, once a day.\n- Continue independently: Grab rail, once a day.\n- Continue independently: Self practice, once a day.',
    patientText: '- Keep doing “Leg raises” twice a day.\n- Keep doing “Transfers” 5 times a week. Your carer will help you keep doing this.\n- Keep doing “Dressing” once a week. Your carers from Carewell will help you keep doing this.\n- Keep doing “Stairs” once a day. Your carers from the care agency will help you keep doing this.\n- Keep doing “Walking outdoors” once a day. Reablement team will help you with this from now on.\n- Keep doing “Steps” once a day. Another service will help you with this from now on.\n- Keep doing “Grab rail” once a day.\n- Keep doing “Self practice” once a day.',
    source: 'From the programme of care: advice and signposting, and the activities handed over at discharge (or the patient’s own exercises, before discharge). Add any other advice you gave.',
  },
  'onward-referrals': {
    text: '- Wheelchair service: referred 21 November 2026, not yet acknowledged.',
    patientText: '- We have asked the Wheelchair service to help you. They will contact you.',
    source: 'From the episode’s onward referrals: each service referred to, when, and whether it has acknowledged.',
  },
  'equipment': {
    text: '- Practised using: Grab rail.\n- Practised using: Own kit.',
    patientText: '- We showed you how to use: grab rail.\n- We showed you how to use: own kit.',
    source: 'Homeward does not keep an equipment record yet: write in any equipment issued or recommended (with the loan reference), what is to be collected, and who to contact about it.',
  },
  'follow-up': {
    text: 'Discharge being planned.\nDaughter to be told.\nNo further follow-up planned by Leek Community Rehab. Please re-refer if needs change.',
    patientText: 'Your therapy with us is coming to an end. If things get harder, or you have questions about this letter, contact the Leek Community Rehab team at Leek Moorlands Hospital. Your GP can also refer you to us again.',
    source: 'From the episode: discharge date, outcome, destination and note; and the team’s details.',
  },
};

const bySection = (content: ReturnType<typeof draftDischargeSummary>) => Object.fromEntries(content.sections.map(({ id, ...rest }) => [id, rest]));

describe('draftDischargeSummary: every word of two drafts', () => {
  it('drafts Mrs B’s summary, discharged, word for word', () => {
    expect(bySection(draftDischargeSummary(mrsBFacts()))).toEqual(mrsBDraft);
  });

  it('drafts Mr C’s summary, before discharge, word for word', () => {
    const draft = draftDischargeSummary(mrCFacts());
    expect(bySection(draft)).toEqual(mrCDraft);
    // Discontinued goals are left out: w = [6, 1, 2], baseline x = [-2, -1, -1], latest x = [+2, -1, -2].
    expect(draft.goalAttainment).toEqual({ goals: 3, baselineTScore: 29.4, dischargeTScore: 59.62, weighted: true });
    expect(draft.draftedAt).toBe('2026-11-24T11:00:00.000Z');
  });
});

describe('draftDischargeSummary: the other ways each section reads', () => {
  const section = (facts: DischargeFacts, id: DischargeSummarySectionId) => sectionOf(draftDischargeSummary(facts), id);

  it('counts contacts: none, twice, and without dates', () => {
    expect(section(mrsBFacts({ contacts: { count: 0, firstOn: null, lastOn: null }, therapyMinutes: null }), 'what-we-did')).toEqual({
      id: 'what-we-did',
      text: 'No face-to-face or telephone contacts are recorded in finalised notes.',
      patientText: 'We have no visits recorded yet.',
      source: 'From the finalised contact notes: how many times the patient was seen.',
    });
    expect(section(mrsBFacts({ contacts: { count: 2, firstOn: '2026-11-01', lastOn: null }, therapyMinutes: { psychology: 30, other: 15 } }), 'what-we-did')).toMatchObject({
      text: 'Seen twice (finalised contact notes).\nTherapy minutes (SSNAP, by therapy type): Psychology 30, Other 15; total 45 minutes.',
      patientText: 'We saw or spoke to you twice. In total you had 45 minutes of therapy with us.',
    });
    expect(section(mrsBFacts({ contacts: { count: 3, firstOn: null, lastOn: '2026-11-01' }, therapyMinutes: {} }), 'what-we-did').text).toBe(
      'Seen 3 times (finalised contact notes).\nTherapy minutes (SSNAP, by therapy type): none recorded.',
    );
  });

  it('gives no T-score when every weight is 0, as the goals page does, and reads a goal with no levels described', () => {
    const facts = mrCFacts();
    // Every goal rated not at all important: the weighted formula is 0 / 0. The goals page
    // (goal-scores.ts) shows no score and says why; the draft once fell back to an unweighted 31.74.
    const zero = draftDischargeSummary({ ...facts, goals: facts.goals.map((g) => ({ ...g, importance: 0 })) });
    expect(zero.goalAttainment).toEqual({ goals: 3, baselineTScore: null, dischargeTScore: null, weighted: true });
    expect(sectionOf(zero, 'goals').text).toMatch(/\nGAS T-score not calculated \(every goal has weight 0: at least one goal must matter to the patient\)\.$/);
    // Difficulty 0 with importance above 0 is weight 0 too.
    const noDifficulty = draftDischargeSummary({ ...facts, goals: facts.goals.map((g) => ({ ...g, difficulty: 0 })) });
    expect(noDifficulty.goalAttainment).toEqual({ goals: 3, baselineTScore: null, dischargeTScore: null, weighted: true });
    const one = draftDischargeSummary({ ...facts, goals: [{ ...facts.goals[0]!, levels: {}, status: 'achieved', latest: { level: 0, timePoint: 'discharge', ratedOn: '2026-11-23' } }] });
    expect(sectionOf(one, 'goals')).toMatchObject({
      text: '1. “Sit out of bed” (importance 3, difficulty 2). Baseline -2 (much less than expected). At discharge 0 (expected outcome). Achieved.\nGAS T-score (weighted by importance x difficulty, 1 goal): 30.00 at baseline, 50.00 at discharge. 50 = goals met as expected.',
      patientText: '- Your goal: “Sit out of bed”. You reached this goal.',
    });
  });

  it('says a goal not yet rated and a T-score not calculated', () => {
    const facts = mrCFacts();
    const unrated = draftDischargeSummary({ ...facts, goals: [{ ...facts.goals[1]!, importance: null, latest: null }] });
    expect(unrated.goalAttainment).toEqual({ goals: 1, baselineTScore: 40, dischargeTScore: null, weighted: false });
    expect(sectionOf(unrated, 'goals').text).toBe(
      '1. “Walk to the toilet”. Baseline -1 (somewhat less than expected). Not yet rated.\nGAS T-score (unweighted, 1 goal): 40.00 at baseline, not yet calculable at discharge (not every goal is rated). 50 = goals met as expected.',
    );
    const allDiscontinued = draftDischargeSummary({ ...facts, goals: [facts.goals[2]!] });
    expect(allDiscontinued.goalAttainment).toEqual({ goals: 0, baselineTScore: null, dischargeTScore: null, weighted: false });
    expect(sectionOf(allDiscontinued, 'goals')).toMatchObject({ text: expect.stringMatching(/\nGAS T-score not calculated \(there are no goals to score\)\.$/), patientText: '' });
  });

  it('weights a goal of weight 0 as nothing when another goal has weight, and is unweighted when any goal lacks importance or difficulty', () => {
    const facts = mrCFacts();
    // w = [6, 0, 2]; baseline x = [-2, -1, -1]: 50 - 10 x 14 / sqrt(0.7 x 40 + 0.3 x 64) = 29.62;
    // latest x = [+2, -1, -2]: 50 + 10 x 8 / sqrt(47.2) = 61.64.
    const oneZero = draftDischargeSummary({ ...facts, goals: facts.goals.map((g, i) => (i === 1 ? { ...g, importance: 0 } : g)) });
    expect(oneZero.goalAttainment).toEqual({ goals: 3, baselineTScore: 29.62, dischargeTScore: 61.64, weighted: true });
    // Unweighted, x = [-2, -1] -> 50 - 30 / sqrt(0.7 x 2 + 0.3 x 4) = 31.39; [+2, -1] -> 50 + 10 / sqrt(2.6) = 56.20.
    const unweighted = { goals: 2, baselineTScore: 31.39, dischargeTScore: 56.2, weighted: false };
    const noImportance = draftDischargeSummary({ ...facts, goals: [facts.goals[0]!, { ...facts.goals[1]!, importance: null }] });
    expect(noImportance.goalAttainment).toEqual(unweighted);
    const noDifficulty = draftDischargeSummary({ ...facts, goals: [facts.goals[0]!, { ...facts.goals[1]!, difficulty: null }] });
    expect(noDifficulty.goalAttainment).toEqual(unweighted);
    // A goal with importance but no difficulty gives neither in the text.
    expect(sectionOf(noDifficulty, 'goals').text).toContain('\n2. “Walk to the toilet”. Baseline -1 (somewhat less than expected). Latest (other, 21 November 2026) -1');
    expect(sectionOf(noDifficulty, 'goals').text).toContain('GAS T-score (unweighted, 2 goals): 31.39 at baseline, 56.20 at discharge.');
  });

  it('tells the patient a goal not yet rated without a "now", and trims the words of each level', () => {
    const facts = mrCFacts();
    const unrated = draftDischargeSummary({ ...facts, goals: [{ ...facts.goals[0]!, latest: null }] });
    expect(sectionOf(unrated, 'goals').patientText).toBe('- Your goal: “Sit out of bed”. When we started: stays in bed. We have not yet looked at how far you got with this goal.');
    const spaced = draftDischargeSummary({ ...facts, goals: [{ ...facts.goals[0]!, levels: { ...L, '-2': '  Stays in bed ', '+2': ' Goes out in the car  ' } }] });
    expect(sectionOf(spaced, 'goals').text).toMatch(/^1\. “Sit out of bed” \(importance 3, difficulty 2\)\. Baseline -2 \(much less than expected: Stays in bed\)\. Latest \(review, 20 November 2026\) \+2 \(much more than expected: Goes out in the car\)\.\n/);
  });

  it('ends typed text with one full stop, whatever spaces are around it', () => {
    const facts = mrCFacts({
      referral: { receivedOn: '2026-11-02', reason: 'Falls ', presentingNeeds: ' Lives alone. ', referrerName: 'Dr Shah' },
      episode: { ...mrCFacts().episode, note: ' Daughter to be told?  ' },
      onwardReferrals: [{ toService: 'Wheelchair service', note: 'Needs a cushion ', sentOn: '2026-11-21', acknowledged: false }],
    });
    const d = draftDischargeSummary(facts);
    expect(sectionOf(d, 'reason-for-referral').text).toBe('Referred to Leek Community Rehab (D2A pathway 1) on 2 November 2026 by Dr Shah.\nReason: Falls.\nPresenting needs: Lives alone.');
    expect(sectionOf(d, 'follow-up').text).toBe('Discharge being planned.\nDaughter to be told?\nNo further follow-up planned by Leek Community Rehab. Please re-refer if needs change.');
    expect(sectionOf(d, 'onward-referrals').text).toBe('- Wheelchair service: referred 21 November 2026, not yet acknowledged. Needs a cushion.');
  });

  it('gives advice handed over at discharge as advice once, not as an activity to continue', () => {
    const facts = mrsBFacts();
    const advice = { ...facts.programme.find((a) => a.kind === 'advice-signposting')!, status: 'handed-over' as const, handedOverTo: { kind: 'self' as const, name: null } };
    const s = sectionOf(draftDischargeSummary({ ...facts, programme: [advice] }), 'advice');
    expect(s.text).toBe('- Stay active: Walk a little further each day; the Tuesday walking group meets at the library.');
    expect(s.patientText).toBe('- Stay active: Walk a little further each day; the Tuesday walking group meets at the library.');
  });

  it('says when a goal moved up from baseline without reaching it', () => {
    const facts = mrCFacts();
    const progress = draftDischargeSummary({ ...facts, goals: [{ ...facts.goals[0]!, latest: { level: -1, timePoint: 'review', ratedOn: '2026-11-20' } }] });
    expect(sectionOf(progress, 'goals').patientText).toBe('- Your goal: “Sit out of bed”. When we started: stays in bed. Now: sits out for an hour. You made progress, but did not fully reach this goal.');
  });

  it('reads a referral with no shorthand left once put in plain words, and a reason already ending in a stop', () => {
    const r = section(mrCFacts({ referral: { receivedOn: '2026-11-02', reason: 'Fit for discharge, now mobilising with a frame?', presentingNeeds: null, referrerName: 'Ward 3' } }), 'reason-for-referral');
    expect(r).toEqual({
      id: 'reason-for-referral',
      text: 'Referred to Leek Community Rehab (D2A pathway 1) on 2 November 2026 by Ward 3.\nReason: Fit for discharge, now mobilising with a frame?',
      patientText:
        'You were referred to us, the Leek Community Rehab team, on 2 November 2026 for help to recover at home after your hospital stay.\nThe reason given was: well enough to leave hospital, now walking with a frame?',
      source: 'From the referral: when it was received, who referred and why (in plain words for the patient).',
    });
    expect(section(mrCFacts({ service: 'community-physio' }), 'reason-for-referral')).toMatchObject({
      text: expect.stringMatching(/^Referred to Leek Community Rehab \(community-physio\) on/),
      patientText: 'You were referred to us, the Leek Community Rehab team, on 2 November 2026 for rehabilitation.',
    });
    expect(section(mrCFacts({ referral: { receivedOn: '2026-11-02', reason: '', presentingNeeds: null, referrerName: 'Ward 3' } }), 'reason-for-referral').patientText).toBe(
      'You were referred to us, the Leek Community Rehab team, on 2 November 2026 for help to recover at home after your hospital stay.\nThe reason given was: .',
    );
  });

  it('follows up a discharge with an uncoded outcome, no destination and no note, or one with no plain words', () => {
    const discharged = { status: 'discharged' as const, firstContactOn: '2026-11-03', plannedEndOn: null, dischargedOn: '2026-11-24', note: null };
    expect(section(mrCFacts({ episode: { ...discharged, outcome: 'moved away', destination: null } }), 'follow-up')).toMatchObject({
      text: 'Discharged on 24 November 2026.\nOutcome: moved away.\nNo further follow-up planned by Leek Community Rehab. Please re-refer if needs change.',
      patientText:
        'Your therapy with us finished on 24 November 2026. If things get harder, or you have questions about this letter, contact the Leek Community Rehab team at Leek Moorlands Hospital. Your GP can also refer you to us again.',
    });
    expect(section(mrCFacts({ episode: { ...discharged, outcome: 'died', destination: 'not-applicable' } }), 'follow-up')).toMatchObject({
      text: 'Discharged on 24 November 2026.\nOutcome: Died.\nDestination: Not applicable.\nNo further follow-up planned by Leek Community Rehab. Please re-refer if needs change.',
      patientText: expect.stringMatching(/^Your therapy with us finished on 24 November 2026\. If things get harder/),
    });
    expect(section(mrCFacts({ episode: { ...discharged, outcome: null, destination: 'somewhere' } }), 'follow-up')).toMatchObject({
      text: 'Discharged on 24 November 2026.\nDestination: somewhere.\nNo further follow-up planned by Leek Community Rehab. Please re-refer if needs change.',
      // No outcome recorded: nothing said of it to the patient.
      patientText:
        'Your therapy with us finished on 24 November 2026. If things get harder, or you have questions about this letter, contact the Leek Community Rehab team at Leek Moorlands Hospital. Your GP can also refer you to us again.',
    });
    expect(section(mrCFacts({ episode: { ...discharged, status: 'active', dischargedOn: null, outcome: null, destination: null, plannedEndOn: '2026-12-01' } }), 'follow-up').patientText).toMatch(
      /^Your therapy with us is due to finish on 1 December 2026\. If things/,
    );
  });

  it('reads a measure scored once in points, and a worse score that passes the threshold for a measure where higher is better', () => {
    const m = mrCFacts().measures[0]!;
    const once = section(mrCFacts({ measures: [{ ...m, first: { total: 40, on: '2026-11-03', band: null }, last: null, change: null }] }), 'outcome-measures');
    expect(once).toMatchObject({
      text: '- Falls Efficacy Scale: 40 points on 3 November 2026; scored once, so no change to report.',
      patientText: '- Your score for how worried you are about falling (the Falls Efficacy Scale) was 40. We measured it once, so there is no change to report.',
    });
    const worse = section(mrCFacts({ measures: [{ ...m, last: { total: 50, on: '2026-11-20', band: null }, change: { ...m.change!, passesMinimalChange: true } }] }), 'outcome-measures');
    expect(worse.patientText).toBe('- Your score for how worried you are about falling (the Falls Efficacy Scale) went up from 40 to 50. A lower score is better. This is a real change, and it means things got harder.');
    const small = section(mrCFacts({ measures: [{ ...m, change: { ...m.change!, passesMinimalChange: false } }] }), 'outcome-measures');
    expect(small.patientText).toBe(
      '- Your score for how worried you are about falling (the Falls Efficacy Scale) went down from 40 to 30. A lower score is better. This is a small change, so it may not be a real difference.',
    );
    const unknownBetter = section(mrCFacts({ measures: [{ ...m, instrumentId: 'x', instrumentName: 'X scale', direction: 'higher-is-better', change: null }] }), 'outcome-measures');
    expect(unknownBetter.patientText).toBe('- Your score on the X scale went down from 40 to 30. This means things got harder.');
  });

  it('names every instrument it explains in everyday words', () => {
    const m = mrCFacts().measures[5]!;
    const said = (instrumentId: string) => section(mrCFacts({ measures: [{ ...m, instrumentId, unit: 'points' }] }), 'outcome-measures').patientText;
    expect(said('barthel-index')).toMatch(/^- Your score for everyday activities \(the Barthel Index\) was 21\./);
    expect(said('berg-balance-scale')).toMatch(/^- Your score for balance \(the Berg Balance Scale\) was 21\./);
    expect(said('short-fes-i')).toMatch(/^- Your score for how worried you are about falling \(the short Falls Efficacy Scale\) was 21\./);
    expect(said('nottingham-extended-adl')).toMatch(/^- Your score for activities in and around your home \(the Nottingham Extended Activities of Daily Living scale\) was 21\./);
    expect(said('modified-rankin-scale')).toMatch(/^- Your score for how much your stroke affects your daily life \(the Modified Rankin Scale\) was 21\./);
    const lower = (instrumentId: string) =>
      section(mrCFacts({ measures: [{ ...m, instrumentId, unit: 'points', last: { total: 20, on: '2026-11-20', band: null } }] }), 'outcome-measures').patientText;
    expect(lower('short-fes-i')).toContain('A lower score is better. This means things got better.');
    expect(lower('modified-rankin-scale')).toContain('A lower score is better. This means things got better.');
    expect(lower('berg-balance-scale')).toContain('went down from 21 to 20. This means things got harder.');
    expect(lower('nottingham-extended-adl')).toContain('went down from 21 to 20. This means things got harder.');
  });

  it('says plainly when there is no programme, no onward referral and nothing handed over', () => {
    const none = draftDischargeSummary(mrCFacts({ programme: [], onwardReferrals: [] }));
    expect(sectionOf(none, 'programme')).toEqual({ id: 'programme', text: 'No programme of care activities were recorded.', patientText: '', source: 'From the programme of care: none recorded.' });
    expect(sectionOf(none, 'advice')).toEqual({ id: 'advice', text: '', patientText: '', source: 'Nothing recorded as advice in the programme of care: write the advice you gave.' });
    expect(sectionOf(none, 'onward-referrals')).toEqual({ id: 'onward-referrals', text: 'None.', patientText: '', source: 'From the episode’s onward referrals: none made.' });
    expect(sectionOf(none, 'equipment')).toMatchObject({ text: '', patientText: '' });
    const empty = draftDischargeSummary(mrCFacts({ measures: [], goals: [] }));
    expect(sectionOf(empty, 'outcome-measures')).toEqual({ id: 'outcome-measures', text: 'No scored outcome measures were recorded.', patientText: '', source: 'From the assessments record: none scored.' });
    expect(sectionOf(empty, 'goals').source).toBe('From the goals record: none recorded. Add goals and their ratings there, or write them here.');
  });

  it('keeps a handed-over activity’s words to the patient once discharged, and none for the patient’s own', () => {
    const facts = mrCFacts();
    const discharged = { ...facts.episode, status: 'discharged' as const, dischargedOn: '2026-11-24' };
    const advice = section({ ...facts, episode: discharged }, 'advice');
    expect(advice.text).toBe(
      '- Continue with a carer (carer): Transfers, 5 times a week.\n- Continue with Carewell (care agency): Dressing, once a week.\n- Continue with the care agency (care agency): Stairs, once a day.\n- Continue by Reablement team: Walking outdoors, once a day.\n- Continue by another service: Steps, once a day.\n- Continue independently: Grab rail, once a day.',
    );
    const self = section({ ...facts, episode: discharged, programme: [{ ...facts.programme[1]!, handedOverTo: { kind: 'self', name: null } }] }, 'advice');
    expect(self).toMatchObject({ text: '- Continue independently: Transfers, 5 times a week.', patientText: '- Keep doing “Transfers” 5 times a week.' });
  });
});

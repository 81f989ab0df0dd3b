import { describe, expect, it } from 'vitest';
import { homewardRoles } from '../staff-roles.ts';
import {
  applyDischargeSectionEdits,
  checkDischargeSectionEdits,
  checkDischargeSummaryForFinal,
  dischargeJargon,
  dischargeSectionMaxLength,
  dischargeSummarySectionHeadings,
  dischargeSummarySectionIds,
  jargonIn,
  mayWriteDischargeSummary,
  requiredDischargeSections,
} from './discharge-summary.ts';
import { bannedAcronyms } from './plain-words.ts';
import { draftDischargeSummary } from './discharge-summary-draft.ts';
import { mrsBFacts } from './discharge-facts-for-tests.ts';

describe('the discharge summary’s rules', () => {
  it('is written by assistant practitioners, registered therapists and clinical leads only', () => {
    expect(homewardRoles.filter(mayWriteDischargeSummary)).toEqual(['assistant-practitioner', 'registered-therapist', 'clinical-lead']);
  });

  it('finds shorthand as whole words, case as written', () => {
    expect(jargonIn('Your score passed the MCID and your GAS T-score rose')).toEqual(['MCID', 'GAS', 'T-score']);
    expect(jargonIn('Use the gas cooker with care. Tom will visit. Your FES-I score')).toEqual(['FES-I']);
    expect(jargonIn('Your score for everyday activities (the Barthel Index) went up from 12 to 16.')).toEqual([]);
  });

  it('applies edits to the sections named and keeps the others', () => {
    const draft = draftDischargeSummary(mrsBFacts());
    const edited = applyDischargeSectionEdits(draft, [{ id: 'equipment', text: '  Perching stool issued (loan ref EQ-1234).  ', patientText: 'We lent you a perching stool.' }]);
    expect(edited.sections.find((s) => s.id === 'equipment')).toMatchObject({ text: 'Perching stool issued (loan ref EQ-1234).', patientText: 'We lent you a perching stool.' });
    expect(edited.sections.find((s) => s.id === 'goals')).toEqual(draft.sections.find((s) => s.id === 'goals'));
    expect(checkDischargeSectionEdits([{ id: 'advice', text: 'x'.repeat(6001), patientText: '' }])).toEqual([{ path: 'sections.advice.text', message: 'Advice given: the clinical text must be 6000 characters or fewer' }]);
  });

  it('cannot be final without the required sections, or with shorthand in the patient’s wording', () => {
    const draft = draftDischargeSummary(mrsBFacts());
    expect(checkDischargeSummaryForFinal(draft)).toEqual([]);
    const emptied = applyDischargeSectionEdits(draft, [
      { id: 'follow-up', text: '', patientText: '' },
      { id: 'outcome-measures', text: 'Barthel passes MCID', patientText: 'Your Barthel passed the MCID.' },
    ]);
    expect(checkDischargeSummaryForFinal(emptied)).toEqual([
      { path: 'sections.outcome-measures.patientText', message: 'Outcome measures: the patient’s wording uses “MCID”. Say it in everyday words, or keep it for the GP’s text' },
      { path: 'sections.follow-up.text', message: 'Follow-up and who to contact: enter the clinical text before finalising' },
      { path: 'sections.follow-up.patientText', message: 'Follow-up and who to contact: enter the patient’s wording before finalising' },
    ]);
  });
});

describe('the discharge summary’s sections, headings and limits', () => {
  it('has nine sections, each with its clinical and patient heading', () => {
    expect(dischargeSummarySectionIds.map((id) => [id, dischargeSummarySectionHeadings[id].clinical, dischargeSummarySectionHeadings[id].patient])).toEqual([
      ['reason-for-referral', 'Reason for referral', 'Why you were referred to us'],
      ['what-we-did', 'What we did', 'What we did together'],
      ['goals', 'Goals and attainment', 'Your goals'],
      ['outcome-measures', 'Outcome measures', 'How your scores changed'],
      ['programme', 'Programme of care completed', 'Your exercises and activities'],
      ['advice', 'Advice given', 'Our advice'],
      ['onward-referrals', 'Onward referrals', 'Other services we have asked to help you'],
      ['equipment', 'Equipment', 'Equipment'],
      ['follow-up', 'Follow-up and who to contact', 'What happens next and who to contact'],
    ]);
    expect(requiredDischargeSections).toEqual(['reason-for-referral', 'what-we-did', 'follow-up']);
    expect(dischargeJargon).toBe(bannedAcronyms);
  });

  it('takes 6000 characters in either text and refuses 6001, naming the section and the text', () => {
    expect(dischargeSectionMaxLength).toBe(6000);
    expect(checkDischargeSectionEdits([{ id: 'goals', text: 'x'.repeat(6000), patientText: 'y'.repeat(6000) }])).toEqual([]);
    expect(checkDischargeSectionEdits([{ id: 'goals', text: 'x'.repeat(6001), patientText: 'y'.repeat(6001) }])).toEqual([
      { path: 'sections.goals.text', message: 'Goals and attainment: the clinical text must be 6000 characters or fewer' },
      { path: 'sections.goals.patientText', message: 'Goals and attainment: the patient’s wording must be 6000 characters or fewer' },
    ]);
  });

  it('trims edited text, patient’s wording too', () => {
    const draft = draftDischargeSummary(mrsBFacts());
    const edited = applyDischargeSectionEdits(draft, [{ id: 'advice', text: ' Walk daily. ', patientText: '  Walk every day.\n' }]);
    expect(edited.sections.find((s) => s.id === 'advice')).toMatchObject({ text: 'Walk daily.', patientText: 'Walk every day.' });
    expect(edited.goalAttainment).toBe(draft.goalAttainment);
    expect(edited.draftedAt).toBe(draft.draftedAt);
  });

  it('needs text that is more than spaces in a required section, and names each shorthand in quotes', () => {
    const draft = draftDischargeSummary(mrsBFacts());
    const edited = applyDischargeSectionEdits(draft, [{ id: 'reason-for-referral', text: 'CVA', patientText: 'Your GAS and your T-score' }]);
    const spaces = { ...edited, sections: edited.sections.map((s) => (s.id === 'what-we-did' ? { ...s, text: '  ', patientText: ' ' } : s)) };
    expect(checkDischargeSummaryForFinal(spaces)).toEqual([
      { path: 'sections.reason-for-referral.patientText', message: 'Reason for referral: the patient’s wording uses “GAS”, “T-score”. Say it in everyday words, or keep it for the GP’s text' },
      { path: 'sections.what-we-did.text', message: 'What we did: enter the clinical text before finalising' },
      { path: 'sections.what-we-did.patientText', message: 'What we did: enter the patient’s wording before finalising' },
    ]);
    const optionalEmpty = applyDischargeSectionEdits(draft, [{ id: 'equipment', text: '', patientText: '' }]);
    expect(checkDischargeSummaryForFinal(optionalEmpty)).toEqual([]);
  });
});

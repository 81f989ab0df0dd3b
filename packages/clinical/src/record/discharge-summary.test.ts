import { describe, expect, it } from 'vitest';
import { homewardRoles } from '../staff-roles.ts';
import { applyDischargeSectionEdits, checkDischargeSectionEdits, checkDischargeSummaryForFinal, jargonIn, mayWriteDischargeSummary } from './discharge-summary.ts';
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

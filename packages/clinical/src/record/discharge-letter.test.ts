import { describe, expect, it } from 'vitest';
import { applyDischargeSectionEdits, jargonIn } from './discharge-summary.ts';
import { draftDischargeSummary } from './discharge-summary-draft.ts';
import { gpLetterBlocks, patientLetterBlocks, patientPostalAddress, textToLetterBlocks, type LetterBlock, type LetterPatient } from './discharge-letter.ts';
import { mrsBFacts } from './discharge-facts-for-tests.ts';

const mrsB: LetterPatient = {
  givenName: 'Betty',
  familyName: 'Bloor',
  nhsNumber: '9434765919',
  dateOfBirth: '1941-05-17',
  addressLine1: '12 Waterloo Road',
  addressLine2: null,
  town: 'Burslem',
  postcode: 'ST6 3HR',
  gpPracticeCode: 'M83001',
  gpPracticeName: 'Burslem Health Centre',
  communicationNeeds: { needs: ['large-print'], interpreterLanguage: null, notes: null },
};
const author = { name: 'Asha Patel', roleLabel: 'Therapy assistant practitioner' };
const content = draftDischargeSummary(mrsBFacts());

/** Every line of text in the blocks, as a reader meets them. */
function textOf(blocks: readonly LetterBlock[]): string {
  return blocks
    .flatMap((b) => (b.kind === 'heading' || b.kind === 'paragraph' ? [b.text] : b.kind === 'list' ? b.items : b.kind === 'rows' ? b.rows.map((r) => `${r.key}: ${r.value}`) : b.kind === 'address' ? b.lines : []))
    .join('\n');
}

describe('textToLetterBlocks', () => {
  it('turns "- " lines into one list and other lines into paragraphs', () => {
    expect(textToLetterBlocks('Seen 6 times.\n- One\n- Two\n\nThen this.\n• Three')).toEqual([
      { kind: 'paragraph', text: 'Seen 6 times.' },
      { kind: 'list', items: ['One', 'Two'] },
      { kind: 'paragraph', text: 'Then this.' },
      { kind: 'list', items: ['Three'] },
    ]);
  });
});

describe('the patient’s letter', () => {
  const letter = patientLetterBlocks({ content, patient: mrsB, teamName: 'North Staffs Therapies', teamPhone: '01632 960100', on: '2026-11-24', author, discharged: true, simpleWords: false });
  const text = textOf(letter.blocks);

  it('is addressed to the patient at home, dated, and signed', () => {
    expect(letter.blocks[0]).toEqual({ kind: 'address', lines: ['Betty Bloor', '12 Waterloo Road', 'Burslem', 'ST6 3HR'] });
    expect(text).toContain('24 November 2026\nDear Betty Bloor,');
    expect(text).toContain('Your therapy with the North Staffs Therapies team has finished.');
    expect(text).toContain('Yours sincerely,\nAsha Patel\nTherapy assistant practitioner\nNorth Staffs Therapies\nTelephone 01632 960100');
    // The number is kept on one line (no-break spaces), so nobody misdials it across a line break.
    expect(text).toContain('If you have any questions, please call us on 01632\u00a0960100.');
    expect(letter.header).toBe('Betty Bloor · NHS number 943 476 5919');
  });

  it('uses the patient’s headings and plain English, with no shorthand', () => {
    expect(text).toContain('How your scores changed');
    expect(text).toContain('Your score for everyday activities (the Barthel Index) went up from 12 to 16. This is a real improvement.');
    expect(text).toContain('We are also writing to your GP at Burslem Health Centre about your therapy.');
    expect(text).not.toContain('minimal clinically important difference');
    expect(jargonIn(text)).toEqual([]);
  });

  it('leaves out sections with no patient wording, and says so when simple words are needed', () => {
    const edited = applyDischargeSectionEdits(content, [{ id: 'equipment', text: 'Kettle tipper issued', patientText: '' }]);
    const simple = textOf(patientLetterBlocks({ content: edited, patient: mrsB, teamName: 'North Staffs Therapies', teamPhone: null, on: '2026-11-24', author, discharged: false, simpleWords: true }).blocks);
    expect(simple).not.toContain('Equipment');
    expect(simple).toContain('We have tried to use simple words.');
    expect(simple).toContain('is coming to an end');
  });

  it('has no address to print without a first line and a postcode', () => {
    expect(patientPostalAddress({ ...mrsB, addressLine1: ' ', postcode: '' })).toBeNull();
    expect(() => patientLetterBlocks({ content, patient: { ...mrsB, postcode: '' }, teamName: 'T', teamPhone: null, on: '2026-11-24', author, discharged: true, simpleWords: false })).toThrow(/postal address/);
  });
});

describe('the GP’s letter', () => {
  const letter = gpLetterBlocks({
    content,
    patient: mrsB,
    service: 'stroke-early-supported-discharge',
    teamName: 'North Staffs Therapies',
    teamPhone: '01632 960100',
    on: '2026-11-24',
    author,
    episode: { firstContactOn: '2026-10-28', dischargedOn: '2026-11-24', plannedEndOn: null, referralReceivedOn: '2026-10-27' },
    patientPrintSize: 'large',
  });
  const text = textOf(letter.blocks);

  it('goes to the practice and identifies the patient by NHS number and date of birth', () => {
    expect(letter.blocks[0]).toEqual({ kind: 'address', lines: ['The GP', 'Burslem Health Centre', 'Practice code M83001'] });
    expect(text).toContain('NHS number: 943 476 5919');
    expect(text).toContain('Date of birth: 17 May 1941');
    expect(text).toContain('Service: Stroke early supported discharge, North Staffs Therapies');
    expect(text).toContain('Communication needs: Large print');
    expect(letter.header).toBe('Betty BLOOR · NHS number 943 476 5919 · born 17 May 1941');
  });

  it('uses the clinical wording: scores by name with the MCID verdict, the GAS T-score', () => {
    expect(text).toContain('Outcome measures');
    expect(text).toContain('Barthel Index: from 12 to 16 points');
    expect(text).toContain('passes the minimal clinically important difference');
    expect(text).toContain('GAS T-score (unweighted, 2 goals): 37.60 at baseline, 56.20 at discharge.');
    expect(text).toContain('The patient has been sent their own letter in plain English, in large print.');
    expect(text).toContain('North Staffs Therapies\nTelephone 01632 960100');
  });

  it('needs a GP practice', () => {
    expect(() => gpLetterBlocks({ content, patient: { ...mrsB, gpPracticeCode: null, gpPracticeName: null }, service: 'd2a-pathway-1', teamName: 'T', teamPhone: null, on: '2026-11-24', author, episode: { firstContactOn: null, dischargedOn: null, plannedEndOn: null, referralReceivedOn: '2026-11-01' }, patientPrintSize: null })).toThrow(/GP practice/);
  });
});

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
// Drafted in each test, not while the tests are collected: mutation testing sees which test runs which line.
const content = () => draftDischargeSummary(mrsBFacts());

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
  const letter = () => patientLetterBlocks({ content: content(), patient: mrsB, teamName: 'North Staffs Therapies', teamPhone: '01632 960100', on: '2026-11-24', author, discharged: true, simpleWords: false });
  const text = () => textOf(letter().blocks);

  it('is addressed to the patient at home, dated, and signed', () => {
    expect(letter().blocks[0]).toEqual({ kind: 'address', lines: ['Betty Bloor', '12 Waterloo Road', 'Burslem', 'ST6 3HR'] });
    expect(text()).toContain('24 November 2026\nDear Betty Bloor,');
    expect(text()).toContain('Your therapy with the North Staffs Therapies team has finished.');
    expect(text()).toContain('Yours sincerely,\nAsha Patel\nTherapy assistant practitioner\nNorth Staffs Therapies\nTelephone 01632 960100');
    // The number is kept on one line (no-break spaces), so nobody misdials it across a line break.
    expect(text()).toContain('If you have any questions, please call us on 01632\u00a0960100.');
    expect(letter().header).toBe('Betty Bloor · NHS number 943 476 5919');
  });

  it('uses the patient’s headings and plain English, with no shorthand', () => {
    expect(text()).toContain('How your scores changed');
    expect(text()).toContain('Your score for everyday activities (the Barthel Index) went up from 12 to 16. This is a real improvement.');
    expect(text()).toContain('We are also writing to your GP at Burslem Health Centre about your therapy.');
    expect(text()).not.toContain('minimal clinically important difference');
    expect(jargonIn(text())).toEqual([]);
  });

  it('leaves out sections with no patient wording, and says so when simple words are needed', () => {
    const edited = () => applyDischargeSectionEdits(content(), [{ id: 'equipment', text: 'Kettle tipper issued', patientText: '' }]);
    const simple = textOf(patientLetterBlocks({ content: edited(), patient: mrsB, teamName: 'North Staffs Therapies', teamPhone: null, on: '2026-11-24', author, discharged: false, simpleWords: true }).blocks);
    expect(simple).not.toContain('Equipment');
    expect(simple).toContain('We have tried to use simple words.');
    expect(simple).toContain('is coming to an end');
  });

  it('has no address to print without a first line and a postcode', () => {
    expect(patientPostalAddress({ ...mrsB, addressLine1: ' ', postcode: '' })).toBeNull();
    expect(() => patientLetterBlocks({ content: content(), patient: { ...mrsB, postcode: '' }, teamName: 'T', teamPhone: null, on: '2026-11-24', author, discharged: true, simpleWords: false })).toThrow(/postal address/);
  });
});

describe('the GP’s letter', () => {
  const letter = () => gpLetterBlocks({
    content: content(),
    patient: mrsB,
    service: 'stroke-early-supported-discharge',
    teamName: 'North Staffs Therapies',
    teamPhone: '01632 960100',
    on: '2026-11-24',
    author,
    episode: { firstContactOn: '2026-10-28', dischargedOn: '2026-11-24', plannedEndOn: null, referralReceivedOn: '2026-10-27' },
    patientPrintSize: 'large',
  });
  const text = () => textOf(letter().blocks);

  it('goes to the practice and identifies the patient by NHS number and date of birth', () => {
    expect(letter().blocks[0]).toEqual({ kind: 'address', lines: ['The GP', 'Burslem Health Centre', 'Practice code M83001'] });
    expect(text()).toContain('NHS number: 943 476 5919');
    expect(text()).toContain('Date of birth: 17 May 1941');
    expect(text()).toContain('Service: Stroke early supported discharge, North Staffs Therapies');
    expect(text()).toContain('Communication needs: Large print');
    expect(letter().header).toBe('Betty BLOOR · NHS number 943 476 5919 · born 17 May 1941');
  });

  it('uses the clinical wording: scores by name with the MCID verdict, the GAS T-score', () => {
    expect(text()).toContain('Outcome measures');
    expect(text()).toContain('Barthel Index: from 12 to 16 points');
    expect(text()).toContain('passes the minimal clinically important difference');
    expect(text()).toContain('GAS T-score (unweighted, 2 goals): 37.60 at baseline, 56.20 at discharge.');
    expect(text()).toContain('The patient has been sent their own letter in plain English, in large print.');
    expect(text()).toContain('North Staffs Therapies\nTelephone 01632 960100');
  });

  it('needs a GP practice', () => {
    expect(() => gpLetterBlocks({ content: content(), patient: { ...mrsB, gpPracticeCode: null, gpPracticeName: null }, service: 'd2a-pathway-1', teamName: 'T', teamPhone: null, on: '2026-11-24', author, episode: { firstContactOn: null, dischargedOn: null, plannedEndOn: null, referralReceivedOn: '2026-11-01' }, patientPrintSize: null })).toThrow(/GP practice/);
  });
});

describe('both letters, block by block', () => {
  // Mr N: sections edited down so each letter's whole run of blocks can be read here: a section with
  // only the GP's text, one with only the patient's, a "* " list, an address with a second line and
  // no town, a GP practice known only by its code, an interpreter and another need.
  const edited = () => applyDischargeSectionEdits(content(), [
    { id: 'reason-for-referral', text: 'Stroke.', patientText: 'You had a stroke.' },
    { id: 'what-we-did', text: 'Seen 6 times.\n* Walking\n* Stairs', patientText: ' ' },
    { id: 'goals', text: '', patientText: 'Tea.' },
    { id: 'outcome-measures', text: '', patientText: '' },
    { id: 'programme', text: '', patientText: '' },
    { id: 'advice', text: '', patientText: '' },
    { id: 'onward-referrals', text: '', patientText: '' },
    { id: 'equipment', text: '', patientText: '' },
    { id: 'follow-up', text: 'Discharged.', patientText: 'We have finished.' },
  ]);
  const mrN: LetterPatient = {
    givenName: 'Jan',
    familyName: 'Nowak',
    nhsNumber: '9434765919',
    dateOfBirth: '1950-01-02',
    addressLine1: ' 3 Mill Lane ',
    addressLine2: 'Flat 2',
    town: ' ',
    postcode: 'ST5 1AA',
    gpPracticeCode: 'M83002',
    gpPracticeName: null,
    communicationNeeds: { needs: ['interpreter', 'hearing'], interpreterLanguage: 'Polish', notes: null },
  };
  const signed = { kind: 'address', lines: ['Asha Patel', 'Therapy assistant practitioner', 'Leek Rehab'] };

  it('writes the patient’s letter with no telephone number and no GP named', () => {
    expect(patientLetterBlocks({ content: edited(), patient: mrN, teamName: 'Leek Rehab', teamPhone: null, on: '2026-11-24', author, discharged: true, simpleWords: false })).toEqual({
      title: 'About your therapy with us',
      header: 'Jan Nowak · NHS number 943 476 5919',
      blocks: [
        { kind: 'address', lines: ['Jan Nowak', '3 Mill Lane', 'Flat 2', 'ST5 1AA'] },
        { kind: 'paragraph', text: '24 November 2026' },
        { kind: 'paragraph', text: 'Dear Jan Nowak,' },
        { kind: 'paragraph', text: 'Your therapy with the Leek Rehab team has finished. This letter says what we did together and what happens next. Please keep it.' },
        { kind: 'heading', text: 'Why you were referred to us' },
        { kind: 'paragraph', text: 'You had a stroke.' },
        { kind: 'heading', text: 'Your goals' },
        { kind: 'paragraph', text: 'Tea.' },
        { kind: 'heading', text: 'What happens next and who to contact' },
        { kind: 'paragraph', text: 'We have finished.' },
        { kind: 'paragraph', text: 'If you would like this letter in another format or language, such as braille, audio or easy read, please contact us.' },
        { kind: 'paragraph', text: 'Yours sincerely,' },
        signed,
      ],
    });
  });

  it('writes the GP’s letter before discharge, to a practice known by its code, with every row', () => {
    const letter = gpLetterBlocks({
      content: edited(),
      patient: { ...mrN, addressLine1: '3 Mill Lane' },
      service: 'community-physio',
      teamName: 'Leek Rehab',
      teamPhone: null,
      on: '2026-11-24',
      author,
      episode: { firstContactOn: null, dischargedOn: null, plannedEndOn: '2026-12-01', referralReceivedOn: '2026-11-01' },
      patientPrintSize: 'standard',
    });
    expect(letter).toEqual({
      title: 'Discharge summary',
      header: 'Jan NOWAK · NHS number 943 476 5919 · born 2 January 1950',
      blocks: [
        { kind: 'address', lines: ['The GP', 'M83002'] },
        { kind: 'paragraph', text: '24 November 2026' },
        {
          kind: 'rows',
          rows: [
            { key: 'Patient', value: 'Jan NOWAK' },
            { key: 'NHS number', value: '943 476 5919' },
            { key: 'Date of birth', value: '2 January 1950' },
            { key: 'Address', value: '3 Mill Lane, Flat 2, ST5 1AA' },
            { key: 'Service', value: 'community-physio, Leek Rehab' },
            { key: 'Referral received', value: '1 November 2026' },
            { key: 'First contact', value: 'Not recorded' },
            { key: 'Discharge', value: 'Planned for 1 December 2026' },
            { key: 'Communication needs', value: 'Needs an interpreter (Polish), Hearing loss' },
          ],
        },
        { kind: 'paragraph', text: 'Dear Doctor,' },
        { kind: 'paragraph', text: 'Your patient is being discharged from Leek Rehab. This is the discharge summary.' },
        { kind: 'heading', text: 'Reason for referral' },
        { kind: 'paragraph', text: 'Stroke.' },
        { kind: 'heading', text: 'What we did' },
        { kind: 'paragraph', text: 'Seen 6 times.' },
        { kind: 'list', items: ['Walking', 'Stairs'] },
        { kind: 'heading', text: 'Follow-up and who to contact' },
        { kind: 'paragraph', text: 'Discharged.' },
        { kind: 'paragraph', text: 'The patient has been sent their own letter in plain English.' },
        { kind: 'paragraph', text: 'Yours sincerely,' },
        signed,
      ],
    });
  });

  it('writes the GP’s rows with no address, no planned end, an interpreter with no language, and no patient letter', () => {
    const letter = gpLetterBlocks({
      content: edited(),
      patient: { ...mrN, addressLine1: '', addressLine2: null, postcode: ' ', gpPracticeName: 'Leek Health Centre', gpPracticeCode: null, communicationNeeds: { needs: ['interpreter'], interpreterLanguage: null, notes: null } },
      service: 'd2a-pathway-1',
      teamName: 'Leek Rehab',
      teamPhone: '01538 000000',
      on: '2026-11-24',
      author,
      episode: { firstContactOn: '2026-11-02', dischargedOn: null, plannedEndOn: null, referralReceivedOn: '2026-11-01' },
      patientPrintSize: null,
    });
    expect(letter.blocks[0]).toEqual({ kind: 'address', lines: ['The GP', 'Leek Health Centre'] });
    expect(letter.blocks[2]).toEqual({
      kind: 'rows',
      rows: [
        { key: 'Patient', value: 'Jan NOWAK' },
        { key: 'NHS number', value: '943 476 5919' },
        { key: 'Date of birth', value: '2 January 1950' },
        { key: 'Address', value: 'No address recorded' },
        { key: 'Service', value: 'D2A pathway 1, Leek Rehab' },
        { key: 'Referral received', value: '1 November 2026' },
        { key: 'First contact', value: '2 November 2026' },
        { key: 'Discharge', value: 'Being planned' },
        { key: 'Communication needs', value: 'Needs an interpreter' },
      ],
    });
    expect(letter.blocks.slice(-3)).toEqual([
      { kind: 'paragraph', text: 'Discharged.' },
      { kind: 'paragraph', text: 'Yours sincerely,' },
      { kind: 'address', lines: ['Asha Patel', 'Therapy assistant practitioner', 'Leek Rehab', 'Telephone 01538 000000'] },
    ]);
    const discharged = gpLetterBlocks({
      content: edited(),
      patient: { ...mrN, communicationNeeds: null },
      service: 'x',
      teamName: 'T',
      teamPhone: null,
      on: '2026-11-24',
      author,
      episode: { firstContactOn: null, dischargedOn: '2026-11-20', plannedEndOn: '2026-12-01', referralReceivedOn: '2026-11-01' },
      patientPrintSize: null,
    });
    const rows = discharged.blocks[2]!.kind === 'rows' ? discharged.blocks[2]!.rows : [];
    expect(rows.map((r) => r.key)).not.toContain('Communication needs');
    expect(rows.at(-1)).toEqual({ key: 'Discharge', value: '20 November 2026' });
    expect(discharged.blocks[4]).toEqual({ kind: 'paragraph', text: 'Your patient has been discharged from T. This is the discharge summary.' });
  });

  it('keeps a patient’s address lines as given, with an empty second line left out and the town kept', () => {
    expect(patientPostalAddress({ ...mrN, addressLine2: '', town: 'Leek' })).toEqual(['Jan Nowak', '3 Mill Lane', 'Leek', 'ST5 1AA']);
    expect(patientPostalAddress({ ...mrN, addressLine1: '3 Mill Lane', postcode: ' ' })).toBeNull();
    expect(patientPostalAddress({ ...mrN, addressLine1: '', postcode: 'ST5 1AA' })).toBeNull();
  });

  it('reads "• " and "* " and "- " lines as list items, trimmed, and Windows line endings as line breaks', () => {
    expect(textToLetterBlocks('  First.  \r\n-   One  \r\n*\tTwo\r\n•  Three\r\n-no space\r\n')).toEqual([
      { kind: 'paragraph', text: 'First.' },
      { kind: 'list', items: ['One', 'Two', 'Three'] },
      { kind: 'paragraph', text: '-no space' },
    ]);
    expect(textToLetterBlocks('')).toEqual([]);
  });
});

describe('the letters: text that is only spaces, and dashes inside a line', () => {
  it('keeps a line with a dash inside it as a paragraph', () => {
    expect(textToLetterBlocks('Walk - slowly')).toEqual([{ kind: 'paragraph', text: 'Walk - slowly' }]);
  });

  it('has no address to print when its first line is only spaces', () => {
    expect(patientPostalAddress({ ...mrsB, addressLine1: '  ' })).toBeNull();
  });

  it('leaves out a section whose text is only spaces, heading and all', () => {
    const c = content();
    const spaced = { ...c, sections: c.sections.map((s) => (s.id === 'equipment' ? { ...s, text: '  ', patientText: '  ' } : s)) };
    const patient = patientLetterBlocks({ content: spaced, patient: mrsB, teamName: 'T', teamPhone: null, on: '2026-11-24', author, discharged: true, simpleWords: false });
    expect(patient.blocks).not.toContainEqual({ kind: 'heading', text: 'Equipment' });
    const gp = gpLetterBlocks({ content: spaced, patient: mrsB, service: 'x', teamName: 'T', teamPhone: null, on: '2026-11-24', author, episode: { firstContactOn: null, dischargedOn: null, plannedEndOn: null, referralReceivedOn: '2026-11-01' }, patientPrintSize: null });
    expect(gp.blocks).not.toContainEqual({ kind: 'heading', text: 'Equipment' });
  });
});

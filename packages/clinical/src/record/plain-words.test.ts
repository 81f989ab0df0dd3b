import { describe, expect, it } from 'vitest';
import { dischargeDestinations, dischargeOutcomes, services } from '../referral-vocabulary.ts';
import { patientLetterBlocks, type LetterPatient } from './discharge-letter.ts';
import { mrsBFacts } from './discharge-facts-for-tests.ts';
import { draftDischargeSummary } from './discharge-summary-draft.ts';
import { checkDischargeSummaryForFinal } from './discharge-summary.ts';
import { describeAfterDischargeForPatient, handOverReceivers } from './programme-at-discharge.ts';
import { checkProgrammeActivity } from './programme-activity.ts';
import { describeFrequency, describeWhoHelps, programmeActivityKinds, programmeDelivererKinds } from './programme-of-care.ts';
import readability from 'text-readability';
import {
  bannedAcronyms,
  bannedPhrases,
  bannedTermsIn,
  patientLetterReadingAge,
  plainActivityKindWords,
  plainDestinationWords,
  plainOutcomeWords,
  plainServiceWords,
  readingAgeOf,
  toPlainWords,
} from './plain-words.ts';

/** What a referral says, as the demo data and the wards write it. */
const referralReasons = [
  'Medically optimised for discharge home',
  'Reduced mobility after a chest infection; medically optimised',
  'Fall at home, now medically fit for discharge',
  'Fractured neck of femur, repaired; medically fit for discharge',
  'Urinary tract infection with delirium, now resolved; deconditioned',
  'Exacerbation of COPD; reduced exercise tolerance',
  'NWB left leg for 6 weeks, TTO given',
];

const patient: LetterPatient = {
  givenName: 'Betty', familyName: 'Bloggs', nhsNumber: '9434765919', dateOfBirth: '1941-03-02', addressLine1: '12 Bank Street', addressLine2: null, town: 'Stoke-on-Trent', postcode: 'ST6 3HR',
  gpPracticeCode: 'M83001', gpPracticeName: 'Burslem Health Centre', communicationNeeds: null,
};
const letterText = (facts = mrsBFacts()) => {
  const letter = patientLetterBlocks({ content: draftDischargeSummary(facts), patient, teamName: 'North Staffs Therapies', teamPhone: '01782 000000', on: '2026-11-24', author: { name: 'Ann Allen', roleLabel: 'Assistant practitioner' }, discharged: true, simpleWords: false });
  return letter.blocks.flatMap((b) => (b.kind === 'paragraph' || b.kind === 'heading' ? [b.text] : b.kind === 'list' ? b.items : [])).join('\n');
};

describe('bannedTermsIn', () => {
  it.each([
    ['Medically optimised for discharge home', ['medically optimised', 'fit for discharge'].slice(0, 1)],
    ['Seen by the MDT; D2A pathway 1', ['D2A', 'MDT', 'pathway 1']],
    ['NWB until review; TTO sent with her', ['NWB', 'TTO']],
    ['Your Barthel score went up. Use the gas cooker with care; Tom will visit.', []],
    ['She is mobilising with a frame', ['mobilising']],
  ])('%s', (text, terms) => expect(bannedTermsIn(text)).toEqual(terms));
});

describe('toPlainWords: referral shorthand in a patient’s words', () => {
  it.each(referralReasons)('%s', (reason) => {
    const plain = toPlainWords(reason);
    expect(bannedTermsIn(plain)).toEqual([]);
  });
  it('says what “medically optimised” means', () => {
    expect(toPlainWords('Medically optimised for discharge home')).toBe('well enough to leave hospital home');
    expect(toPlainWords('Fall at home, now medically fit for discharge')).toBe('Fall at home, now well enough to leave hospital');
  });
});

describe('every coded value a patient can read has plain words', () => {
  // The words are found in each test, not while the tests are collected: mutation testing sees which
  // test runs which line.
  const coded: Array<[string, () => string]> = [
    ...services.map((s): [string, () => string] => [s, () => plainServiceWords[s]]),
    ...dischargeOutcomes.map((o): [string, () => string] => [o, () => plainOutcomeWords[o]]),
    ...dischargeDestinations.map((d): [string, () => string] => [d, () => plainDestinationWords[d]]),
    ...programmeActivityKinds.map((k): [string, () => string] => [k, () => plainActivityKindWords[k]]),
    ...programmeDelivererKinds.map((k): [string, () => string] => [k, () => describeWhoHelps({ delivererKind: k, name: null })]),
    ...handOverReceivers.map((k): [string, () => string] => [k, () => describeAfterDischargeForPatient({ status: 'handed-over', handedOverTo: { kind: k, name: null }, discharged: true })]),
    ...(['stopped', 'completed', 'active'] as const).map((s): [string, () => string] => [s, () => describeAfterDischargeForPatient({ status: s, handedOverTo: null, discharged: true })]),
    ['3 a day', () => describeFrequency({ timesPerPeriod: 3, period: 'day' })],
    ['2 a week', () => describeFrequency({ timesPerPeriod: 2, period: 'week' })],
  ];
  it.each(coded)('%s', (code, wordsOf) => {
    const words = wordsOf();
    expect(bannedTermsIn(words)).toEqual([]);
    if (words) expect(words).not.toContain(code.includes('-') ? code : '\u0000');
    expect(words).not.toMatch(/\b[a-z]+-[a-z]+-[a-z]+\b/);
  });
  it('leaves nothing to say only where nothing should be said (a death is not announced to the patient)', () => {
    expect(dischargeOutcomes.filter((o) => !plainOutcomeWords[o])).toEqual(['died']);
    expect(dischargeDestinations.filter((d) => !plainDestinationWords[d])).toEqual(['not-applicable']);
  });
});

describe('the patient’s letter drafted from the record', () => {
  it('keeps the referral’s reason in plain words (issue 11 #9: “Medically optimised for discharge home”)', () => {
    const facts = mrsBFacts({ service: 'd2a-pathway-1', referral: { ...mrsBFacts().referral, reason: 'Medically optimised for discharge home' } });
    const reason = draftDischargeSummary(facts).sections.find((s) => s.id === 'reason-for-referral')!;
    expect(reason.text).toContain('Medically optimised for discharge home');
    expect(reason.patientText).toContain('The reason given was: well enough to leave hospital home.');
    expect(bannedTermsIn(letterText(facts))).toEqual([]);
  });

  it('leaves the reason out, and says why to the clinician, when shorthand would be left in it', () => {
    const facts = mrsBFacts({ referral: { ...mrsBFacts().referral, reason: 'Post CVA, MDT agreed ESD' } });
    const reason = draftDischargeSummary(facts).sections.find((s) => s.id === 'reason-for-referral')!;
    expect(reason.patientText).not.toContain('The reason given was');
    expect(reason.source).toContain('“ESD”, “MDT”');
    expect(bannedTermsIn(reason.patientText)).toEqual([]);
  });

  it('tells the patient how it ended and where they are, in plain words', () => {
    const follow = draftDischargeSummary(mrsBFacts()).sections.find((s) => s.id === 'follow-up')!;
    expect(follow.patientText).toContain('You reached the goals we agreed together. You are at home and managing on your own.');
  });

  it.each(referralReasons.map((reason) => [reason]))('has no banned term and a reading age of at most 11, for a referral saying “%s”', (reason) => {
    for (const service of ['d2a-pathway-1', 'stroke-early-supported-discharge'] as const) {
      const text = letterText(mrsBFacts({ service, referral: { ...mrsBFacts().referral, reason } }));
      expect(bannedTermsIn(text)).toEqual([]);
      expect(readingAgeOf(text)).toBeLessThanOrEqual(patientLetterReadingAge);
    }
  });

  it('passes the finalisation check as drafted', () => {
    expect(checkDischargeSummaryForFinal(draftDischargeSummary(mrsBFacts({ referral: { ...mrsBFacts().referral, reason: referralReasons[0]! } })))).toEqual([]);
  });
});

describe('readingAgeOf', () => {
  it('rates short everyday sentences younger than long clinical ones', () => {
    const plain = 'We saw you six times. You can now make a cup of tea on your own. Keep doing your exercises every day.';
    const clinical = 'Comprehensive multidisciplinary rehabilitation intervention demonstrated clinically significant functional improvement, notwithstanding persistent proprioceptive impairment and intermittent postural hypotension.';
    expect(readingAgeOf(plain)).toBeLessThanOrEqual(patientLetterReadingAge);
    expect(readingAgeOf(clinical)).toBeGreaterThan(patientLetterReadingAge + 5);
  });
});

describe('the carer’s sheet words', () => {
  it('refuses shorthand in an activity’s name or instructions, which are printed for the patient', () => {
    const fields = checkProgrammeActivity({
      input: { goalId: null, kind: 'exercise', competence: null, title: 'NWB transfers', instructions: 'Mobilise with the frame, as the OT showed', timesPerPeriod: 1, period: 'day', delivererKind: 'self', delivererStaffId: null, delivererName: null, startsOn: '2026-11-24', endsOn: null },
      dates: { bornOn: '1941-03-02', referralReceivedAt: new Date('2026-11-20T10:00:00Z'), now: new Date('2026-11-24T10:00:00Z') },
    });
    expect(fields).toEqual([
      { path: 'title', message: 'The name of the activity uses “NWB”. It is printed on the patient’s and carer’s sheet, so say it in everyday words' },
      { path: 'instructions', message: 'What to do uses “OT”, “mobilise”. It is printed on the patient’s and carer’s sheet, so say it in everyday words' },
    ]);
  });
});

describe('the shorthand list, term by term', () => {
  it('finds each acronym as a whole word, at the start, in the middle and at the end, with its case', () => {
    for (const term of bannedAcronyms) {
      expect(bannedTermsIn(`${term} was noted`), term).toEqual([term]);
      expect(bannedTermsIn(`Seen (${term}) today`), term).toEqual([term]);
      expect(bannedTermsIn(`Seen by the ${term}`), term).toEqual([term]);
      expect(bannedTermsIn(`Seen by the x${term}`), term).toEqual([]);
      expect(bannedTermsIn(`Seen by the ${term}9`), term).toEqual([]);
      expect(bannedTermsIn(`Seen by the -${term}-`), term).toEqual([]);
    }
    expect(bannedTermsIn('Seen by the ot and the sw')).toEqual([]);
  });

  it('finds each phrase in any case, but not inside a longer word', () => {
    for (const term of bannedPhrases) {
      expect(bannedTermsIn(`${term.toUpperCase()} noted`), term).toContain(term);
      expect(bannedTermsIn(`She is ${term}.`), term).toContain(term);
      expect(bannedTermsIn(`She is x${term}`), term).not.toContain(term);
      expect(bannedTermsIn(`She is ${term}x`), term).not.toContain(term);
    }
    expect(bannedTermsIn('rebaseline and 3-pathway 1')).toEqual(['pathway 1']);
  });

  it('lists the terms a patient must not meet', () => {
    expect(bannedAcronyms).toEqual([
      'MCID', 'MDC', 'GAS', 'T-score', 'SSNAP', 'ADL', 'ADLs', 'IADL', 'NEADL', 'FES-I', 'TUG', 'mRS', 'ESD', 'D2A', 'MDT', 'TOM',
      'NWB', 'PWB', 'FWB', 'WBAT', 'TWB', 'TTO', 'TTA', 'POC', 'MFFD', 'MOFD', 'UCR', 'NOF', 'CVA', 'SOB', 'SOBOE', 'OT', 'PT', 'SW', 'AP', 'RTA', 'DNACPR', 'ReSPECT',
    ]);
    expect(bannedPhrases).toEqual([
      'medically optimised', 'medically optimized', 'medically fit', 'medically stable', 'fit for discharge', 'discharge to assess', 'deconditioned', 'deconditioning',
      'mobilising', 'mobilise', 'mobilised', 'weight bearing', 'weight-bearing', 'non-weight', 'package of care', 'pathway 0', 'pathway 1', 'pathway 2', 'pathway 3',
      'exacerbation', 'infarct', 'hemiparesis', 'hemiplegia', 'inattention', 'baseline', 'outcome measure', 'clinically important', 'minimal detectable', 'goal attainment',
      'step-down', 'step down bed', 'reablement pathway', 'onward referral', 'episode of care', 'caseload', 'triage', 'did not attend',
    ]);
  });

  it('gives acronyms before phrases, each in the list’s order, once', () => {
    expect(bannedTermsIn('Deconditioned; OT and MDT; MDT again; CVA')).toEqual(['MDT', 'CVA', 'OT', 'deconditioned']);
  });
});

describe('toPlainWords, rewrite by rewrite', () => {
  it.each([
    ['Medically fit for discharge', 'well enough to leave hospital'],
    ['medically stable for discharge home today', 'well enough to leave hospital home today'],
    ['Now medically optimized', 'now well enough to leave hospital'],
    ['She is medically stable', 'She is well enough to leave hospital'],
    ['Fit for discharge', 'well enough to leave hospital'],
    ['Deconditioned after flu', 'weaker after being unwell after flu'],
    ['Deconditioning noted', 'getting weaker after being unwell noted'],
    ['Mobilising with a frame', 'walking with a frame'],
    ['Unable to mobilise', 'Unable to walk'],
    ['Exacerbation of COPD', 'a flare-up of COPD'],
    ['NWB left', 'not putting weight on the leg left'],
    ['PWB right', 'putting some weight on the leg right'],
    ['FWB now', 'putting full weight on the leg now'],
    ['TTOs given; TTA sent', 'medicines to take home given; medicines to take home sent'],
    ['Fractured NOF', 'Fractured hip'],
    ['Left CVA', 'Left stroke'],
    ['SOBOE on stairs', 'short of breath when active on stairs'],
    ['Package of care restarted', 'help at home from carers restarted'],
  ])('%s', (text, plain) => {
    expect(toPlainWords(text)).toBe(plain);
  });

  it('rewrites every occurrence, and leaves shorthand inside longer words alone', () => {
    expect(toPlainWords('NWB then NWB; mobilise, mobilise')).toBe('not putting weight on the leg then not putting weight on the leg; walk, walk');
    expect(toPlainWords('NWBX, CVAs, immobilised, nwb')).toBe('NWBX, CVAs, immobilised, nwb');
  });
});

describe('the plain words for each coded value', () => {
  it('says each service, outcome, destination and kind of activity in these words', () => {
    expect(plainServiceWords).toEqual({
      'd2a-pathway-0': 'help to recover at home after your hospital stay',
      'd2a-pathway-1': 'help to recover at home after your hospital stay',
      'd2a-pathway-2': 'help to recover in a community bed before going home',
      'd2a-pathway-3': 'an assessment of your needs while you stay in a care home',
      'stroke-early-supported-discharge': 'stroke rehabilitation at home after leaving hospital',
      'community-stroke-rehabilitation': 'stroke rehabilitation at home or in a clinic',
      'rehabilitation-medicine': 'specialist rehabilitation',
      'bed-based-rehabilitation': 'rehabilitation on a community hospital ward',
    });
    expect(plainOutcomeWords).toEqual({
      'goals-met': 'You reached the goals we agreed together.',
      'goals-partly-met': 'You reached some of the goals we agreed together.',
      'goals-not-met': 'You did not reach the goals we agreed this time.',
      'declined-or-withdrew': 'You decided to stop your therapy with us.',
      'readmitted-to-hospital': 'You went back into hospital.',
      'transferred-to-another-service': 'Another service is now looking after you.',
      died: '',
    });
    expect(plainDestinationWords).toEqual({
      'home-no-support': 'You are at home and managing on your own.',
      'home-with-care-package': 'You are at home, with carers coming in to help you.',
      'home-with-family-support': 'You are at home, with help from family or friends.',
      'care-home': 'You are living in a care home.',
      'community-bed': 'You are staying in a community hospital bed for now.',
      hospital: 'You are in hospital.',
      'another-service': 'Another service is looking after you.',
      'not-applicable': '',
    });
    expect(plainActivityKindWords).toEqual({
      exercise: 'an exercise',
      'functional-practice': 'practice at an everyday task',
      'equipment-use': 'using a piece of equipment',
      'carer-training': 'showing your carer how to help',
      'advice-signposting': 'advice',
    });
  });
});

describe('readingAgeOf: the Flesch-Kincaid grade plus 5', () => {
  it('is the grade plus 5, and 0 for no words', () => {
    const text = 'We saw you six times. You can now make a cup of tea on your own.';
    expect(readingAgeOf(text)).toBe(readability.fleschKincaidGrade(text) + 5);
    expect(readingAgeOf(`  ${text}  `)).toBe(readability.fleschKincaidGrade(text) + 5);
    expect(readingAgeOf('   ')).toBe(0);
    expect(patientLetterReadingAge).toBe(11);
  });
});

// Plain words for letters to patients (issue 11 #9). A patient's letter repeated the referral's jargon
// ("medically optimised for discharge home"). Here is the one place that says:
// - every coded value a patient's letter or sheet can show, in everyday words (plain*Words below);
// - the shorthand a patient must never meet (bannedTermsIn), checked before a summary is final, when an
//   activity is set (its words are printed on the carer's sheet), and by the tests of every letter;
// - common referral shorthand rewritten in plain words (toPlainWords), for text copied from a referral;
// - a reading-age measure (readingAgeOf), so tests hold the drafted letters to an age most adults read
//   at. It uses text-readability (npm): maintained (2025 releases), ESM, pure JavaScript with no I/O, a
//   port of Python's widely used textstat whose Flesch-Kincaid grade counts syllables with the
//   maintained `syllable` package; chosen over writing our own syllable counter, and over packages
//   that only give a reading-ease score, because the grade maps straight onto a UK reading age.
import readability from 'text-readability';
import type { DischargeDestination, DischargeOutcome, Service } from '../referral-vocabulary.ts';
import type { ProgrammeActivityKind } from './programme-of-care.ts';

/**
 * Shorthand a patient should not meet. Acronyms are matched as whole words with their case ("the
 * Barthel Index" is fine, "MCID" is not, "gas cooker" is fine); phrases in any case.
 */
export const bannedAcronyms: readonly string[] = [
  'MCID', 'MDC', 'GAS', 'T-score', 'SSNAP', 'ADL', 'ADLs', 'IADL', 'NEADL', 'FES-I', 'TUG', 'mRS', 'ESD', 'D2A', 'MDT', 'TOM',
  'NWB', 'PWB', 'FWB', 'WBAT', 'TWB', 'TTO', 'TTA', 'POC', 'MFFD', 'MOFD', 'UCR', 'NOF', 'CVA', 'SOB', 'SOBOE', 'OT', 'PT', 'SW', 'AP', 'RTA', 'DNACPR', 'ReSPECT',
];
export const bannedPhrases: readonly string[] = [
  'medically optimised', 'medically optimized', 'medically fit', 'medically stable', 'fit for discharge', 'discharge to assess', 'deconditioned', 'deconditioning',
  'mobilising', 'mobilise', 'mobilised', 'weight bearing', 'weight-bearing', 'non-weight', 'package of care', 'pathway 0', 'pathway 1', 'pathway 2', 'pathway 3',
  'exacerbation', 'infarct', 'hemiparesis', 'hemiplegia', 'inattention', 'baseline', 'outcome measure', 'clinically important', 'minimal detectable', 'goal attainment',
  'step-down', 'step down bed', 'reablement pathway', 'onward referral', 'episode of care', 'caseload', 'triage', 'did not attend',
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
const acronymPatterns = bannedAcronyms.map((term) => ({ term, re: new RegExp(`(^|[^A-Za-z0-9-])${escape(term)}($|[^A-Za-z0-9-])`) }));
const phrasePatterns = bannedPhrases.map((term) => ({ term, re: new RegExp(`(^|[^A-Za-z])${escape(term)}($|[^A-Za-z])`, 'i') }));

/** The banned terms in a text, acronyms first, each once. */
export function bannedTermsIn(text: string): string[] {
  return [...acronymPatterns, ...phrasePatterns].filter((p) => p.re.test(text)).map((p) => p.term);
}

/** Referral shorthand, in the words a patient uses; the longest first so it wins. */
const plainRewrites: readonly (readonly [RegExp, string])[] = [
  [/medically (optimised|optimized|fit|stable) for discharge( home)?/gi, 'well enough to leave hospital$2'],
  [/\bnow medically (optimised|optimized|fit|stable)\b/gi, 'now well enough to leave hospital'],
  [/\bmedically (optimised|optimized|fit|stable)\b/gi, 'well enough to leave hospital'],
  [/\bfit for discharge\b/gi, 'well enough to leave hospital'],
  [/\bdeconditioned\b/gi, 'weaker after being unwell'],
  [/\bdeconditioning\b/gi, 'getting weaker after being unwell'],
  [/\bmobilising\b/gi, 'walking'],
  [/\bmobilise\b/gi, 'walk'],
  [/\bexacerbation of\b/gi, 'a flare-up of'],
  [/\bNWB\b/g, 'not putting weight on the leg'],
  [/\bPWB\b/g, 'putting some weight on the leg'],
  [/\bFWB\b/g, 'putting full weight on the leg'],
  [/\b(TTO|TTA)s?\b/g, 'medicines to take home'],
  [/\b(NOF|#NOF)\b/g, 'hip'],
  [/\bCVA\b/g, 'stroke'],
  [/\bSOBOE\b/g, 'short of breath when active'],
  [/\bpackage of care\b/gi, 'help at home from carers'],
];

/** Text from a referral with its shorthand in plain words; anything left is found by bannedTermsIn. */
export function toPlainWords(text: string): string {
  return plainRewrites.reduce((t, [re, plain]) => t.replace(re, plain), text);
}

/** Each service, said to a patient. */
export const plainServiceWords: Record<Service, string> = {
  'd2a-pathway-0': 'help to recover at home after your hospital stay',
  'd2a-pathway-1': 'help to recover at home after your hospital stay',
  'd2a-pathway-2': 'help to recover in a community bed before going home',
  'd2a-pathway-3': 'an assessment of your needs while you stay in a care home',
  'stroke-early-supported-discharge': 'stroke rehabilitation at home after leaving hospital',
  'community-stroke-rehabilitation': 'stroke rehabilitation at home or in a clinic',
  'rehabilitation-medicine': 'specialist rehabilitation',
  'bed-based-rehabilitation': 'rehabilitation on a community hospital ward',
};

/** How the therapy ended, said to the patient. */
export const plainOutcomeWords: Record<DischargeOutcome, string> = {
  'goals-met': 'You reached the goals we agreed together.',
  'goals-partly-met': 'You reached some of the goals we agreed together.',
  'goals-not-met': 'You did not reach the goals we agreed this time.',
  'declined-or-withdrew': 'You decided to stop your therapy with us.',
  'readmitted-to-hospital': 'You went back into hospital.',
  'transferred-to-another-service': 'Another service is now looking after you.',
  died: '',
};

/** Where the patient went when therapy ended, said to the patient. */
export const plainDestinationWords: Record<DischargeDestination, string> = {
  'home-no-support': 'You are at home and managing on your own.',
  'home-with-care-package': 'You are at home, with carers coming in to help you.',
  'home-with-family-support': 'You are at home, with help from family or friends.',
  'care-home': 'You are living in a care home.',
  'community-bed': 'You are staying in a community hospital bed for now.',
  hospital: 'You are in hospital.',
  'another-service': 'Another service is looking after you.',
  'not-applicable': '',
};

/** The kind of each activity, said to the patient. */
export const plainActivityKindWords: Record<ProgrammeActivityKind, string> = {
  exercise: 'an exercise',
  'functional-practice': 'practice at an everyday task',
  'equipment-use': 'using a piece of equipment',
  'carer-training': 'showing your carer how to help',
  'advice-signposting': 'advice',
};

/** UK reading age (years) from the Flesch-Kincaid grade (US school grade + 5). */
export function readingAgeOf(text: string): number {
  const words = text.trim();
  if (!words) return 0;
  return readability.fleschKincaidGrade(words) + 5;
}

/** The reading age the patient's wording is held to: most UK adults read at 9 to 11 (NHS content guidance). */
export const patientLetterReadingAge = 11;

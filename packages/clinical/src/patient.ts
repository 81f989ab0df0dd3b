// The patient index: who the patient is, how to reach them, and what a visitor must know first.

/** Administrative sex as the NHS Data Dictionary and FHIR UK Core record it. */
export const sexes = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof sexes)[number];
export const sexLabels: Record<Sex, string> = {
  female: 'Female',
  male: 'Male',
  other: 'Other',
  unknown: 'Not known',
};

/** Accessible Information Standard needs that change how we communicate. */
export const communicationNeedKinds = [
  'interpreter',
  'bsl',
  'large-print',
  'easy-read',
  'hearing',
  'sight',
  'cognition',
  'aphasia',
] as const;
export type CommunicationNeedKind = (typeof communicationNeedKinds)[number];
export const communicationNeedLabels: Record<CommunicationNeedKind, string> = {
  interpreter: 'Needs an interpreter',
  bsl: 'British Sign Language',
  'large-print': 'Large print',
  'easy-read': 'Easy read',
  hearing: 'Hearing loss',
  sight: 'Sight loss',
  cognition: 'Cognitive impairment',
  aphasia: 'Aphasia',
};

export type CommunicationNeeds = {
  needs: CommunicationNeedKind[];
  /** The language to interpret into, when an interpreter is needed. */
  interpreterLanguage: string | null;
  notes: string | null;
};

/** Risks a visitor must see before a home visit. */
export const riskFlagKinds = ['visit-in-pairs', 'animals', 'aggression', 'environment'] as const;
export type RiskFlagKind = (typeof riskFlagKinds)[number];
export const riskFlagLabels: Record<RiskFlagKind, string> = {
  'visit-in-pairs': 'Visit in pairs',
  animals: 'Animals',
  aggression: 'Aggression',
  environment: 'Environmental risk',
};

export type PatientContact = {
  name: string;
  relationship: string;
  phone: string | null;
  isNextOfKin: boolean;
  isCarer: boolean;
};

/** What is recorded about a patient in the index (no clinical content). */
export type PatientDetails = {
  nhsNumber: string; // ten digits, no spaces
  givenName: string;
  familyName: string;
  dateOfBirth: string; // ISO yyyy-mm-dd
  sex: Sex;
  genderIdentity: string | null;
  addressLine1: string;
  addressLine2: string | null;
  town: string;
  postcode: string; // normalised, e.g. "ST4 1AB"
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  gpPracticeCode: string | null; // ODS code, e.g. M83001
  gpPracticeName: string | null;
  contacts: PatientContact[];
  communicationNeeds: CommunicationNeeds;
  livesAlone: boolean;
  keySafe: boolean;
  accessNotes: string | null;
  riskFlags: RiskFlagKind[];
  riskNotes: string | null;
};

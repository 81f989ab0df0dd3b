// A programme of care: the episode's activities, each saying what is done, how often and who does it
// (the patient alone, named staff, a carer, a care agency). The words here are the team's; the carer's
// sheet uses the plain-English forms (frequencies, who helps) so nobody at home meets jargon.
import type { HomewardRole } from '../staff-roles.ts';

export const programmeActivityKinds = ['exercise', 'functional-practice', 'equipment-use', 'carer-training', 'advice-signposting'] as const;
export type ProgrammeActivityKind = (typeof programmeActivityKinds)[number];
export const programmeActivityKindLabels: Record<ProgrammeActivityKind, string> = {
  exercise: 'Exercise',
  'functional-practice': 'Functional practice',
  'equipment-use': 'Equipment use',
  'carer-training': 'Carer training',
  'advice-signposting': 'Advice and signposting',
};

/**
 * What a support worker may be delegated once a registered therapist has assessed and recorded them as
 * competent. Assistant practitioners and registered therapists need no record: delegation is to Band 3.
 */
export const delegableCompetences = [
  'kitchen-practice',
  'transfer-practice',
  'sit-to-stand-exercise',
  'mobility-practice',
  'stairs-practice',
  'personal-care-practice',
  'upper-limb-exercise',
  'equipment-demonstration',
  'carer-training',
] as const;
export type DelegableCompetence = (typeof delegableCompetences)[number];
export const delegableCompetenceLabels: Record<DelegableCompetence, string> = {
  'kitchen-practice': 'Kitchen practice (meal and hot drink preparation)',
  'transfer-practice': 'Transfer practice (bed, chair, toilet)',
  'sit-to-stand-exercise': 'Sit-to-stand and lower-limb exercise programme',
  'mobility-practice': 'Walking and mobility practice with an aid',
  'stairs-practice': 'Stairs practice',
  'personal-care-practice': 'Personal care practice (washing and dressing)',
  'upper-limb-exercise': 'Upper-limb exercise programme',
  'equipment-demonstration': 'Equipment use demonstration',
  'carer-training': 'Carer training for a programme',
};

export function isDelegableCompetence(value: string): value is DelegableCompetence {
  return (delegableCompetences as readonly string[]).includes(value);
}

/** A competence's label, or the stored id when the vocabulary no longer has it (records are never rewritten). */
export function competenceLabel(value: string): string {
  return isDelegableCompetence(value) ? delegableCompetenceLabels[value] : value;
}

export const programmeDelivererKinds = ['self', 'staff', 'carer', 'agency'] as const;
export type ProgrammeDelivererKind = (typeof programmeDelivererKinds)[number];
export const programmeDelivererKindLabels: Record<ProgrammeDelivererKind, string> = {
  self: 'The patient, on their own',
  staff: 'A member of the therapy team',
  carer: 'A family member or unpaid carer',
  agency: 'A care agency',
};

export const programmePeriods = ['day', 'week'] as const;
export type ProgrammePeriod = (typeof programmePeriods)[number];

export const programmeStatuses = ['active', 'stopped', 'completed', 'handed-over'] as const;
export type ProgrammeStatus = (typeof programmeStatuses)[number];
export const programmeStatusLabels: Record<ProgrammeStatus, string> = { active: 'Active', stopped: 'Stopped', completed: 'Completed', 'handed-over': 'Handed over' };

export const completionOutcomes = ['done', 'partly-done', 'not-done'] as const;
export type CompletionOutcome = (typeof completionOutcomes)[number];
export const completionOutcomeLabels: Record<CompletionOutcome, string> = { done: 'Done', 'partly-done': 'Partly done', 'not-done': 'Not done' };

export const completionReporters = ['staff', 'patient', 'carer', 'agency'] as const;
export type CompletionReporter = (typeof completionReporters)[number];
export const completionReporterLabels: Record<CompletionReporter, string> = {
  staff: 'I did it (staff)',
  patient: 'The patient told me',
  carer: 'A carer told me',
  agency: 'The care agency told me',
};

export type DescribeFrequencyOptions = { timesPerPeriod: number; period: ProgrammePeriod };

/** "every day", "twice a week", "3 times a day": how often, in words a patient uses. */
export function describeFrequency(o: DescribeFrequencyOptions): string {
  const n = o.timesPerPeriod;
  if (o.period === 'day' && n === 1) return 'every day';
  if (o.period === 'week' && n === 7) return 'every day';
  const times = n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
  return `${times} a ${o.period}`;
}

export type DescribeWhoHelpsOptions = {
  delivererKind: ProgrammeDelivererKind;
  /** The carer's or agency's name, or the staff member's given name. */
  name: string | null;
};

/** Who helps, addressed to the patient, for the carer's sheet. */
export function describeWhoHelps(o: DescribeWhoHelpsOptions): string {
  const name = o.name?.trim() || null;
  switch (o.delivererKind) {
    case 'self':
      return 'You do this on your own.';
    case 'carer':
      return name ? `${name} helps you.` : 'Your carer helps you.';
    case 'agency':
      return name ? `Your carers from ${name} help you.` : 'Your carers help you.';
    case 'staff':
      return name ? `${name}, from the therapy team, helps you.` : 'Someone from the therapy team helps you.';
  }
}

/** Setting and changing a programme: the clinicians who assess and hold caseloads, not support workers. */
export function maySetProgramme(role: HomewardRole): boolean {
  return role === 'assistant-practitioner' || role === 'registered-therapist' || role === 'clinical-lead';
}

/** Competences are assessed and recorded by a registered therapist (or the clinical lead). */
export function mayRecordCompetences(role: HomewardRole): boolean {
  return role === 'registered-therapist' || role === 'clinical-lead';
}

/** Whose competences are recorded: the grades work is delegated to. */
export function holdsRecordedCompetences(role: HomewardRole): boolean {
  return role === 'support-worker' || role === 'assistant-practitioner';
}

/** Who may deliver an activity as staff: the clinical grades who see patients. */
export function mayDeliverActivities(role: HomewardRole): boolean {
  return role === 'support-worker' || role === 'assistant-practitioner' || role === 'registered-therapist' || role === 'clinical-lead';
}

// The words of referral, triage and episodes of care, as stored values with the labels clinicians read.
// Values are stable identifiers (kept in the database and URLs); change labels freely, never values.

/** Where a referral came from. */
export const referralSources = [
  'acute-ward',
  'community-hospital-ward',
  'gp',
  'urgent-community-response',
  'social-care',
  'self-or-family',
  'other-team',
] as const;
export type ReferralSource = (typeof referralSources)[number];

export const referralSourceLabels: Record<ReferralSource, string> = {
  'acute-ward': 'Acute hospital ward',
  'community-hospital-ward': 'Community hospital ward',
  gp: 'GP',
  'urgent-community-response': 'Urgent community response',
  'social-care': 'Social care',
  'self-or-family': 'Self or family',
  'other-team': 'Another team',
};

/** The service a referral asks for: the four D2A pathways, stroke services and rehabilitation medicine. */
export const services = [
  'd2a-pathway-0',
  'd2a-pathway-1',
  'd2a-pathway-2',
  'd2a-pathway-3',
  'stroke-early-supported-discharge',
  'community-stroke-rehabilitation',
  'rehabilitation-medicine',
  'bed-based-rehabilitation',
] as const;
export type Service = (typeof services)[number];

export const serviceLabels: Record<Service, string> = {
  'd2a-pathway-0': 'D2A pathway 0',
  'd2a-pathway-1': 'D2A pathway 1',
  'd2a-pathway-2': 'D2A pathway 2',
  'd2a-pathway-3': 'D2A pathway 3',
  'stroke-early-supported-discharge': 'Stroke early supported discharge',
  'community-stroke-rehabilitation': 'Community stroke rehabilitation',
  'rehabilitation-medicine': 'Rehabilitation medicine',
  'bed-based-rehabilitation': 'Bed-based rehabilitation',
};

/** Hint text for the service choice (DHSC hospital discharge guidance for the D2A pathways). */
export const serviceDescriptions: Record<Service, string> = {
  'd2a-pathway-0': 'Home, no new health or care needs',
  'd2a-pathway-1': 'Home with new or extra support (therapy, reablement, care)',
  'd2a-pathway-2': 'Community bed with recovery support, then home',
  'd2a-pathway-3': 'First-time care home placement for assessment',
  'stroke-early-supported-discharge': 'Stroke rehabilitation at home straight after leaving hospital',
  'community-stroke-rehabilitation': 'Continuing stroke rehabilitation in the community',
  'rehabilitation-medicine': 'Specialist rehabilitation led by rehabilitation medicine',
  'bed-based-rehabilitation': 'Rehabilitation on a community hospital ward',
};

export const d2aPathways = [0, 1, 2, 3] as const;
export type D2aPathway = (typeof d2aPathways)[number];

/** The D2A pathway a service belongs to, or null for services outside Discharge to Assess. */
export function d2aPathwayOf(service: Service): D2aPathway | null {
  switch (service) {
    case 'd2a-pathway-0':
      return 0;
    case 'd2a-pathway-1':
      return 1;
    case 'd2a-pathway-2':
      return 2;
    case 'd2a-pathway-3':
      return 3;
    default:
      return null;
  }
}

/** Intermediate care (D2A and stroke ESD) is time-limited, typically up to 6 weeks. */
export function isIntermediateCare(service: Service): boolean {
  return d2aPathwayOf(service) !== null || service === 'stroke-early-supported-discharge';
}

/** Where the patient will be seen. */
export const settings = ['home', 'community-bed', 'clinic'] as const;
export type Setting = (typeof settings)[number];

export const settingLabels: Record<Setting, string> = {
  home: 'Home',
  'community-bed': 'Community bed',
  clinic: 'Clinic',
};

/** How soon the referrer asks for the patient to be seen; triage sets the priority that counts. */
export const urgencies = ['urgent', 'soon', 'routine'] as const;
export type Urgency = (typeof urgencies)[number];

export const urgencyLabels: Record<Urgency, string> = {
  urgent: 'Urgent',
  soon: 'Soon',
  routine: 'Routine',
};

/** Priority set by a registered therapist at triage. Written as clinicians write it (P1), like 'OT' and 'PT'. */
export const priorities = ['P1', 'P2', 'P3'] as const;
export type Priority = (typeof priorities)[number];

export const priorityLabels: Record<Priority, string> = {
  P1: 'P1 (urgent)',
  P2: 'P2 (soon)',
  P3: 'P3 (routine)',
};

export const priorityMeanings: Record<Priority, string> = {
  P1: 'At risk of harm, hospital admission or a failed discharge without a prompt response',
  P2: 'Needs are new or rising, or a discharge depends on it; not at immediate risk',
  P3: 'Stable; can wait and is usually suited to an assistant practitioner',
};

export const complexities = ['complex', 'non-complex'] as const;
export type Complexity = (typeof complexities)[number];

export const complexityLabels: Record<Complexity, string> = {
  complex: 'Complex',
  'non-complex': 'Non-complex',
};

/**
 * What an episode needs of the people who hold and visit it. 'OT' and 'PT' match the profession values
 * in staff-roles.ts; 'hoist-competent' is a staff competence; 'two-person' is a visit need.
 */
export const skills = ['OT', 'PT', 'hoist-competent', 'two-person'] as const;
export type Skill = (typeof skills)[number];

export const skillLabels: Record<Skill, string> = {
  OT: 'Occupational therapy',
  PT: 'Physiotherapy',
  'hoist-competent': 'Hoist competent',
  'two-person': 'Two people on visits',
};

export const episodeStatuses = ['waiting', 'active', 'on-hold', 'discharged'] as const;
export type EpisodeStatus = (typeof episodeStatuses)[number];

export const episodeStatusLabels: Record<EpisodeStatus, string> = {
  waiting: 'Waiting',
  active: 'Active',
  'on-hold': 'On hold',
  discharged: 'Discharged',
};

/** Why an episode is paused; 'other' needs a note. */
export const onHoldReasons = [
  'admitted-to-hospital',
  'unwell',
  'away',
  'awaiting-equipment',
  'patient-request',
  'other',
] as const;
export type OnHoldReason = (typeof onHoldReasons)[number];

export const onHoldReasonLabels: Record<OnHoldReason, string> = {
  'admitted-to-hospital': 'Admitted to hospital',
  unwell: 'Too unwell for therapy',
  away: 'Away from home',
  'awaiting-equipment': 'Waiting for equipment',
  'patient-request': 'Patient asked to pause',
  other: 'Other',
};

/** Why an episode moved to another clinician; kept in the episode's history. */
export const allocationChangeReasons = [
  'weekend-cover',
  'leave-or-sickness',
  'caseload-balance',
  'skills-needed',
  'patient-request',
  'other',
] as const;
export type AllocationChangeReason = (typeof allocationChangeReasons)[number];

export const allocationChangeReasonLabels: Record<AllocationChangeReason, string> = {
  'weekend-cover': 'Weekend hand-over',
  'leave-or-sickness': 'Leave or sickness',
  'caseload-balance': 'Balancing caseloads',
  'skills-needed': 'Different skills needed',
  'patient-request': 'Patient asked',
  other: 'Other',
};

/** How the episode ended. */
export const dischargeOutcomes = [
  'goals-met',
  'goals-partly-met',
  'goals-not-met',
  'declined-or-withdrew',
  'readmitted-to-hospital',
  'transferred-to-another-service',
  'died',
] as const;
export type DischargeOutcome = (typeof dischargeOutcomes)[number];

export const dischargeOutcomeLabels: Record<DischargeOutcome, string> = {
  'goals-met': 'Goals met',
  'goals-partly-met': 'Goals partly met',
  'goals-not-met': 'Goals not met',
  'declined-or-withdrew': 'Declined or withdrew',
  'readmitted-to-hospital': 'Readmitted to hospital',
  'transferred-to-another-service': 'Transferred to another service',
  died: 'Died',
};

/** Where the patient went at discharge. */
export const dischargeDestinations = [
  'home-no-support',
  'home-with-care-package',
  'home-with-family-support',
  'care-home',
  'community-bed',
  'hospital',
  'another-service',
  'not-applicable',
] as const;
export type DischargeDestination = (typeof dischargeDestinations)[number];

export const dischargeDestinationLabels: Record<DischargeDestination, string> = {
  'home-no-support': 'Home with no support',
  'home-with-care-package': 'Home with a care package',
  'home-with-family-support': 'Home with support from family or friends',
  'care-home': 'Care home',
  'community-bed': 'Community bed',
  hospital: 'Hospital',
  'another-service': 'Another service',
  'not-applicable': 'Not applicable',
};

/** Destinations that make sense for an outcome: 'not-applicable' only when the patient died, and only then. */
export function dischargeDestinationsFor(outcome: DischargeOutcome): readonly DischargeDestination[] {
  if (outcome === 'died') return ['not-applicable'];
  if (outcome === 'readmitted-to-hospital') return ['hospital'];
  return dischargeDestinations.filter((destination) => destination !== 'not-applicable');
}

/** Why a referral was not accepted; kept for the referrer. 'other' needs a note. */
export const rejectionReasons = [
  'not-eligible',
  'outside-area',
  'needs-met-by-another-service',
  'duplicate-referral',
  'no-consent',
  'not-enough-information',
  'not-medically-optimised',
  'other',
] as const;
export type RejectionReason = (typeof rejectionReasons)[number];

export const rejectionReasonLabels: Record<RejectionReason, string> = {
  'not-eligible': 'Does not meet the service criteria',
  'outside-area': 'Lives outside the area the team covers',
  'needs-met-by-another-service': 'Needs are better met by another service',
  'duplicate-referral': 'Already referred to this service',
  'no-consent': 'The patient did not consent to the referral',
  'not-enough-information': 'Not enough information to triage',
  'not-medically-optimised': 'Not yet medically optimised for discharge',
  other: 'Other',
};

// Incidents and near misses in the words of the national Learn from Patient Safety Events service
// (LFPSE): the short form's choices, kept in the order people read them. The database checks the same
// lists (migration 0050); the handler's choices follow.

export const incidentKinds = ['incident', 'near-miss'] as const;
export type IncidentKind = (typeof incidentKinds)[number];
export const incidentKindLabels: Record<IncidentKind, string> = {
  incident: 'Incident (something happened)',
  'near-miss': 'Near miss (it was caught before it happened)',
};

export const incidentLocationKinds = ['patient-home', 'ward', 'clinic', 'vehicle', 'community', 'other'] as const;
export type IncidentLocationKind = (typeof incidentLocationKinds)[number];
export const incidentLocationKindLabels: Record<IncidentLocationKind, string> = {
  'patient-home': "Patient's home",
  ward: 'Ward',
  clinic: 'Clinic or therapy gym',
  vehicle: 'Vehicle or travelling between visits',
  community: 'Other community setting',
  other: 'Somewhere else',
};

/** What was involved (LFPSE "what was the incident about", a therapies team's share of it). */
export const incidentCategories = [
  'fall', 'moving-and-handling', 'equipment', 'pressure-ulcer', 'medication', 'treatment-or-care',
  'access-or-delay', 'communication-or-documentation', 'information-governance', 'lone-working',
  'violence-or-aggression', 'vehicle-or-travel', 'staff-injury', 'infection-prevention', 'other',
] as const;
export type IncidentCategory = (typeof incidentCategories)[number];
export const incidentCategoryLabels: Record<IncidentCategory, string> = {
  fall: 'Slip, trip or fall',
  'moving-and-handling': 'Moving and handling',
  equipment: 'Equipment or medical device',
  'pressure-ulcer': 'Pressure ulcer or skin damage',
  medication: 'Medication',
  'treatment-or-care': 'Treatment, therapy or care',
  'access-or-delay': 'Access, admission, discharge or delay',
  'communication-or-documentation': 'Communication or records',
  'information-governance': 'Information governance (confidentiality, wrong patient)',
  'lone-working': 'Lone working',
  'violence-or-aggression': 'Violence, aggression or abuse towards staff',
  'vehicle-or-travel': 'Vehicle or road traffic',
  'staff-injury': 'Staff injury or ill health',
  'infection-prevention': 'Infection prevention and control',
  other: 'Something else',
};

export const incidentAffected = ['patient', 'staff', 'visitor-or-public', 'no-one'] as const;
export type IncidentAffected = (typeof incidentAffected)[number];
export const incidentAffectedLabels: Record<IncidentAffected, string> = {
  patient: 'A patient',
  staff: 'A member of staff',
  'visitor-or-public': 'A carer, visitor or member of the public',
  'no-one': 'No one (a near miss or a risk to the service)',
};

/** LFPSE's physical harm levels. */
export const physicalHarmLevels = ['none', 'low', 'moderate', 'severe', 'fatal'] as const;
export type PhysicalHarmLevel = (typeof physicalHarmLevels)[number];
export const physicalHarmLabels: Record<PhysicalHarmLevel, string> = {
  none: 'No physical harm',
  low: 'Low physical harm (minimal harm, little or no extra care needed)',
  moderate: 'Moderate physical harm (short-term harm, extra treatment needed)',
  severe: 'Severe physical harm (permanent or long-term harm)',
  fatal: 'Fatal',
};

/** LFPSE's psychological harm levels. */
export const psychologicalHarmLevels = ['none', 'low', 'moderate', 'severe'] as const;
export type PsychologicalHarmLevel = (typeof psychologicalHarmLevels)[number];
export const psychologicalHarmLabels: Record<PsychologicalHarmLevel, string> = {
  none: 'No psychological harm',
  low: 'Low psychological harm',
  moderate: 'Moderate psychological harm',
  severe: 'Severe psychological harm',
};

/** How the handler responds under PSIRF, proportionate to what can be learned. */
export const investigationLevels = ['none', 'local-review', 'after-action-review', 'psii'] as const;
export type InvestigationLevel = (typeof investigationLevels)[number];
export const investigationLevelLabels: Record<InvestigationLevel, string> = {
  none: 'No further review (learning recorded at triage)',
  'local-review': 'Local review by the team',
  'after-action-review': 'After action review',
  psii: 'Patient safety incident investigation (PSII)',
};

export const incidentStatuses = ['reported', 'under-review', 'closed'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];
export const incidentStatusLabels: Record<IncidentStatus, string> = {
  reported: 'Reported',
  'under-review': 'Under review',
  closed: 'Closed',
};

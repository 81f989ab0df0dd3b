// Who works in a therapies team, in the words the team uses.

/** The role a person holds in Homeward; it decides what they may do. */
export const homewardRoles = [
  'support-worker',
  'student',
  'assistant-practitioner',
  'registered-therapist',
  'clinical-lead',
  'service-manager',
  'administrator',
  'privacy-officer',
] as const;
export type HomewardRole = (typeof homewardRoles)[number];

export const homewardRoleLabels: Record<HomewardRole, string> = {
  'support-worker': 'Therapy support worker',
  student: 'Therapy student on placement',
  'assistant-practitioner': 'Therapy assistant practitioner',
  'registered-therapist': 'Registered therapist',
  'clinical-lead': 'Clinical lead',
  'service-manager': 'Service manager',
  administrator: 'Administrator',
  'privacy-officer': 'Privacy officer',
};

/** Professional registration (HCPC): occupational therapist, physiotherapist, or none. */
export const professions = ['OT', 'PT', 'none'] as const;
export type Profession = (typeof professions)[number];

export const professionLabels: Record<Profession, string> = {
  OT: 'Occupational therapist',
  PT: 'Physiotherapist',
  none: 'Not registered',
};

/** Agenda for Change bands seen in the team. */
export const bands = ['2', '3', '4', '5', '6', '7', '8a', '8b', '8c', '8d', '9', 'none'] as const;
export type Band = (typeof bands)[number];

/**
 * Roles that look after patients and so may hold a legitimate relationship with one. Which patients
 * each sees is care-relationship.ts: support workers and students only those they work with.
 */
export const clinicalRoles: readonly HomewardRole[] = [
  'support-worker',
  'student',
  'assistant-practitioner',
  'registered-therapist',
  'clinical-lead',
  'service-manager',
];

export function isClinicalRole(role: HomewardRole): boolean {
  return clinicalRoles.includes(role);
}

// Who may find, read and change a patient's record: a legitimate relationship, or break glass.
import type { HomewardRole } from './staff-roles.ts';
import { homewardRoleLabels, isClinicalRole } from './staff-roles.ts';

export const patientActions = ['search', 'read', 'write', 'register', 'break-glass'] as const;
export type PatientAction = (typeof patientActions)[number];

export type AccessScope = 'full' | 'find-only';
export type AccessBasis = 'relationship' | 'break-glass' | 'search';
export type AccessRule = 'role-not-clinical' | 'no-relationship' | 'already-has-access';

export type AccessDecision =
  | { allowed: true; scope: AccessScope; basis: AccessBasis }
  | { allowed: false; rule: AccessRule; message: string };

export type PatientAccessInput = {
  role: HomewardRole;
  action: PatientAction;
  hasRelationship: boolean;
  hasActiveBreakGlass: boolean;
};

/** What a find-only search result may show: enough to tell patients apart, nothing clinical. */
export const findOnlyFields = ['givenName', 'familyName', 'dateOfBirth', 'nhsNumber', 'postcodeDistrict'] as const;

function refuseNonClinical(role: HomewardRole): AccessDecision {
  // Administrators manage accounts; privacy officers use audit views, which are authorised elsewhere.
  const why =
    role === 'administrator'
      ? 'Administrators manage accounts and cannot see patient records'
      : role === 'privacy-officer'
        ? 'Privacy officers review access through the audit views, not patient records'
        : `${homewardRoleLabels[role]}s cannot see patient records`;
  return { allowed: false, rule: 'role-not-clinical', message: why };
}

export function decidePatientAccess(input: PatientAccessInput): AccessDecision {
  const { role, action, hasRelationship, hasActiveBreakGlass } = input;
  if (!isClinicalRole(role)) return refuseNonClinical(role);

  const basis: AccessBasis | null = hasRelationship ? 'relationship' : hasActiveBreakGlass ? 'break-glass' : null;
  switch (action) {
    case 'search':
      // Anyone clinical may find a patient, so they can be referred or break glass; details need a basis.
      return { allowed: true, scope: basis === null ? 'find-only' : 'full', basis: basis ?? 'search' };
    case 'register':
      return { allowed: true, scope: 'full', basis: 'relationship' };
    case 'read':
    case 'write':
      if (basis === null) {
        return {
          allowed: false,
          rule: 'no-relationship',
          message:
            action === 'read'
              ? 'You can only see the records of patients your team cares for. To see this record, use emergency access and give a reason.'
              : 'You can only change the records of patients your team cares for. To change this record, use emergency access and give a reason.',
        };
      }
      return { allowed: true, scope: 'full', basis };
    case 'break-glass':
      if (hasRelationship) {
        return {
          allowed: false,
          rule: 'already-has-access',
          message: 'You already have access to this record because your team cares for this patient',
        };
      }
      return { allowed: true, scope: 'full', basis: 'break-glass' };
  }
}

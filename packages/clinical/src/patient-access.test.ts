import { describe, it, expect } from 'vitest';
import type { AccessDecision, PatientAction } from './patient-access.ts';
import { decidePatientAccess, patientActions } from './patient-access.ts';
import type { HomewardRole } from './staff-roles.ts';
import { homewardRoles, isClinicalRole } from './staff-roles.ts';

// The expected decision, written independently of the implementation, for a clinical role.
function expectedForClinical(action: PatientAction, hasRelationship: boolean, hasActiveBreakGlass: boolean) {
  const basis = hasRelationship ? 'relationship' : hasActiveBreakGlass ? 'break-glass' : null;
  switch (action) {
    case 'search':
      return { allowed: true, scope: basis ? 'full' : 'find-only', basis: basis ?? 'search' };
    case 'register':
      return { allowed: true, scope: 'full', basis: 'relationship' };
    case 'read':
    case 'write':
      return basis ? { allowed: true, scope: 'full', basis } : { allowed: false, rule: 'no-relationship' };
    case 'break-glass':
      return hasRelationship
        ? { allowed: false, rule: 'already-has-access' }
        : { allowed: true, scope: 'full', basis: 'break-glass' };
  }
}

const cases: [HomewardRole, PatientAction, boolean, boolean][] = [];
for (const role of homewardRoles)
  for (const action of patientActions)
    for (const hasRelationship of [true, false])
      for (const hasActiveBreakGlass of [true, false]) cases.push([role, action, hasRelationship, hasActiveBreakGlass]);

function withoutMessage(decision: AccessDecision) {
  if (decision.allowed) return decision;
  return { allowed: false, rule: decision.rule };
}

describe('decidePatientAccess: every role x action x relationship x break glass', () => {
  it('covers all 8 roles x 5 actions x 4 states', () => {
    expect(cases).toHaveLength(160);
  });

  it('treats a student on placement as clinical: the team’s relationship lets them read', () => {
    expect(isClinicalRole('student')).toBe(true);
    expect(decidePatientAccess({ role: 'student', action: 'read', hasRelationship: true, hasActiveBreakGlass: false })).toEqual({ allowed: true, scope: 'full', basis: 'relationship' });
  });

  it.each(cases)('%s %s (relationship %s, break glass %s)', (role, action, hasRelationship, hasActiveBreakGlass) => {
    const decision = decidePatientAccess({ role, action, hasRelationship, hasActiveBreakGlass });
    const expected = isClinicalRole(role)
      ? expectedForClinical(action, hasRelationship, hasActiveBreakGlass)
      : { allowed: false, rule: 'role-not-clinical' };
    expect(withoutMessage(decision)).toEqual(expected);
    if (!decision.allowed) expect(decision.message.length).toBeGreaterThan(20);
  });
});

describe('decidePatientAccess: messages', () => {
  it.each([
    ['administrator', 'Administrators manage accounts and cannot see patient records'],
    ['privacy-officer', 'Privacy officers review access through the audit views, not patient records'],
  ] as const)('%s is told why', (role, message) => {
    for (const action of patientActions) {
      expect(decidePatientAccess({ role, action, hasRelationship: true, hasActiveBreakGlass: true })).toEqual({
        allowed: false,
        rule: 'role-not-clinical',
        message,
      });
    }
  });

  it('points a clinician without a relationship to emergency access', () => {
    const decision = decidePatientAccess({ role: 'registered-therapist', action: 'read', hasRelationship: false, hasActiveBreakGlass: false });
    expect(decision).toMatchObject({ allowed: false, rule: 'no-relationship' });
    if (!decision.allowed) expect(decision.message).toContain('emergency access');
  });

  it('tells a clinician who already has access not to break glass', () => {
    const decision = decidePatientAccess({ role: 'support-worker', action: 'break-glass', hasRelationship: true, hasActiveBreakGlass: false });
    expect(decision).toMatchObject({ allowed: false, rule: 'already-has-access' });
    if (!decision.allowed) expect(decision.message).toMatch(/already have access/);
  });

  it('prefers the relationship as the basis when both apply', () => {
    expect(decidePatientAccess({ role: 'clinical-lead', action: 'write', hasRelationship: true, hasActiveBreakGlass: true })).toEqual({
      allowed: true,
      scope: 'full',
      basis: 'relationship',
    });
  });

  it('lets a clinician with active break glass renew it', () => {
    expect(decidePatientAccess({ role: 'service-manager', action: 'break-glass', hasRelationship: false, hasActiveBreakGlass: true })).toMatchObject({ allowed: true });
  });
});

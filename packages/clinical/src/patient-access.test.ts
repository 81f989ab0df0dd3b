import { describe, it, expect } from 'vitest';
import type { AccessDecision, PatientAction } from './patient-access.ts';
import { decidePatientAccess, patientActions } from './patient-access.ts';
import type { HomewardRole } from './staff-roles.ts';
import { homewardRoles, isClinicalRole } from './staff-roles.ts';

// Who takes referrals, from the service's grades: not support workers or students, who work under
// delegation and supervision on patients already in the team's care.
const referrers: HomewardRole[] = ['assistant-practitioner', 'registered-therapist', 'clinical-lead', 'service-manager'];

// The expected decision, written independently of the implementation, for a clinical role.
function expectedForClinical(role: HomewardRole, action: PatientAction, hasRelationship: boolean, hasActiveBreakGlass: boolean) {
  const basis = hasRelationship ? 'relationship' : hasActiveBreakGlass ? 'break-glass' : null;
  switch (action) {
    case 'search':
      return { allowed: true, scope: basis ? 'full' : 'find-only', basis: basis ?? 'search' };
    case 'register':
      return { allowed: true, scope: 'full', basis: 'relationship' };
    case 'refer':
      if (!referrers.includes(role)) return { allowed: false, rule: 'role-may-not-refer' };
      return basis ? { allowed: true, scope: 'full', basis } : { allowed: false, rule: 'no-relationship' };
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
  it('covers all 8 roles x 6 actions x 4 states', () => {
    expect(cases).toHaveLength(192);
  });

  it('treats a student on placement as clinical: the team’s relationship lets them read', () => {
    expect(isClinicalRole('student')).toBe(true);
    expect(decidePatientAccess({ role: 'student', action: 'read', hasRelationship: true, hasActiveBreakGlass: false })).toEqual({ allowed: true, scope: 'full', basis: 'relationship' });
  });

  it.each(cases)('%s %s (relationship %s, break glass %s)', (role, action, hasRelationship, hasActiveBreakGlass) => {
    const decision = decidePatientAccess({ role, action, hasRelationship, hasActiveBreakGlass });
    const expected = isClinicalRole(role)
      ? expectedForClinical(role, action, hasRelationship, hasActiveBreakGlass)
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

// Another team's episode of care: the receiving team sees the summary a transfer of care carries, and
// break-glass for the rest. Expected values written from that rule, not from the code.
describe('decidePatientAccess: episodes of care', () => {
  const kinds = ['episode', 'discharge-summary', 'letter', 'contact-note', 'assessment', 'goal', 'programme-of-care', 'episode-review', 'consent', 'timeline', 'referral'];
  const summary = new Set(['episode', 'discharge-summary', 'letter']);
  const cells: Array<[string, 'read' | 'write', boolean, boolean, boolean]> = [];
  for (const kind of kinds)
    for (const action of ['read', 'write'] as const)
      for (const ownTeam of [true, false])
        for (const hasRelationship of [true, false])
          for (const glass of [true, false]) cells.push([kind, action, ownTeam, hasRelationship, glass]);

  it.each(cells)('%s %s (own team %s, relationship %s, break glass %s)', (recordKind, action, ownTeam, hasRelationship, glass) => {
    const decision = decidePatientAccess({ role: 'registered-therapist', action, hasRelationship, hasActiveBreakGlass: glass, episode: { ownTeam, recordKind } });
    let expected: object;
    if (ownTeam && hasRelationship) expected = { allowed: true, scope: 'full', basis: 'relationship' };
    else if (glass) expected = { allowed: true, scope: 'full', basis: 'break-glass' };
    else if (!hasRelationship) expected = { allowed: false, rule: 'no-relationship' };
    else if (action === 'read' && summary.has(recordKind)) expected = { allowed: true, scope: 'summary', basis: 'relationship' };
    else expected = { allowed: false, rule: 'other-team-episode' };
    expect(withoutMessage(decision)).toEqual(expected);
  });

  it('tells a clinician what their team sees of another team’s episode, and points to emergency access for the rest', () => {
    const decision = decidePatientAccess({ role: 'clinical-lead', action: 'read', hasRelationship: true, hasActiveBreakGlass: false, episode: { ownTeam: false, recordKind: 'contact-note' } });
    expect(decision).toMatchObject({ allowed: false, rule: 'other-team-episode' });
    if (!decision.allowed) expect(decision.message).toMatch(/summary.*emergency access/);
  });

  it('lets a clinician with a relationship break glass when the patient has another team’s episodes, and only then', () => {
    const base = { role: 'registered-therapist' as const, action: 'break-glass' as const, hasRelationship: true, hasActiveBreakGlass: false };
    expect(decidePatientAccess({ ...base, hasOtherTeamEpisodes: true })).toEqual({ allowed: true, scope: 'full', basis: 'break-glass' });
    expect(decidePatientAccess({ ...base, hasOtherTeamEpisodes: false })).toMatchObject({ allowed: false, rule: 'already-has-access' });
  });

  it('never lets a non-clinical role into an episode, whatever the facts', () => {
    for (const role of ['administrator', 'privacy-officer'] as const) {
      expect(decidePatientAccess({ role, action: 'read', hasRelationship: true, hasActiveBreakGlass: true, episode: { ownTeam: true, recordKind: 'episode' } })).toMatchObject({ allowed: false, rule: 'role-not-clinical' });
    }
  });
});

describe('decidePatientAccess: making a referral', () => {
  it('tells a support worker or student to pass the referral on, whatever their access', () => {
    for (const role of ['support-worker', 'student'] as const) {
      const decision = decidePatientAccess({ role, action: 'refer', hasRelationship: true, hasActiveBreakGlass: true });
      expect(decision).toMatchObject({ allowed: false, rule: 'role-may-not-refer' });
      if (!decision.allowed) expect(decision.message).toContain('registered colleague');
    }
  });

  it('refuses a referral for a patient the clinician cannot see, pointing to emergency access', () => {
    const decision = decidePatientAccess({ role: 'registered-therapist', action: 'refer', hasRelationship: false, hasActiveBreakGlass: false });
    expect(decision).toMatchObject({ allowed: false, rule: 'no-relationship' });
    if (!decision.allowed) expect(decision.message).toMatch(/registering now.*emergency access/);
  });
});

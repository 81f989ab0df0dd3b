import { describe, expect, it } from 'vitest';
import { expectOwnLabels } from './labels-for-tests.ts';
import { clinicalRoles, homewardRoleLabels, homewardRoles, isClinicalRole, professionLabels, professions } from './staff-roles.ts';

// Written from the service's grades, not from the implementation: who looks after patients.
describe('staff roles', () => {
  it('counts everyone who looks after patients as clinical, and not administrators or privacy officers', () => {
    expect(homewardRoles.filter(isClinicalRole)).toEqual(['support-worker', 'student', 'assistant-practitioner', 'registered-therapist', 'clinical-lead', 'service-manager']);
    expect(clinicalRoles).toHaveLength(6);
  });

  it.each([
    ['roles', homewardRoles, homewardRoleLabels],
    ['professions', professions, professionLabels],
  ] as const)('every one of the %s has its own label, in the team’s words', (_what, values, labels) => {
    expectOwnLabels(values, labels, /^[A-Z][a-z].{4,}/);
  });
});

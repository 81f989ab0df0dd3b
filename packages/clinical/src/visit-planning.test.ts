import { describe, expect, it } from 'vitest';
import { homewardRoles } from './staff-roles.ts';
import { mayPlanVisits } from './visit-planning.ts';

describe('mayPlanVisits', () => {
  it.each(homewardRoles.map((role) => [role, role === 'clinical-lead' || role === 'service-manager'] as const))('%s: %s', (role, may) => {
    expect(mayPlanVisits(role)).toBe(may);
  });
});

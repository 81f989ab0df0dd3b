import { describe, expect, it } from 'vitest';
import { mayMakeReferrals } from './referral-makers.ts';
import { homewardRoles, type HomewardRole } from './staff-roles.ts';

// Written from the service's grades: a referral brings a patient into the team's care.
const expected: Record<HomewardRole, boolean> = {
  'support-worker': false,
  student: false,
  'assistant-practitioner': true,
  'registered-therapist': true,
  'clinical-lead': true,
  'service-manager': true,
  administrator: false,
  'privacy-officer': false,
};

describe('who makes referrals', () => {
  it.each(homewardRoles.map((role) => [role, expected[role]] as const))('%s: %s', (role, allowed) => {
    expect(mayMakeReferrals(role)).toBe(allowed);
  });
});

// The legitimate relationship, as a table: who sees which patient from which facts, and the boundaries
// in time (the follow-up period after discharge, the registration window) on the day before and after.
import { describe, expect, it } from 'vitest';
import { decideCareRelationship, earliestDischargeInFollowUp, followUpDaysAfterDischarge, followUpEndsOn, hasTeamWideAccess, registrationRelationshipDays, type CareFacts } from './care-relationship.ts';
import { homewardRoles, type HomewardRole } from './staff-roles.ts';

const none: CareFacts = { openCare: false, lastDischargedOn: null, registeredAt: null };
const open: CareFacts = { ...none, openCare: true };
// Noon in London on 1 March 2027 (GMT), so "today" is 2027-03-01 on the UK calendar.
const now = new Date('2027-03-01T12:00:00Z');

describe('who sees every patient in the team’s care', () => {
  // Written from the service's grades: registered staff and managers; not support workers or students.
  const teamWide: Record<HomewardRole, boolean> = {
    'support-worker': false,
    student: false,
    'assistant-practitioner': true,
    'registered-therapist': true,
    'clinical-lead': true,
    'service-manager': true,
    administrator: false,
    'privacy-officer': false,
  };
  it.each(homewardRoles.map((role) => [role, teamWide[role]] as const))('%s: %s', (role, expected) => {
    expect(hasTeamWideAccess(role)).toBe(expected);
  });
});

describe('decideCareRelationship: which facts count for which role', () => {
  const cells: Array<[HomewardRole, 'team' | 'own' | 'neither', boolean]> = [
    ['registered-therapist', 'team', true],
    ['registered-therapist', 'own', false],
    ['assistant-practitioner', 'team', true],
    ['clinical-lead', 'team', true],
    ['service-manager', 'team', true],
    ['support-worker', 'team', false],
    ['support-worker', 'own', true],
    ['student', 'team', false],
    ['student', 'own', true],
    ['administrator', 'team', false],
    ['administrator', 'own', false],
    ['privacy-officer', 'own', false],
    ['registered-therapist', 'neither', false],
    ['support-worker', 'neither', false],
  ];
  it.each(cells)('%s with only %s care: %s', (role, which, expected) => {
    const decision = decideCareRelationship({ role, team: which === 'team' ? open : none, own: which === 'own' ? open : none, now });
    expect(decision.hasRelationship).toBe(expected);
    if (decision.hasRelationship) expect(decision.through).toBe('in-care');
  });
});

describe('after discharge: the relationship lasts 90 days, then break-glass', () => {
  it('is 90 days, counted on the UK calendar from the discharge date', () => {
    expect(followUpDaysAfterDischarge).toBe(90);
    expect(followUpEndsOn('2026-12-01')).toBe('2027-03-01');
    // Across the clock change at the end of March: still calendar days.
    expect(followUpEndsOn('2027-01-01')).toBe('2027-04-01');
  });

  const dischargedOn = '2026-12-01'; // day 90 after it is 2027-03-01
  const cases: Array<[string, Date, boolean, string | null]> = [
    ['on the day of discharge', new Date('2026-12-01T15:00:00Z'), true, 'follow-up'],
    ['on day 89', new Date('2027-02-28T12:00:00Z'), true, 'follow-up'],
    ['on day 90, first minute (UK)', new Date('2027-03-01T00:00:00Z'), true, 'follow-up'],
    ['on day 90, last minute (UK)', new Date('2027-03-01T23:59:00Z'), true, 'follow-up'],
    ['on day 91, first minute (UK)', new Date('2027-03-02T00:00:00Z'), false, null],
    ['a year later', new Date('2027-12-01T12:00:00Z'), false, null],
  ];
  for (const role of ['registered-therapist', 'support-worker'] as const) {
    it.each(cases)(`${role}: %s`, (_what, at, expected, through) => {
      const facts: CareFacts = { ...none, lastDischargedOn: dischargedOn };
      const decision = decideCareRelationship({ role, team: role === 'support-worker' ? none : facts, own: role === 'support-worker' ? facts : none, now: at });
      expect(decision).toEqual(expected ? { hasRelationship: true, through } : { hasRelationship: false });
    });
  }

  it('reads the day in UK time: 23:30 UTC on the last day in summer is already the next day in London', () => {
    const facts: CareFacts = { ...none, lastDischargedOn: '2027-04-01' }; // ends 2027-06-30
    expect(decideCareRelationship({ role: 'clinical-lead', team: facts, own: none, now: new Date('2027-06-30T22:59:00Z') }).hasRelationship).toBe(true);
    expect(decideCareRelationship({ role: 'clinical-lead', team: facts, own: none, now: new Date('2027-06-30T23:00:00Z') }).hasRelationship).toBe(false);
  });

  it('agrees with the lists’ cut-off: a discharge on the earliest date still in follow-up is in, the day before is out', () => {
    for (const at of [new Date('2027-03-01T00:00:00Z'), new Date('2027-06-30T22:59:00Z'), new Date('2027-06-30T23:00:00Z')]) {
      const earliest = earliestDischargeInFollowUp(at);
      const decide = (lastDischargedOn: string) => decideCareRelationship({ role: 'registered-therapist', team: { ...none, lastDischargedOn }, own: none, now: at }).hasRelationship;
      expect(decide(earliest)).toBe(true);
      const dayBefore = new Date(Date.parse(`${earliest}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      expect(decide(dayBefore)).toBe(false);
    }
    expect(earliestDischargeInFollowUp(new Date('2027-03-01T12:00:00Z'))).toBe('2026-12-01');
  });

  it('an open episode or a waiting referral counts whatever the dates of older discharges', () => {
    expect(decideCareRelationship({ role: 'registered-therapist', team: { ...open, lastDischargedOn: '2020-01-01' }, own: none, now })).toEqual({ hasRelationship: true, through: 'in-care' });
  });
});

describe('registering a patient: 7 days to make the referral', () => {
  const registeredAt = new Date('2027-03-01T09:00:00Z');
  const day = 86_400_000;
  it('is 7 days', () => expect(registrationRelationshipDays).toBe(7));
  it.each([
    ['just registered', 0, true],
    ['a minute before the 7 days end', 7 * day - 60_000, true],
    ['when the 7 days end', 7 * day, false],
    ['a month later', 30 * day, false],
  ] as const)('%s', (_what, after, expected) => {
    const facts: CareFacts = { ...none, registeredAt };
    const at = new Date(registeredAt.getTime() + after);
    expect(decideCareRelationship({ role: 'registered-therapist', team: facts, own: none, now: at }).hasRelationship).toBe(expected);
    expect(decideCareRelationship({ role: 'student', team: none, own: facts, now: at }).hasRelationship).toBe(expected);
    if (expected) expect(decideCareRelationship({ role: 'registered-therapist', team: facts, own: none, now: at })).toEqual({ hasRelationship: true, through: 'registering' });
  });
});

import { describe, expect, it } from 'vitest';
import { addCalendarMonths } from '../episode-dates.ts';
import { compliancePercent, mayManageTraining, trainingExpiry, trainingStandingOf } from './training-rules.ts';

describe('a completion expires its renewal period in calendar months later', () => {
  it.each([
    { completedOn: '2026-03-03', renewalMonths: 12, expected: '2027-03-03' },
    { completedOn: '2026-01-31', renewalMonths: 1, expected: '2026-02-28' },
    { completedOn: '2027-12-31', renewalMonths: 2, expected: '2028-02-29' },
    { completedOn: '2026-11-15', renewalMonths: 36, expected: '2029-11-15' },
    { completedOn: '2026-11-15', renewalMonths: null, expected: null },
  ])('$completedOn + $renewalMonths months: $expected', ({ completedOn, renewalMonths, expected }) => {
    expect(trainingExpiry({ completedOn, renewalMonths })).toBe(expected);
  });

  it('adds months across years backwards too', () => {
    expect(addCalendarMonths('2026-01-15', -1)).toBe('2025-12-15');
  });
});

describe("a person's standing on a required course", () => {
  it.each([
    { latestCompletedOn: null, renewalMonths: 12, expected: { status: 'overdue', dueOn: null, state: 'never-done' } },
    { latestCompletedOn: '2025-12-04', renewalMonths: 12, expected: { status: 'overdue', dueOn: '2026-12-04', state: 'expired' } },
    { latestCompletedOn: '2025-12-05', renewalMonths: 12, expected: { status: 'due-soon', dueOn: '2026-12-05', state: 'expires-soon' } },
    { latestCompletedOn: '2026-01-02', renewalMonths: 12, expected: { status: 'due-soon', dueOn: '2027-01-02', state: 'expires-soon' } },
    { latestCompletedOn: '2026-01-03', renewalMonths: 12, expected: { status: 'in-date', dueOn: '2027-01-03', state: 'in-date' } },
    { latestCompletedOn: '2010-01-01', renewalMonths: null, expected: { status: 'in-date', dueOn: null, state: 'does-not-expire' } },
  ] as const)('done $latestCompletedOn, renewed every $renewalMonths months, on 5 December 2026: $expected.state', ({ latestCompletedOn, renewalMonths, expected }) => {
    expect(trainingStandingOf({ latestCompletedOn, renewalMonths, today: '2026-12-05' })).toEqual(expected);
  });
});

describe('compliance', () => {
  it.each([
    { inDate: 0, dueSoon: 0, overdue: 0, expected: 100 },
    { inDate: 8, dueSoon: 1, overdue: 1, expected: 90 },
    { inDate: 1, dueSoon: 0, overdue: 2, expected: 33 },
  ])('$inDate in date, $dueSoon due soon, $overdue overdue: $expected%', (o) => {
    expect(compliancePercent(o)).toBe(o.expected);
  });

  it('is kept by the clinical lead and the service manager only', () => {
    expect(mayManageTraining('clinical-lead')).toBe(true);
    expect(mayManageTraining('service-manager')).toBe(true);
    expect(mayManageTraining('registered-therapist')).toBe(false);
    expect(mayManageTraining('administrator')).toBe(false);
  });
});

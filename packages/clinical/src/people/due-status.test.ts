import { describe, expect, it } from 'vitest';
import { compareDueStatus, dueStatusOf, dueStatusTags, worstDueStatus } from './due-status.ts';

describe('red, amber, green for a due date', () => {
  it.each([
    { dueOn: null, today: '2026-12-05', expected: 'overdue' },
    { dueOn: '2026-12-04', today: '2026-12-05', expected: 'overdue' },
    { dueOn: '2026-12-05', today: '2026-12-05', expected: 'due-soon' },
    { dueOn: '2027-01-02', today: '2026-12-05', expected: 'due-soon' },
    { dueOn: '2027-01-03', today: '2026-12-05', expected: 'in-date' },
  ] as const)('due $dueOn, today $today: $expected', ({ dueOn, today, expected }) => {
    expect(dueStatusOf({ dueOn, today })).toBe(expected);
  });

  it('takes its own amber window', () => {
    expect(dueStatusOf({ dueOn: '2026-12-12', today: '2026-12-05', soonDays: 7 })).toBe('due-soon');
    expect(dueStatusOf({ dueOn: '2026-12-13', today: '2026-12-05', soonDays: 7 })).toBe('in-date');
  });
});

describe('the tag beside each status', () => {
  it('says the status in words as well as colour', () => {
    expect(dueStatusTags).toEqual({
      overdue: { colour: 'red', text: 'Overdue' },
      'due-soon': { colour: 'yellow', text: 'Due soon' },
      'in-date': { colour: 'green', text: 'In date' },
    });
  });
});

describe('the most urgent first', () => {
  it('sorts overdue, then due soon, then in date, then no status', () => {
    expect(['in-date', null, 'overdue', 'due-soon'].sort((a, b) => compareDueStatus(a as never, b as never))).toEqual(['overdue', 'due-soon', 'in-date', null]);
  });

  it('takes the worst of a person’s statuses, in date when there are none', () => {
    expect(worstDueStatus(['in-date', 'due-soon', 'in-date'])).toBe('due-soon');
    expect(worstDueStatus(['due-soon', 'overdue'])).toBe('overdue');
    expect(worstDueStatus(['in-date'])).toBe('in-date');
    expect(worstDueStatus([])).toBe('in-date');
  });
});

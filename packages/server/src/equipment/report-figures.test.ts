import { describe, expect, it } from 'vitest';
import { daysBetween, poundsOf, summariseDurations } from './report-figures.ts';

describe('equipment report figures', () => {
  it.each([
    [[], { count: 0, medianDays: null, meanDays: null, longestDays: null }],
    [[10], { count: 1, medianDays: 10, meanDays: 10, longestDays: 10 }],
    [[30, 10, 20], { count: 3, medianDays: 20, meanDays: 20, longestDays: 30 }],
    [[1, 2, 3, 10], { count: 4, medianDays: 2.5, meanDays: 4, longestDays: 10 }],
  ])('summarises %j', (days, expected) => {
    expect(summariseDurations(days)).toEqual(expected);
  });
  it('counts whole days, never negative', () => {
    expect(daysBetween(new Date('2026-11-01T09:00Z'), new Date('2026-11-03T08:59Z'))).toBe(1);
    expect(daysBetween(new Date('2026-11-03T09:00Z'), new Date('2026-11-01T09:00Z'))).toBe(0);
  });
  it('writes pounds and pence', () => {
    expect(poundsOf(123456)).toBe('1234.56');
    expect(poundsOf(0)).toBe('0.00');
  });
});

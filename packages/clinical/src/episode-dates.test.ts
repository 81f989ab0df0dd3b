import { describe, it, expect } from 'vitest';
import type { Day } from './episode-dates.ts';
import { addCalendarDays, daysBetween, plannedEndDate, reviewDates, reviewDue, reviewStateLabels, reviewStates, ukDateOf } from './episode-dates.ts';

const at = (iso: string) => new Date(iso);

describe('ukDateOf', () => {
  it.each([
    ['2026-01-14T23:30:00Z', '2026-01-14'],
    ['2026-03-28T23:30:00Z', '2026-03-28'], // GMT until 01:00 on the 29th
    ['2026-03-29T23:30:00Z', '2026-03-30'], // 00:30 BST
    ['2026-07-01T23:00:00Z', '2026-07-02'], // midnight BST
    ['2026-10-24T23:30:00Z', '2026-10-25'], // 00:30 BST
    ['2026-10-25T23:30:00Z', '2026-10-25'], // 23:30 GMT
  ])('%s is %s in the UK', (instant, date) => {
    expect(ukDateOf(at(instant))).toBe(date);
  });
});

describe('daysBetween: UK calendar days', () => {
  it.each<[string, Day, Day, number]>([
    ['same day', '2026-01-14', '2026-01-14', 0],
    ['next day', '2026-01-14', '2026-01-15', 1],
    ['backwards', '2026-01-15', '2026-01-14', -1],
    ['across a leap day', '2028-02-28', '2028-03-01', 2],
    ['across the year end', '2025-12-31', '2026-01-01', 1],
    ['across spring forward, dates', '2026-03-28', '2026-03-30', 2],
    ['across fall back, dates', '2026-10-24', '2026-10-26', 2],
    // 23 real hours apart but on consecutive UK days
    ['late evening to late evening over spring forward', at('2026-03-28T23:30:00Z'), at('2026-03-29T22:30:00Z'), 1],
    // 25 real hours apart, one UK day: 00:30 BST on the 25th to 00:30 GMT on the 26th
    ['00:30 BST to 00:30 GMT over fall back', at('2026-10-24T23:30:00Z'), at('2026-10-26T00:30:00Z'), 1],
    // 24 real hours apart, two UK days: 23:30 GMT on the 28th to 00:30 BST on the 30th
    ['23:30 GMT to 00:30 BST over spring forward', at('2026-03-28T23:30:00Z'), at('2026-03-29T23:30:00Z'), 2],
    ['UTC-midnight-crossing within one UK day', at('2026-07-01T23:10:00Z'), at('2026-07-02T22:50:00Z'), 0],
    ['instant to date', at('2026-03-29T23:30:00Z'), '2026-03-31', 1],
    ['date to instant', '2026-10-24', at('2026-10-25T23:30:00Z'), 1],
  ])('%s', (_story, from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it('refuses dates that are not real', () => {
    expect(() => daysBetween('2026-02-30', '2026-03-01')).toThrow(RangeError);
    expect(() => daysBetween('14/01/2026', '2026-03-01')).toThrow(RangeError);
  });
});

describe('addCalendarDays and plannedEndDate', () => {
  it.each<[Day, number, string]>([
    ['2026-03-20', 14, '2026-04-03'],
    ['2026-10-20', 14, '2026-11-03'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-01-01', -1, '2025-12-31'],
    [at('2026-03-28T23:30:00Z'), 1, '2026-03-29'],
  ])('%s + %i days = %s', (day, days, expected) => {
    expect(addCalendarDays(day, days)).toBe(expected);
  });

  it.each<[string, Day, number | undefined, string]>([
    ['6 weeks by default', '2026-03-02', undefined, '2026-04-13'],
    ['6 weeks across both clock changes in a year', '2026-09-28', undefined, '2026-11-09'],
    ['first contact just after midnight BST counts from the UK day', at('2026-03-29T23:15:00Z'), undefined, '2026-05-11'],
    ['28 days for a community bed', '2026-01-05', 28, '2026-02-02'],
  ])('%s', (_story, firstContact, lengthDays, expected) => {
    expect(plannedEndDate(lengthDays === undefined ? { firstContact } : { firstContact, lengthDays })).toBe(expected);
  });
});

describe('reviewDates', () => {
  it.each([
    ['2026-03-02', '2026-04-13', '2026-03-23'],
    ['2026-01-05', '2026-02-02', '2026-01-19'],
    ['2026-01-05', '2026-01-10', '2026-01-07'], // 5 days: halfway rounds down
    ['2026-01-05', '2026-01-05', '2026-01-05'],
  ])('%s to %s: midway %s', (startOn, plannedEndOn, midway) => {
    expect(reviewDates({ startOn, plannedEndOn })).toEqual({ midwayReviewOn: midway, endReviewOn: plannedEndOn });
  });
});

describe('reviewDue: 6-week episode from 2 March 2026 (midway 23 March, end 13 April)', () => {
  const startOn = '2026-03-02';
  const plannedEndOn = '2026-04-13';
  it.each<[string, string | null, string, string | null, string]>([
    ['a week in, no review yet', null, '2026-03-09', '2026-03-23', 'not-due'],
    ['8 days before midway', null, '2026-03-15', '2026-03-23', 'not-due'],
    ['7 days before midway', null, '2026-03-16', '2026-03-23', 'due'],
    ['on the midway date', null, '2026-03-23', '2026-03-23', 'due'],
    ['the day after midway, not reviewed', null, '2026-03-24', '2026-03-23', 'overdue'],
    ['reviewed 5 days before midway: end review next', '2026-03-18', '2026-03-24', '2026-04-13', 'not-due'],
    ['reviewed 8 days before midway: midway still wanted', '2026-03-15', '2026-03-24', '2026-03-23', 'overdue'],
    ['reviewed 7 days before midway, the edge of the window: end review next', '2026-03-16', '2026-03-24', '2026-04-13', 'not-due'],
    ['reviewed midway, a week before the end', '2026-03-23', '2026-04-06', '2026-04-13', 'due'],
    ['reviewed midway, past the end', '2026-03-23', '2026-04-20', '2026-04-13', 'overdue'],
    ['both reviews done', '2026-04-13', '2026-04-20', null, 'not-due'],
    ['end review done 3 days early', '2026-04-10', '2026-04-14', null, 'not-due'],
  ])('%s', (_story, lastReviewOn, today, dueOn, state) => {
    expect(reviewDue({ startOn, plannedEndOn, lastReviewOn, today })).toEqual({ dueOn, state });
  });

  it('accepts a team window for "due"', () => {
    expect(reviewDue({ startOn, plannedEndOn, lastReviewOn: null, today: '2026-03-16', dueWindowDays: 3 })).toEqual({
      dueOn: '2026-03-23',
      state: 'not-due',
    });
  });
});

describe('what is not a date', () => {
  it.each([
    ['x2026-12-01', 'Not a yyyy-mm-dd date: x2026-12-01'],
    ['2026-12-01x', 'Not a yyyy-mm-dd date: 2026-12-01x'],
    ['1 December 2026', 'Not a yyyy-mm-dd date: 1 December 2026'],
    ['2026-02-30', 'Not a real date: 2026-02-30'],
    ['2026-13-01', 'Not a real date: 2026-13-01'],
    ['2026-00-10', 'Not a real date: 2026-00-10'],
    ['2026-12-00', 'Not a real date: 2026-12-00'],
    ['2026-04-31', 'Not a real date: 2026-04-31'],
    ['2026-06-31', 'Not a real date: 2026-06-31'],
    ['2026-09-31', 'Not a real date: 2026-09-31'],
    ['2026-11-31', 'Not a real date: 2026-11-31'],
    ['2026-12-32', 'Not a real date: 2026-12-32'],
    ['2027-02-29', 'Not a real date: 2027-02-29'],
    ['2100-02-29', 'Not a real date: 2100-02-29'],
    ['0099-06-01', 'Not a real date: 0099-06-01'],
  ])('refuses %j, saying why', (day, message) => {
    expect(() => daysBetween(day, '2026-12-01')).toThrow(new RangeError(message));
    expect(() => addCalendarDays(day, 1)).toThrow(new RangeError(message));
  });

  it('takes every real day, month ends and leap days included, and agrees with the calendar', () => {
    for (const day of ['2028-02-29', '2000-02-29', '2026-01-31', '2026-04-30', '2026-12-31', '0100-01-01']) {
      expect(addCalendarDays(day, 0)).toBe(day);
    }
    // Every day of 2099 and 2100 (a century year, so no 29 February) against the platform's calendar.
    for (let t = Date.UTC(2099, 0, 1); t < Date.UTC(2101, 0, 1); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      expect(daysBetween('2099-01-01', day)).toBe((t - Date.UTC(2099, 0, 1)) / 86_400_000);
    }
  });

  it('labels each review state as the caseload shows it', () => {
    expect(reviewStates.map((state) => reviewStateLabels[state])).toEqual(['Not due', 'Review due', 'Review overdue']);
  });
});

import { describe, expect, it } from 'vitest';
import { formatUkDateTime, fromUkWallClock, parseTimeOfDay, toUkWallClock, ukDayStart } from './uk-wall-clock.ts';

describe('UK wall-clock times', () => {
  it.each([
    ['2026-12-05', '2026-12-05T00:00:00.000Z'],
    ['2026-07-01', '2026-06-30T23:00:00.000Z'],
    ['2026-03-29', '2026-03-29T00:00:00.000Z'],
    ['2026-03-30', '2026-03-29T23:00:00.000Z'],
    ['2026-10-25', '2026-10-24T23:00:00.000Z'],
    ['2026-10-26', '2026-10-26T00:00:00.000Z'],
    // Double summer time (UTC+2) in the war years, British Standard Time (UTC+1 all year) in 1969.
    ['1941-05-17', '1941-05-16T22:00:00.000Z'],
    ['1969-01-15', '1969-01-14T23:00:00.000Z'],
    // Before railway time (London mean time, 75 seconds behind UTC) no offset in hours fits: UTC midnight.
    ['1840-01-01', '1840-01-01T00:00:00.000Z'],
  ])('a UK day %s begins at %s', (day, instant) => {
    expect(ukDayStart(day).toISOString()).toBe(instant);
  });

  it.each([
    ['2026-01-15', '09:30', '2026-01-15T09:30:00.000Z'], // GMT
    ['2026-07-15', '09:30', '2026-07-15T08:30:00.000Z'], // BST
    ['2026-03-29', '00:30', '2026-03-29T00:30:00.000Z'], // before the clocks go forward
    ['2026-03-29', '02:30', '2026-03-29T01:30:00.000Z'], // after
    ['2026-10-25', '01:30', '2026-10-25T00:30:00.000Z'], // the repeated hour: its first (BST) pass
    ['2026-10-25', '02:30', '2026-10-25T02:30:00.000Z'], // GMT again
  ])('%s %s is %s', (date, time, iso) => {
    const instant = fromUkWallClock(date, time);
    expect(instant?.toISOString()).toBe(iso);
    expect(toUkWallClock(instant!)).toEqual({ date, time });
  });

  it('has no instant for a time in the hour skipped in March, nor for malformed input', () => {
    expect(fromUkWallClock('2026-03-29', '01:30')).toBeNull();
    expect(fromUkWallClock('2026-3-29', '10:00')).toBeNull();
    expect(fromUkWallClock('2026-03-29', '10:0')).toBeNull();
    expect(fromUkWallClock('2026-02-30', '10:00')).toBeNull(); // no such day (Date.UTC would roll it into March)
    expect(fromUkWallClock('2026-01-15', '24:00')).toBeNull();
  });

  it.each([
    ['9:30', '09:30'],
    ['09.30', '09:30'],
    [' 23:59 ', '23:59'],
    ['24:00', null],
    ['12:60', null],
    ['noon', null],
    ['123:45', null],
    ['12:345', null],
    ['12-30', null],
    ['', null],
  ])('reads the typed time %j as %j', (typed, expected) => {
    expect(parseTimeOfDay(typed)).toBe(expected);
  });

  it('formats instants in UK time with the 24-hour clock', () => {
    expect(formatUkDateTime('2026-07-15T08:30:00Z')).toBe('15 Jul 2026, 09:30');
    expect(formatUkDateTime(new Date('2026-11-26T08:30:00Z'))).toBe('26 Nov 2026, 08:30');
  });
});

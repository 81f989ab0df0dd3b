import { describe, expect, it } from 'vitest';
import { minutesOf, patternHours, timeOf, weekOf, weekdayOf, workingDay, type PatternDay, type RotaException, type WorkingDay } from './working-day.ts';

// Monday to Friday 08:30-16:30 with 30 minutes' break; Wednesday a short day.
const week: PatternDay[] = [
  { weekday: 1, start: '08:30', end: '16:30', breakMinutes: 30 },
  { weekday: 2, start: '08:30', end: '16:30', breakMinutes: 30 },
  { weekday: 3, start: '09:00', end: '13:00', breakMinutes: 0 },
  { weekday: 4, start: '08:30', end: '16:30', breakMinutes: 30 },
  { weekday: 5, start: '08:30', end: '16:30', breakMinutes: 30 },
];
const ex = (kind: RotaException['kind'], startsOn: string, endsOn = startsOn, startTime: string | null = null, endTime: string | null = null, cancelled = false): RotaException => ({
  kind,
  startsOn,
  endsOn,
  startTime,
  endTime,
  cancelled,
});
const day = (date: string, exceptions: RotaException[] = [], pattern: PatternDay[] = week) => workingDay({ date, week: pattern, exceptions });
const summary = (d: WorkingDay) => (d.shift ? `${d.shift.start}-${d.shift.end} break ${d.shift.breakMinutes}${d.cover ? ' cover' : ''}` : `off: ${d.notWorkingBecause}`);

// December 2026: Monday 7th; Christmas Friday 25th; Boxing Day substitute Monday 28th.
describe('workingDay', () => {
  it.each<[string, string, RotaException[], string, PatternDay[]?]>([
    ['a usual Monday', '2026-12-07', [], '08:30-16:30 break 30'],
    ['the short Wednesday', '2026-12-09', [], '09:00-13:00 break 0'],
    ['a Saturday off the pattern', '2026-12-12', [], 'off: day-off'],
    ['a Saturday on the pattern is weekend cover', '2026-12-12', [], '09:00-17:00 break 30 cover', [...week, { weekday: 6, start: '09:00', end: '17:00', breakMinutes: 30 }]],
    ['a Sunday with an extra shift', '2026-12-13', [ex('extra-shift', '2026-12-13', '2026-12-13', '09:00', '17:00')], '09:00-17:00 break 30 cover'],
    ['a short extra shift has no break', '2026-12-13', [ex('extra-shift', '2026-12-13', '2026-12-13', '09:00', '13:00')], '09:00-13:00 break 0 cover'],
    ['an extra shift on a working day replaces its times, keeping its break', '2026-12-07', [ex('extra-shift', '2026-12-07', '2026-12-07', '07:00', '19:00')], '07:00-19:00 break 30 cover'],
    ['Christmas Day is a bank holiday', '2026-12-25', [], 'off: bank-holiday'],
    ['the substitute Boxing Day is a bank holiday', '2026-12-28', [], 'off: bank-holiday'],
    ['bank-holiday cover', '2026-12-28', [ex('extra-shift', '2026-12-28', '2026-12-28', '09:00', '17:00')], '09:00-17:00 break 30 cover'],
    ['annual leave across the day', '2026-12-08', [ex('annual-leave', '2026-12-07', '2026-12-11')], 'off: annual-leave'],
    ['leave the day after ends', '2026-12-14', [ex('annual-leave', '2026-12-07', '2026-12-11')], '08:30-16:30 break 30'],
    ['cancelled leave does not count', '2026-12-08', [ex('annual-leave', '2026-12-07', '2026-12-11', null, null, true)], '08:30-16:30 break 30'],
    ['sickness is named before leave', '2026-12-08', [ex('annual-leave', '2026-12-08'), ex('sickness', '2026-12-08')], 'off: sickness'],
    ['sickness on a day of cover', '2026-12-13', [ex('extra-shift', '2026-12-13', '2026-12-13', '09:00', '17:00'), ex('sickness', '2026-12-13')], 'off: sickness'],
    ['morning training starts the day later, break kept', '2026-12-07', [ex('training', '2026-12-07', '2026-12-07', '08:00', '10:00')], '10:00-16:30 break 30'],
    ['afternoon leave ends the day earlier, short day loses its break', '2026-12-07', [ex('annual-leave', '2026-12-07', '2026-12-07', '12:30', '17:00')], '08:30-12:30 break 0'],
    ['an absence in the middle keeps the longer piece', '2026-12-07', [ex('other-absence', '2026-12-07', '2026-12-07', '10:00', '11:00')], '11:00-16:30 break 0'],
    ['an absence covering the shift is the whole day', '2026-12-09', [ex('training', '2026-12-09', '2026-12-09', '08:00', '14:00')], 'off: training'],
    ['an absence outside the shift changes nothing', '2026-12-09', [ex('training', '2026-12-09', '2026-12-09', '14:00', '16:00')], '09:00-13:00 break 0'],
    ['two part days cut both ends', '2026-12-07', [ex('training', '2026-12-07', '2026-12-07', '08:00', '09:30'), ex('annual-leave', '2026-12-07', '2026-12-07', '15:00', '17:00')], '09:30-15:00 break 0'],
  ])('%s', (_name, date, exceptions, expected, pattern) => {
    expect(summary(day(date, exceptions, pattern ?? week))).toBe(expected);
  });

  it('names the bank holiday, and lists part-day absences for the week view', () => {
    expect(day('2026-12-25').bankHoliday).toBe('Christmas Day');
    expect(day('2026-12-07').bankHoliday).toBeNull();
    expect(day('2026-12-07', [ex('training', '2026-12-07', '2026-12-07', '08:00', '10:00')]).partDayAbsences).toEqual([{ kind: 'training', start: '08:00', end: '10:00' }]);
  });

  it('uses the bank holidays it is given', () => {
    expect(workingDay({ date: '2026-12-07', week, exceptions: [], bankHolidays: [{ date: '2026-12-07', name: 'Test' }] }).notWorkingBecause).toBe('bank-holiday');
  });
});

describe('weekdayOf and weekOf', () => {
  it('counts Monday as 1 and Sunday as 7', () => {
    expect(weekdayOf('2026-12-07')).toBe(1);
    expect(weekdayOf('2026-12-13')).toBe(7);
  });
  it('gives Monday to Sunday around any day, across a month and a clock change', () => {
    expect(weekOf('2026-12-31')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
    expect(weekOf('2027-03-28')[0]).toBe('2027-03-22');
  });
});

describe('patternHours', () => {
  it('adds up the usual week less breaks', () => {
    expect(patternHours(week)).toBe(4 * 7.5 + 4);
    expect(patternHours([])).toBe(0);
    expect(patternHours([{ weekday: 1, start: '09:00', end: '09:20', breakMinutes: 0 }])).toBe(0.33);
  });
});

// Edges the rules turn on (each row fails if a `<` becomes `<=`, an order is lost, or a default changes).
describe('workingDay at its edges', () => {
  const shortDay: PatternDay[] = [{ weekday: 1, start: '09:00', end: '14:00', breakMinutes: 15 }];
  it.each<[string, string, RotaException[], string, PatternDay[]?]>([
    ['annual leave is named before training', '2026-12-08', [ex('training', '2026-12-08'), ex('annual-leave', '2026-12-08')], 'off: annual-leave'],
    ['training is named before other absence', '2026-12-08', [ex('other-absence', '2026-12-08'), ex('training', '2026-12-08')], 'off: training'],
    ['other absence across the day', '2026-12-08', [ex('other-absence', '2026-12-08')], 'off: other-absence'],
    ['leave that starts the next day', '2026-12-07', [ex('annual-leave', '2026-12-08', '2026-12-11')], '08:30-16:30 break 30'],
    ['leave that starts on the day', '2026-12-08', [ex('annual-leave', '2026-12-08', '2026-12-09')], 'off: annual-leave'],
    ['an extra shift of exactly six hours has no break', '2026-12-13', [ex('extra-shift', '2026-12-13', '2026-12-13', '09:00', '15:00')], '09:00-15:00 break 0 cover'],
    ['an extra shift just over six hours has one', '2026-12-13', [ex('extra-shift', '2026-12-13', '2026-12-13', '09:00', '15:01')], '09:00-15:01 break 30 cover'],
    ['an extra shift without times (the rota refuses one) changes nothing', '2026-12-13', [ex('extra-shift', '2026-12-13')], 'off: day-off'],
    ['an extra shift with only a start time changes nothing', '2026-12-13', [ex('extra-shift', '2026-12-13', '2026-12-13', '09:00', null)], 'off: day-off'],
    ['an extra shift with only an end time changes nothing', '2026-12-13', [ex('extra-shift', '2026-12-13', '2026-12-13', null, '17:00')], 'off: day-off'],
    ['a Sunday on the pattern is weekend cover', '2026-12-13', [], '10:00-12:00 break 0 cover', [{ weekday: 7, start: '10:00', end: '12:00', breakMinutes: 0 }]],
    ['an absence from the shift’s start moves the start', '2026-12-07', [ex('training', '2026-12-07', '2026-12-07', '08:30', '10:00')], '10:00-16:30 break 30'],
    ['an absence to the shift’s end moves the end', '2026-12-07', [ex('training', '2026-12-07', '2026-12-07', '15:00', '16:30')], '08:30-15:00 break 30'],
    ['an absence ending as the shift starts changes nothing', '2026-12-07', [ex('training', '2026-12-07', '2026-12-07', '07:00', '08:30')], '08:30-16:30 break 30'],
    ['an absence starting as the shift ends changes nothing', '2026-12-07', [ex('training', '2026-12-07', '2026-12-07', '16:30', '18:00')], '08:30-16:30 break 30'],
    ['an absence in the exact middle keeps the earlier piece', '2026-12-07', [ex('other-absence', '2026-12-07', '2026-12-07', '12:00', '13:00')], '08:30-12:00 break 0'],
    ['an absence in the middle nearer the end keeps the earlier piece', '2026-12-07', [ex('other-absence', '2026-12-07', '2026-12-07', '14:00', '15:00')], '08:30-14:00 break 0'],
    ['an absence on exactly the shift’s hours is the whole day', '2026-12-09', [ex('training', '2026-12-09', '2026-12-09', '09:00', '13:00')], 'off: training'],
    [
      'part days are taken in time order, whatever order they were entered in',
      '2026-12-07',
      [ex('other-absence', '2026-12-07', '2026-12-07', '12:00', '13:00'), ex('training', '2026-12-07', '2026-12-07', '09:00', '10:00')],
      '13:00-16:30 break 0',
    ],
    [
      'part days that together cover the shift name the first absence in precedence',
      '2026-12-07',
      [ex('sickness', '2026-12-07', '2026-12-07', '08:00', '12:00'), ex('training', '2026-12-07', '2026-12-07', '12:00', '17:00')],
      'off: sickness',
    ],
    ['a cut leaving exactly six hours loses the break', '2026-12-07', [ex('annual-leave', '2026-12-07', '2026-12-07', '14:30', '17:00')], '08:30-14:30 break 0'],
    ['a cut leaving just over six hours keeps it', '2026-12-07', [ex('annual-leave', '2026-12-07', '2026-12-07', '14:31', '17:00')], '08:30-14:31 break 30'],
    ['a short usual day keeps its break when nothing cuts it', '2026-12-07', [], '09:00-14:00 break 15', shortDay],
  ])('%s', (_name, date, exceptions, expected, pattern) => {
    expect(summary(day(date, exceptions, pattern ?? week))).toBe(expected);
  });

  it('a day off is not cover and lists no absences, unless part days made it', () => {
    expect(day('2026-12-12')).toEqual({ date: '2026-12-12', weekday: 6, bankHoliday: null, shift: null, notWorkingBecause: 'day-off', cover: false, partDayAbsences: [] });
    expect(day('2026-12-25', [ex('extra-shift', '2026-12-25', '2026-12-25', '09:00', '17:00'), ex('sickness', '2026-12-25')])).toMatchObject({ cover: false, bankHoliday: 'Christmas Day', partDayAbsences: [] });
    expect(day('2026-12-09', [ex('training', '2026-12-09', '2026-12-09', '08:00', '14:00')]).partDayAbsences).toEqual([{ kind: 'training', start: '08:00', end: '14:00' }]);
  });

  it('lists part days in time order', () => {
    const d = day('2026-12-07', [ex('other-absence', '2026-12-07', '2026-12-07', '12:00', '13:00'), ex('training', '2026-12-07', '2026-12-07', '09:00', '10:00')]);
    expect(d.partDayAbsences.map((p) => p.start)).toEqual(['09:00', '12:00']);
  });
});

describe('the clock of a day in minutes', () => {
  it.each([
    ['00:00', 0], ['08:30', 510], ['23:59', 1439], ['12:05', 725],
  ])('%s is %i minutes from midnight, and back', (time, minutes) => {
    expect(minutesOf(time)).toBe(minutes);
    expect(timeOf(minutes)).toBe(time);
  });

  it.each([
    [509.4, '08:29'], [509.5, '08:30'], [-3, '00:00'], [1440, '23:59'], [2000, '23:59'], [59.6, '01:00'],
  ])('a planner’s %d minutes read %s (rounded, within the day)', (minutes, time) => {
    expect(timeOf(minutes)).toBe(time);
  });
});

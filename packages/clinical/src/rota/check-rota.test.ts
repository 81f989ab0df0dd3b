import { describe, expect, it } from 'vitest';
import { checkRotaException, checkWeekPattern, isRotaTime, type RotaExceptionInput } from './check-rota.ts';
import type { RotaException } from './working-day.ts';

describe('checkWeekPattern', () => {
  it('accepts a usual week, and an empty one', () => {
    expect(checkWeekPattern([{ weekday: 1, start: '08:30', end: '16:30', breakMinutes: 30 }, { weekday: 6, start: '09:00', end: '13:00', breakMinutes: 0 }])).toEqual([]);
    expect(checkWeekPattern([])).toEqual([]);
  });

  it.each([
    ['a shift that ends before it starts', { weekday: 2, start: '16:30', end: '08:30', breakMinutes: 30 }, 'week.2.end', 'Tuesday’s shift ends at 08:30, before it starts at 16:30: the end must be after the start'],
    ['a shift that ends as it starts', { weekday: 2, start: '08:30', end: '08:30', breakMinutes: 0 }, 'week.2.end', 'Tuesday’s shift ends at 08:30, before it starts at 08:30: the end must be after the start'],
    ['a start time not HH:MM', { weekday: 1, start: '8.30am', end: '16:30', breakMinutes: 30 }, 'week.1.start', 'Enter Monday’s start time as hours and minutes on the 24-hour clock, like 08:30'],
    ['an end time past midnight', { weekday: 7, start: '08:30', end: '24:00', breakMinutes: 30 }, 'week.7.end', 'Enter Sunday’s end time as hours and minutes on the 24-hour clock, like 16:30'],
    ['a negative break', { weekday: 3, start: '08:30', end: '16:30', breakMinutes: -5 }, 'week.3.breakMinutes', 'Wednesday’s break must be a whole number of minutes from 0 to 180'],
    ['a break as long as the shift', { weekday: 3, start: '09:00', end: '10:00', breakMinutes: 60 }, 'week.3.breakMinutes', 'Wednesday’s break of 60 minutes is as long as the shift or longer'],
    ['a weekday that is not one', { weekday: 8, start: '09:00', end: '10:00', breakMinutes: 0 }, 'week', 'The day of the week must be 1 (Monday) to 7 (Sunday), not 8'],
  ])('refuses %s', (_name, day, path, message) => {
    expect(checkWeekPattern([day])).toEqual([{ path, message }]);
  });

  it('refuses a weekday given twice', () => {
    const monday = { weekday: 1, start: '08:30', end: '16:30', breakMinutes: 30 };
    expect(checkWeekPattern([monday, { ...monday, start: '09:00' }])).toEqual([{ path: 'week.1.weekday', message: 'Monday is given more than once: a day has one shift' }]);
  });
});

const input = (o: Partial<RotaExceptionInput> = {}): RotaExceptionInput => ({ kind: 'annual-leave', startsOn: '2026-12-14', endsOn: '2026-12-18', startTime: null, endTime: null, note: null, ...o });
const leave: RotaException = { kind: 'annual-leave', startsOn: '2026-12-16', endsOn: '2026-12-22', startTime: null, endTime: null };
const check = (o: Partial<RotaExceptionInput>, existing: RotaException[] = []) => checkRotaException({ exception: input(o), existing });

describe('checkRotaException', () => {
  it('accepts leave, a part day, and an extra shift', () => {
    expect(check({})).toEqual([]);
    expect(check({ kind: 'training', startTime: '09:00', endTime: '12:00' })).toEqual([]);
    expect(check({ kind: 'extra-shift', startsOn: '2026-12-19', endsOn: '2026-12-19', startTime: '09:00', endTime: '17:00' })).toEqual([]);
  });

  it.each<[string, Partial<RotaExceptionInput>, { path: string; message: string }[]]>([
    ['no kind', { kind: null }, [{ path: 'kind', message: 'Choose what this is: annual leave, sickness, training, other absence or an extra shift' }]],
    ['an unknown kind', { kind: 'holiday' }, [{ path: 'kind', message: 'Choose what this is: annual leave, sickness, training, other absence or an extra shift' }]],
    ['an exception ending before it starts', { endsOn: '2026-12-10' }, [{ path: 'endsOn', message: 'The last day (10 December 2026) must be the same as or after the first day (14 December 2026)' }]],
    ['a date that is not a date', { startsOn: '14/12/2026' }, [{ path: 'startsOn', message: 'Enter the first day as a real date' }]],
    ['a start time not HH:MM', { startTime: '9am', endTime: '12:00' }, [{ path: 'startTime', message: 'Enter the start time as hours and minutes on the 24-hour clock, like 09:00' }]],
    ['an end time not HH:MM', { startTime: '09:00', endTime: '25:00' }, [{ path: 'endTime', message: 'Enter the end time as hours and minutes on the 24-hour clock, like 13:00' }]],
    ['only a start time', { startTime: '09:00' }, [{ path: 'endTime', message: 'Enter the end time too, or neither time for the whole day' }]],
    ['only an end time', { endTime: '09:00' }, [{ path: 'startTime', message: 'Enter the start time too, or neither time for the whole day' }]],
    ['a part day ending before it starts', { startTime: '13:00', endTime: '09:00' }, [{ path: 'endTime', message: 'The end time (09:00) must be after the start time (13:00)' }]],
    [
      'an extra shift without times',
      { kind: 'extra-shift' },
      [
        { path: 'startTime', message: 'Enter the start time of the extra shift' },
        { path: 'endTime', message: 'Enter the end time of the extra shift' },
      ],
    ],
    ['a long note', { note: 'x'.repeat(501) }, [{ path: 'note', message: 'The note must be 500 characters or fewer' }]],
  ])('refuses %s', (_name, o, problems) => {
    expect(check(o)).toEqual(problems);
  });

  it('refuses leave overlapping leave already on the rota, naming it', () => {
    expect(check({}, [leave])).toEqual([
      { path: 'startsOn', message: 'This overlaps annual leave already on the rota from 16 December 2026 to 22 December 2026: change or cancel that leave or absence first' },
    ]);
    expect(check({ kind: 'sickness', startsOn: '2026-12-22', endsOn: '2026-12-22' }, [leave])).toHaveLength(1);
  });

  it('refuses part days whose hours overlap, and accepts those that do not', () => {
    const training: RotaException = { kind: 'training', startsOn: '2026-12-14', endsOn: '2026-12-14', startTime: '09:00', endTime: '12:00' };
    expect(check({ kind: 'other-absence', startsOn: '2026-12-14', endsOn: '2026-12-14', startTime: '11:00', endTime: '13:00' }, [training])).toEqual([
      { path: 'startsOn', message: 'This overlaps training already on the rota on 14 December 2026 (09:00 to 12:00): change or cancel that leave or absence first' },
    ]);
    expect(check({ kind: 'other-absence', startsOn: '2026-12-14', endsOn: '2026-12-14', startTime: '12:00', endTime: '13:00' }, [training])).toEqual([]);
    expect(check({ startsOn: '2026-12-14', endsOn: '2026-12-14' }, [training])).toHaveLength(1);
  });

  it('ignores cancelled leave, and lets an absence sit over an extra shift', () => {
    expect(check({}, [{ ...leave, cancelled: true }])).toEqual([]);
    expect(check({}, [{ kind: 'extra-shift', startsOn: '2026-12-14', endsOn: '2026-12-14', startTime: '09:00', endTime: '17:00' }])).toEqual([]);
  });

  it('refuses two extra shifts on the same day', () => {
    const shift: RotaException = { kind: 'extra-shift', startsOn: '2026-12-19', endsOn: '2026-12-19', startTime: '09:00', endTime: '17:00' };
    expect(check({ kind: 'extra-shift', startsOn: '2026-12-19', endsOn: '2026-12-19', startTime: '16:00', endTime: '20:00' }, [shift])).toEqual([
      { path: 'startsOn', message: 'This overlaps extra shift (cover) already on the rota on 19 December 2026 (09:00 to 17:00): change or cancel that extra shift first' },
    ]);
  });
});

describe('checkWeekPattern at its edges', () => {
  it.each<[string, { weekday: number; start: string; end: string; breakMinutes: number }, { path: string; message: string }[]]>([
    ['a break of the longest allowed', { weekday: 1, start: '08:00', end: '18:00', breakMinutes: 180 }, []],
    ['a break longer than that', { weekday: 1, start: '08:00', end: '18:00', breakMinutes: 181 }, [{ path: 'week.1.breakMinutes', message: 'Monday’s break must be a whole number of minutes from 0 to 180' }]],
    ['a break of part of a minute', { weekday: 1, start: '08:00', end: '18:00', breakMinutes: 7.5 }, [{ path: 'week.1.breakMinutes', message: 'Monday’s break must be a whole number of minutes from 0 to 180' }]],
    ['a break a minute shorter than the shift', { weekday: 1, start: '09:00', end: '10:00', breakMinutes: 59 }, []],
    // A time the clock cannot read is not also measured (16:3 would read as before 16:30).
    ['an end time missing a digit', { weekday: 4, start: '16:30', end: '16:3', breakMinutes: 0 }, [{ path: 'week.4.end', message: 'Enter Thursday’s end time as hours and minutes on the 24-hour clock, like 16:30' }]],
    ['a start time with a digit too many', { weekday: 4, start: '08:301', end: '16:30', breakMinutes: 0 }, [{ path: 'week.4.start', message: 'Enter Thursday’s start time as hours and minutes on the 24-hour clock, like 08:30' }]],
    ['a start time with something before it', { weekday: 4, start: '108:30', end: '16:30', breakMinutes: 0 }, [{ path: 'week.4.start', message: 'Enter Thursday’s start time as hours and minutes on the 24-hour clock, like 08:30' }]],
    ['a weekday of 0', { weekday: 0, start: '09:00', end: '10:00', breakMinutes: 0 }, [{ path: 'week', message: 'The day of the week must be 1 (Monday) to 7 (Sunday), not 0' }]],
    ['Friday and Saturday named', { weekday: 5, start: '10:00', end: '09:00', breakMinutes: 0 }, [{ path: 'week.5.end', message: 'Friday’s shift ends at 09:00, before it starts at 10:00: the end must be after the start' }]],
  ])('%s', (_name, day, problems) => {
    expect(checkWeekPattern([day])).toEqual(problems);
  });

  it('reads every hour of the clock and refuses what is not one', () => {
    for (const time of ['00:00', '09:59', '10:00', '19:45', '20:00', '23:59']) expect(isRotaTime(time)).toBe(true);
    for (const time of ['24:00', '30:00', '9:00', '09:60', '09:5', 'a9:00', '09:00 ', '', ['09:00'], 900, null]) expect(isRotaTime(time)).toBe(false);
  });
});

describe('checkRotaException at its edges', () => {
  it.each<[string, Partial<RotaExceptionInput>, { path: string; message: string }[]]>([
    ['a one-day exception', { startsOn: '2026-12-14', endsOn: '2026-12-14' }, []],
    ['dates the form could not read (it says so itself)', { startsOn: null, endsOn: null }, []],
    ['a last day that is not a date', { endsOn: '2026-12-1' }, [{ path: 'endsOn', message: 'Enter the last day as a real date' }]],
    ['a first day with text after it', { startsOn: '2026-12-145' }, [{ path: 'startsOn', message: 'Enter the first day as a real date' }]],
    ['a first day with text before it', { startsOn: 'x2026-12-14' }, [{ path: 'startsOn', message: 'Enter the first day as a real date' }]],
    ['times typed with spaces', { startTime: ' 09:00 ', endTime: ' 12:00 ' }, []],
    ['blank times are the whole day', { startTime: '  ', endTime: '' }, []],
    ['a part day ending as it starts', { startTime: '09:00', endTime: '09:00' }, [{ path: 'endTime', message: 'The end time (09:00) must be after the start time (09:00)' }]],
    ['an extra shift with only a start', { kind: 'extra-shift', startTime: '09:00' }, [{ path: 'endTime', message: 'Enter the end time of the extra shift' }]],
    ['an extra shift with only an end', { kind: 'extra-shift', endTime: '17:00' }, [{ path: 'startTime', message: 'Enter the start time of the extra shift' }]],
    ['a note of the longest allowed', { note: 'x'.repeat(500) }, []],
    // A time that cannot be read is not also measured against the other (13:0 would read as 13:00).
    ['a start time missing a digit', { startTime: '13:0', endTime: '12:00' }, [{ path: 'startTime', message: 'Enter the start time as hours and minutes on the 24-hour clock, like 09:00' }]],
    ['an end time missing a digit', { startTime: '09:00', endTime: '08:0' }, [{ path: 'endTime', message: 'Enter the end time as hours and minutes on the 24-hour clock, like 13:00' }]],
    ['an extra shift ending before it starts', { kind: 'extra-shift', startTime: '17:00', endTime: '09:00' }, [{ path: 'endTime', message: 'The end time (09:00) must be after the start time (17:00)' }]],
    [
      'a bad time and a bad kind together',
      { kind: 'holiday', startTime: '9am', endTime: '25:00' },
      [
        { path: 'kind', message: 'Choose what this is: annual leave, sickness, training, other absence or an extra shift' },
        { path: 'startTime', message: 'Enter the start time as hours and minutes on the 24-hour clock, like 09:00' },
        { path: 'endTime', message: 'Enter the end time as hours and minutes on the 24-hour clock, like 13:00' },
      ],
    ],
  ])('%s', (_name, o, problems) => {
    expect(check(o)).toEqual(problems);
  });

  it.each<[string, Partial<RotaExceptionInput>, RotaException, string | null]>([
    ['leave starting the day other leave ends', { startsOn: '2026-12-22', endsOn: '2026-12-23' }, leave, 'This overlaps annual leave already on the rota from 16 December 2026 to 22 December 2026: change or cancel that leave or absence first'],
    ['leave ending the day other leave starts', { startsOn: '2026-12-14', endsOn: '2026-12-16' }, leave, 'This overlaps annual leave already on the rota from 16 December 2026 to 22 December 2026: change or cancel that leave or absence first'],
    ['leave the day before other leave', { startsOn: '2026-12-14', endsOn: '2026-12-15' }, leave, null],
    ['leave the day after other leave', { startsOn: '2026-12-23', endsOn: '2026-12-24' }, leave, null],
    [
      'a part day within whole-day sickness',
      { kind: 'training', startsOn: '2026-12-17', endsOn: '2026-12-17', startTime: '09:00', endTime: '10:00' },
      { kind: 'sickness', startsOn: '2026-12-17', endsOn: '2026-12-17', startTime: null, endTime: null },
      'This overlaps sickness already on the rota on 17 December 2026: change or cancel that leave or absence first',
    ],
    [
      'a part day ending as another starts',
      { kind: 'other-absence', startsOn: '2026-12-17', endsOn: '2026-12-17', startTime: '08:00', endTime: '09:00' },
      { kind: 'other-absence', startsOn: '2026-12-17', endsOn: '2026-12-17', startTime: '09:00', endTime: '12:00' },
      null,
    ],
    [
      'a part day inside another',
      { kind: 'other-absence', startsOn: '2026-12-17', endsOn: '2026-12-17', startTime: '10:00', endTime: '11:00' },
      { kind: 'other-absence', startsOn: '2026-12-17', endsOn: '2026-12-17', startTime: '09:00', endTime: '12:00' },
      'This overlaps other absence already on the rota on 17 December 2026 (09:00 to 12:00): change or cancel that leave or absence first',
    ],
    ['an extra shift over leave (sickness on a day of cover the other way round)', { kind: 'extra-shift', startsOn: '2026-12-17', endsOn: '2026-12-17', startTime: '09:00', endTime: '17:00' }, leave, null],
    ['dates the form could not read are not checked against the rota', { startsOn: null, endsOn: '2026-12-18' }, leave, null],
    ['an exception with another problem is not checked against the rota until that is put right', { note: 'x'.repeat(501) }, leave, 'The note must be 500 characters or fewer'],
  ])('%s', (_name, o, existing, message) => {
    expect(check(o, [existing])).toEqual(message === null ? [] : [{ path: o.note ? 'note' : 'startsOn', message }]);
  });
});

// What a rota must say before it is saved, in the words the pages and the API both show. Pure: the
// server checks again inside the write, against the person's other exceptions read in that transaction.
import { formatDisplayDate } from '../date-parts.ts';
import { minutesOf, rotaExceptionKindLabels, rotaExceptionKinds, weekdayNames, type RotaException, type RotaExceptionKind } from './working-day.ts';

export type RotaProblem = { path: string; message: string };

const timePattern = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
export const isRotaTime = (text: unknown): text is string => typeof text === 'string' && timePattern.test(text);

/** Longest break that makes sense in a day. */
export const maxBreakMinutes = 180;

export type PatternDayInput = { weekday: number; start: string; end: string; breakMinutes: number };

/**
 * The working week: paths `week.<weekday>.<field>` (weekday 1 Monday ... 7 Sunday), so a page can put
 * each message by its day's field.
 */
export function checkWeekPattern(week: readonly PatternDayInput[]): RotaProblem[] {
  const problems: RotaProblem[] = [];
  const seen = new Set<number>();
  for (const day of week) {
    const name = weekdayNames[day.weekday - 1];
    const at = `week.${day.weekday}`;
    if (!Number.isInteger(day.weekday) || name === undefined) {
      problems.push({ path: 'week', message: `The day of the week must be 1 (Monday) to 7 (Sunday), not ${day.weekday}` });
      continue;
    }
    if (seen.has(day.weekday)) {
      problems.push({ path: `${at}.weekday`, message: `${name} is given more than once: a day has one shift` });
      continue;
    }
    seen.add(day.weekday);
    const startOk = isRotaTime(day.start);
    const endOk = isRotaTime(day.end);
    if (!startOk) problems.push({ path: `${at}.start`, message: `Enter ${name}’s start time as hours and minutes on the 24-hour clock, like 08:30` });
    if (!endOk) problems.push({ path: `${at}.end`, message: `Enter ${name}’s end time as hours and minutes on the 24-hour clock, like 16:30` });
    if (!startOk || !endOk) continue;
    const length = minutesOf(day.end) - minutesOf(day.start);
    if (length <= 0) {
      problems.push({ path: `${at}.end`, message: `${name}’s shift ends at ${day.end}, before it starts at ${day.start}: the end must be after the start` });
      continue;
    }
    if (!Number.isInteger(day.breakMinutes) || day.breakMinutes < 0 || day.breakMinutes > maxBreakMinutes) {
      problems.push({ path: `${at}.breakMinutes`, message: `${name}’s break must be a whole number of minutes from 0 to ${maxBreakMinutes}` });
    } else if (day.breakMinutes >= length) {
      problems.push({ path: `${at}.breakMinutes`, message: `${name}’s break of ${day.breakMinutes} minutes is as long as the shift or longer` });
    }
  }
  return problems;
}

export type RotaExceptionInput = {
  kind: RotaExceptionKind | string | null;
  /** yyyy-mm-dd; null when the typed date could not be read (the form says so itself). */
  startsOn: string | null;
  endsOn: string | null;
  startTime: string | null;
  endTime: string | null;
  note: string | null;
};

export const maxRotaNoteLength = 500;

export type CheckRotaExceptionOptions = {
  exception: RotaExceptionInput;
  /** The same person's exceptions already on the rota (cancelled ones are ignored). */
  existing: readonly RotaException[];
};

const isAbsence = (kind: RotaExceptionKind) => kind !== 'extra-shift';
const label = (kind: RotaExceptionKind) => rotaExceptionKindLabels[kind];
const span = (e: { startsOn: string; endsOn: string }) => (e.startsOn === e.endsOn ? `on ${formatDisplayDate(e.startsOn)}` : `from ${formatDisplayDate(e.startsOn)} to ${formatDisplayDate(e.endsOn)}`);
const hours = (e: { startTime: string | null; endTime: string | null }) => (e.startTime && e.endTime ? ` (${e.startTime} to ${e.endTime})` : '');

/** Paths kind, startsOn, endsOn, startTime, endTime, note; empty when the exception can be added. */
export function checkRotaException(o: CheckRotaExceptionOptions): RotaProblem[] {
  const e = o.exception;
  const problems: RotaProblem[] = [];
  const kind = rotaExceptionKinds.find((k) => k === e.kind);
  if (!kind) problems.push({ path: 'kind', message: 'Choose what this is: annual leave, sickness, training, other absence or an extra shift' });
  const startsOn = e.startsOn !== null && datePattern.test(e.startsOn) ? e.startsOn : null;
  const endsOn = e.endsOn !== null && datePattern.test(e.endsOn) ? e.endsOn : null;
  if (e.startsOn !== null && startsOn === null) problems.push({ path: 'startsOn', message: 'Enter the first day as a real date' });
  if (e.endsOn !== null && endsOn === null) problems.push({ path: 'endsOn', message: 'Enter the last day as a real date' });
  if (startsOn && endsOn && endsOn < startsOn) {
    problems.push({ path: 'endsOn', message: `The last day (${formatDisplayDate(endsOn)}) must be the same as or after the first day (${formatDisplayDate(startsOn)})` });
  }

  const start = e.startTime?.trim() || null;
  const end = e.endTime?.trim() || null;
  let timesOk = true;
  if (start !== null && !isRotaTime(start)) {
    problems.push({ path: 'startTime', message: 'Enter the start time as hours and minutes on the 24-hour clock, like 09:00' });
    timesOk = false;
  }
  if (end !== null && !isRotaTime(end)) {
    problems.push({ path: 'endTime', message: 'Enter the end time as hours and minutes on the 24-hour clock, like 13:00' });
    timesOk = false;
  }
  if (timesOk) {
    if (kind === 'extra-shift' && (start === null || end === null)) {
      if (start === null) problems.push({ path: 'startTime', message: 'Enter the start time of the extra shift' });
      if (end === null) problems.push({ path: 'endTime', message: 'Enter the end time of the extra shift' });
      timesOk = false;
    } else if (start === null && end !== null) {
      problems.push({ path: 'startTime', message: 'Enter the start time too, or neither time for the whole day' });
      timesOk = false;
    } else if (start !== null && end === null) {
      problems.push({ path: 'endTime', message: 'Enter the end time too, or neither time for the whole day' });
      timesOk = false;
    } else if (start !== null && end !== null && minutesOf(end) <= minutesOf(start)) {
      problems.push({ path: 'endTime', message: `The end time (${end}) must be after the start time (${start})` });
      timesOk = false;
    }
  }
  if (e.note !== null && e.note.length > maxRotaNoteLength) problems.push({ path: 'note', message: `The note must be ${maxRotaNoteLength} characters or fewer` });

  if (problems.length > 0 || !kind || !startsOn || !endsOn) return problems;

  // Two absences on the same hours, or two extra shifts, cannot both be true. An absence over an extra
  // shift can (sickness on a day of cover), so that is left to the week view to show.
  const clash = o.existing.find((x) => {
    if (x.cancelled || isAbsence(x.kind) !== isAbsence(kind)) return false;
    if (x.endsOn < startsOn || x.startsOn > endsOn) return false;
    if (start === null || x.startTime === null || x.endTime === null) return true;
    return minutesOf(start) < minutesOf(x.endTime) && minutesOf(x.startTime) < minutesOf(end!);
  });
  if (clash) {
    const what = isAbsence(kind) ? 'leave or absence' : 'extra shift';
    problems.push({
      path: 'startsOn',
      message: `This overlaps ${label(clash.kind).toLowerCase()} already on the rota ${span(clash)}${hours(clash)}: change or cancel that ${what} first`,
    });
  }
  return problems;
}

// Whether and when one member of staff works on a date, from their weekly pattern, their exceptions
// (leave, sickness, training, extra shifts) and the bank holidays. Pure, so the week view, the planner's
// StaffDay and lone working all say the same thing. Times are Europe/London wall-clock 'HH:MM'.
import { bankHolidayOn, englandBankHolidays, type BankHoliday } from './england-bank-holidays.ts';

/** Monday 1 ... Sunday 7 (ISO 8601), as rota_patterns.week stores it. */
export const weekdayNumbers = [1, 2, 3, 4, 5, 6, 7] as const;
export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export type PatternDay = { weekday: number; start: string; end: string; breakMinutes: number };

export const rotaExceptionKinds = ['annual-leave', 'sickness', 'training', 'other-absence', 'extra-shift'] as const;
export type RotaExceptionKind = (typeof rotaExceptionKinds)[number];
export type RotaAbsenceKind = Exclude<RotaExceptionKind, 'extra-shift'>;

export const rotaExceptionKindLabels: Record<RotaExceptionKind, string> = {
  'annual-leave': 'Annual leave',
  sickness: 'Sickness',
  training: 'Training',
  'other-absence': 'Other absence',
  'extra-shift': 'Extra shift (cover)',
};

export type RotaException = {
  id?: string;
  kind: RotaExceptionKind;
  /** yyyy-mm-dd, both inclusive. */
  startsOn: string;
  endsOn: string;
  /** A part day: both times, or neither (the whole day). An extra shift always has them. */
  startTime: string | null;
  endTime: string | null;
  /** A cancelled exception is kept on the record but no longer changes the day. */
  cancelled?: boolean;
};

export type NotWorkingReason = RotaAbsenceKind | 'bank-holiday' | 'day-off';
export type Shift = { start: string; end: string; breakMinutes: number };

export type WorkingDay = {
  date: string;
  /** 1 Monday ... 7 Sunday. */
  weekday: number;
  shift: Shift | null;
  notWorkingBecause: NotWorkingReason | null;
  /** Working a day the usual week would not have: an extra shift, a weekend or a bank holiday. */
  cover: boolean;
  bankHoliday: string | null;
  /** Part-day absences that shortened the shift (shown on the week view). */
  partDayAbsences: { kind: RotaAbsenceKind; start: string; end: string }[];
};

export type WorkingDayOptions = {
  date: string;
  week: readonly PatternDay[];
  /** This person's exceptions; others' and cancelled ones are ignored. */
  exceptions: readonly RotaException[];
  bankHolidays?: readonly BankHoliday[];
};

/** When a part-day absence leaves a shift this short or shorter, its break goes too (a half day has no lunch in it). */
export const shortShiftMinutes = 6 * 60;
/** The break on an extra shift, which has no pattern to take it from: 30 minutes when longer than six hours. */
export const extraShiftBreakMinutes = 30;

// Which absence is named when two cover the same day: sickness is what the team must know first.
const absencePrecedence: readonly RotaAbsenceKind[] = ['sickness', 'annual-leave', 'training', 'other-absence'];

export const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
/** Minutes from midnight to 'HH:MM', rounded to the minute and kept within the day (a planner's times are fractional). */
export const timeOf = (minutes: number): string => {
  const whole = Math.min(24 * 60 - 1, Math.max(0, Math.round(minutes)));
  return `${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
};

/** 1 Monday ... 7 Sunday for a yyyy-mm-dd date (a calendar date: no time zone can move it). */
export function weekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

const covers = (e: RotaException, date: string) => !e.cancelled && e.startsOn <= date && date <= e.endsOn;

export function workingDay(o: WorkingDayOptions): WorkingDay {
  const { date } = o;
  const weekday = weekdayOf(date);
  const bankHoliday = bankHolidayOn(date, o.bankHolidays ?? englandBankHolidays);
  const live = o.exceptions.filter((e) => covers(e, date));
  const absences = live.filter((e): e is RotaException & { kind: RotaAbsenceKind } => e.kind !== 'extra-shift');
  const base = { date, weekday, bankHoliday };
  const off = (why: NotWorkingReason, partDayAbsences: WorkingDay['partDayAbsences'] = []): WorkingDay => ({ ...base, shift: null, notWorkingBecause: why, cover: false, partDayAbsences });

  const wholeDay = absencePrecedence.find((kind) => absences.some((a) => a.kind === kind && a.startTime === null));
  if (wholeDay) return off(wholeDay);

  const extra = live.find((e) => e.kind === 'extra-shift' && e.startTime !== null && e.endTime !== null);
  const usual = o.week.find((d) => d.weekday === weekday);
  let shift: Shift;
  let cover: boolean;
  if (extra) {
    const length = minutesOf(extra.endTime!) - minutesOf(extra.startTime!);
    shift = { start: extra.startTime!, end: extra.endTime!, breakMinutes: usual?.breakMinutes ?? (length > shortShiftMinutes ? extraShiftBreakMinutes : 0) };
    cover = true;
  } else if (bankHoliday) {
    return off('bank-holiday');
  } else if (usual) {
    shift = { start: usual.start, end: usual.end, breakMinutes: usual.breakMinutes };
    cover = weekday >= 6;
  } else {
    return off('day-off');
  }

  // Part-day absences cut the shift. One in the middle leaves two pieces; the day keeps the longer,
  // since a day is one shift to the planner (the week view still shows the absence).
  let start = minutesOf(shift.start);
  let end = minutesOf(shift.end);
  const parts: WorkingDay['partDayAbsences'] = [];
  for (const a of [...absences].sort((x, y) => minutesOf(x.startTime!) - minutesOf(y.startTime!))) {
    const from = minutesOf(a.startTime!);
    const to = minutesOf(a.endTime!);
    parts.push({ kind: a.kind, start: a.startTime!, end: a.endTime! });
    if (to <= start || from >= end) continue;
    if (from <= start) start = Math.max(start, to);
    else if (to >= end) end = Math.min(end, from);
    else if (from - start >= end - to) end = from;
    else start = to;
    if (end <= start) {
      const kind = absencePrecedence.find((k) => absences.some((x) => x.kind === k)) ?? a.kind;
      return off(kind, parts);
    }
  }
  const cut = start !== minutesOf(shift.start) || end !== minutesOf(shift.end);
  const breakMinutes = cut && end - start <= shortShiftMinutes ? 0 : shift.breakMinutes;
  return { ...base, shift: { start: timeOf(start), end: timeOf(end), breakMinutes }, notWorkingBecause: null, cover, partDayAbsences: parts };
}

/** Hours a usual week's pattern gives, breaks taken off (to set beside contracted hours). */
export function patternHours(week: readonly PatternDay[]): number {
  const minutes = week.reduce((sum, d) => sum + Math.max(0, minutesOf(d.end) - minutesOf(d.start) - d.breakMinutes), 0);
  return Math.round((minutes / 60) * 100) / 100;
}

/** The seven dates of the week (Monday first) that holds a date. */
export function weekOf(date: string): string[] {
  const monday = Date.parse(`${date}T00:00:00Z`) - (weekdayOf(date) - 1) * 86_400_000;
  return weekdayNumbers.map((n) => new Date(monday + (n - 1) * 86_400_000).toISOString().slice(0, 10));
}

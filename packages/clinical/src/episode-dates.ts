// The dates that matter to an episode of care, as UK calendar dates (yyyy-mm-dd).
//
// "Today", "first contact on" and "days since" are days on the wall calendar in Europe/London: a
// visit at 00:30 BST on 29 March is on the 29th, though it is 23:30 on the 28th in UTC. The platform's
// own time-zone database (Intl) reads instants onto that calendar; after that it is date arithmetic.
import { ukTimeZone } from './response-clock.ts';

/** Intermediate care and reablement typically last up to 6 weeks (service.md). */
export const defaultPlannedLengthDays = 42;

/** A review is "due" within this many days before its date; after the date it is overdue. */
export const defaultReviewDueWindowDays = 7;

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

// Checked by arithmetic, not by formatting the date back (toISOString): a caseload page reads a
// few hundred dates, and the round trip through a string was a tenth of the page's server time.
function parseIsoDate(iso: string): number {
  const match = isoDatePattern.exec(iso);
  if (!match) throw new RangeError(`Not a yyyy-mm-dd date: ${iso}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  // Date.UTC reads years 0-99 as 1900-1999, so those are refused as they always were.
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw new RangeError(`Not a real date: ${iso}`);
  return Date.UTC(year, month - 1, day);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The UK calendar date of an instant: 2026-03-28T23:30Z is "2026-03-29" (00:30 BST). */
// One formatter, made once: caseload lists read the UK date of every row, and building a time-zone
// context per call cost more than the query itself. en-CA formats dates as yyyy-mm-dd.
const ukDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: ukTimeZone, year: 'numeric', month: '2-digit', day: '2-digit' });

export function ukDateOf(instant: Date): string {
  return ukDateFormat.format(instant);
}

/** A day is either a calendar date already or an instant to read on the UK calendar. */
export type Day = Date | string;

function toIsoDate(day: Day): string {
  if (typeof day === 'string') {
    parseIsoDate(day);
    return day;
  }
  return ukDateOf(day);
}

/** Calendar days from one day to another in UK time (negative if `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((parseIsoDate(toIsoDate(to)) - parseIsoDate(toIsoDate(from))) / 86_400_000);
}

/** A calendar date plus whole days; pure calendar arithmetic, so clock changes cannot shift it. */
export function addCalendarDays(day: Day, days: number): string {
  return new Date(parseIsoDate(toIsoDate(day)) + days * 86_400_000).toISOString().slice(0, 10);
}

export type PlannedEndOptions = { firstContact: Day; lengthDays?: number };

/** Planned end of the episode: 6 weeks from first contact unless the team sets another length. */
export function plannedEndDate(options: PlannedEndOptions): string {
  return addCalendarDays(options.firstContact, options.lengthDays ?? defaultPlannedLengthDays);
}

export type ReviewDatesOptions = { startOn: Day; plannedEndOn: Day };

/** Reviews fall halfway through the planned length (rounded down) and at its end. */
export function reviewDates(options: ReviewDatesOptions): { midwayReviewOn: string; endReviewOn: string } {
  const startOn = toIsoDate(options.startOn);
  const endReviewOn = toIsoDate(options.plannedEndOn);
  const length = daysBetween(startOn, endReviewOn);
  return { midwayReviewOn: addCalendarDays(startOn, Math.floor(Math.max(0, length) / 2)), endReviewOn };
}

export const reviewStates = ['not-due', 'due', 'overdue'] as const;
export type ReviewState = (typeof reviewStates)[number];

export const reviewStateLabels: Record<ReviewState, string> = {
  'not-due': 'Not due',
  due: 'Review due',
  overdue: 'Review overdue',
};

export type ReviewDueOptions = ReviewDatesOptions & {
  /** The last review done, if any. */
  lastReviewOn: Day | null;
  today: Day;
  dueWindowDays?: number;
};

/**
 * The next review and whether it is due. A review done within the due window before a scheduled date
 * (or any time after it) counts for that date, so an end review done a few days early is not asked for again.
 * dueOn is null once both reviews are done.
 */
export function reviewDue(options: ReviewDueOptions): { dueOn: string | null; state: ReviewState } {
  const window = options.dueWindowDays ?? defaultReviewDueWindowDays;
  const { midwayReviewOn, endReviewOn } = reviewDates(options);
  const last = options.lastReviewOn === null ? null : toIsoDate(options.lastReviewOn);
  const dueOn =
    [midwayReviewOn, endReviewOn].find((date) => last === null || daysBetween(last, date) > window) ?? null;
  if (dueOn === null) return { dueOn: null, state: 'not-due' };
  const daysLeft = daysBetween(options.today, dueOn);
  return { dueOn, state: daysLeft < 0 ? 'overdue' : daysLeft <= window ? 'due' : 'not-due' };
}

/** A calendar date plus whole months, held to the last day of a shorter month. */
export function addCalendarMonths(day: string, months: number): string {
  const match = isoDatePattern.exec(day);
  if (!match) throw new RangeError(`Not a yyyy-mm-dd date: ${day}`);
  const monthIndex = Number(match[1]) * 12 + Number(match[2]) - 1 + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const date = Math.min(Number(match[3]), lastDay);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

// Red, amber, green for anything with a date it is due by (supervision, training, CPD, a PDC review, an
// MDT action): one rule, so every list and every home page colours the same date the same way.
import { daysBetween } from '../episode-dates.ts';

export const dueStatuses = ['overdue', 'due-soon', 'in-date'] as const;
export type DueStatus = (typeof dueStatuses)[number];

/** The NHS.UK tag colour and the words said beside it (colour is never the only signal). */
export const dueStatusTags: Record<DueStatus, { colour: 'red' | 'yellow' | 'green'; text: string }> = {
  overdue: { colour: 'red', text: 'Overdue' },
  'due-soon': { colour: 'yellow', text: 'Due soon' },
  'in-date': { colour: 'green', text: 'In date' },
};

export type DueStatusOptions = {
  /** 'YYYY-MM-DD' it is due by; null: never done and so due now. */
  dueOn: string | null;
  /** 'YYYY-MM-DD', today in Europe/London. */
  today: string;
  /** Amber from this many days before the due date (default 28: a month to book it). */
  soonDays?: number;
};

/** Overdue after the due date (on the day itself it is still due, not overdue); amber within soonDays; else green. */
export function dueStatusOf(o: DueStatusOptions): DueStatus {
  if (o.dueOn === null) return 'overdue';
  const daysLeft = daysBetween(o.today, o.dueOn);
  if (daysLeft < 0) return 'overdue';
  if (daysLeft <= (o.soonDays ?? 28)) return 'due-soon';
  return 'in-date';
}

/** Most urgent first: overdue, then due soon, then in date; a missing status last. For sorting lists. */
export function compareDueStatus(a: DueStatus | null | undefined, b: DueStatus | null | undefined): number {
  const rank = (s: DueStatus | null | undefined) => (s ? dueStatuses.indexOf(s) : dueStatuses.length);
  return rank(a) - rank(b);
}

/** The most urgent of several (a person's standing across their courses); in date when there are none. */
export function worstDueStatus(statuses: readonly DueStatus[]): DueStatus {
  return [...statuses].sort(compareDueStatus)[0] ?? 'in-date';
}

// "My delegated work" (issue 11 #2): a support worker's day is the programme activities delegated to
// her, not a caseload of episodes. For each activity this says whether it is overdue, due today, done
// for today or not due yet, from how often it is to be done and what has been logged. Any log counts
// as accounted for, "not done" too: it was recorded with its reason, and the worker is not asked again.
import { addCalendarDays, daysBetween } from '../episode-dates.ts';
import type { CompletionOutcome, ProgrammePeriod } from './programme-of-care.ts';

export const delegatedWorkStates = ['overdue', 'due-today', 'done-today', 'not-due'] as const;
export type DelegatedWorkState = (typeof delegatedWorkStates)[number];

export type DelegatedWorkDueOptions = {
  timesPerPeriod: number;
  period: ProgrammePeriod;
  /** yyyy-mm-dd */
  startsOn: string;
  endsOn: string | null;
  /** Every log of the activity, by anyone. */
  logs: readonly { doneOn: string; outcome: CompletionOutcome }[];
  /** Today on the UK calendar, yyyy-mm-dd. */
  today: string;
};

export type DelegatedWorkDue = {
  state: DelegatedWorkState;
  /** Logs for today, and how many today asks for (0 when today is not a day it is due). */
  loggedToday: number;
  expectedToday: number;
  /** The first day it fell behind, when overdue. */
  overdueSince: string | null;
  /** Days in the last week (before today) with fewer logs than asked, for an every-day activity. */
  missedDays: number;
  /** When it is next due, for one not due today. */
  nextDueOn: string | null;
  lastLoggedOn: string | null;
};

/** How many days apart a "times a week" activity falls: twice a week, every 3 days; 7 or more, every day. */
export function daysBetweenSessions(timesPerWeek: number): number {
  return Math.max(1, Math.floor(7 / Math.max(1, timesPerWeek)));
}

export function delegatedWorkDue(o: DelegatedWorkDueOptions): DelegatedWorkDue {
  const logged = o.logs.filter((l) => l.doneOn <= o.today);
  const lastLoggedOn = logged.map((l) => l.doneOn).sort().at(-1) ?? null;
  const loggedOn = (day: string) => logged.filter((l) => l.doneOn === day).length;
  const loggedToday = loggedOn(o.today);
  const none = { loggedToday, overdueSince: null, missedDays: 0, lastLoggedOn };
  if (o.startsOn > o.today) return { ...none, state: 'not-due', expectedToday: 0, nextDueOn: o.startsOn };
  if (o.endsOn !== null && o.endsOn < o.today) return { ...none, state: 'not-due', expectedToday: 0, nextDueOn: null };

  if (o.period === 'day') {
    // The last 7 days before today, from the start: each should have its number of logs.
    const from = o.startsOn > addCalendarDays(o.today, -7) ? o.startsOn : addCalendarDays(o.today, -7);
    const missed: string[] = [];
    for (let day = from; day < o.today; day = addCalendarDays(day, 1)) if (loggedOn(day) < o.timesPerPeriod) missed.push(day);
    const state: DelegatedWorkState = missed.length ? 'overdue' : loggedToday < o.timesPerPeriod ? 'due-today' : 'done-today';
    return { state, loggedToday, expectedToday: o.timesPerPeriod, overdueSince: missed[0] ?? null, missedDays: missed.length, nextDueOn: state === 'done-today' ? addCalendarDays(o.today, 1) : o.today, lastLoggedOn };
  }

  const gap = daysBetweenSessions(o.timesPerPeriod);
  if (lastLoggedOn === o.today) return { ...none, state: 'done-today', expectedToday: 1, nextDueOn: addCalendarDays(o.today, gap) };
  const nextDueOn = lastLoggedOn ? addCalendarDays(lastLoggedOn, gap) : o.startsOn;
  if (nextDueOn < o.today) return { ...none, state: 'overdue', expectedToday: 1, overdueSince: nextDueOn, missedDays: 0, nextDueOn: o.today };
  if (nextDueOn === o.today) return { ...none, state: 'due-today', expectedToday: 1, nextDueOn };
  return { ...none, state: 'not-due', expectedToday: 0, nextDueOn };
}

/** The order of the list: overdue first (longest overdue first), then due today, then the rest. */
export function compareDelegatedWork(a: DelegatedWorkDue, b: DelegatedWorkDue): number {
  const rank = (d: DelegatedWorkDue) => delegatedWorkStates.indexOf(d.state);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  return (a.overdueSince ?? a.nextDueOn ?? '').localeCompare(b.overdueSince ?? b.nextDueOn ?? '');
}

/** "Overdue since 22 November" and the like, in days, for the list; null when nothing needs saying. */
export function describeOverdue(d: DelegatedWorkDue, today: string): string | null {
  if (d.state !== 'overdue' || !d.overdueSince) return null;
  const days = daysBetween(d.overdueSince, today);
  if (d.missedDays > 0) return `Not logged in full on ${d.missedDays} ${d.missedDays === 1 ? 'day' : 'days'} of the last week`;
  return `Overdue by ${days} ${days === 1 ? 'day' : 'days'}`;
}

// Statutory and mandatory training: when a completion expires, and whether a person is in date for a
// course their role requires. Courses and their renewal periods are data (training_courses); the
// colours are the one red/amber/green rule (due-status.ts), so training reads like every other list.
//
// Decisions:
//  - A completion lasts the course's renewal period in calendar months from the day it was done
//    (31 January + 1 month = 28 or 29 February: the month's last day, never the next month).
//  - A course with no renewal period (done once: an induction) never expires.
//  - A required course never done is overdue (red), with no date.
//  - Only the latest completion counts: an older one cannot make someone in date.
import { addCalendarMonths } from '../episode-dates.ts';
import type { HomewardRole } from '../staff-roles.ts';
import { dueStatusOf, type DueStatus } from './due-status.ts';

/** The clinical lead and the service manager keep the team's training: the matrix, imports, the compliance view. */
export const trainingManagerRoles: readonly HomewardRole[] = ['clinical-lead', 'service-manager'];

export function mayManageTraining(role: HomewardRole): boolean {
  return trainingManagerRoles.includes(role);
}

/** When a completion on `completedOn` expires; null when the course never needs renewing. */
export function trainingExpiry(o: { completedOn: string; renewalMonths: number | null }): string | null {
  return o.renewalMonths === null ? null : addCalendarMonths(o.completedOn, o.renewalMonths);
}

export type TrainingStanding = {
  status: DueStatus;
  /** When it must be done again by; null when never done (overdue) or never expiring (in date). */
  dueOn: string | null;
  /** Words for the person: "Never done", "Expired on 3 March 2026"... without the date formatting. */
  state: 'never-done' | 'expired' | 'expires-soon' | 'in-date' | 'does-not-expire';
};

/** A person's standing on one required course, from their latest completion. */
export function trainingStandingOf(o: { latestCompletedOn: string | null; renewalMonths: number | null; today: string }): TrainingStanding {
  if (o.latestCompletedOn === null) return { status: 'overdue', dueOn: null, state: 'never-done' };
  const dueOn = trainingExpiry({ completedOn: o.latestCompletedOn, renewalMonths: o.renewalMonths });
  if (dueOn === null) return { status: 'in-date', dueOn: null, state: 'does-not-expire' };
  const status = dueStatusOf({ dueOn, today: o.today });
  return { status, dueOn, state: status === 'overdue' ? 'expired' : status === 'due-soon' ? 'expires-soon' : 'in-date' };
}

export const trainingStateLabels: Record<TrainingStanding['state'], string> = {
  'never-done': 'Never done',
  expired: 'Expired',
  'expires-soon': 'Expires soon',
  'in-date': 'In date',
  'does-not-expire': 'Done (does not expire)',
};

/** The share of required courses in date (amber counts as in date: it has not expired yet), as a whole percentage. */
export function compliancePercent(o: { inDate: number; dueSoon: number; overdue: number }): number {
  const total = o.inDate + o.dueSoon + o.overdue;
  return total === 0 ? 100 : Math.floor(((o.inDate + o.dueSoon) * 100) / total);
}

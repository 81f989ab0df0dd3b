// When a tracked item is next examined or serviced, and whether that is overdue, due soon or fine.
//
// Decisions (LOLER 1998 reg. 9; the MHRA's "Managing medical devices"; service.md):
//  - Lifting equipment (hoists, slings, stair lifts) has a thorough examination every 6 months; other
//    items needing a service have their own interval from the catalogue (1-60 months).
//  - A pass sets the next date: the examination's date plus the interval, in calendar months (an
//    examination on 31 August is next due on 28 February, or the 29th in a leap year: the month's last
//    day, never spilling into March).
//  - A fail or a withdrawal sets no next date: the item is out of use (in repair, or withdrawn for
//    good) until a later examination passes. An item out with a patient that fails stays on loan until
//    it is collected, so the loan and its collection stay true.
//  - An examination is never recorded in the future; nor before the item could have been examined
//    (more than 10 years back is a typing slip).
//  - Overdue: the due date has passed (due today is not yet overdue). Due soon: within 28 days, the
//    notice a store needs to book an engineer.
import type { Day } from '../episode-dates.ts';
import { addCalendarDays, addCalendarMonths, daysBetween, ukDateOf } from '../episode-dates.ts';

export const inspectionKinds = ['loler', 'service'] as const;
export type InspectionKind = (typeof inspectionKinds)[number];
export const inspectionKindLabels: Record<InspectionKind, string> = { loler: 'LOLER thorough examination', service: 'Service' };

export const inspectionResults = ['pass', 'fail', 'withdrawn'] as const;
export type InspectionResult = (typeof inspectionResults)[number];
export const inspectionResultLabels: Record<InspectionResult, string> = { pass: 'Pass', fail: 'Fail: out of use until repaired and examined again', withdrawn: 'Withdrawn from use for good' };

export const inspectionStates = ['overdue', 'due-soon', 'fine'] as const;
export type InspectionState = (typeof inspectionStates)[number];
export const inspectionStateLabels: Record<InspectionState, string> = { overdue: 'Overdue', 'due-soon': 'Due soon', fine: 'Not due yet' };

export const defaultInspectionDueSoonDays = 28;
/** LOLER's interval for lifting equipment used by people (hoists, slings, stair lifts). */
export const lolerIntervalMonths = 6;


export type NextInspectionOptions = { inspectedOn: string; result: InspectionResult; intervalMonths: number | null };

/** The next due date an examination's result sets: its date plus the interval on a pass; none otherwise. */
export function nextInspectionDue(o: NextInspectionOptions): string | null {
  if (o.result !== 'pass' || o.intervalMonths === null) return null;
  return addCalendarMonths(o.inspectedOn, o.intervalMonths);
}

export type ItemUseStatus = 'in-store' | 'on-loan' | 'in-repair' | 'withdrawn' | 'missing' | 'written-off';

/** Where an item stands after an examination's result (see the decisions above). */
export function itemStatusAfterInspection(result: InspectionResult, status: ItemUseStatus): ItemUseStatus {
  if (status === 'on-loan') return 'on-loan';
  if (result === 'pass') return status === 'in-repair' ? 'in-store' : status;
  return result === 'fail' ? 'in-repair' : 'withdrawn';
}

/** Where an item goes when it comes back from a loan, given its latest examination's result (if any). */
export function itemStatusOnReturn(latestResult: InspectionResult | null, condemned: boolean): ItemUseStatus {
  if (condemned || latestResult === 'withdrawn') return 'withdrawn';
  return latestResult === 'fail' ? 'in-repair' : 'in-store';
}

export type InspectionStateOptions = { nextDue: string | null; today: Day; dueSoonDays?: number };

/** Overdue, due soon or fine; null when the item has no due date (needs none, or is out of use). */
export function inspectionState(o: InspectionStateOptions): InspectionState | null {
  if (o.nextDue === null) return null;
  const daysLeft = daysBetween(o.today, o.nextDue);
  if (daysLeft < 0) return 'overdue';
  return daysLeft <= (o.dueSoonDays ?? defaultInspectionDueSoonDays) ? 'due-soon' : 'fine';
}

/** Why an examination's date cannot be recorded, or null when it can. */
export function checkInspectionDate(inspectedOn: string, now: Date): string | null {
  const today = ukDateOf(now);
  if (inspectedOn > today) return 'The date of the examination must be today or in the past';
  if (inspectedOn < addCalendarDays(today, -3653)) return 'The date of the examination must be within the last 10 years';
  return null;
}

// When a visit that did not happen (no access, cancelled) could be done instead: the next day after it,
// and not before today, that is not one of the weekdays the patient cannot be seen (visit_needs'
// unavailable_days, "not Tuesdays"). Community teams visit seven days a week, so weekends count.
import { addCalendarDays, weekdayOf } from '@homeward/clinical';

export type RebookingDayOptions = {
  /** The day of the visit that did not happen, yyyy-mm-dd. */
  visitDate: string;
  /** Today in Europe/London, yyyy-mm-dd. */
  today: string;
  /** ISO weekdays (Monday 1 .. Sunday 7) the patient cannot be seen. */
  unavailableWeekdays: readonly number[];
};

/** The weekdays from a stored unavailable_days list, ignoring anything that is not 1-7. */
export function unavailableWeekdaysOf(stored: unknown): number[] {
  return Array.isArray(stored) ? stored.filter((d): d is number => Number.isInteger(d) && d >= 1 && d <= 7) : [];
}

export function proposeRebookingDay(o: RebookingDayOptions): string {
  const dayAfter = addCalendarDays(o.visitDate, 1);
  let day = dayAfter > o.today ? dayAfter : addCalendarDays(o.today, 1);
  // Seven days always include a day the patient can be seen, unless every weekday is ruled out.
  for (let i = 0; i < 7 && o.unavailableWeekdays.includes(weekdayOf(day)); i++) day = addCalendarDays(day, 1);
  return day;
}

// What makes a visit the lead adds or changes wrong, in the words the pages and the API both show:
// a day gone by or beyond the period the team plans, a window that ends before it starts, a pinned
// time outside the window, an episode that no longer takes visits.
import { addCalendarDays } from '../episode-dates.ts';
import { formatDisplayDate } from '../date-parts.ts';
import type { EpisodeStatus } from '../referral-vocabulary.ts';
import { visitDurationBounds, visitWindowProblems, type NeedsProblem, type VisitPurpose } from './visit-needs.ts';

/** How far ahead a visit may be booked by hand: four weeks, the furthest the team plans. */
export const visitBookingDays = 28;

export type VisitDetails = {
  date: string;
  durationMinutes: number;
  window: { start: string; end: string } | null;
  pinnedStart: string | null;
};

export type VisitCheckOptions = {
  today: string;
  episodeStatus: EpisodeStatus;
  /**
   * What the visit is for. One exception to "a discharged episode has no visits": collecting the
   * equipment decided at discharge ('equipment'), which by its nature comes after discharge; without it
   * the item could never be collected.
   */
  purpose?: VisitPurpose;
};

const timePattern = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** The last day a visit may be booked on, from today. */
export function lastBookableDay(today: string): string {
  return addCalendarDays(today, visitBookingDays - 1);
}

/** Every problem with the visit, each with its field path; empty when it may be saved. */
export function visitProblems(v: VisitDetails, o: VisitCheckOptions): NeedsProblem[] {
  const problems: NeedsProblem[] = [];
  if (o.episodeStatus === 'discharged' && o.purpose !== 'equipment') problems.push({ path: ['episodeId'], message: 'The episode has been discharged, so it cannot have visits booked' });
  if (o.episodeStatus === 'on-hold') problems.push({ path: ['episodeId'], message: 'The episode is on hold: resume it before booking visits' });
  if (v.date < o.today) problems.push({ path: ['date'], message: `The date of the visit cannot be in the past (today is ${formatDisplayDate(o.today)})` });
  else if (v.date > lastBookableDay(o.today)) problems.push({ path: ['date'], message: `The date of the visit must be within the next 4 weeks, on or before ${formatDisplayDate(lastBookableDay(o.today))}` });
  if (!Number.isInteger(v.durationMinutes) || v.durationMinutes < visitDurationBounds.min || v.durationMinutes > visitDurationBounds.max) {
    problems.push({ path: ['durationMinutes'], message: 'A visit must last between 5 minutes and 8 hours' });
  }
  const windowProblems = v.window ? visitWindowProblems(v.window.start, v.window.end) : [];
  problems.push(...windowProblems.map((p) => ({ path: ['window', ...p.path], message: p.message })));
  if (v.pinnedStart !== null) {
    if (!timePattern.test(v.pinnedStart)) problems.push({ path: ['pinnedStart'], message: 'Enter the pinned time as a time, like 09:30' });
    else if (v.window && windowProblems.length === 0 && (v.pinnedStart < v.window.start || v.pinnedStart >= v.window.end)) {
      problems.push({ path: ['pinnedStart'], message: `The pinned time must be within the window (${v.window.start} to ${v.window.end})` });
    }
  }
  return problems;
}

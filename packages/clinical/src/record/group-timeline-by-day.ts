// The timeline reads newest first, in days on the UK calendar, each day under its own heading: a
// visit at 00:30 BST on 29 March belongs to the 29th, though it is 23:30 on the 28th in UTC.
import { ukDateOf } from '../episode-dates.ts';
import { formatDisplayDate } from '../date-parts.ts';

export type DatedTimelineEntry = {
  /** When it happened (ISO 8601). */
  at: string;
};

export type TimelineDay<T> = { day: string; heading: string; entries: T[] };

export type GroupTimelineByDayOptions<T extends DatedTimelineEntry> = { entries: readonly T[] };

const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' });

/** "Tuesday 24 November 2026" for 2026-11-24. */
export function ukDayHeading(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${weekday.format(new Date(Date.UTC(y, m - 1, d)))} ${formatDisplayDate(isoDate)}`;
}

/**
 * Newest first. Entries at the same instant (a referral triaged, allocated and seen in one go) are
 * given oldest first, in the order they happened, so they come out the other way round, like the rest.
 */
export function orderTimeline<T extends DatedTimelineEntry>(entries: readonly T[]): T[] {
  return entries
    .map((entry, index) => ({ entry, index, ms: Date.parse(entry.at) }))
    .sort((a, b) => b.ms - a.ms || b.index - a.index)
    .map((x) => x.entry);
}

export function groupTimelineByDay<T extends DatedTimelineEntry>(o: GroupTimelineByDayOptions<T>): TimelineDay<T>[] {
  const days: TimelineDay<T>[] = [];
  for (const entry of orderTimeline(o.entries)) {
    const day = ukDateOf(new Date(entry.at));
    const last = days.at(-1);
    if (last?.day === day) last.entries.push(entry);
    else days.push({ day, heading: ukDayHeading(day), entries: [entry] });
  }
  return days;
}

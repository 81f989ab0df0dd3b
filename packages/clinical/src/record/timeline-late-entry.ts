// A late entry is labelled with both the time of the event and the time of writing (RCOT, HCPC).
// Entries about a day rather than an instant (a review held on, an activity done on) are late when
// written after the day that followed it: the same 24 hours' grace a timed contact note has.
import { daysBetween, ukDateOf } from '../episode-dates.ts';
import { isLateEntry } from './contact-note.ts';

export type IsLateTimelineEntryOptions =
  | { occurredAt: Date; writtenAt: Date }
  | { occurredOn: string; writtenAt: Date };

export function isLateTimelineEntry(o: IsLateTimelineEntryOptions): boolean {
  if ('occurredAt' in o) return isLateEntry(o.occurredAt, o.writtenAt);
  return daysBetween(o.occurredOn, ukDateOf(o.writtenAt)) > 1;
}

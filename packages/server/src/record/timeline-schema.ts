// The JSON shapes of the patient timeline: one entry per thing that happened in the episode.
import { z } from 'zod';
import { parseTimelineKinds, timelineKinds } from '@homeward/clinical';
import { validationFailed } from '../platform/homeward-error.ts';

const who = z.object({ id: z.string(), name: z.string(), role: z.string() });

export const timelineEntryResponse = z.object({
  /** Unique within the timeline: the record's table and id, and what happened to it. */
  id: z.string(),
  recordId: z.string(),
  kind: z.enum(timelineKinds),
  /** When it happened; for an entry about a day (dateOnly), an instant on that day. */
  at: z.string(),
  /** The UK calendar day it happened on. */
  on: z.string(),
  dateOnly: z.boolean(),
  lateEntry: z.boolean(),
  /** When it was written, for a late entry; null otherwise. */
  writtenAt: z.string().nullable(),
  summary: z.string(),
  who: who.nullable(),
  href: z.string().nullable(),
  draft: z.boolean(),
  awaitingReview: z.boolean(),
  amendments: z.array(z.object({ at: z.string(), reason: z.string(), who: who.nullable() })),
});
export type TimelineEntry = z.infer<typeof timelineEntryResponse>;
export type TimelineWho = z.infer<typeof who>;

export const timelineResponse = z.object({
  episodeId: z.string(),
  /** The kinds shown; empty when every kind is. */
  filter: z.array(z.enum(timelineKinds)),
  /** Every kind, with how many entries the whole timeline has of it. */
  kinds: z.array(z.object({ kind: z.enum(timelineKinds), label: z.string(), count: z.number() })),
  total: z.number(),
  entries: z.array(timelineEntryResponse),
});
export type TimelineResponse = z.infer<typeof timelineResponse>;

/** ?kind=contact-note&kind=assessment: one value or several, as a query string carries them. */
export const timelineQuery = z.object({
  kind: z.union([z.string(), z.array(z.string())]).optional().describe(`One or more of: ${timelineKinds.join(', ')}. None means every kind.`),
});

export function kindsAsked(kind: string | string[] | undefined): string[] {
  return kind === undefined ? [] : Array.isArray(kind) ? kind : [kind];
}

/** The kinds asked for, or a 400 naming each unknown one by its position (kind.0, kind.1, ...). */
export function parseTimelineFilter(kind: string | string[] | undefined) {
  const parsed = parseTimelineKinds(kindsAsked(kind));
  if (!parsed.ok) throw validationFailed(parsed.errors);
  return parsed.kinds;
}

// The kinds of entry on a patient's timeline: everything in an episode, read in time order and
// filtered by kind. The ids are stable (the API's ?kind= values); the labels are the team's words.
import type { RecordFieldError } from './consent.ts';

export const timelineKinds = ['referral', 'consent', 'contact-note', 'assessment', 'goal', 'programme', 'review', 'letter', 'episode-change'] as const;
export type TimelineKind = (typeof timelineKinds)[number];

/** One entry's kind, as its tag reads. */
export const timelineKindLabels: Record<TimelineKind, string> = {
  referral: 'Referral',
  consent: 'Consent',
  'contact-note': 'Contact note',
  assessment: 'Assessment',
  goal: 'Goal',
  programme: 'Programme of care',
  review: 'Review',
  letter: 'Discharge summary or letter',
  'episode-change': 'Episode change',
};

/** The kinds as the filter lists them. */
export const timelineKindFilterLabels: Record<TimelineKind, string> = {
  referral: 'Referral',
  consent: 'Consent and capacity',
  'contact-note': 'Contact notes',
  assessment: 'Assessments',
  goal: 'Goals and ratings',
  programme: 'Programme of care and logs',
  review: 'Reviews',
  letter: 'Discharge summary and letters',
  'episode-change': 'Episode changes (triage, allocation, holds, discharge)',
};

export function isTimelineKind(value: string): value is TimelineKind {
  return (timelineKinds as readonly string[]).includes(value);
}

export type ParseTimelineKindsResult = { ok: true; kinds: TimelineKind[] } | { ok: false; errors: RecordFieldError[] };

/**
 * The kinds asked for (?kind=a&kind=b), in the timeline's own order and each once; none asked for
 * means every kind. An unknown kind is refused at its position, so the caller sees which one.
 */
export function parseTimelineKinds(values: readonly string[]): ParseTimelineKindsResult {
  const errors: RecordFieldError[] = [];
  values.forEach((value, index) => {
    if (!isTimelineKind(value)) {
      errors.push({ path: `kind.${index}`, message: `“${value}” is not a kind of timeline entry. Choose from: ${timelineKinds.join(', ')}` });
    }
  });
  if (errors.length) return { ok: false, errors };
  return { ok: true, kinds: timelineKinds.filter((k) => values.includes(k)) };
}

/** How many entries of each kind, every kind present (0 when none). */
export function countTimelineKinds(entries: readonly { kind: TimelineKind }[]): Record<TimelineKind, number> {
  const counts = Object.fromEntries(timelineKinds.map((k) => [k, 0])) as Record<TimelineKind, number>;
  for (const e of entries) counts[e.kind] += 1;
  return counts;
}

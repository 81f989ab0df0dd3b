// The JSON shapes of episode reviews: a review held in, the review and the episode's new dates out.
import { z } from 'zod';
import { version } from '../platform/number-schemas.ts';
import { assessmentPromptKinds, reviewDecisions, reviewKinds } from '@homeward/clinical';

const isoDate = (message: string) => z.iso.date(message);

// Kind and decision are checked by the domain (checkEpisodeReview), so a missing one gets the clinical message.
export const reviewBody = z.strictObject({
  kind: z.string().optional(),
  heldOn: isoDate('Enter the date of the review as yyyy-mm-dd'),
  summary: z.string('Enter a summary of the review'),
  decision: z.string().optional(),
  nextReviewOn: isoDate('Enter the date of the next review as yyyy-mm-dd').nullable().optional(),
  plannedEndOn: isoDate('Enter the new planned end as yyyy-mm-dd').nullable().optional(),
  /** The episode's version as read: the review moves its dates, so a stale one is refused (409). */
  version,
});
export type ReviewBody = z.infer<typeof reviewBody>;

const staffRef = z.object({ id: z.string(), name: z.string(), role: z.string() });

export const episodeReviewResponse = z.object({
  id: z.string(),
  episodeId: z.string(),
  patientId: z.string(),
  kind: z.enum(reviewKinds),
  heldOn: z.string(),
  summary: z.string(),
  decision: z.enum(reviewDecisions),
  nextReviewOn: z.string().nullable(),
  /** The planned end set by an extension; null when the review did not change it. */
  plannedEndOn: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: staffRef,
});
export type EpisodeReviewResponse = z.infer<typeof episodeReviewResponse>;

export const reviewedEpisodeResponse = z.object({
  id: z.string(),
  version: z.number(),
  status: z.string(),
  plannedEndOn: z.string().nullable(),
  reviewDueOn: z.string().nullable(),
});

export const assessmentPromptResponse = z.object({
  kind: z.enum(assessmentPromptKinds),
  instrumentId: z.string(),
  instrumentName: z.string(),
  timePoint: z.enum(['baseline', 'review', 'discharge', 'other']),
  dueOn: z.string(),
  state: z.enum(['due', 'overdue']),
  text: z.string(),
});

export const reviewScheduleResponse = z.object({
  startOn: z.string().nullable(),
  midwayReviewOn: z.string().nullable(),
  endReviewOn: z.string().nullable(),
  nextReviewOn: z.string().nullable(),
  nextReviewState: z.enum(['not-due', 'due', 'overdue']),
  daysToNextReview: z.number().nullable(),
});

export const reviewsResponse = z.object({
  episode: reviewedEpisodeResponse,
  schedule: reviewScheduleResponse,
  reviews: z.array(episodeReviewResponse),
  assessmentPrompts: z.array(assessmentPromptResponse),
});

export const recordedReviewResponse = z.object({ review: episodeReviewResponse, episode: reviewedEpisodeResponse });

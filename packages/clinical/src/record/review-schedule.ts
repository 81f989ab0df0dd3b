// An episode's review dates as the reviews page shows them: half-way and end of the planned length,
// worked out from first contact and the planned end, and the next review the team has set.
import { daysBetween, defaultReviewDueWindowDays, reviewDates, type ReviewState } from '../episode-dates.ts';

export type ScheduleEpisodeReviewsOptions = {
  /** UK date of first contact; null before the episode starts. */
  startOn: string | null;
  plannedEndOn: string | null;
  /** The next review set on the episode (at first contact, then by each review held). */
  reviewDueOn: string | null;
  today: string;
  dueWindowDays?: number;
};

export type EpisodeReviewSchedule = {
  startOn: string | null;
  /** Null when the episode has no planned end (outside intermediate care) or has not started. */
  midwayReviewOn: string | null;
  endReviewOn: string | null;
  nextReviewOn: string | null;
  /** Where the next review stands today: due within the window before its date, overdue after it. */
  nextReviewState: ReviewState;
  daysToNextReview: number | null;
};

export function scheduleEpisodeReviews(o: ScheduleEpisodeReviewsOptions): EpisodeReviewSchedule {
  const window = o.dueWindowDays ?? defaultReviewDueWindowDays;
  const dates = o.startOn !== null && o.plannedEndOn !== null ? reviewDates({ startOn: o.startOn, plannedEndOn: o.plannedEndOn }) : null;
  const daysLeft = o.reviewDueOn === null ? null : daysBetween(o.today, o.reviewDueOn);
  const nextReviewState: ReviewState = daysLeft === null ? 'not-due' : daysLeft < 0 ? 'overdue' : daysLeft <= window ? 'due' : 'not-due';
  return {
    startOn: o.startOn,
    midwayReviewOn: dates?.midwayReviewOn ?? null,
    endReviewOn: dates?.endReviewOn ?? null,
    nextReviewOn: o.reviewDueOn,
    nextReviewState,
    daysToNextReview: daysLeft,
  };
}

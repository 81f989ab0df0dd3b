import { describe, expect, it } from 'vitest';
import { scheduleEpisodeReviews } from './review-schedule.ts';

describe('scheduleEpisodeReviews', () => {
  const base = { startOn: '2026-12-01', plannedEndOn: '2027-01-12', reviewDueOn: '2026-12-22' };
  it('works out the half-way and end reviews from first contact and the planned end', () => {
    expect(scheduleEpisodeReviews({ ...base, today: '2026-12-02' })).toEqual({
      startOn: '2026-12-01',
      midwayReviewOn: '2026-12-22',
      endReviewOn: '2027-01-12',
      nextReviewOn: '2026-12-22',
      nextReviewState: 'not-due',
      daysToNextReview: 20,
    });
  });
  it('says the next review is due within a week of its date and overdue after it', () => {
    expect(scheduleEpisodeReviews({ ...base, today: '2026-12-15' }).nextReviewState).toBe('due');
    expect(scheduleEpisodeReviews({ ...base, today: '2026-12-22' }).nextReviewState).toBe('due');
    expect(scheduleEpisodeReviews({ ...base, today: '2026-12-23' })).toMatchObject({ nextReviewState: 'overdue', daysToNextReview: -1 });
  });
  it('has no half-way or end review before the episode starts, even with a planned end', () => {
    expect(scheduleEpisodeReviews({ startOn: null, plannedEndOn: '2027-01-12', reviewDueOn: null, today: '2026-12-02' })).toMatchObject({ midwayReviewOn: null, endReviewOn: null });
  });
  it('has no half-way or end review without a planned end', () => {
    expect(scheduleEpisodeReviews({ startOn: '2026-12-01', plannedEndOn: null, reviewDueOn: null, today: '2026-12-02' })).toMatchObject({ midwayReviewOn: null, endReviewOn: null, nextReviewState: 'not-due', daysToNextReview: null });
  });
});

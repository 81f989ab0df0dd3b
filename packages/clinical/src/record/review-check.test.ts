import { describe, expect, it } from 'vitest';
import { checkEpisodeReview, mayRecordEpisodeReview, type EpisodeReviewInput } from './review-check.ts';

const episode = { status: 'active', startOn: '2026-12-01', plannedEndOn: '2027-01-12' };
const today = '2026-12-22';
// Mrs B, referred on 27 November 2026; it is midday on the 22nd of December.
const dates = { now: new Date(`${today}T12:00:00Z`), bornOn: '1941-05-17', referralReceivedAt: new Date('2026-11-27T10:00:00Z') };
const review = (o: Partial<EpisodeReviewInput> = {}): EpisodeReviewInput => ({
  kind: 'half-way',
  heldOn: '2026-12-22',
  summary: 'Walking indoors with a frame; kitchen goal part met.',
  decision: 'continue',
  nextReviewOn: '2027-01-12',
  plannedEndOn: null,
  ...o,
});
const check = (input: EpisodeReviewInput, e: Partial<typeof episode> = {}) => checkEpisodeReview({ input, episode: { ...episode, ...e }, dates });

describe('checkEpisodeReview', () => {
  it('accepts a half-way review that continues, and one that extends', () => {
    expect(check(review())).toEqual([]);
    expect(check(review({ decision: 'extend', plannedEndOn: '2027-01-26', nextReviewOn: '2027-01-26' }))).toEqual([]);
    expect(check(review({ decision: 'discharge', nextReviewOn: null }))).toEqual([]);
  });

  it('refuses reviews of episodes not under way', () => {
    expect(check(review(), { status: 'discharged' })).toEqual([{ path: 'episode', message: 'This episode has been discharged: there is nothing left to review' }]);
    const notStarted = [{ path: 'episode', message: 'This episode has not started: record first contact before reviewing it' }];
    expect(check(review(), { status: 'waiting', startOn: null as unknown as string })).toEqual(notStarted);
    expect(check(review(), { status: 'waiting' })).toEqual(notStarted);
    expect(check(review(), { startOn: null as unknown as string })).toEqual(notStarted);
  });

  it('says what is missing', () => {
    expect(check(review({ kind: null, summary: '  ', decision: null }))).toEqual([
      { path: 'kind', message: 'Choose which review this was: half-way, end of episode or other' },
      { path: 'summary', message: 'Enter a summary of the review: progress against goals and the reasons for the decision' },
      { path: 'decision', message: 'Choose the decision: continue, extend or discharge' },
    ]);
    expect(check(review({ nextReviewOn: null }))).toEqual([{ path: 'nextReviewOn', message: 'Enter the date of the next review' }]);
  });

  it('refuses a review in the future or before the episode began (clinical-date-bounds.ts)', () => {
    expect(check(review({ heldOn: '2026-12-23', nextReviewOn: '2027-01-05' }))).toEqual([{ path: 'heldOn', message: 'The date of the review cannot be in the future' }]);
    expect(check(review({ heldOn: '2026-11-30' }))).toEqual([{ path: 'heldOn', message: 'The date of the review must be on or after 1 December 2026 (the first contact in this episode)' }]);
    expect(check(review({ heldOn: '1900-01-01' }))).toEqual([{ path: 'heldOn', message: 'The date of the review must be on or after 1 December 2026 (the first contact in this episode)' }]);
    expect(check(review({ heldOn: '2026-12-01', nextReviewOn: '2026-12-29' }))).toEqual([]);
  });

  it('refuses a next review on or before the review held, or after the planned end', () => {
    expect(check(review({ heldOn: '2026-12-20', nextReviewOn: '2026-12-19' }))).toEqual([{ path: 'nextReviewOn', message: 'The next review must be after this review, 20 December 2026' }]);
    expect(check(review({ heldOn: '2026-12-10', nextReviewOn: '2026-12-15' }))).toEqual([{ path: 'nextReviewOn', message: 'The date of the next review cannot be in the past' }]);
    // An episode without a planned end still has its next review within a year.
    expect(check(review({ nextReviewOn: '2027-12-23' }), { plannedEndOn: null as unknown as string })).toEqual([
      { path: 'nextReviewOn', message: 'The date of the next review must be on or before 22 December 2027 (1 year from today)' },
    ]);
    expect(check(review({ nextReviewOn: '2027-01-19' }))).toEqual([
      { path: 'nextReviewOn', message: 'The next review must be on or before the planned end of the episode, 12 January 2027. To go beyond it, extend the episode' },
    ]);
  });

  it('needs a new planned end, after the start and the current end, to extend', () => {
    expect(check(review({ decision: 'extend', plannedEndOn: null }))).toEqual([{ path: 'plannedEndOn', message: 'Enter the new planned end of the episode: extending needs a new end date' }]);
    expect(check(review({ decision: 'extend', plannedEndOn: '2026-11-20' }))).toEqual([{ path: 'plannedEndOn', message: 'The new planned end cannot be in the past' }]);
    expect(check(review({ decision: 'extend', plannedEndOn: '2028-12-23' }))).toEqual([{ path: 'plannedEndOn', message: 'The new planned end must be on or before 22 December 2028 (2 years from today)' }]);
    expect(check(review({ decision: 'extend', plannedEndOn: '2027-01-05' }))[0]).toEqual({
      path: 'plannedEndOn',
      message: 'The new planned end must be after the current planned end, 12 January 2027. To finish sooner, choose continue or discharge',
    });
    expect(check(review({ plannedEndOn: '2027-01-26' }))).toEqual([{ path: 'plannedEndOn', message: 'Only enter a new planned end when extending the episode' }]);
  });

  it('takes a summary of up to 5,000 characters', () => {
    expect(check(review({ summary: 'a'.repeat(5000) }))).toEqual([]);
    expect(check(review({ summary: 'a'.repeat(5001) }))).toEqual([{ path: 'summary', message: 'The summary must be 5000 characters or fewer' }]);
  });

  it('leaves a review date that could not be read to the form, which reports it', () => {
    expect(check(review({ heldOn: null }))).toEqual([]);
  });

  // Each boundary on its day: an episode that started today, and one whose planned end has passed.
  it.each<[string, Partial<EpisodeReviewInput>, Partial<typeof episode>, Array<[string, string]>]>([
    [
      'extending to the day the episode started',
      { decision: 'extend', heldOn: today, plannedEndOn: today, nextReviewOn: null },
      { startOn: today, plannedEndOn: null as unknown as string },
      [
        ['plannedEndOn', 'The new planned end must be after the start of the episode, 22 December 2026'],
        ['nextReviewOn', 'Enter the date of the next review'],
      ],
    ],
    [
      'extending to the current planned end',
      { decision: 'extend', plannedEndOn: '2027-01-12' },
      {},
      [['plannedEndOn', 'The new planned end must be after the current planned end, 12 January 2027. To finish sooner, choose continue or discharge']],
    ],
    [
      'extending a lapsed episode to the day of the review',
      { decision: 'extend', heldOn: today, plannedEndOn: today, nextReviewOn: today },
      { plannedEndOn: '2026-12-20' },
      [
        ['plannedEndOn', 'The new planned end must be after the review, 22 December 2026'],
        ['nextReviewOn', 'The next review must be after this review, 22 December 2026'],
      ],
    ],
    ['the next review on the day of this one', { heldOn: today, nextReviewOn: today }, {}, [['nextReviewOn', 'The next review must be after this review, 22 December 2026']]],
    ['continuing an episode with no planned end', { nextReviewOn: '2027-03-01' }, { plannedEndOn: null as unknown as string }, []],
  ])('%s', (_story, input, e, expected) => {
    expect(check(review(input), e)).toEqual(expected.map(([path, message]) => ({ path, message })));
  });

  it('lets an episode with no planned end be extended to one', () => {
    expect(check(review({ decision: 'extend', plannedEndOn: '2027-02-01', nextReviewOn: '2027-01-20' }), { plannedEndOn: null as unknown as string })).toEqual([]);
  });
});

describe('mayRecordEpisodeReview', () => {
  it('lets assistant practitioners, registered therapists and clinical leads record reviews, not support workers or managers', () => {
    expect(['support-worker', 'assistant-practitioner', 'registered-therapist', 'clinical-lead', 'service-manager', 'administrator'].filter((r) => mayRecordEpisodeReview(r as never))).toEqual([
      'assistant-practitioner',
      'registered-therapist',
      'clinical-lead',
    ]);
  });
});

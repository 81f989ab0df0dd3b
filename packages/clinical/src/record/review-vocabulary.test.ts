import { describe, expect, it } from 'vitest';
import { reviewDecisionLabels, reviewDecisions, reviewKindLabels, reviewKinds } from './review-vocabulary.ts';

describe('the words of an episode review', () => {
  it('has three kinds of review, each named as the review form names it', () => {
    expect(reviewKinds.map((k) => [k, reviewKindLabels[k]])).toEqual([
      ['half-way', 'Half-way review'],
      ['end-of-episode', 'End-of-episode review'],
      ['other', 'Other review'],
    ]);
  });

  it('has three decisions, each named as the review form names it', () => {
    expect(reviewDecisions.map((d) => [d, reviewDecisionLabels[d]])).toEqual([
      ['continue', 'Continue as planned'],
      ['extend', 'Extend the episode'],
      ['discharge', 'Discharge'],
    ]);
  });
});

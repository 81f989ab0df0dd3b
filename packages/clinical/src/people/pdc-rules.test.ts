import { describe, expect, it } from 'vitest';
import { mayHoldPdc, pdcDatesProblem, pdcItemReviewProblem } from './pdc-rules.ts';

describe("a PDC's dates", () => {
  it.each([
    { heldOn: '2026-12-01', nextReviewOn: '2027-06-01', expected: null },
    { heldOn: '2026-12-01', nextReviewOn: '2027-12-01', expected: null },
    { heldOn: '2026-12-06', nextReviewOn: '2027-06-01', expected: 'heldOn' },
    { heldOn: '2026-12-01', nextReviewOn: '2026-12-01', expected: 'nextReviewOn' },
    { heldOn: '2026-12-01', nextReviewOn: '2027-12-02', expected: 'nextReviewOn' },
  ])('held $heldOn, next review $nextReviewOn: $expected', ({ heldOn, nextReviewOn, expected }) => {
    expect(pdcDatesProblem({ heldOn, nextReviewOn, today: '2026-12-05' })?.path ?? null).toBe(expected);
  });

  it.each([
    { reviewOn: null, ok: true },
    { reviewOn: '2027-03-01', ok: true },
    { reviewOn: '2026-11-30', ok: false },
    { reviewOn: '2027-12-02', ok: false },
  ])('an item reviewed on $reviewOn: ok $ok', ({ reviewOn, ok }) => {
    expect(pdcItemReviewProblem({ heldOn: '2026-12-01', reviewOn }) === null).toBe(ok);
  });

  it('is held by the clinical lead or service manager', () => {
    expect(mayHoldPdc('clinical-lead')).toBe(true);
    expect(mayHoldPdc('registered-therapist')).toBe(false);
  });
});

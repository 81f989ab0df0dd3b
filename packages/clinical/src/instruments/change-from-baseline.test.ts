import { describe, it, expect } from 'vitest';
import { barthelIndex } from './barthel-index.ts';
import { changeFromBaseline } from './change-from-baseline.ts';
import { scoreInstrument } from './score-instrument.ts';
import { timedUpAndGo } from './timed-up-and-go.ts';
import { responsesTotalling } from './responses-for-tests.ts';

describe('changeFromBaseline', () => {
  it('takes the totals scoreInstrument computed: the issue’s story end to end', () => {
    const first = scoreInstrument(barthelIndex, responsesTotalling(barthelIndex, 12));
    const review = scoreInstrument(barthelIndex, responsesTotalling(barthelIndex, 16));
    if (!first.ok || !review.ok || first.total === null || review.total === null) throw new Error('scoring failed');
    expect(changeFromBaseline(barthelIndex, first.total, review.total)).toMatchObject({ change: 4, passesMinimalChange: true, thresholdKind: 'MCID' });
  });

  it('reads floating-point noise at the instrument’s precision (12.4 - 9.5 is 2.9, not 2.8999...)', () => {
    expect(12.4 - 9.5).not.toBe(2.9);
    expect(changeFromBaseline(timedUpAndGo, 9.5, 12.4)).toMatchObject({ change: 2.9, passesMinimalChange: true, direction: 'worse' });
  });

  it('says "no change" plainly', () => {
    expect(changeFromBaseline(barthelIndex, 15, 15).summary).toBe('No change: does not reach the minimal clinically important difference of 1.85 points (stroke; Hsieh 2007)');
  });

  it.each<[number, number]>([
    [Number.NaN, 10],
    [10, Number.POSITIVE_INFINITY],
    [-1, 10],
    [10, 21],
  ])('refuses %f to %f: not a total of this instrument', (baseline, latest) => {
    expect(() => changeFromBaseline(barthelIndex, baseline, latest)).toThrow(RangeError);
  });
});

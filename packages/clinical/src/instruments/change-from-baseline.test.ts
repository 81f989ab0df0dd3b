import { describe, it, expect } from 'vitest';
import { barthelIndex } from './barthel-index.ts';
import { bergBalanceScale } from './berg-balance-scale.ts';
import { changeFromBaseline } from './change-from-baseline.ts';
import { modifiedRankinScale } from './modified-rankin-scale.ts';
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

describe('changeFromBaseline: the words of a change of one', () => {
  it('says "1 grade", "1 point", but "2 grades"', () => {
    expect(changeFromBaseline(modifiedRankinScale, 2, 3).summary).toBe('Up 1 grade (worse): no established minimal important change for this measure');
    expect(changeFromBaseline(modifiedRankinScale, 3, 1).summary).toBe('Down 2 grades (improved): no established minimal important change for this measure');
    expect(changeFromBaseline(barthelIndex, 12, 11).summary).toBe('Down 1 point (worse): does not reach the minimal clinically important difference of 1.85 points (stroke; Hsieh 2007)');
  });

  it('uses a unit that is not a plural word as it is (a reach in cm)', () => {
    const reach = { ...bergBalanceScale, unit: 'cm' };
    expect(changeFromBaseline(reach, 30, 31).summary).toBe('Up 1 cm (improved): does not reach the minimal detectable change of 7 cm (older people; Donoghue & Stokes 2009)');
  });
});

describe('changeFromBaseline: a baseline no threshold covers', () => {
  // Every definition in the registry covers its whole scale (registry.test.ts); one that did not would
  // report the change without a verdict rather than fail or invent one.
  const partial = { ...bergBalanceScale, minimalChange: { ...bergBalanceScale.minimalChange!, thresholds: [{ baselineMin: 0, baselineMax: 24, threshold: 5 }] } };

  it('has no threshold, no kind and no verdict', () => {
    expect(changeFromBaseline(partial, 30, 40)).toEqual({
      change: 10,
      direction: 'improved',
      passesMinimalChange: false,
      threshold: null,
      thresholdKind: null,
      summary: 'Up 10 points (improved): no established minimal important change for this measure',
    });
    expect(changeFromBaseline(partial, 20, 25)).toMatchObject({ threshold: 5, thresholdKind: 'MDC', passesMinimalChange: true });
  });
});

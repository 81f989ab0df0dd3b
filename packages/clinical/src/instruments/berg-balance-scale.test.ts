import { describe, it, expect } from 'vitest';
import { bergBalanceScale } from './berg-balance-scale.ts';
import { changeFromBaseline } from './change-from-baseline.ts';
import { everyItem, responsesTotalling } from './responses-for-tests.ts';
import { scoreInstrument } from './score-instrument.ts';

describe('Berg Balance Scale: totals and fall-risk bands', () => {
  it.each<[number, string, string]>([
    [0, 'raised', 'at-or-below-cut-off'],
    [44, 'raised', 'at-or-below-cut-off'],
    [45, 'not-raised', 'at-or-below-cut-off'],
    [52, 'not-raised', 'at-or-below-cut-off'],
    [53, 'not-raised', 'above-cut-off'],
    [56, 'not-raised', 'above-cut-off'],
  ])('total %i: fall risk %s; stroke multiple-falls %s', (total, fallRisk, stroke) => {
    const result = scoreInstrument(bergBalanceScale, responsesTotalling(bergBalanceScale, total));
    expect(result).toMatchObject({ ok: true, total, band: { banding: 'fall-risk', id: fallRisk } });
    expect(result.ok && result.bands[1]).toMatchObject({ banding: 'stroke-multiple-falls', id: stroke, appliesTo: 'Community-dwelling people after stroke' });
  });

  it.each<[string, number, string]>([
    ['5 is out of range', 5, 'Sitting to standing: 5 is out of range; the options run from 0 to 4'],
    ['3.5 is not an option', 3.5, 'Sitting to standing: 3.5 is not one of the options (0, 1, 2, 3 or 4)'],
  ])('refuses: %s', (_case, value, message) => {
    const result = scoreInstrument(bergBalanceScale, { ...everyItem(bergBalanceScale, 2), 'sit-to-stand': value });
    expect(!result.ok && result.errors).toEqual([{ itemId: 'sit-to-stand', message }]);
  });
});

describe('Berg Balance Scale: the minimal detectable change depends on the first score', () => {
  it.each<[number, number]>([
    [0, 5],
    [24, 5],
    [25, 7],
    [34, 7],
    [35, 5],
    [44, 5],
    [45, 4],
    [56, 4],
  ])('first score %i: MDC %i points', (baseline, mdc) => {
    const up = Math.min(56, baseline + mdc);
    const result = changeFromBaseline(bergBalanceScale, baseline, baseline === 56 ? 56 - mdc : up);
    expect(result).toMatchObject({ threshold: mdc, thresholdKind: 'MDC', passesMinimalChange: true });
  });

  it.each<[number, number, boolean]>([
    [30, 36, false],
    [30, 37, true],
    [40, 44, false],
    [40, 45, true],
    [46, 49, false],
    [46, 50, true],
    [46, 42, true],
  ])('%i to %i passes the MDC: %s', (baseline, latest, passes) => {
    expect(changeFromBaseline(bergBalanceScale, baseline, latest).passesMinimalChange).toBe(passes);
  });

  it('says so in words', () => {
    expect(changeFromBaseline(bergBalanceScale, 30, 36).summary).toBe(
      'Up 6 points (improved): does not reach the minimal detectable change of 7 points (older people; Donoghue & Stokes 2009)',
    );
  });
});

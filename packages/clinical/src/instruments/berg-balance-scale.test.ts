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

// Berg 1992: 14 tasks, each scored 0 (lowest) to 4 (highest), total 0-56. Typed from the published
// scale, not read from the definition, so a changed task, option or range here is a changed instrument.
describe('Berg Balance Scale: the published form', () => {
  it('asks the 14 tasks in the published order, each scored 0 to 4', () => {
    expect(bergBalanceScale.items.map((item) => [item.id, item.text])).toEqual([
      ['sit-to-stand', 'Sitting to standing'],
      ['standing-unsupported', 'Standing unsupported'],
      ['sitting-unsupported', 'Sitting unsupported'],
      ['stand-to-sit', 'Standing to sitting'],
      ['transfers', 'Transfers'],
      ['eyes-closed', 'Standing with eyes closed'],
      ['feet-together', 'Standing with feet together'],
      ['reaching-forward', 'Reaching forward with outstretched arm'],
      ['object-from-floor', 'Picking up an object from the floor'],
      ['look-behind', 'Turning to look behind'],
      ['turn-360', 'Turning 360 degrees'],
      ['foot-on-step', 'Placing alternate foot on a step'],
      ['tandem-stance', 'Standing with one foot in front (tandem stance)'],
      ['one-leg', 'Standing on one leg'],
    ]);
    for (const item of bergBalanceScale.items) {
      expect(item.kind === 'choice' && item.options, item.id).toEqual([
        { value: 0, label: '0 (lowest)' },
        { value: 1, label: '1' },
        { value: 2, label: '2' },
        { value: 3, label: '3' },
        { value: 4, label: '4 (highest)' },
      ]);
    }
  });

  it('adds all 14 items into one total, 0-56, higher is better, every item answered', () => {
    expect(bergBalanceScale.scorings).toEqual([{ id: 'total', label: 'Total (0-56)', items: bergBalanceScale.items.map((i) => i.id), min: 0, max: 56 }]);
    expect(bergBalanceScale.scorings[0]!.items).toHaveLength(14);
    expect(bergBalanceScale).toMatchObject({ subscales: [], missingItems: { kind: 'none' }, direction: 'higher-is-better', unit: 'points', decimals: 0, version: 1 });
  });

  it('bands fall risk below 45 (Berg 1992) and multiple falls after stroke at 52 or below (Alzayer 2009)', () => {
    expect(bergBalanceScale.bandings).toEqual([
      {
        id: 'fall-risk',
        label: 'Fall risk',
        scoring: 'total',
        source: 'Berg et al. 1992',
        bands: [
          { id: 'raised', label: 'Raised fall risk (below 45)', min: 0, max: 44 },
          { id: 'not-raised', label: 'Not in the raised fall risk range (45 or more)', min: 45, max: 56 },
        ],
      },
      {
        id: 'stroke-multiple-falls',
        label: 'Multiple falls after stroke',
        scoring: 'total',
        appliesTo: 'Community-dwelling people after stroke',
        source: 'Alzayer L, Beninato M, Portney LG. J Neurol Phys Ther 2009;33:136-143.',
        bands: [
          { id: 'at-or-below-cut-off', label: 'At or below the cut-off for multiple falls (52)', min: 0, max: 52 },
          { id: 'above-cut-off', label: 'Above the cut-off for multiple falls (52)', min: 53, max: 56 },
        ],
      },
    ]);
  });

  it('takes its MDC from Donoghue & Stokes 2009: 5, 7, 5 and 4 points by first score', () => {
    expect(bergBalanceScale.minimalChange).toEqual({
      kind: 'MDC',
      thresholds: [
        { baselineMin: 0, baselineMax: 24, threshold: 5 },
        { baselineMin: 25, baselineMax: 34, threshold: 7 },
        { baselineMin: 35, baselineMax: 44, threshold: 5 },
        { baselineMin: 45, baselineMax: 56, threshold: 4 },
      ],
      population: 'older people',
      source: 'Donoghue & Stokes 2009',
    });
  });

  it('names, cites and guides', () => {
    expect([bergBalanceScale.id, bergBalanceScale.name, bergBalanceScale.shortName, bergBalanceScale.licence, bergBalanceScale.administration]).toEqual([
      'berg-balance-scale',
      'Berg Balance Scale',
      'Berg',
      'Free to use with citation.',
      ['observed'],
    ]);
    expect(bergBalanceScale.citation).toBe(
      'Berg KO, Wood-Dauphinee SL, Williams JI, Maki B. Measuring balance in the elderly: validation of an instrument. Can J Public Health 1992;83 Suppl 2:S7-S11. ' +
        'Donoghue D, Stokes EK. How much change is true change? The minimum detectable change of the Berg Balance Scale in elderly people. J Rehabil Med 2009;41:343-346.',
    );
    expect(bergBalanceScale.guidance).toBe('Observe each task and score it 0-4 against the published criteria for that task; score the lowest level that applies.');
  });
});

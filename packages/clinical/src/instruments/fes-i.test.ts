import { describe, it, expect } from 'vitest';
import { changeFromBaseline } from './change-from-baseline.ts';
import { fesI } from './fes-i.ts';
import { everyItem, responsesTotalling, without } from './responses-for-tests.ts';
import { scoreInstrument } from './score-instrument.ts';

const ids = fesI.items.map((item) => item.id);

describe('FES-I: totals and concern bands', () => {
  it.each<[number, string]>([
    [16, 'low'],
    [19, 'low'],
    [20, 'moderate'],
    [27, 'moderate'],
    [28, 'high'],
    [64, 'high'],
  ])('total %i: %s concern', (total, band) => {
    expect(scoreInstrument(fesI, responsesTotalling(fesI, total))).toMatchObject({ ok: true, total, band: { banding: 'concern', id: band }, prorated: false, answered: 16 });
  });

  it.each<[string, number, string]>([
    ['0 is below "not at all concerned" (1)', 0, 'Cleaning the house: 0 is out of range; the options run from 1 to 4'],
    ['5 is out of range', 5, 'Cleaning the house: 5 is out of range; the options run from 1 to 4'],
    ['2.5 is not an option', 2.5, 'Cleaning the house: 2.5 is not one of the options (1, 2, 3 or 4)'],
  ])('refuses %s', (_case, value, message) => {
    const result = scoreInstrument(fesI, { ...everyItem(fesI, 2), cleaning: value });
    expect(!result.ok && result.errors).toEqual([{ itemId: 'cleaning', message }]);
  });
});

describe('FES-I: up to 4 unanswered items are prorated (sum / answered x 16, rounded)', () => {
  const fourMissing = ids.slice(0, 4);

  it.each<[string, Record<string, number | null | undefined>, number, number, string]>([
    ['1 missing, the rest "not at all concerned": 15 / 15 x 16', without(everyItem(fesI, 1), 'stairs'), 16, 15, 'low'],
    ['4 missing, the rest 2: 24 / 12 x 16', without(everyItem(fesI, 2), ...fourMissing), 32, 12, 'high'],
    ['4 missing, 31 / 12 x 16 = 41.33 rounds down', without({ ...everyItem(fesI, 3), 'uneven-surface': 2, slope: 2, 'social-event': 2, crowd: 2, visiting: 2 }, ...fourMissing), 41, 12, 'high'],
    ['4 missing, 29 / 12 x 16 = 38.67 rounds up', without({ ...everyItem(fesI, 2), 'uneven-surface': 3, slope: 3, 'social-event': 3, crowd: 3, visiting: 3 }, ...fourMissing), 39, 12, 'high'],
    ['3 missing, 17 / 13 x 16 = 20.92 is moderate, not low', without({ ...everyItem(fesI, 1), crowd: 2, slope: 2, visiting: 2, 'social-event': 2 }, 'cleaning', 'dressing', 'shop'), 21, 13, 'moderate'],
  ])('%s', (_case, responses, total, answered, band) => {
    expect(scoreInstrument(fesI, responses)).toMatchObject({ ok: true, total, answered, prorated: true, band: { id: band } });
  });

  it('refuses 5 missing, naming each unanswered item', () => {
    const result = scoreInstrument(fesI, without(everyItem(fesI, 2), ...ids.slice(0, 5)));
    expect(result).toEqual({
      ok: false,
      errors: ids.slice(0, 5).map((itemId) => ({
        itemId,
        message: `${fesI.items.find((i) => i.id === itemId)!.text}: not answered; the FES-I can be scored with up to 4 unanswered items, and 5 are unanswered`,
      })),
    });
  });

  it('refuses everything unanswered', () => {
    const result = scoreInstrument(fesI, {});
    expect(!result.ok && result.errors).toHaveLength(16);
  });
});

describe('FES-I: higher is more concern', () => {
  it('a fall in concern is an improvement; no minimal change is established', () => {
    expect(changeFromBaseline(fesI, 35, 24)).toMatchObject({ change: -11, direction: 'improved', passesMinimalChange: false, threshold: null, thresholdKind: null });
  });
});

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

// Yardley 2005: 16 activities, concern 1 (not at all) to 4 (very), total 16-64; bands from Delbaere
// 2010 (16-19 low, 20-27 moderate, 28-64 high). Typed from the published scale.
describe('FES-I: the published form', () => {
  it('asks the 16 activities in the published order, each answered 1 to 4', () => {
    expect(fesI.items.map((item) => [item.id, item.text])).toEqual([
      ['cleaning', 'Cleaning the house'],
      ['dressing', 'Getting dressed or undressed'],
      ['simple-meals', 'Preparing simple meals'],
      ['bath-or-shower', 'Taking a bath or shower'],
      ['shop', 'Going to the shop'],
      ['chair', 'Getting in or out of a chair'],
      ['stairs', 'Going up or down stairs'],
      ['neighbourhood', 'Walking around the neighbourhood'],
      ['reaching', 'Reaching up or bending down to the ground'],
      ['telephone', 'Getting to the telephone before it stops ringing'],
      ['slippery-surface', 'Walking on a slippery surface'],
      ['visiting', 'Visiting a friend or relative'],
      ['crowd', 'Walking in a place with crowds'],
      ['uneven-surface', 'Walking on an uneven surface'],
      ['slope', 'Walking up or down a slope'],
      ['social-event', 'Going out to a social event'],
    ]);
    for (const item of fesI.items) {
      expect(item.kind === 'choice' && item.options, item.id).toEqual([
        { value: 1, label: 'Not at all concerned' },
        { value: 2, label: 'Somewhat concerned' },
        { value: 3, label: 'Fairly concerned' },
        { value: 4, label: 'Very concerned' },
      ]);
    }
  });

  it('totals all 16, 16-64, higher is more concern, prorating up to 4 unanswered', () => {
    expect(fesI).toMatchObject({
      id: 'fes-i',
      version: 1,
      scorings: [{ id: 'total', label: 'Total (16-64)', items: ids, min: 16, max: 64 }],
      subscales: [],
      missingItems: { kind: 'prorate', maxMissing: 4 },
      minimalChange: null,
      direction: 'higher-is-worse',
      unit: 'points',
      decimals: 0,
    });
    expect(fesI.scorings[0]!.items).toHaveLength(16);
    expect(fesI.bandings).toEqual([
      {
        id: 'concern',
        label: 'Concern about falling',
        scoring: 'total',
        source: 'Delbaere et al. 2010',
        bands: [
          { id: 'low', label: 'Low concern', min: 16, max: 19 },
          { id: 'moderate', label: 'Moderate concern', min: 20, max: 27 },
          { id: 'high', label: 'High concern', min: 28, max: 64 },
        ],
      },
    ]);
  });

  it('names, cites and guides', () => {
    expect([fesI.name, fesI.shortName, fesI.licence, fesI.administration]).toEqual(['Falls Efficacy Scale International', 'FES-I', 'Free to use, from ProFaNE.', ['self-report', 'interview']]);
    expect(fesI.citation).toBe(
      'Yardley L, Beyer N, Hauer K, et al. Development and initial validation of the Falls Efficacy Scale-International (FES-I). Age Ageing 2005;34:614-619. ' +
        'Bands: Delbaere K, Close JCT, Mikolaizak AS, et al. Age Ageing 2010;39:210-216.',
    );
    expect(fesI.guidance).toBe('Ask how concerned the person is about falling when doing each activity, thinking of how they usually do it.');
  });
});

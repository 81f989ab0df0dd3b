import { describe, it, expect } from 'vitest';
import { everyItem, responsesTotalling, without } from './responses-for-tests.ts';
import { scoreInstrument } from './score-instrument.ts';
import { shortFesI } from './short-fes-i.ts';

describe('Short FES-I: the seven items, totals and concern bands', () => {
  it('asks the seven Kempen 2008 activities in the FES-I wording', () => {
    expect(shortFesI.items.map((item) => item.id)).toEqual(['dressing', 'bath-or-shower', 'chair', 'stairs', 'reaching', 'slope', 'social-event']);
  });

  it.each<[number, string]>([
    [7, 'low'],
    [8, 'low'],
    [9, 'moderate'],
    [13, 'moderate'],
    [14, 'high'],
    [28, 'high'],
  ])('total %i: %s concern', (total, band) => {
    expect(scoreInstrument(shortFesI, responsesTotalling(shortFesI, total))).toMatchObject({ ok: true, total, band: { id: band }, prorated: false, answered: 7 });
  });

  it('refuses items of the full FES-I that are not in the short form', () => {
    const result = scoreInstrument(shortFesI, { ...everyItem(shortFesI, 2), cleaning: 2 });
    expect(!result.ok && result.errors).toEqual([{ itemId: 'cleaning', message: 'cleaning: not an item of the Short Falls Efficacy Scale International' }]);
  });
});

describe('Short FES-I: one unanswered item is prorated (sum / 6 x 7, rounded); two are refused', () => {
  it.each<[string, Record<string, number | null | undefined>, number, string]>([
    ['all others 1: 6 / 6 x 7', without(everyItem(shortFesI, 1), 'slope'), 7, 'low'],
    ['all others 4: 24 / 6 x 7', without(everyItem(shortFesI, 4), 'slope'), 28, 'high'],
    ['9 / 6 x 7 = 10.5 rounds half up', without({ ...everyItem(shortFesI, 1), chair: 2, stairs: 2, reaching: 2 }, 'slope'), 11, 'moderate'],
    ['11 / 6 x 7 = 12.83 is moderate', without({ ...everyItem(shortFesI, 2), dressing: 1 }, 'slope'), 13, 'moderate'],
    ['12 / 6 x 7 = 14 is high', without(everyItem(shortFesI, 2), 'slope'), 14, 'high'],
  ])('%s', (_case, responses, total, band) => {
    expect(scoreInstrument(shortFesI, responses)).toMatchObject({ ok: true, total, prorated: true, answered: 6, band: { id: band } });
  });

  it('refuses two unanswered items', () => {
    const result = scoreInstrument(shortFesI, without(everyItem(shortFesI, 2), 'slope', 'chair'));
    expect(!result.ok && result.errors).toEqual([
      { itemId: 'chair', message: 'Getting in or out of a chair: not answered; the Short FES-I can be scored with up to 1 unanswered item, and 2 are unanswered' },
      { itemId: 'slope', message: 'Walking up or down a slope: not answered; the Short FES-I can be scored with up to 1 unanswered item, and 2 are unanswered' },
    ]);
  });
});

// Kempen 2008: seven FES-I activities, 1-4 each, total 7-28; bands from Delbaere 2010 (7-8 low, 9-13
// moderate, 14-28 high). Typed from the published scale.
describe('Short FES-I: the published form', () => {
  it('asks the seven activities in the FES-I wording, answered 1 to 4', () => {
    expect(shortFesI.items.map((item) => [item.id, item.text])).toEqual([
      ['dressing', 'Getting dressed or undressed'],
      ['bath-or-shower', 'Taking a bath or shower'],
      ['chair', 'Getting in or out of a chair'],
      ['stairs', 'Going up or down stairs'],
      ['reaching', 'Reaching up or bending down to the ground'],
      ['slope', 'Walking up or down a slope'],
      ['social-event', 'Going out to a social event'],
    ]);
    for (const item of shortFesI.items) expect(item.kind === 'choice' && item.options.map((o) => o.value), item.id).toEqual([1, 2, 3, 4]);
  });

  it('totals all seven, 7-28, higher is more concern, prorating one unanswered', () => {
    expect(shortFesI).toMatchObject({
      id: 'short-fes-i',
      version: 1,
      scorings: [{ id: 'total', label: 'Total (7-28)', items: ['dressing', 'bath-or-shower', 'chair', 'stairs', 'reaching', 'slope', 'social-event'], min: 7, max: 28 }],
      subscales: [],
      missingItems: { kind: 'prorate', maxMissing: 1 },
      minimalChange: null,
      direction: 'higher-is-worse',
      unit: 'points',
      decimals: 0,
    });
    expect(shortFesI.bandings).toEqual([
      {
        id: 'concern',
        label: 'Concern about falling',
        scoring: 'total',
        source: 'Delbaere et al. 2010',
        bands: [
          { id: 'low', label: 'Low concern', min: 7, max: 8 },
          { id: 'moderate', label: 'Moderate concern', min: 9, max: 13 },
          { id: 'high', label: 'High concern', min: 14, max: 28 },
        ],
      },
    ]);
  });

  it('names, cites and guides', () => {
    expect([shortFesI.name, shortFesI.shortName, shortFesI.licence, shortFesI.administration]).toEqual([
      'Short Falls Efficacy Scale International',
      'Short FES-I',
      'Free to use, from ProFaNE.',
      ['self-report', 'interview'],
    ]);
    expect(shortFesI.citation).toBe(
      'Kempen GIJM, Yardley L, van Haastregt JCM, et al. The Short FES-I: a shortened version of the falls efficacy scale-international to assess fear of falling. Age Ageing 2008;37:45-50. ' +
        'Bands: Delbaere K, Close JCT, Mikolaizak AS, et al. Age Ageing 2010;39:210-216.',
    );
    expect(shortFesI.guidance).toBe('Ask how concerned the person is about falling when doing each activity, thinking of how they usually do it.');
  });
});

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

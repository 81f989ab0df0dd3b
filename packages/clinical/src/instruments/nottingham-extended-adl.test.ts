import { describe, it, expect } from 'vitest';
import { changeFromBaseline } from './change-from-baseline.ts';
import { nottinghamExtendedAdl } from './nottingham-extended-adl.ts';
import { everyItem, without } from './responses-for-tests.ts';
import { scoreInstrument } from './score-instrument.ts';

const subscaleItems = Object.fromEntries(nottinghamExtendedAdl.subscales.map((s) => [s.id, s.items]));

describe('Nottingham Extended ADL: both scorings and the four subscales', () => {
  it('has 22 items: mobility 6, kitchen 5, domestic 5, leisure 6', () => {
    expect(nottinghamExtendedAdl.items).toHaveLength(22);
    expect(Object.fromEntries(Object.entries(subscaleItems).map(([id, items]) => [id, items.length]))).toEqual({ mobility: 6, kitchen: 5, domestic: 5, leisure: 6 });
  });

  it.each<[string, number, number, Record<string, number>, Record<string, number>]>([
    ['everything "not at all"', 0, 0, { mobility: 0, kitchen: 0, domestic: 0, leisure: 0 }, { mobility: 0, kitchen: 0, domestic: 0, leisure: 0 }],
    ['everything "with help" scores nothing under A', 1, 0, { mobility: 0, kitchen: 0, domestic: 0, leisure: 0 }, { mobility: 6, kitchen: 5, domestic: 5, leisure: 6 }],
    ['everything "on my own with difficulty" counts under A', 2, 22, { mobility: 6, kitchen: 5, domestic: 5, leisure: 6 }, { mobility: 12, kitchen: 10, domestic: 10, leisure: 12 }],
    ['everything "on my own"', 3, 22, { mobility: 6, kitchen: 5, domestic: 5, leisure: 6 }, { mobility: 18, kitchen: 15, domestic: 15, leisure: 18 }],
  ])('%s', (_case, value, totalA, subscalesA, subscalesB) => {
    const totalB = Object.values(subscalesB).reduce((a, b) => a + b, 0);
    expect(scoreInstrument(nottinghamExtendedAdl, everyItem(nottinghamExtendedAdl, value))).toEqual({
      ok: true,
      total: totalA,
      subscales: subscalesA,
      alternativeTotals: { 'scoring-b': { total: totalB, subscales: subscalesB } },
      band: null,
      bands: [],
      prorated: false,
      answered: 22,
    });
  });

  it('a mixed profile: independent in the kitchen, needs help out of doors', () => {
    const responses: Record<string, number> = {};
    for (const id of subscaleItems.mobility!) responses[id] = 1;
    for (const id of subscaleItems.kitchen!) responses[id] = 3;
    for (const id of subscaleItems.domestic!) responses[id] = 2;
    for (const [i, id] of subscaleItems.leisure!.entries()) responses[id] = i % 2 === 0 ? 0 : 3;
    expect(scoreInstrument(nottinghamExtendedAdl, responses)).toMatchObject({
      ok: true,
      total: 13,
      subscales: { mobility: 0, kitchen: 5, domestic: 5, leisure: 3 },
      alternativeTotals: { 'scoring-b': { total: 6 + 15 + 10 + 9, subscales: { mobility: 6, kitchen: 15, domestic: 10, leisure: 9 } } },
    });
  });

  it.each<[string, Record<string, number | null | undefined>, string]>([
    ['4 is out of range', { ...everyItem(nottinghamExtendedAdl, 3), drive: 4 }, 'Drive a car: 4 is out of range; the options run from 0 to 3'],
    ['no missing items', without(everyItem(nottinghamExtendedAdl, 3), 'garden'), 'Manage own garden: not answered; every item of the NEADL must be answered'],
  ])('refuses: %s', (_case, responses, message) => {
    const result = scoreInstrument(nottinghamExtendedAdl, responses);
    expect(!result.ok && result.errors.map((e) => e.message)).toEqual([message]);
  });

  it('has no firm minimal change, so change is reported without a verdict', () => {
    expect(changeFromBaseline(nottinghamExtendedAdl, 10, 15)).toMatchObject({ change: 5, direction: 'improved', passesMinimalChange: false, threshold: null });
  });
});

import { describe, it, expect } from 'vitest';
import type { InstrumentDefinition } from './instrument.ts';
import { choiceItem, ordinalOptions, roundScore } from './instrument.ts';
import { scoreInstrument } from './score-instrument.ts';

// The machinery on a small made-up instrument, so each rule is seen on its own.
const scale = ordinalOptions(['None', 'Some', 'Most', 'All']);
const toy: InstrumentDefinition = {
  id: 'toy',
  version: 1,
  name: 'Toy Scale',
  shortName: 'Toy',
  citation: 'Test fixture.',
  licence: 'None.',
  guidance: '',
  administration: ['observed'],
  items: [choiceItem('a', 'Item A', scale), choiceItem('b', 'Item B', scale), choiceItem('c', 'Item C', scale), choiceItem('d', 'Item D', scale), choiceItem('note', 'Context', ordinalOptions(['X', 'Y'], 1))],
  scorings: [
    { id: 'sum', label: 'Sum', items: ['a', 'b', 'c', 'd'], min: 0, max: 12 },
    { id: 'yes-no', label: 'Any', items: ['a', 'b', 'c', 'd'], recode: { 0: 0, 1: 1, 2: 1, 3: 1 }, multiplier: 10, min: 0, max: 40 },
  ],
  subscales: [
    { id: 'first', label: 'A and B', items: ['a', 'b'] },
    { id: 'second', label: 'C and D', items: ['c', 'd'] },
  ],
  missingItems: { kind: 'prorate', maxMissing: 1 },
  bandings: [
    { id: 'level', label: 'Level', scoring: 'sum', source: 'test', bands: [{ id: 'low', label: 'Low', min: 0, max: 5 }, { id: 'high', label: 'High', min: 6, max: 12 }] },
    { id: 'whole', label: 'Whole range', scoring: 'yes-no', source: 'test', bands: [{ id: 'all', label: 'All', min: 0, max: 40 }] },
  ],
  minimalChange: null,
  direction: 'higher-is-better',
  unit: 'points',
  decimals: 0,
};

describe('scoreInstrument', () => {
  it('adds each scoring, recodes, multiplies, and scores subscales under each', () => {
    expect(scoreInstrument(toy, { a: 0, b: 1, c: 2, d: 3, note: 1 })).toEqual({
      ok: true,
      total: 6,
      subscales: { first: 1, second: 5 },
      alternativeTotals: { 'yes-no': { total: 30, subscales: { first: 10, second: 20 } } },
      band: { banding: 'level', bandingLabel: 'Level', id: 'high', label: 'High' },
      bands: [
        { banding: 'level', bandingLabel: 'Level', id: 'high', label: 'High' },
        { banding: 'whole', bandingLabel: 'Whole range', id: 'all', label: 'All' },
      ],
      prorated: false,
      answered: 5,
    });
  });

  it('prorates every scoring, leaves out a subscale with a gap, and counts what was answered', () => {
    // 5 / 3 x 4 = 6.67 -> 7; under the recode 2 / 3 x 4 = 2.67 -> 3, x 10.
    expect(scoreInstrument(toy, { a: 0, b: 2, c: 3, d: null, note: 2 })).toMatchObject({
      ok: true,
      total: 7,
      subscales: { first: 2 },
      alternativeTotals: { 'yes-no': { total: 30, subscales: { first: 10 } } },
      prorated: true,
      answered: 4,
    });
  });

  it('never prorates an unscored item: it must be answered', () => {
    const result = scoreInstrument(toy, { a: 1, b: 1, c: 1, d: 1 });
    expect(!result.ok && result.errors).toEqual([{ itemId: 'note', message: 'Context: not answered; every item of the Toy must be answered' }]);
  });

  it('refuses a value that is not a number, whatever the caller’s types said', () => {
    const result = scoreInstrument(toy, { a: '2' as unknown as number, b: 1, c: 1, d: 1, note: 1 });
    expect(!result.ok && result.errors).toEqual([{ itemId: 'a', message: 'Item A: the response must be a number' }]);
  });

  it('does not mistake inherited properties for answers', () => {
    const result = scoreInstrument(toy, Object.create({ a: 1, b: 1, c: 1, d: 1, note: 1 }) as Record<string, number>);
    expect(!result.ok && result.errors.map((e) => e.itemId)).toEqual(['a', 'b', 'c', 'd', 'note']);
  });

  it('treats a gap in a definition’s bands as a defect in the definition', () => {
    const broken: InstrumentDefinition = { ...toy, bandings: [{ ...toy.bandings[0]!, bands: [{ id: 'low', label: 'Low', min: 0, max: 5 }] }] };
    expect(() => scoreInstrument(broken, { a: 3, b: 3, c: 3, d: 3, note: 1 })).toThrow('level: no band for 12');
  });
});

describe('roundScore', () => {
  it.each<[number, number, number]>([
    [2.8999999999999995, 1, 2.9],
    [-2.8999999999999995, 1, -2.9],
    [10.5, 0, 11],
    [-10.5, 0, -11],
    [59.12870929175277, 2, 59.13],
    [-0.04, 1, 0],
  ])('%f to %i places is %f', (value, decimals, rounded) => {
    expect(Object.is(roundScore(value, decimals), rounded)).toBe(true);
  });
});

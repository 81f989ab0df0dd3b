import { describe, it, expect } from 'vitest';
import type { InstrumentDefinition } from './instrument.ts';
import { choiceItem, ordinalOptions, roundScore } from './instrument.ts';
import { describeScore, scoreInstrument } from './score-instrument.ts';

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
    const result = scoreInstrument(toy, { a: 0, b: 2, c: 3, d: null, note: 2 });
    expect(result).toMatchObject({ ok: true, total: 7, prorated: true, answered: 4 });
    // Exactly: the subscale with the gap is not there at all.
    expect(result.ok && [result.subscales, result.alternativeTotals]).toEqual([{ first: 2 }, { 'yes-no': { total: 30, subscales: { first: 10 } } }]);
  });

  it('counts only the scored items against the number that may be unanswered', () => {
    const result = scoreInstrument(toy, { a: 1, b: 1, c: 1, d: null, note: null });
    expect(!result.ok && result.errors).toEqual([{ itemId: 'note', message: 'Context: not answered; every item of the Toy must be answered' }]);
  });

  // A measurement off its step, in the words for that step.
  const measured: InstrumentDefinition = {
    ...toy,
    items: [
      { kind: 'numeric', id: 'count', text: 'Count', unit: '', min: 0, max: 10, step: 1 },
      { kind: 'numeric', id: 'weight', text: 'Weight', unit: 'kg', min: 0, max: 10, step: 0.25 },
      { kind: 'numeric', id: 'rating', text: 'Rating', unit: '', min: 0, max: 5, step: 0.5 },
    ],
    scorings: [],
    subscales: [],
    missingItems: { kind: 'none' },
    bandings: [],
  };
  it.each([
    [{ count: 2.5, weight: 0.5, rating: 1 }, 'count', 'Count: 2.5 must be given a whole number'],
    [{ count: 2, weight: 0.3, rating: 1 }, 'weight', 'Weight: 0.3 must be given in steps of 0.25'],
    [{ count: 2, weight: 0.5, rating: 1.2 }, 'rating', 'Rating: 1.2 must be given in whole or half points'],
  ])('refuses %o at %s', (responses, itemId, message) => {
    const result = scoreInstrument(measured, responses);
    expect(!result.ok && result.errors).toEqual([{ itemId, message }]);
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
    const unknownScoring: InstrumentDefinition = { ...toy, bandings: [{ ...toy.bandings[0]!, scoring: 'retired' }] };
    expect(() => scoreInstrument(unknownScoring, { a: 3, b: 3, c: 3, d: 3, note: 1 })).toThrow('level: no scoring retired');
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

describe('describeScore', () => {
  it('puts the band after a colon, so a band with its own range in brackets reads plainly', () => {
    expect(describeScore(18.5, 'seconds', 'Intermediate (10-20 seconds)')).toBe('18.5 seconds: Intermediate (10-20 seconds)');
    expect(describeScore(16, 'points', null)).toBe('16 points');
  });
});

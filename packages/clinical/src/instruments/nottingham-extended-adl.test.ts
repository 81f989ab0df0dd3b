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

// Nouri & Lincoln 1987: 22 questions in four sections, answered not at all (0), with help (1), on my
// own with difficulty (2), on my own (3). Typed from the published questionnaire.
describe('Nottingham Extended ADL: the published form', () => {
  it('asks the 22 questions in the published order and sections', () => {
    expect(nottinghamExtendedAdl.items.map((item) => [item.id, item.text])).toEqual([
      ['walk-outside', 'Walk around outside'],
      ['climb-stairs', 'Climb stairs'],
      ['car', 'Get in and out of a car'],
      ['uneven-ground', 'Walk over uneven ground'],
      ['cross-roads', 'Cross roads'],
      ['public-transport', 'Travel on public transport'],
      ['feed-yourself', 'Feed yourself'],
      ['hot-drink', 'Make a hot drink'],
      ['carry-drinks', 'Carry hot drinks between rooms'],
      ['washing-up', 'Do the washing up'],
      ['hot-snack', 'Make a hot snack'],
      ['money', 'Manage own money when out'],
      ['wash-small-items', 'Wash small items of clothing'],
      ['shopping', 'Do own shopping'],
      ['full-wash', 'Do a full clothes wash'],
      ['housework', 'Do own housework'],
      ['read', 'Read newspapers or books'],
      ['telephone', 'Use the telephone'],
      ['write-letters', 'Write letters'],
      ['go-out-socially', 'Go out socially'],
      ['garden', 'Manage own garden'],
      ['drive', 'Drive a car'],
    ]);
    for (const item of nottinghamExtendedAdl.items) {
      expect(item.kind === 'choice' && item.options, item.id).toEqual([
        { value: 0, label: 'Not at all' },
        { value: 1, label: 'With help' },
        { value: 2, label: 'On my own with difficulty' },
        { value: 3, label: 'On my own' },
      ]);
    }
    expect(nottinghamExtendedAdl.subscales).toEqual([
      { id: 'mobility', label: 'Mobility', items: ['walk-outside', 'climb-stairs', 'car', 'uneven-ground', 'cross-roads', 'public-transport'] },
      { id: 'kitchen', label: 'In the kitchen', items: ['feed-yourself', 'hot-drink', 'carry-drinks', 'washing-up', 'hot-snack'] },
      { id: 'domestic', label: 'Domestic tasks', items: ['money', 'wash-small-items', 'shopping', 'full-wash', 'housework'] },
      { id: 'leisure', label: 'Leisure activities', items: ['read', 'telephone', 'write-letters', 'go-out-socially', 'garden', 'drive'] },
    ]);
  });

  it('scores A (0-22, independent with or without difficulty counts 1) first, and B (0-66)', () => {
    const all = nottinghamExtendedAdl.items.map((i) => i.id);
    expect(nottinghamExtendedAdl.scorings).toEqual([
      { id: 'scoring-a', label: 'Scoring A, original (0-22)', items: all, recode: { 0: 0, 1: 0, 2: 1, 3: 1 }, min: 0, max: 22 },
      { id: 'scoring-b', label: 'Scoring B (0-66)', items: all, min: 0, max: 66 },
    ]);
    expect(nottinghamExtendedAdl).toMatchObject({ id: 'nottingham-extended-adl', version: 1, missingItems: { kind: 'none' }, bandings: [], minimalChange: null, direction: 'higher-is-better', unit: 'points', decimals: 0 });
  });

  it('names, cites and guides', () => {
    expect([nottinghamExtendedAdl.name, nottinghamExtendedAdl.shortName, nottinghamExtendedAdl.licence, nottinghamExtendedAdl.administration]).toEqual([
      'Nottingham Extended Activities of Daily Living',
      'NEADL',
      'Free to use with citation.',
      ['self-report', 'interview', 'proxy'],
    ]);
    expect(nottinghamExtendedAdl.citation).toBe('Nouri FM, Lincoln NB. An extended activities of daily living scale for stroke patients. Clin Rehabil 1987;1:301-305.');
    expect(nottinghamExtendedAdl.guidance).toBe('Ask what the person has actually done in the last few weeks.');
  });
});

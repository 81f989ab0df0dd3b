import { describe, it, expect } from 'vitest';
import { lawtonIadl } from './lawton-iadl.ts';
import { scoreInstrument } from './score-instrument.ts';

/** Every domain at its last statement (scores 0). */
const leastAble = Object.fromEntries(lawtonIadl.items.map((item) => [item.id, item.kind === 'choice' ? item.options.length : 0]));

describe('Lawton IADL: 8 domains scored 0 or 1, total 0-8', () => {
  it('scores 8 when every domain is at its first statement and 0 at its last', () => {
    expect(scoreInstrument(lawtonIadl, Object.fromEntries(lawtonIadl.items.map((item) => [item.id, 1])))).toMatchObject({ ok: true, total: 8, band: null });
    expect(scoreInstrument(lawtonIadl, leastAble)).toMatchObject({ ok: true, total: 0 });
  });

  // Which statements score 1, as marked on the published form.
  it.each<[string, number[]]>([
    ['telephone', [1, 1, 1, 0]],
    ['shopping', [1, 0, 0, 0]],
    ['food-preparation', [1, 0, 0, 0]],
    ['housekeeping', [1, 1, 1, 1, 0]],
    ['laundry', [1, 1, 0]],
    ['transport', [1, 1, 1, 0, 0]],
    ['medications', [1, 0, 0]],
    ['finances', [1, 1, 0]],
  ])('%s statements score %j', (domain, points) => {
    const scored = points.map((_p, index) => {
      const result = scoreInstrument(lawtonIadl, { ...leastAble, [domain]: index + 1 });
      return result.ok ? result.total : null;
    });
    expect(scored).toEqual(points);
  });

  it.each<[string, number, string]>([
    ['telephone', 5, 'Using the telephone: 5 is out of range; the options run from 1 to 4'],
    ['laundry', 0, 'Laundry: 0 is out of range; the options run from 1 to 3'],
    ['housekeeping', 2.5, 'Housekeeping: 2.5 is not one of the options (1, 2, 3, 4 or 5)'],
  ])('refuses %s %f', (domain, value, message) => {
    const result = scoreInstrument(lawtonIadl, { ...leastAble, [domain]: value });
    expect(!result.ok && result.errors).toEqual([{ itemId: domain, message }]);
  });

  it('shows the copyright citation', () => {
    expect(lawtonIadl.citation).toContain('Gerontological Society of America');
  });
});

// Lawton & Brody 1969: eight domains, the statements of each in the form's order (values 1..n), the
// ones the form marks scoring 1; total 0-8. Typed from the published form (statements paraphrased).
describe('Lawton IADL: the published form', () => {
  const statementsOf = (id: string) => {
    const item = lawtonIadl.items.find((i) => i.id === id);
    return item?.kind === 'choice' ? item.options.map((o) => [o.value, o.points, o.label]) : null;
  };

  it('asks the eight domains in the published order', () => {
    expect(lawtonIadl.items.map((item) => [item.id, item.text])).toEqual([
      ['telephone', 'Using the telephone'],
      ['shopping', 'Shopping'],
      ['food-preparation', 'Food preparation'],
      ['housekeeping', 'Housekeeping'],
      ['laundry', 'Laundry'],
      ['transport', 'Getting about (transport)'],
      ['medications', 'Own medications'],
      ['finances', 'Finances'],
    ]);
  });

  it.each<[string, [number, number, string][]]>([
    [
      'telephone',
      [
        [1, 1, 'Uses the telephone on own initiative, looks up and dials numbers'],
        [2, 1, 'Dials a few well-known numbers'],
        [3, 1, 'Answers but does not dial'],
        [4, 0, 'Does not use the telephone'],
      ],
    ],
    [
      'shopping',
      [
        [1, 1, 'Does all shopping independently'],
        [2, 0, 'Shops independently for small purchases only'],
        [3, 0, 'Needs to be accompanied on any shopping trip'],
        [4, 0, 'Unable to shop'],
      ],
    ],
    [
      'food-preparation',
      [
        [1, 1, 'Plans, prepares and serves adequate meals independently'],
        [2, 0, 'Prepares adequate meals if given the ingredients'],
        [3, 0, 'Heats and serves prepared meals, or prepares meals but not an adequate diet'],
        [4, 0, 'Needs meals prepared and served'],
      ],
    ],
    [
      'housekeeping',
      [
        [1, 1, 'Keeps house alone or with occasional help with heavy work'],
        [2, 1, 'Does light daily tasks such as washing up and making beds'],
        [3, 1, 'Does light daily tasks but cannot keep an acceptable level of cleanliness'],
        [4, 1, 'Needs help with all home maintenance tasks'],
        [5, 0, 'Takes no part in any housekeeping tasks'],
      ],
    ],
    [
      'laundry',
      [
        [1, 1, 'Does all own laundry'],
        [2, 1, 'Washes small items only'],
        [3, 0, 'All laundry done by others'],
      ],
    ],
    [
      'transport',
      [
        [1, 1, 'Travels independently on public transport or drives own car'],
        [2, 1, 'Arranges own travel by taxi but does not otherwise use public transport'],
        [3, 1, 'Travels on public transport when helped or accompanied'],
        [4, 0, 'Travel limited to taxi or car with help from another person'],
        [5, 0, 'Does not travel at all'],
      ],
    ],
    [
      'medications',
      [
        [1, 1, 'Takes the correct doses at the correct times without help'],
        [2, 0, 'Takes them if prepared in advance in separate doses'],
        [3, 0, 'Cannot manage own medication'],
      ],
    ],
    [
      'finances',
      [
        [1, 1, 'Manages money matters independently'],
        [2, 1, 'Manages day-to-day purchases but needs help with banking and major purchases'],
        [3, 0, 'Unable to handle money'],
      ],
    ],
  ])('%s: value, points and statement', (domain, expected) => {
    expect(statementsOf(domain)).toEqual(expected);
  });

  it('totals all eight, 0-8, higher is better, every domain answered, no bands', () => {
    expect(lawtonIadl).toMatchObject({
      id: 'lawton-iadl',
      version: 1,
      scorings: [{ id: 'total', label: 'Total (0-8)', items: ['telephone', 'shopping', 'food-preparation', 'housekeeping', 'laundry', 'transport', 'medications', 'finances'], min: 0, max: 8 }],
      subscales: [],
      missingItems: { kind: 'none' },
      bandings: [],
      minimalChange: null,
      direction: 'higher-is-better',
      unit: 'points',
      decimals: 0,
    });
  });

  it('names, cites with the copyright, and guides', () => {
    expect([lawtonIadl.name, lawtonIadl.shortName, lawtonIadl.administration]).toEqual(['Lawton Instrumental Activities of Daily Living Scale', 'Lawton IADL', ['self-report', 'interview', 'proxy']]);
    expect(lawtonIadl.citation).toBe(
      'Lawton MP, Brody EM. Assessment of older people: self-maintaining and instrumental activities of daily living. Gerontologist 1969;9:179-186. ' +
        'Copyright © The Gerontological Society of America. Reproduced (paraphrased) with citation.',
    );
    expect(lawtonIadl.licence).toBe('Copyright the Gerontological Society of America; show the citation wherever the scale is shown.');
    expect(lawtonIadl.guidance).toBe('Choose the statement that best describes the person’s current ability in each domain.');
  });
});

// Lawton-Brody Instrumental Activities of Daily Living: 8 domains, each a choice of graded statements
// of which the published form marks the ones scoring 1; total 0-8. The statements here are short
// paraphrases: the form itself is copyright the Gerontological Society of America, so show the citation.
// All eight domains are scored for everyone (the 1969 form scored men on five).
import type { ItemOption, InstrumentDefinition } from './instrument.ts';
import { choiceItem } from './instrument.ts';

/** Statements in the form's order, most able first; `scoring` is how many of the first ones score 1. */
function statements(labels: readonly string[], scoring: number): ItemOption[] {
  return labels.map((label, index) => ({ value: index + 1, label, points: index < scoring ? 1 : 0 }));
}

const items = [
  choiceItem(
    'telephone',
    'Using the telephone',
    statements(['Uses the telephone on own initiative, looks up and dials numbers', 'Dials a few well-known numbers', 'Answers but does not dial', 'Does not use the telephone'], 3),
  ),
  choiceItem(
    'shopping',
    'Shopping',
    statements(['Does all shopping independently', 'Shops independently for small purchases only', 'Needs to be accompanied on any shopping trip', 'Unable to shop'], 1),
  ),
  choiceItem(
    'food-preparation',
    'Food preparation',
    statements(
      ['Plans, prepares and serves adequate meals independently', 'Prepares adequate meals if given the ingredients', 'Heats and serves prepared meals, or prepares meals but not an adequate diet', 'Needs meals prepared and served'],
      1,
    ),
  ),
  choiceItem(
    'housekeeping',
    'Housekeeping',
    statements(
      [
        'Keeps house alone or with occasional help with heavy work',
        'Does light daily tasks such as washing up and making beds',
        'Does light daily tasks but cannot keep an acceptable level of cleanliness',
        'Needs help with all home maintenance tasks',
        'Takes no part in any housekeeping tasks',
      ],
      4,
    ),
  ),
  choiceItem('laundry', 'Laundry', statements(['Does all own laundry', 'Washes small items only', 'All laundry done by others'], 2)),
  choiceItem(
    'transport',
    'Getting about (transport)',
    statements(
      [
        'Travels independently on public transport or drives own car',
        'Arranges own travel by taxi but does not otherwise use public transport',
        'Travels on public transport when helped or accompanied',
        'Travel limited to taxi or car with help from another person',
        'Does not travel at all',
      ],
      3,
    ),
  ),
  choiceItem(
    'medications',
    'Own medications',
    statements(['Takes the correct doses at the correct times without help', 'Takes them if prepared in advance in separate doses', 'Cannot manage own medication'], 1),
  ),
  choiceItem(
    'finances',
    'Finances',
    statements(['Manages money matters independently', 'Manages day-to-day purchases but needs help with banking and major purchases', 'Unable to handle money'], 2),
  ),
];

export const lawtonIadl: InstrumentDefinition = {
  id: 'lawton-iadl',
  version: 1,
  name: 'Lawton Instrumental Activities of Daily Living Scale',
  shortName: 'Lawton IADL',
  citation:
    'Lawton MP, Brody EM. Assessment of older people: self-maintaining and instrumental activities of daily living. Gerontologist 1969;9:179-186. ' +
    'Copyright © The Gerontological Society of America. Reproduced (paraphrased) with citation.',
  licence: 'Copyright the Gerontological Society of America; show the citation wherever the scale is shown.',
  guidance: 'Choose the statement that best describes the person’s current ability in each domain.',
  administration: ['self-report', 'interview', 'proxy'],
  items,
  scorings: [{ id: 'total', label: 'Total (0-8)', items: items.map((item) => item.id), min: 0, max: 8 }],
  subscales: [],
  missingItems: { kind: 'none' },
  bandings: [],
  minimalChange: null,
  direction: 'higher-is-better',
  unit: 'points',
  decimals: 0,
};

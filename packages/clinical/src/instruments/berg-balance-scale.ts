// Berg Balance Scale: 14 observed tasks scored 0-4, total 0-56. Each item is scored against the
// published criteria for that task; the form shows the task and the number only.
import type { InstrumentDefinition } from './instrument.ts';
import { choiceItem } from './instrument.ts';

const scores = [
  { value: 0, label: '0 (lowest)' },
  { value: 1, label: '1' },
  { value: 2, label: '2' },
  { value: 3, label: '3' },
  { value: 4, label: '4 (highest)' },
];

const items = [
  choiceItem('sit-to-stand', 'Sitting to standing', scores),
  choiceItem('standing-unsupported', 'Standing unsupported', scores),
  choiceItem('sitting-unsupported', 'Sitting unsupported', scores),
  choiceItem('stand-to-sit', 'Standing to sitting', scores),
  choiceItem('transfers', 'Transfers', scores),
  choiceItem('eyes-closed', 'Standing with eyes closed', scores),
  choiceItem('feet-together', 'Standing with feet together', scores),
  choiceItem('reaching-forward', 'Reaching forward with outstretched arm', scores),
  choiceItem('object-from-floor', 'Picking up an object from the floor', scores),
  choiceItem('look-behind', 'Turning to look behind', scores),
  choiceItem('turn-360', 'Turning 360 degrees', scores),
  choiceItem('foot-on-step', 'Placing alternate foot on a step', scores),
  choiceItem('tandem-stance', 'Standing with one foot in front (tandem stance)', scores),
  choiceItem('one-leg', 'Standing on one leg', scores),
];

export const bergBalanceScale: InstrumentDefinition = {
  id: 'berg-balance-scale',
  version: 1,
  name: 'Berg Balance Scale',
  shortName: 'Berg',
  citation:
    'Berg KO, Wood-Dauphinee SL, Williams JI, Maki B. Measuring balance in the elderly: validation of an instrument. Can J Public Health 1992;83 Suppl 2:S7-S11. ' +
    'Donoghue D, Stokes EK. How much change is true change? The minimum detectable change of the Berg Balance Scale in elderly people. J Rehabil Med 2009;41:343-346.',
  licence: 'Free to use with citation.',
  guidance: 'Observe each task and score it 0-4 against the published criteria for that task; score the lowest level that applies.',
  administration: ['observed'],
  items,
  scorings: [{ id: 'total', label: 'Total (0-56)', items: items.map((item) => item.id), min: 0, max: 56 }],
  subscales: [],
  missingItems: { kind: 'none' },
  bandings: [
    {
      id: 'fall-risk',
      label: 'Fall risk',
      scoring: 'total',
      source: 'Berg et al. 1992',
      bands: [
        { id: 'raised', label: 'Raised fall risk (below 45)', min: 0, max: 44 },
        { id: 'not-raised', label: 'Not in the raised fall risk range (45 or more)', min: 45, max: 56 },
      ],
    },
    {
      id: 'stroke-multiple-falls',
      label: 'Multiple falls after stroke',
      scoring: 'total',
      appliesTo: 'Community-dwelling people after stroke',
      source: 'Alzayer L, Beninato M, Portney LG. J Neurol Phys Ther 2009;33:136-143.',
      bands: [
        { id: 'at-or-below-cut-off', label: 'At or below the cut-off for multiple falls (52)', min: 0, max: 52 },
        { id: 'above-cut-off', label: 'Above the cut-off for multiple falls (52)', min: 53, max: 56 },
      ],
    },
  ],
  minimalChange: {
    kind: 'MDC',
    // Measurement error is larger in the middle of the scale, so the change needed depends on the first score.
    thresholds: [
      { baselineMin: 0, baselineMax: 24, threshold: 5 },
      { baselineMin: 25, baselineMax: 34, threshold: 7 },
      { baselineMin: 35, baselineMax: 44, threshold: 5 },
      { baselineMin: 45, baselineMax: 56, threshold: 4 },
    ],
    population: 'older people',
    source: 'Donoghue & Stokes 2009',
  },
  direction: 'higher-is-better',
  unit: 'points',
  decimals: 0,
};

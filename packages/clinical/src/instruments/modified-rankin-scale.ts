// Modified Rankin Scale: one global disability grade, 0 (no symptoms) to 6 (dead). The method and the
// time point are recorded with it because a pre-stroke grade taken from history is read differently
// from one assessed at discharge or six months.
import type { InstrumentDefinition } from './instrument.ts';
import { choiceItem, ordinalOptions } from './instrument.ts';

export const modifiedRankinScale: InstrumentDefinition = {
  id: 'modified-rankin-scale',
  version: 1,
  name: 'Modified Rankin Scale',
  shortName: 'mRS',
  citation:
    'Rankin J. Cerebral vascular accidents in patients over the age of 60. Scott Med J 1957;2:200-215. ' +
    'van Swieten JC, Koudstaal PJ, Visser MC, et al. Interobserver agreement for the assessment of handicap in stroke patients. Stroke 1988;19:604-607.',
  licence: 'Free to use; the mRS-9Q simplified questionnaire is public domain.',
  guidance: 'Grade the person’s usual level of function at the time point chosen, by interview or questionnaire.',
  administration: ['interview', 'self-report', 'proxy'],
  items: [
    choiceItem(
      'grade',
      'Grade',
      ordinalOptions([
        'No symptoms',
        'No significant disability despite symptoms',
        'Slight disability: looks after own affairs without help',
        'Moderate disability: needs some help but walks without assistance',
        'Moderately severe disability: cannot walk or attend to bodily needs without assistance',
        'Severe disability: bedridden, incontinent, needs constant care',
        'Dead',
      ]),
    ),
    choiceItem('method', 'How it was graded', ordinalOptions(['Interview', 'Simplified questionnaire', 'mRS-9Q'], 1)),
    choiceItem('time-point', 'Time point', ordinalOptions(['Before the stroke', 'At discharge', 'At 6 months'], 1)),
  ],
  scorings: [{ id: 'grade', label: 'Grade (0-6)', items: ['grade'], min: 0, max: 6 }],
  subscales: [],
  missingItems: { kind: 'none' },
  bandings: [
    {
      id: 'outcome',
      label: 'Outcome',
      scoring: 'grade',
      source: 'Conventional dichotomy in stroke trials: 0-2 good outcome.',
      bands: [
        { id: 'good', label: 'Good outcome (0-2)', min: 0, max: 2 },
        { id: 'poor', label: 'Poor outcome (3-6)', min: 3, max: 6 },
      ],
    },
  ],
  minimalChange: null,
  direction: 'higher-is-worse',
  unit: 'grades',
  decimals: 0,
};

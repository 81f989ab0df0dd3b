// Timed Up and Go: seconds, to one decimal, to stand from a standard armchair, walk 3 m, turn, walk
// back and sit. The aid and any assistance are recorded with the time because they change its meaning.
import type { InstrumentDefinition } from './instrument.ts';
import { choiceItem, ordinalOptions } from './instrument.ts';

/** Bounds catch slips rather than judge performance: nobody completes it in under a second. */
const fastest = 1;
const slowest = 300;

export const timedUpAndGo: InstrumentDefinition = {
  id: 'timed-up-and-go',
  version: 1,
  name: 'Timed Up and Go',
  shortName: 'TUG',
  citation:
    'Podsiadlo D, Richardson S. The timed "Up & Go": a test of basic functional mobility for frail elderly persons. J Am Geriatr Soc 1991;39:142-148. ' +
    'Fall risk cut-off: CDC STEADI. MDC in chronic stroke: Flansbjer UB, Holmbäck AM, Downham D, et al. J Rehabil Med 2005;37:75-82.',
  licence: 'Free to use.',
  guidance: 'Standard armchair; walk 3 metres at a comfortable, safe pace. Time from "go" until seated again.',
  administration: ['observed'],
  items: [
    { kind: 'numeric', id: 'seconds', text: 'Time', unit: 'seconds', min: fastest, max: slowest, step: 0.1 },
    choiceItem('aid', 'Walking aid used', ordinalOptions(['None', 'Stick', 'Two sticks or crutches', 'Walking frame', 'Wheeled walker or rollator', 'Other'], 1)),
    choiceItem('assistance', 'Assistance', ordinalOptions(['None', 'Supervision or verbal prompting', 'Physical help from one person'], 1)),
  ],
  scorings: [{ id: 'seconds', label: 'Time (seconds)', items: ['seconds'], min: fastest, max: slowest }],
  subscales: [],
  missingItems: { kind: 'none' },
  bandings: [
    {
      id: 'mobility',
      label: 'Mobility',
      scoring: 'seconds',
      source: 'Podsiadlo & Richardson 1991',
      bands: [
        { id: 'normal', label: 'Normal (under 10 seconds)', min: fastest, max: 9.9 },
        { id: 'intermediate', label: 'Intermediate (10-20 seconds)', min: 10, max: 20 },
        { id: 'limited', label: 'Limited mobility (over 20 seconds)', min: 20.1, max: slowest },
      ],
    },
    {
      id: 'fall-risk',
      label: 'Fall risk',
      scoring: 'seconds',
      source: 'CDC STEADI',
      bands: [
        { id: 'not-high', label: 'Not in the high fall risk range (under 12 seconds)', min: fastest, max: 11.9 },
        { id: 'high', label: 'High fall risk (12 seconds or more)', min: 12, max: slowest },
      ],
    },
  ],
  minimalChange: {
    kind: 'MDC',
    thresholds: [{ baselineMin: fastest, baselineMax: slowest, threshold: 2.9 }],
    population: 'chronic stroke',
    source: 'Flansbjer et al. 2005',
  },
  direction: 'higher-is-worse',
  unit: 'seconds',
  decimals: 1,
};

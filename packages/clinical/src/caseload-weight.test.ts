import { describe, it, expect } from 'vitest';
import type { EpisodeWeightInput } from './caseload-weight.ts';
import {
  loadStatuses,
  loadStatusLabels,
  riskLevelLabels,
  riskLevels,
  travelBandLabels,
  visitFrequencyLabels,
  capacityFor,
  caseloadLoad,
  defaultCaseloadWeightFactors,
  episodeWeight,
  riskLevelFor,
  travelBandFor,
  travelBands,
  visitFrequencies,
} from './caseload-weight.ts';
import { complexities } from './referral-vocabulary.ts';
import { expectOwnLabels } from './labels-for-tests.ts';

describe('episodeWeight', () => {
  it.each<[string, EpisodeWeightInput, number]>([
    ['the unit: non-complex, weekly, near, no flags', { complexity: 'non-complex', visitFrequency: 'weekly', travel: 'under-15-min', riskFlagCount: 0 }, 1],
    ['Mrs B: non-complex, several a week, 15-30 min, lives alone flag', { complexity: 'non-complex', visitFrequency: 'several-a-week', travel: '15-to-30-min', riskFlagCount: 1 }, 2.64],
    ['complex stroke, daily, far, 3 flags', { complexity: 'complex', visitFrequency: 'daily', travel: 'over-30-min', riskFlagCount: 3 }, 8.44],
    ['complex, fortnightly, near, no flags', { complexity: 'complex', visitFrequency: 'fortnightly', travel: 'under-15-min', riskFlagCount: 0 }, 0.9],
    ['non-complex, monthly or less, far, 2 flags', { complexity: 'non-complex', visitFrequency: 'monthly-or-less', travel: 'over-30-min', riskFlagCount: 2 }, 0.5],
  ])('%s = %d', (_story, input, weight) => {
    expect(episodeWeight(input)).toBe(weight);
  });

  it('uses a team’s own factors', () => {
    const factors = { ...defaultCaseloadWeightFactors, complexity: { complex: 2, 'non-complex': 1 } };
    expect(episodeWeight({ complexity: 'complex', visitFrequency: 'weekly', travel: 'under-15-min', riskFlagCount: 0 }, factors)).toBe(2);
  });

  it('grows with every factor', () => {
    for (const complexity of complexities)
      for (let f = 1; f < visitFrequencies.length; f++)
        for (let t = 1; t < travelBands.length; t++) {
          const base = { complexity, visitFrequency: visitFrequencies[f]!, travel: travelBands[t]!, riskFlagCount: 0 };
          expect(episodeWeight({ ...base, visitFrequency: visitFrequencies[f - 1]! })).toBeGreaterThan(episodeWeight(base));
          expect(episodeWeight({ ...base, travel: travelBands[t - 1]! })).toBeLessThan(episodeWeight(base));
          expect(episodeWeight({ ...base, riskFlagCount: 1 })).toBeGreaterThan(episodeWeight(base));
          expect(episodeWeight({ ...base, complexity: 'complex' })).toBeGreaterThanOrEqual(episodeWeight(base));
        }
  });
});

describe('riskLevelFor', () => {
  it.each([
    [0, 'none'],
    [-1, 'none'],
    [Number.NaN, 'none'],
    [1, 'some'],
    [2, 'some'],
    [3, 'high'],
    [7, 'high'],
  ])('%d flags: %s', (count, level) => {
    expect(riskLevelFor(count)).toBe(level);
  });
});

describe('capacityFor', () => {
  it.each<[number, number | undefined, number]>([
    [37.5, undefined, 18.75],
    [22.5, undefined, 11.25],
    [0, undefined, 0],
    [-5, undefined, 0],
    [Number.NaN, undefined, 0],
    [37.5, 0.6, 22.5],
  ])('%d hours at %s a hour: %d', (hours, perHour, capacity) => {
    expect(perHour === undefined ? capacityFor(hours) : capacityFor(hours, perHour)).toBe(capacity);
  });
});

describe('caseloadLoad', () => {
  it.each<[string, number[], number, number | undefined, { total: number; capacity: number; percent: number | null; status: string }]>([
    ['empty, full time', [], 37.5, undefined, { total: 0, capacity: 18.75, percent: 0, status: 'room' }],
    ['89% has room', [8, 8.7], 37.5, undefined, { total: 16.7, capacity: 18.75, percent: 89, status: 'room' }],
    ['89.6% shows as 90%, so full', [8, 8.8], 37.5, undefined, { total: 16.8, capacity: 18.75, percent: 90, status: 'full' }],
    ['90% is full', [10, 6.875], 37.5, undefined, { total: 16.88, capacity: 18.75, percent: 90, status: 'full' }],
    ['exactly 100% is full', [10, 8.75], 37.5, undefined, { total: 18.75, capacity: 18.75, percent: 100, status: 'full' }],
    ['100.05% shows as 100%, so full', [10, 8.76], 37.5, undefined, { total: 18.76, capacity: 18.75, percent: 100, status: 'full' }],
    ['101% is over', [10, 8.9], 37.5, undefined, { total: 18.9, capacity: 18.75, percent: 101, status: 'over' }],
    ['part time, 3 days', [1, 2.64, 8.44], 22.5, undefined, { total: 12.08, capacity: 11.25, percent: 107, status: 'over' }],
    ['team sets full at 80%', [15], 37.5, 80, { total: 15, capacity: 18.75, percent: 80, status: 'full' }],
    ['no hours and no patients', [], 0, undefined, { total: 0, capacity: 0, percent: null, status: 'full' }],
    ['no hours but patients', [1], 0, undefined, { total: 1, capacity: 0, percent: null, status: 'over' }],
    ['nonsense weights are ignored', [Number.NaN, -3, 2], 37.5, undefined, { total: 2, capacity: 18.75, percent: 11, status: 'room' }],
  ])('%s', (_story, weights, contractedHours, fullFromPercent, expected) => {
    expect(caseloadLoad({ weights, contractedHours, ...(fullFromPercent === undefined ? {} : { fullFromPercent }) })).toEqual(expected);
  });

  it('uses the team’s weight per hour', () => {
    expect(caseloadLoad({ weights: [11.25], contractedHours: 37.5, weightPerHour: 0.3 })).toEqual({ total: 11.25, capacity: 11.25, percent: 100, status: 'full' });
  });
});

describe('the words the allocation page shows', () => {
  it.each([
    ['visit frequencies', visitFrequencies, visitFrequencyLabels],
    ['travel bands', travelBands, travelBandLabels],
    ['risk levels', riskLevels, riskLevelLabels],
    ['load statuses', loadStatuses, loadStatusLabels],
  ] as const)('every one of the %s has its own label', (_what, values, labels) => {
    expectOwnLabels(values, labels, /^[A-Z0-9].{3,}/);
  });
});

describe('travel band from the travel measured', () => {
  it.each([
    [{ roundTripMinutes: 0 }, 'under-15-min'],
    [{ roundTripMinutes: 29.9 }, 'under-15-min'],
    [{ roundTripMinutes: 30 }, '15-to-30-min'],
    [{ roundTripMinutes: 60 }, '15-to-30-min'],
    [{ roundTripMinutes: 60.1 }, 'over-30-min'],
    [{ oneWayMinutes: 20 }, '15-to-30-min'],
    [{ oneWayMinutes: 14 }, 'under-15-min'],
    [{ oneWayMinutes: 31 }, 'over-30-min'],
    [{ oneWayMinutes: Number.NaN }, 'under-15-min'],
  ] as const)('%o is %s', (travel, band) => {
    expect(travelBandFor(travel)).toBe(band);
  });
});

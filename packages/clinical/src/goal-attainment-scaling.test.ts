import { describe, it, expect } from 'vitest';
import type { GasGoalPlan } from './goal-attainment-scaling.ts';
import {
  checkGasGoal,
  gasBaselineLevels,
  gasDefaultRho,
  gasDifficultyLabels,
  gasImportanceLabels,
  gasLevelDescriptions,
  gasLevelKey,
  gasLevels,
  gasRatings,
  gasTScore,
  gasWeight,
  isGasLevel,
} from './goal-attainment-scaling.ts';

const unweighted = (levels: number[]) => levels.map((attainment) => ({ attainment, weight: 1 }));

describe('GAS T-score (Kiresuk-Sherman, rho 0.3): the test vectors in measures.md', () => {
  it.each<[number[], number]>([
    [[1, 1, 0], 59.13],
    [[-1, -1, -1], 36.31],
    [[0, 0, 0], 50],
    [[2, 2, 2], 77.39],
    [[-2, -2, -2], 22.61],
  ])('unweighted %j -> %f', (levels, expected) => {
    const result = gasTScore(unweighted(levels));
    expect(result.ok && result.tScore).toBe(expected);
    expect(result.ok && result.tScore.toFixed(2)).toBe(expected.toFixed(2));
  });

  it('weighted w = [2, 1, 6], x = [+1, -1, +2] -> 67.86', () => {
    const result = gasTScore([
      { attainment: 1, weight: 2 },
      { attainment: -1, weight: 1 },
      { attainment: 2, weight: 6 },
    ]);
    expect(result).toEqual({ ok: true, tScore: 67.86, exact: expect.closeTo(67.857, 3) });
  });

  it('Mrs B: three goals, baseline all -1, at review two met and one exceeded', () => {
    const weights = [gasWeight({ importance: 3, difficulty: 2 }), gasWeight({ importance: 2, difficulty: 1 }), gasWeight({ importance: 3, difficulty: 1 })];
    expect(weights).toEqual([6, 2, 3]);
    const baseline = gasTScore(weights.map((weight) => ({ attainment: -1, weight })));
    const review = gasTScore([
      { attainment: 0, weight: 6 },
      { attainment: 1, weight: 2 },
      { attainment: 0, weight: 3 },
    ]);
    // 50 - 10 x 11 / sqrt(0.7 x 49 + 0.3 x 121) = 36.91; 50 + 10 x 2 / 8.402 = 52.38
    expect(baseline.ok && baseline.tScore).toBe(36.91);
    expect(review.ok && review.tScore).toBe(52.38);
  });

  it('a goal rated as not important (weight 0) counts for nothing', () => {
    const withZero = gasTScore([...unweighted([1, 1, 0]), { attainment: -2, weight: 0 }]);
    expect(withZero.ok && withZero.tScore).toBe(59.13);
  });

  it('takes another rho when asked', () => {
    const result = gasTScore(unweighted([1, 1, 1]), { rho: 0 });
    expect(result.ok && result.tScore).toBe(roundTwo(50 + 30 / Math.sqrt(3)));
  });
});

function roundTwo(n: number): number {
  return Math.round(n * 100) / 100;
}

describe('GAS T-score: refusals', () => {
  it.each<[string, Parameters<typeof gasTScore>[0], { goalIndex: number | null; message: string }[]]>([
    ['no goals', [], [{ goalIndex: null, message: 'There are no goals to score' }]],
    ['a goal not yet rated', [{ attainment: 0, weight: 1 }, { attainment: null, weight: 1 }], [{ goalIndex: 1, message: 'Goal 2: rate the level attained' }]],
    ['attainment +3', [{ attainment: 3, weight: 1 }], [{ goalIndex: 0, message: 'Goal 1: attainment must be -2, -1, 0, +1 or +2' }]],
    ['attainment 0.5', [{ attainment: 0.5, weight: 1 }], [{ goalIndex: 0, message: 'Goal 1: attainment must be -2, -1, 0, +1 or +2' }]],
    ['a negative weight', [{ attainment: 0, weight: -1 }], [{ goalIndex: 0, message: 'Goal 1: the weight must be zero or more' }]],
    ['every weight 0', [{ attainment: 1, weight: 0 }, { attainment: 2, weight: 0 }], [{ goalIndex: null, message: 'Every goal has weight 0: at least one goal must matter to the patient' }]],
  ])('%s', (_case, goals, errors) => {
    expect(gasTScore(goals)).toEqual({ ok: false, errors });
  });
});

describe('GAS goals: levels, baseline, importance and difficulty', () => {
  const described: GasGoalPlan = {
    statement: 'I want to make my own cup of tea and carry it to the lounge',
    levels: {
      '-2': 'Cannot make a hot drink',
      '-1': 'Makes tea with help; someone else carries it',
      '0': 'Makes tea alone and carries it using a trolley',
      '+1': 'Makes tea alone and carries it in a lidded mug',
      '+2': 'Makes tea for a visitor too',
    },
    baseline: -1,
    importance: 3,
    difficulty: 2,
  };

  it('writes the five levels -2 .. +2', () => {
    expect(gasLevels.map(gasLevelKey)).toEqual(['-2', '-1', '0', '+1', '+2']);
    expect(gasLevelDescriptions.map((d) => d.label)).toEqual([
      'Much less than expected',
      'Somewhat less than expected',
      'Expected outcome',
      'Somewhat more than expected',
      'Much more than expected',
    ]);
  });

  it('accepts a fully described goal, with baseline -1 or -2', () => {
    expect(checkGasGoal(described)).toEqual([]);
    expect(checkGasGoal({ ...described, baseline: -2 })).toEqual([]);
  });

  it('refuses each gap with a specific message', () => {
    expect(checkGasGoal({ statement: '  ', levels: { ...described.levels, '+1': '', '+2': undefined }, baseline: 0, importance: 4, difficulty: null })).toEqual([
      { field: 'statement', message: 'Enter the goal in the patient’s own words' },
      { field: 'levels.+1', message: 'Describe what +1 (somewhat more than expected) would look like' },
      { field: 'levels.+2', message: 'Describe what +2 (much more than expected) would look like' },
      { field: 'baseline', message: 'Baseline must be -1, or -2 if the patient is already at the worst plausible level' },
      { field: 'importance', message: 'Importance must be 0, 1, 2 or 3' },
      { field: 'difficulty', message: 'Difficulty must be 0, 1, 2 or 3' },
    ]);
  });

  it.each<[number, number, number]>([
    [0, 3, 0],
    [3, 3, 9],
    [2, 1, 2],
  ])('weight of importance %i x difficulty %i is %i', (importance, difficulty, weight) => {
    expect(gasWeight({ importance, difficulty })).toBe(weight);
  });

  it('refuses a rating outside 0-3 for the weight', () => {
    expect(() => gasWeight({ importance: 4, difficulty: 1 })).toThrow(RangeError);
  });
});

describe('GAS: the scales and their words', () => {
  it('describes each level by its number, key and label, in order', () => {
    expect(gasLevelDescriptions.map((d) => [d.level, d.key])).toEqual([
      [-2, '-2'],
      [-1, '-1'],
      [0, '0'],
      [1, '+1'],
      [2, '+2'],
    ]);
  });

  it('rates importance and difficulty 0 to 3, each with its words', () => {
    expect(gasRatings).toEqual([0, 1, 2, 3]);
    expect(gasRatings.map((r) => gasImportanceLabels[r])).toEqual(['Not at all important', 'A little important', 'Moderately important', 'Very important']);
    expect(gasRatings.map((r) => gasDifficultyLabels[r])).toEqual(['Not at all difficult', 'A little difficult', 'Moderately difficult', 'Very difficult']);
  });

  it('takes baseline -1 or -2 only, and rho 0.3 by default', () => {
    expect(gasBaselineLevels).toEqual([-1, -2]);
    expect(gasDefaultRho).toBe(0.3);
  });

  it('knows a level only as one of the five numbers', () => {
    expect(gasLevels.every(isGasLevel)).toBe(true);
    expect([3, -3, 0.5, '1', null].some(isGasLevel)).toBe(false);
  });

  it('refuses a rating outside 0-3 for either factor of the weight, saying so', () => {
    expect(() => gasWeight({ importance: 1, difficulty: 4 })).toThrow('Importance and difficulty must each be 0, 1, 2 or 3');
    expect(() => gasWeight({ importance: -1, difficulty: 1 })).toThrow('Importance and difficulty must each be 0, 1, 2 or 3');
  });
});

describe('GAS T-score: weights that are not numbers, and every problem at once', () => {
  it.each([[Number.NaN], [Number.POSITIVE_INFINITY], ['2' as unknown as number]])('refuses weight %s', (weight) => {
    expect(gasTScore([{ attainment: 0, weight }])).toEqual({ ok: false, errors: [{ goalIndex: 0, message: 'Goal 1: the weight must be zero or more' }] });
  });

  it('takes a weight of 0 on one goal among others', () => {
    expect(gasTScore([{ attainment: 0, weight: 0 }, { attainment: 0, weight: 1 }])).toMatchObject({ ok: true, tScore: 50 });
  });

  it('does not add the weight-0 refusal to a goal that is not rated', () => {
    expect(gasTScore([{ attainment: null, weight: 0 }])).toEqual({ ok: false, errors: [{ goalIndex: 0, message: 'Goal 1: rate the level attained' }] });
  });

  it('gives each problem of each goal its own message, in order', () => {
    expect(gasTScore([{ attainment: 0, weight: 1 }, { attainment: 5, weight: -2 }])).toEqual({
      ok: false,
      errors: [
        { goalIndex: 1, message: 'Goal 2: attainment must be -2, -1, 0, +1 or +2' },
        { goalIndex: 1, message: 'Goal 2: the weight must be zero or more' },
      ],
    });
  });

  it('uses rho 0.3 unless told otherwise', () => {
    const exact = 50 + 20 / Math.sqrt(0.7 * 2 + 0.3 * 4);
    expect(gasTScore(unweighted([1, 1]))).toEqual({ ok: true, tScore: roundTwo(exact), exact });
    expect(gasTScore(unweighted([1, 1]), {})).toEqual(gasTScore(unweighted([1, 1]), { rho: 0.3 }));
  });
});

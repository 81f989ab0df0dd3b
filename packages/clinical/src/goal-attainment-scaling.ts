// Goal Attainment Scaling: goals in the patient's words, each with five described levels from -2
// (much less than expected) to +2 (much more), and the episode's T-score (Kiresuk & Sherman 1968):
//   T = 50 + 10 * sum(w*x) / sqrt((1 - rho) * sum(w^2) + rho * (sum w)^2), rho = 0.3
// where x is each goal's attained level and w its weight (importance x difficulty, or 1 when unweighted).
// T = 50 when every goal is met exactly as expected; about 10 points per level beyond or short of it.
import { roundScore } from './instruments/instrument.ts';

export const gasLevels = [-2, -1, 0, 1, 2] as const;
export type GasLevel = (typeof gasLevels)[number];

export const gasLevelDescriptions: readonly { level: GasLevel; key: GasLevelKey; label: string }[] = [
  { level: -2, key: '-2', label: 'Much less than expected' },
  { level: -1, key: '-1', label: 'Somewhat less than expected' },
  { level: 0, key: '0', label: 'Expected outcome' },
  { level: 1, key: '+1', label: 'Somewhat more than expected' },
  { level: 2, key: '+2', label: 'Much more than expected' },
];

/** How a level is written on forms and used as a key: '-2', '-1', '0', '+1', '+2'. */
export type GasLevelKey = '-2' | '-1' | '0' | '+1' | '+2';

export function gasLevelKey(level: GasLevel): GasLevelKey {
  return (level > 0 ? `+${level}` : `${level}`) as GasLevelKey;
}

export function isGasLevel(value: unknown): value is GasLevel {
  return typeof value === 'number' && (gasLevels as readonly number[]).includes(value);
}

/** Baseline is -1, or -2 when the person is already at the worst plausible level. */
export const gasBaselineLevels: readonly GasLevel[] = [-1, -2];

export const gasRatings = [0, 1, 2, 3] as const;
export type GasRating = (typeof gasRatings)[number];
export const gasImportanceLabels: Record<GasRating, string> = { 0: 'Not at all important', 1: 'A little important', 2: 'Moderately important', 3: 'Very important' };
export const gasDifficultyLabels: Record<GasRating, string> = { 0: 'Not at all difficult', 1: 'A little difficult', 2: 'Moderately difficult', 3: 'Very difficult' };

/** Kiresuk & Sherman's assumed correlation between goal outcomes. */
export const gasDefaultRho = 0.3;

export type GasGoalPlan = {
  /** The goal in the patient's own words. */
  statement: string;
  /** What each level would look like for this goal, keyed '-2' .. '+2'. */
  levels: Partial<Record<GasLevelKey, string>>;
  baseline: number | null;
  importance: number | null;
  difficulty: number | null;
};

export type GasFieldError = { field: string; message: string };

function isRating(value: unknown): value is GasRating {
  return typeof value === 'number' && (gasRatings as readonly number[]).includes(value);
}

/** Everything a goal needs before it can be scored; one specific message per problem. */
export function checkGasGoal(goal: GasGoalPlan): GasFieldError[] {
  const errors: GasFieldError[] = [];
  if (!goal.statement.trim()) errors.push({ field: 'statement', message: 'Enter the goal in the patient’s own words' });
  for (const { key, label } of gasLevelDescriptions) {
    if (!goal.levels[key]?.trim()) errors.push({ field: `levels.${key}`, message: `Describe what ${key} (${label.toLowerCase()}) would look like` });
  }
  if (goal.baseline === null || !gasBaselineLevels.includes(goal.baseline as GasLevel)) {
    errors.push({ field: 'baseline', message: 'Baseline must be -1, or -2 if the patient is already at the worst plausible level' });
  }
  if (!isRating(goal.importance)) errors.push({ field: 'importance', message: 'Importance must be 0, 1, 2 or 3' });
  if (!isRating(goal.difficulty)) errors.push({ field: 'difficulty', message: 'Difficulty must be 0, 1, 2 or 3' });
  return errors;
}

/** A goal's weight: importance (0-3) x difficulty (0-3). Use 1 for every goal when the episode is unweighted. */
export function gasWeight(goal: { importance: number; difficulty: number }): number {
  if (!isRating(goal.importance) || !isRating(goal.difficulty)) throw new RangeError('Importance and difficulty must each be 0, 1, 2 or 3');
  return goal.importance * goal.difficulty;
}

export type GasScoredGoal = {
  /** The level attained at this review or at discharge; null when not yet rated. */
  attainment: number | null;
  weight: number;
};

export type GasTScoreOptions = { rho?: number };

export type GasTScore =
  | {
      ok: true;
      /** To 2 decimal places, as reported. */
      tScore: number;
      exact: number;
    }
  | { ok: false; errors: { goalIndex: number | null; message: string }[] };

export function gasTScore(goals: readonly GasScoredGoal[], options: GasTScoreOptions = {}): GasTScore {
  const rho = options.rho ?? gasDefaultRho;
  const errors: { goalIndex: number | null; message: string }[] = [];
  if (goals.length === 0) errors.push({ goalIndex: null, message: 'There are no goals to score' });
  goals.forEach((goal, index) => {
    if (!isGasLevel(goal.attainment)) {
      errors.push({
        goalIndex: index,
        message: goal.attainment === null ? `Goal ${index + 1}: rate the level attained` : `Goal ${index + 1}: attainment must be -2, -1, 0, +1 or +2`,
      });
    }
    if (typeof goal.weight !== 'number' || !Number.isFinite(goal.weight) || goal.weight < 0) {
      errors.push({ goalIndex: index, message: `Goal ${index + 1}: the weight must be zero or more` });
    }
  });
  const sumW = goals.reduce((sum, goal) => sum + goal.weight, 0);
  if (errors.length === 0 && sumW === 0) errors.push({ goalIndex: null, message: 'Every goal has weight 0: at least one goal must matter to the patient' });
  if (errors.length > 0) return { ok: false, errors };

  const sumWX = goals.reduce((sum, goal) => sum + goal.weight * (goal.attainment as GasLevel), 0);
  const sumW2 = goals.reduce((sum, goal) => sum + goal.weight ** 2, 0);
  const exact = 50 + (10 * sumWX) / Math.sqrt((1 - rho) * sumW2 + rho * sumW ** 2);
  return { ok: true, tScore: roundScore(exact, 2), exact };
}

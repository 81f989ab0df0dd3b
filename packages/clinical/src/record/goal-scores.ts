// The episode's GAS T-score at baseline (every goal at its baseline level) and now (every goal at its
// latest rating). Discontinued goals are left out of both, so the two scores compare the same goals.
// The scores are weighted by importance x difficulty when every goal has both, otherwise unweighted
// (weight 1 each): mixing weighted and unweighted goals in one score would mean nothing.
import { gasTScore } from '../goal-attainment-scaling.ts';
import type { GoalStatus } from './goal.ts';

export type GoalToScore = {
  id: string;
  status: GoalStatus;
  baseline: number;
  importance: number | null;
  difficulty: number | null;
  /** The level at the goal's latest rating; null when it has not been rated. */
  latestLevel: number | null;
};

export type GoalTScore = { tScore: number; message: null } | { tScore: null; message: string };

export type GoalSetScores = {
  /** The goals counted: active and achieved, in the order given. */
  countedGoalIds: string[];
  weighted: boolean;
  baseline: GoalTScore;
  latest: GoalTScore;
  /** Counted goals with no rating yet: the latest score waits for them. */
  unratedGoalIds: string[];
};

export const gasTScoreExplanation = '50 = goals met as expected. Each level above or below what was expected moves the score by about 10: below 50 is less than expected, above 50 more.';

function outcome(result: ReturnType<typeof gasTScore>): GoalTScore {
  return result.ok ? { tScore: result.tScore, message: null } : { tScore: null, message: result.errors.map((e) => e.message).join('. ') };
}

export function scoreGoalSet(goals: readonly GoalToScore[]): GoalSetScores {
  const counted = goals.filter((g) => g.status !== 'discontinued');
  const weighted = counted.length > 0 && counted.every((g) => g.importance !== null && g.difficulty !== null);
  const weightOf = (g: GoalToScore) => (weighted ? g.importance! * g.difficulty! : 1);
  const unrated = counted.filter((g) => g.latestLevel === null);
  const none: GoalTScore = { tScore: null, message: 'There are no goals to score' };
  const baseline = counted.length ? outcome(gasTScore(counted.map((g) => ({ attainment: g.baseline, weight: weightOf(g) })))) : none;
  let latest: GoalTScore;
  if (!counted.length) latest = none;
  else if (unrated.length) {
    // Numbered as the goals are listed (discontinued ones included), so the page and the message agree.
    const which = unrated.map((g) => `goal ${goals.indexOf(g) + 1}`);
    const list = which.length === 1 ? which[0]! : `${which.slice(0, -1).join(', ')} and ${which.at(-1)!}`;
    latest = { tScore: null, message: `Not yet: ${list} ${unrated.length === 1 ? 'has' : 'have'} not been rated` };
  } else latest = outcome(gasTScore(counted.map((g) => ({ attainment: g.latestLevel, weight: weightOf(g) }))));
  return { countedGoalIds: counted.map((g) => g.id), weighted, baseline, latest, unratedGoalIds: unrated.map((g) => g.id) };
}

// Choosing among plans from independent searches (solveInWorker's `searches`): by the search's own
// order, so the plan kept is the one each search would have kept had it found both.
import type { PlanResult } from './plan-result.ts';
import { defaultObjective } from './problem.ts';
import type { PlanningProblem } from './problem.ts';

/**
 * Where a plan stands in the search's objective: first the required visits left out (inside the
 * search each carries the same overwhelming penalty, whatever its priority), then the cost without
 * those visits' reported penalties (travel, lateness, continuity, changes, and the optional visits
 * left out at `unplannedPenalty x priority`).
 */
export function searchOrder(problem: PlanningProblem, result: PlanResult): { requiredUnplanned: number; cost: number } {
  const byId = new Map(problem.visits.map((v) => [v.id, v]));
  const penalty = { ...defaultObjective, ...problem.objective }.unplannedPenalty;
  let requiredUnplanned = 0;
  let requiredPenalty = 0;
  for (const u of result.unplanned) {
    const v = byId.get(u.visitId);
    if (v === undefined || v.mayLeaveUnplanned === true) continue;
    requiredUnplanned++;
    requiredPenalty += (v.unplannedPenalty ?? penalty) * (v.priority ?? 1);
  }
  return { requiredUnplanned, cost: result.cost.total - requiredPenalty };
}

/**
 * The best of several searches' plans: fewer required visits unplanned, then lower cost; a tie
 * (within the search's own 1e-9) goes to the lowest seed, so with iteration limits the choice is
 * deterministic.
 */
export function pickBestPlan<T extends { seed: number; result: PlanResult }>(problem: PlanningProblem, runs: readonly T[]): T | undefined {
  let best: T | undefined;
  let bestOrder: { requiredUnplanned: number; cost: number } | undefined;
  for (const run of [...runs].sort((a, b) => a.seed - b.seed)) {
    const order = searchOrder(problem, run.result);
    if (bestOrder === undefined || order.requiredUnplanned < bestOrder.requiredUnplanned || (order.requiredUnplanned === bestOrder.requiredUnplanned && order.cost < bestOrder.cost - 1e-9)) {
      best = run;
      bestOrder = order;
    }
  }
  return best;
}

// Plans a plain VRPTW day (see vrptw-from-compiled.ts) with the hybrid genetic search and turns its
// routes into the plan the rest of the library reads: the same times, costs, reasons and checker as a
// plan from ruin and recreate. null when the search found no plan within every window and capacity
// (by half the time limit, or at all), so the caller can fall back to ruin and recreate, which leaves
// visits out rather than break a rule.
import { buildPlan } from '../build-plan.ts';
import type { CompiledProblem } from '../compile-problem.ts';
import { FastEngine } from '../fast-engine.ts';
import type { PlanProgress, PlanResult } from '../plan-result.ts';
import { RouteState } from '../route-state.ts';
import { createRandom } from '../random.ts';
import { LocalSearch } from './local-search.ts';
import { solveVrptw } from './solve-vrptw.ts';
import type { CompiledVrptw } from './vrptw-from-compiled.ts';

export type GeneticPlanOptions = {
  seed: number;
  timeLimitSeconds: number;
  iterationLimit: number;
  shouldStop: () => boolean;
  onProgress?: (progress: PlanProgress) => void;
  progressIntervalSeconds: number;
  /** performance.now() when planning began (compiling counts). */
  began: number;
};

export function planWithGeneticSearch(cp: CompiledProblem, compiled: CompiledVrptw, options: GeneticPlanOptions): PlanResult | null {
  const { instance, taskOfCustomer } = compiled;
  const localSearch = new LocalSearch(instance, { random: createRandom(options.seed) });
  const spent = (performance.now() - options.began) / 1000;
  let lastProgress = 0;
  // A day with no plan inside every window goes to ruin and recreate (null below), which needs time of
  // its own to leave out as little as it can: without a plan by half the time limit the search stops.
  let feasibleFound = false;
  const handOverAt = options.began + (options.timeLimitSeconds * 1000) / 2;
  const solution = solveVrptw(instance, {
    educate: (routes, penalties) => localSearch.run(routes, penalties),
    seed: options.seed,
    timeLimitSeconds: Math.max(0, options.timeLimitSeconds - spent),
    ...(Number.isFinite(options.iterationLimit) ? { iterationLimit: options.iterationLimit } : {}),
    shouldStop: () => options.shouldStop() || (!feasibleFound && performance.now() >= handOverAt),
    onProgress: (p) => {
      if (p.feasible) feasibleFound = true;
      const seconds = spent + p.seconds;
      if (options.onProgress === undefined || (seconds - lastProgress) < options.progressIntervalSeconds) return;
      lastProgress = seconds;
      // Until the first plan within every window and capacity, every visit counts as not yet planned.
      options.onProgress({ iteration: p.iteration, seconds, bestCost: p.bestCost, currentCost: p.bestCost, unplanned: p.feasible ? 0 : instance.customers, requiredUnplanned: p.feasible ? 0 : instance.customers });
    },
  });
  if (!solution.feasible) return null;
  const state = new RouteState(cp.staffCount, cp.taskCount);
  const used = solution.routes.filter((route) => route.length > 0);
  used.forEach((route, r) => {
    const base = r * state.stride;
    route.forEach((customer, i) => {
      const task = taskOfCustomer[customer - 1]!;
      state.tasks[base + i + 1] = task;
      state.taskRoute[task] = r;
    });
    state.len[r] = route.length;
  });
  new FastEngine(cp).refresh(state, Array.from({ length: cp.staffCount }, (_, r) => r));
  const seconds = (performance.now() - options.began) / 1000;
  const firstFeasible = solution.firstFeasibleSeconds === null ? seconds : spent + solution.firstFeasibleSeconds;
  options.onProgress?.({ iteration: solution.iterations, seconds, bestCost: solution.distance, currentCost: solution.distance, unplanned: 0, requiredUnplanned: 0 });
  return buildPlan(cp, state, {
    engine: 'genetic',
    seed: options.seed,
    iterations: solution.iterations,
    seconds,
    bestFoundAtIteration: solution.bestFoundAtIteration,
    bestFoundAtSeconds: spent + solution.bestFoundAtSeconds,
    firstPlanSeconds: firstFeasible,
    requiredPlannedAtSeconds: firstFeasible,
  });
}

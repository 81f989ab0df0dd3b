// Small cases for the operators' brute-force tests (only imported by tests): random instances with
// wide, tight and very tight windows and low capacity, random solutions over a few routes (some
// empty), and random penalties, so moves are checked on feasible and infeasible routes alike.
import { expect } from 'vitest';
import { createRandom, type Random } from '../random.ts';
import { randomVrptw } from './random-vrptw.ts';
import { SearchSolution } from './search-solution.ts';
import type { Penalties, VrptwInstance } from './vrptw-instance.ts';

export type BruteForceCase = { instance: VrptwInstance; routes: number[][]; penalties: Penalties };

export function randomRoutes(random: Random, customers: number, vehicles: number): number[][] {
  const routes: number[][] = Array.from({ length: vehicles }, () => []);
  for (let c = 1; c <= customers; c++) {
    const route = routes[Math.floor(random() * vehicles)]!;
    route.splice(Math.floor(random() * (route.length + 1)), 0, c);
  }
  return routes;
}

export function bruteForceCases(count: number, seed: number): BruteForceCase[] {
  const random = createRandom(seed);
  const cases: BruteForceCase[] = [];
  for (let i = 0; i < count; i++) {
    const customers = 4 + Math.floor(random() * 5);
    const vehicles = 2 + Math.floor(random() * 2);
    const tight = i % 3;
    const instance = randomVrptw({
      customers,
      seed: seed * 1000 + i,
      vehicles,
      capacity: [30, 12, 8][tight]!,
      windowWidth: [150, 40, 8][tight]!,
      horizon: [400, 200, 120][tight]!,
    });
    const penalties = { capacity: Math.floor(random() * 20), timeWarp: Math.floor(random() * 5) + random() };
    cases.push({ instance, routes: randomRoutes(random, customers, vehicles), penalties });
  }
  return cases;
}

/**
 * The same cases with time warp costing nothing (capacity still penalised): then a move's lower bound
 * (distance, load, and the time warp of the pieces kept whole, at no cost) is its exact change, so an
 * operator must turn down every move that cannot gain without merging any time windows.
 */
export function casesWithoutTimeWarpCost(count: number, seed: number): BruteForceCase[] {
  return bruteForceCases(count, seed).map((c) => ({ ...c, penalties: { ...c.penalties, timeWarp: 0 } }));
}

/**
 * Every ordered pair of routes r, s of casesWithoutTimeWarpCost(count, seed) (r = s too with `sameRoute`),
 * with the case loaded into a search solution (shared by its pairs: evaluating changes nothing) and its cost.
 */
export function* routePairsWithoutTimeWarpCost(count: number, seed: number, sameRoute = false): Generator<BruteForceCase & { solution: SearchSolution; before: number; r: number; s: number }> {
  for (const c of casesWithoutTimeWarpCost(count, seed)) {
    const solution = new SearchSolution(c.instance);
    solution.load(c.routes, c.penalties);
    const before = solution.penalisedCost();
    for (let r = 0; r < c.routes.length; r++) {
      for (let s = 0; s < c.routes.length; s++) if (sameRoute || r !== s) yield { ...c, solution, before, r, s };
    }
  }
}

type CountsMerges = { first: { timeWarpMerges: number }; second: { timeWarpMerges: number } };

/** Time-window merges the solution's two route builders have made so far. */
export function timeWarpMerges(solution: CountsMerges): number {
  return solution.first.timeWarpMerges + solution.second.timeWarpMerges;
}

/**
 * For a case without time-warp cost: `evaluate` (the operator at cutoff 0) must give the move's exact
 * `change`, and merge no time windows when the move cannot gain. Whether it could not (it was turned down).
 */
export function expectTurnedDownUnmerged(solution: CountsMerges, change: number, evaluate: () => number): boolean {
  const merges = timeWarpMerges(solution);
  expect(evaluate()).toBeCloseTo(change, 6);
  if (change < 1e-9) return false;
  expect(timeWarpMerges(solution)).toBe(merges);
  return true;
}

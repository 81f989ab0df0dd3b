import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import { randomRoutes } from './brute-force-cases.ts';
import { evaluateRoutes } from './evaluate-route.ts';
import { LocalSearch } from './local-search.ts';
import { randomVrptw } from './random-vrptw.ts';
import { SearchSolution } from './search-solution.ts';
import { SwapStar } from './swap-star.ts';
import type { Penalties, VrptwInstance } from './vrptw-instance.ts';

function cost(instance: VrptwInstance, routes: readonly number[][], penalties: Penalties): number {
  return evaluateRoutes(instance, routes, penalties).penalisedCost;
}

/** The best gain of any single relocate (to any place of any route, an empty one included) or swap of two customers, by simulation. */
function bestSimpleMove(instance: VrptwInstance, routes: readonly number[][], penalties: Penalties): number {
  const before = cost(instance, routes, penalties);
  let best = 0;
  for (let r = 0; r < routes.length; r++) {
    for (let i = 0; i < routes[r]!.length; i++) {
      for (let s = 0; s < routes.length; s++) {
        const removed = routes.map((route) => [...route]);
        const [node] = removed[r]!.splice(i, 1);
        for (let at = 0; at <= removed[s]!.length; at++) {
          const moved = removed.map((route) => [...route]);
          moved[s]!.splice(at, 0, node!);
          best = Math.min(best, cost(instance, moved, penalties) - before);
        }
        for (let j = 0; j < routes[s]!.length; j++) {
          if (r === s && j === i) continue;
          const swapped = routes.map((route) => [...route]);
          swapped[r]![i] = routes[s]![j]!;
          swapped[s]![j] = routes[r]![i]!;
          best = Math.min(best, cost(instance, swapped, penalties) - before);
        }
      }
    }
  }
  return best;
}

function cases(): { instance: VrptwInstance; routes: number[][]; penalties: Penalties }[] {
  const random = createRandom(3);
  const list = [];
  for (let i = 0; i < 24; i++) {
    const tight = i % 3;
    const customers = 8 + Math.floor(random() * 12);
    const instance = randomVrptw({ customers, seed: 100 + i, capacity: [40, 20, 12][tight]!, windowWidth: [150, 50, 15][tight]!, horizon: [400, 250, 200][tight]! });
    const penalties = { capacity: 1 + Math.floor(random() * 20), timeWarp: 0.5 + random() * 3 };
    list.push({ instance, routes: randomRoutes(random, customers, 1 + Math.floor(random() * instance.vehicles)), penalties });
  }
  return list;
}

describe('LocalSearch', () => {
  it('returns one route per vehicle holding every customer once, never costing more than the input', () => {
    for (const { instance, routes, penalties } of cases()) {
      const result = new LocalSearch(instance, { random: createRandom(1) }).run(routes, penalties);
      expect(result).toHaveLength(instance.vehicles);
      expect(result.flat().sort((x, y) => x - y)).toEqual(Array.from({ length: instance.customers }, (_, i) => i + 1));
      expect(cost(instance, result, penalties)).toBeLessThanOrEqual(cost(instance, routes, penalties) + 1e-9);
      // A random solution is far from a local optimum: the search must actually improve it.
      expect(cost(instance, result, penalties)).toBeLessThan(cost(instance, routes, penalties) * 0.9);
    }
  });

  it('reaches a local optimum: no single relocate or swap over all pairs improves it, nor SWAP* between two routes', () => {
    for (const { instance, routes, penalties } of cases()) {
      // SWAP* on every pair of routes here (by default only on routes with customers among each other's 5 closest).
      const result = new LocalSearch(instance, { random: createRandom(2), swapStarNeighbours: 40 }).run(routes, penalties);
      expect(bestSimpleMove(instance, result, penalties)).toBeGreaterThan(-1e-6);
      // Nor SWAP* between any two routes (all are close here: the granular lists hold every other customer).
      const solution = new SearchSolution(instance);
      solution.load(result, penalties);
      const swapStar = new SwapStar(solution);
      for (const a of solution.routes) {
        for (const b of solution.routes) {
          if (a.index < b.index && a.size > 0 && b.size > 0) expect(swapStar.evaluate(a, b)).toBeGreaterThan(-1e-6);
        }
      }
    }
  });

  it('is deterministic for the seed, and another seed may find another optimum', () => {
    const instance = randomVrptw({ customers: 60, seed: 9, windowWidth: 60 });
    const routes = randomRoutes(createRandom(4), 60, 12);
    const penalties = { capacity: 10, timeWarp: 1 };
    const run = (seed: number) => new LocalSearch(instance, { random: createRandom(seed) }).run(routes, penalties);
    expect(run(5)).toEqual(run(5));
    const costs = new Set([5, 6, 7, 8].map((seed) => cost(instance, run(seed), penalties).toFixed(6)));
    expect(costs.size).toBeGreaterThan(1);
  });

  it('one instance of the search can run again from other routes and penalties', () => {
    const instance = randomVrptw({ customers: 30, seed: 12 });
    const search = new LocalSearch(instance, { random: createRandom(3) });
    for (const [seed, penalties] of [[1, { capacity: 1, timeWarp: 0.1 }], [2, { capacity: 50, timeWarp: 10 }]] as const) {
      const routes = randomRoutes(createRandom(seed), 30, 5);
      const result = search.run(routes, penalties);
      expect(result.flat()).toHaveLength(30);
      expect(bestSimpleMove(instance, result, penalties)).toBeGreaterThan(-1e-6);
    }
  });

  it('handles one customer, one vehicle, and fewer routes given than vehicles', () => {
    const penalties = { capacity: 5, timeWarp: 1 };
    const one = randomVrptw({ customers: 1, seed: 1, vehicles: 2 });
    expect(new LocalSearch(one, { random: createRandom(1) }).run([[1]], penalties)).toEqual([[1], []]);
    const single = randomVrptw({ customers: 6, seed: 2, vehicles: 1, capacity: 10 });
    const [route] = new LocalSearch(single, { random: createRandom(1) }).run([[6, 5, 4, 3, 2, 1]], penalties);
    expect([...route!].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(bestSimpleMove(single, [route!], penalties)).toBeGreaterThan(-1e-6);
  });

  it('refuses routes that lose a customer, repeat one, or hold a node that is not a customer', () => {
    const instance = randomVrptw({ customers: 4, seed: 3, vehicles: 2 });
    const search = new LocalSearch(instance, { random: createRandom(1) });
    const penalties = { capacity: 1, timeWarp: 1 };
    expect(() => search.run([[1, 2], [3]], penalties)).toThrow('customer 4 is in no route');
    expect(() => search.run([[1, 2, 4], [3, 2]], penalties)).toThrow('customer 2');
    expect(() => search.run([[1, 2, 0], [3, 4]], penalties)).toThrow('customer 0');
    expect(() => search.run([[1, 2], [3, 4], []], penalties)).toThrow('3 routes for 2 vehicles');
    expect(search.run([[4, 3], [2, 1]], penalties).flat().sort()).toEqual([1, 2, 3, 4]);
  });
});

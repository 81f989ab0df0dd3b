import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import { evaluateRoute } from './evaluate-route.ts';
import { randomVrptw } from './random-vrptw.ts';
import { split, Splitter } from './split.ts';
import { cuttings } from './test-educate.ts';
import type { Penalties, VrptwInstance } from './vrptw-instance.ts';

function shuffled(n: number, seed: number): number[] {
  const random = createRandom(seed);
  const tour = Array.from({ length: n }, (_, i) => i + 1);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [tour[i], tour[j]] = [tour[j]!, tour[i]!];
  }
  return tour;
}

/** The least penalised cost over every set of cut points; a route whose load exceeds maxLoad (and that
 * holds more than one customer) is not allowed, as split's bound. */
function bruteForce(instance: VrptwInstance, tour: number[], penalties: Penalties, maxLoad = Infinity): number {
  let best = Infinity;
  for (const routes of cuttings(tour, instance.vehicles)) {
    let cost = 0;
    for (const r of routes) {
      const e = evaluateRoute(instance, r, penalties);
      cost += r.length > 1 && e.load > maxLoad ? Infinity : e.penalisedCost;
    }
    best = Math.min(best, cost);
  }
  return best;
}

function check(instance: VrptwInstance, tour: number[], penalties: Penalties, maxLoadFactor: number): void {
  const result = split(instance, tour, penalties, { maxLoadFactor });
  expect(result.routes.flat()).toEqual(tour);
  expect(result.routes.length).toBeLessThanOrEqual(instance.vehicles);
  expect(result.routes.every((r) => r.length > 0)).toBe(true);
  const evaluated = result.routes.reduce((s, r) => s + evaluateRoute(instance, r, penalties).penalisedCost, 0);
  expect(result.penalisedCost).toBeCloseTo(evaluated, 6);
  expect(result.penalisedCost).toBeCloseTo(bruteForce(instance, tour, penalties, maxLoadFactor * instance.capacity), 6);
}

describe('split', () => {
  const penalties = { capacity: 10, timeWarp: 2 };

  it('finds the least penalised cutting over every set of cut points with an unlimited fleet', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const instance = randomVrptw({ customers: 8, seed, vehicles: 8 });
      check(instance, shuffled(8, seed), penalties, Infinity);
    }
  });

  it('finds the least penalised cutting into at most `vehicles` routes when the unlimited split uses more', () => {
    let limited = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const instance = randomVrptw({ customers: 8, seed, vehicles: 2, capacity: 15 });
      const tour = shuffled(8, seed + 100);
      const unlimited = split({ ...instance, vehicles: 8 }, tour, penalties, { maxLoadFactor: Infinity });
      if (unlimited.routes.length > 2) limited++;
      check(instance, tour, penalties, Infinity);
    }
    // The limited-fleet DP really ran, not only the unlimited one.
    expect(limited).toBeGreaterThan(10);
  });

  it('keeps to the load bound (1.5 x capacity by default) and still matches brute force within it', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const instance = randomVrptw({ customers: 8, seed, vehicles: seed % 2 === 0 ? 8 : 3, capacity: 12 });
      const tour = shuffled(8, seed + 200);
      const result = split(instance, tour, { capacity: 0.01, timeWarp: 0.01 });
      for (const r of result.routes) {
        if (r.length > 1) expect(evaluateRoute(instance, r, penalties).load).toBeLessThanOrEqual(18);
      }
      check(instance, tour, { capacity: 0.01, timeWarp: 0.01 }, 1.5);
    }
  });

  it('raises the bound when the fleet cannot carry the tour within it', () => {
    // Two customers of demand 20 on a vehicle of capacity 10: the only cutting into one route is over the bound.
    const instance = randomVrptw({ customers: 2, seed: 3, vehicles: 1, capacity: 10 });
    instance.demand.fill(20, 1);
    const result = split(instance, [2, 1], penalties);
    expect(result.routes).toEqual([[2, 1]]);
    expect(result.penalisedCost).toBeCloseTo(evaluateRoute(instance, [2, 1], penalties).penalisedCost, 6);
  });

  it('gives the same cuttings when one Splitter is reused across tours, fleets and penalties', () => {
    const instance = randomVrptw({ customers: 8, seed: 5, vehicles: 2, capacity: 15 });
    const splitter = new Splitter(instance);
    for (let seed = 1; seed <= 30; seed++) {
      const tour = shuffled(8, seed);
      const penalties = { capacity: seed % 7, timeWarp: (seed % 5) / 2 };
      expect(splitter.run(tour, penalties)).toEqual(split(instance, tour, penalties));
      // Within the bound, doubled until it leaves two vehicles some cutting.
      let expected = Infinity;
      for (let factor = 1.5; expected === Infinity; factor *= 2) expected = bruteForce(instance, tour, penalties, factor * instance.capacity);
      expect(splitter.run(tour, penalties).penalisedCost).toBeCloseTo(expected, 6);
    }
  });

  it('cuts the empty tour into no routes', () => {
    const instance = randomVrptw({ customers: 3, seed: 1 });
    expect(split(instance, [], penalties)).toEqual({ routes: [], penalisedCost: 0 });
  });
});

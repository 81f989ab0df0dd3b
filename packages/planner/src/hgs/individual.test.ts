import { describe, expect, it } from 'vitest';
import { evaluateRoutes } from './evaluate-route.ts';
import { brokenPairsDistance, makeIndividual, reprice } from './individual.ts';
import { randomVrptw } from './random-vrptw.ts';

describe('makeIndividual', () => {
  const instance = randomVrptw({ customers: 6, seed: 4, vehicles: 3, capacity: 15 });
  const penalties = { capacity: 7, timeWarp: 3 };

  it('keeps the non-empty routes, their giant tour, and the costs evaluateRoutes gives', () => {
    const routes = [[3, 1], [], [6, 2, 5, 4]];
    const individual = makeIndividual(instance, routes, penalties);
    const e = evaluateRoutes(instance, routes, penalties);
    expect(individual.routes).toEqual([[3, 1], [6, 2, 5, 4]]);
    expect(individual.giantTour).toEqual([3, 1, 6, 2, 5, 4]);
    expect(individual.distance).toBeCloseTo(e.distance, 9);
    expect(individual.timeWarp).toBeCloseTo(e.timeWarp, 9);
    expect(individual.excessLoad).toBeCloseTo(e.excessLoad, 9);
    expect(individual.penalisedCost).toBeCloseTo(e.penalisedCost, 9);
    expect(individual.feasible).toBe(e.feasible);
    expect(individual.excessLoad).toBeGreaterThan(0);
    expect(individual.feasible).toBe(false);
  });

  it('records each customer\'s predecessor and successor, the depot as 0', () => {
    const individual = makeIndividual(instance, [[3, 1], [6, 2, 5, 4]], penalties);
    expect([...individual.predecessor]).toEqual([0, 3, 6, 0, 5, 2, 0]);
    expect([...individual.successor]).toEqual([0, 0, 5, 1, 0, 4, 2]);
  });

  it('is feasible when every route keeps its windows and capacity, and reprices under new penalties', () => {
    const loose = { ...randomVrptw({ customers: 3, seed: 2, horizon: 100000, windowWidth: 100000 }), capacity: 1000 };
    const individual = makeIndividual(loose, [[1], [2, 3]], penalties);
    expect(individual.feasible).toBe(true);
    const tight = makeIndividual(instance, [[1, 2, 3, 4, 5, 6]], penalties);
    reprice(tight, { capacity: 1, timeWarp: 1 });
    expect(tight.penalisedCost).toBeCloseTo(tight.distance + tight.excessLoad + tight.timeWarp, 9);
  });
});

describe('makeIndividual refuses', () => {
  const instance = randomVrptw({ customers: 4, seed: 1 });
  const penalties = { capacity: 1, timeWarp: 1 };

  it('a plan that misses a customer, repeats one, or names one that does not exist', () => {
    expect(() => makeIndividual(instance, [[1, 2], [3]], penalties)).toThrow(/1 customers missing/);
    expect(() => makeIndividual(instance, [[1, 2], [3, 4, 2]], penalties)).toThrow(/customer 2 .*twice/);
    expect(() => makeIndividual(instance, [[1, 2], [3, 5]], penalties)).toThrow(/customer 5/);
    expect(() => makeIndividual(instance, [[1, 0, 2], [3, 4]], penalties)).toThrow(/customer 0/);
    expect(makeIndividual(instance, [[4, 2], [], [3, 1]], penalties).giantTour).toEqual([4, 2, 3, 1]);
  });
});

describe('brokenPairsDistance', () => {
  const instance = randomVrptw({ customers: 6, seed: 4 });
  const penalties = { capacity: 1, timeWarp: 1 };
  const of = (routes: number[][]) => makeIndividual(instance, routes, penalties);

  it('is 0 for the same plan, with its routes reordered or reversed', () => {
    const a = of([[1, 2, 3], [4, 5, 6]]);
    expect(brokenPairsDistance(a, of([[4, 5, 6], [1, 2, 3]]))).toBe(0);
    expect(brokenPairsDistance(a, of([[3, 2, 1], [6, 5, 4]]))).toBe(0);
  });

  it('counts the customers whose neighbours differ, over n', () => {
    const a = of([[1, 2, 3], [4, 5, 6]]);
    // Swapping 3 and 4 between routes: 2's successor 3 -> 4 breaks, and 4's 5 -> 0 (0 was not its
    // predecessor, 2 is). 3's successor 0 -> 5 does not count: in b 3 starts its route, so 0 is its
    // predecessor there (the same edge, reversed). 2 of 6, either way round.
    const b = of([[1, 2, 4], [3, 5, 6]]);
    expect(brokenPairsDistance(a, b)).toBeCloseTo(2 / 6, 9);
    expect(brokenPairsDistance(b, a)).toBeCloseTo(2 / 6, 9);
  });

  it('counts a customer that started a route and is now inside one', () => {
    const a = of([[1, 2, 3], [4, 5, 6]]);
    const b = of([[1, 2, 3, 4, 5, 6]]);
    // 3's successor 0 -> 4 (4 is not its predecessor either); 4 started a route and now is inside.
    expect(brokenPairsDistance(a, b)).toBeCloseTo(2 / 6, 9);
  });
});

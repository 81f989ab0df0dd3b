import { describe, expect, it } from 'vitest';
import { brokenPairsDistance, makeIndividual, type Individual } from './individual.ts';
import { biasedFitnesses, Population } from './population.ts';
import { randomVrptw } from './random-vrptw.ts';

const instance = randomVrptw({ customers: 6, seed: 4, horizon: 100000, windowWidth: 100000, capacity: 1000 });
const penalties = { capacity: 1, timeWarp: 1 };

/** A hand-made individual: these routes, with the cost given (and infeasible if excess load is given). */
function individual(routes: number[][], cost: number, excessLoad = 0): Individual {
  const made = makeIndividual(instance, routes, penalties);
  return { ...made, distance: cost, penalisedCost: cost + excessLoad, excessLoad, feasible: excessLoad === 0 };
}

/** Draws these values in turn. */
function draws(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length]!;
}

describe('biasedFitnesses', () => {
  it('adds the diversity rank, weighted by 1 - nbElite / size, to the cost rank', () => {
    // Cost order 0 1 2 3 4; diversity ranks (most diverse 0): member 3, 0, 4, 1, 2.
    const fitness = biasedFitnesses([0.4, 0.2, 0.1, 0.5, 0.3], 1);
    const w = 1 - 1 / 5;
    expect(fitness[0]).toBeCloseTo(0 / 4 + (w * 1) / 4, 12);
    expect(fitness[1]).toBeCloseTo(1 / 4 + (w * 3) / 4, 12);
    expect(fitness[2]).toBeCloseTo(2 / 4 + (w * 4) / 4, 12);
    expect(fitness[3]).toBeCloseTo(3 / 4 + (w * 0) / 4, 12);
    expect(fitness[4]).toBeCloseTo(4 / 4 + (w * 2) / 4, 12);
  });

  it('is the cost rank alone while the subpopulation is no bigger than the elite, and 0 for one member', () => {
    expect(biasedFitnesses([0.9, 0.1, 0.5], 4)).toEqual([0, 0.5, 1]);
    expect(biasedFitnesses([0.3], 4)).toEqual([0]);
  });

  it('ranks equal diversities in cost order', () => {
    expect(biasedFitnesses([0.2, 0.2], 0)).toEqual([0, 2]);
  });
});

describe('Population', () => {
  const a = [[1, 2, 3], [4, 5, 6]];
  const nearA = [[1, 2, 3], [4, 6, 5]];
  const farFromA = [[6, 1], [3, 5], [2, 4]];

  it('keeps each subpopulation sorted by penalised cost, feasible and infeasible apart', () => {
    const population = new Population();
    population.add(individual(a, 120));
    population.add(individual(nearA, 100));
    population.add(individual(farFromA, 50, 80));
    population.add(individual(a, 110, 5));
    expect(population.feasible.map((m) => m.individual.penalisedCost)).toEqual([100, 120]);
    expect(population.infeasible.map((m) => m.individual.penalisedCost)).toEqual([115, 130]);
  });

  it('trims a subpopulation back to mu once it reaches mu + lambda, removing the worst biased fitness: a distant worse plan outlives a near better one', () => {
    // mu 2, lambda 1, no elite, nbClose 1. A (100) and B (110) are close, C (120) far from both:
    // diversity ranks C 0, A 0.5, B 1 (A before B on the tie); biased A 0.5, B 1.5, C 1: B goes.
    expect(brokenPairsDistance(individual(a, 0), individual(farFromA, 0))).toBeGreaterThan(brokenPairsDistance(individual(a, 0), individual(nearA, 0)));
    const population = new Population({ minimumSize: 2, generationSize: 1, nbElite: 0, nbClose: 1 });
    const [A, B, C] = [individual(a, 100), individual(nearA, 110), individual(farFromA, 120)];
    population.add(A);
    population.add(B);
    expect(population.feasible.length).toBe(2);
    population.add(C);
    expect(population.feasible.map((m) => m.individual)).toEqual([A, C]);
    // The removed member is gone from the others' closest lists too.
    expect(population.feasible.every((m) => m.closest.length === 1)).toBe(true);
  });

  it('removes a clone before a worse plan', () => {
    // mu 3, lambda 1, nbElite 4: four members, biased fitness is the cost rank alone, so without the
    // clone rule C (200) would go; B's clone (111) goes instead.
    const population = new Population({ minimumSize: 3, generationSize: 1, nbElite: 4, nbClose: 1 });
    const [A, B, C] = [individual(a, 100), individual(nearA, 110), individual(farFromA, 200)];
    population.add(A);
    population.add(B);
    population.add(individual(nearA, 111));
    population.add(C);
    expect(population.feasible.map((m) => m.individual)).toEqual([A, B, C]);
  });

  it('selects by binary tournament: the lower biased fitness of two drawn members, over both subpopulations', () => {
    const population = new Population({ minimumSize: 25, generationSize: 40, nbElite: 0, nbClose: 1 });
    const A = individual(a, 100);
    const B = individual(nearA, 110);
    const X = individual(farFromA, 50, 10);
    population.add(A);
    population.add(B);
    population.add(X);
    // Members in order: feasible A, B (biased 0 and 2), then infeasible X (0, alone).
    expect(population.selectParent(draws(0.1, 0.5))).toBe(A);
    expect(population.selectParent(draws(0.5, 0.1))).toBe(A);
    expect(population.selectParent(draws(0.5, 0.9))).toBe(X);
    expect(population.selectParent(draws(0.5, 0.5))).toBe(B);
  });

  it('draws the second parent again while it is the same plan as the first, up to nine times', () => {
    const population = new Population({ minimumSize: 25, generationSize: 40, nbElite: 0, nbClose: 1 });
    const A = individual(a, 100);
    const twin = individual(a, 100);
    const B = individual(nearA, 110);
    population.add(A);
    population.add(twin);
    population.add(B);
    // Members A, twin, B; each tournament draws two (the same twice: that one). A, then twin, twin, then B.
    const [first, second] = population.selectParents(draws(0.1, 0.1, 0.5, 0.5, 0.5, 0.5, 0.9, 0.9));
    expect(first).toBe(A);
    expect(second).toBe(B);
    // Only one plan to draw: the first tournament, the second and nine more, two draws each.
    const alone = new Population();
    const C = individual(farFromA, 100);
    alone.add(C);
    let drawn = 0;
    const [c1, c2] = alone.selectParents(() => {
      drawn++;
      return 0.5;
    });
    expect(c1).toBe(C);
    expect(c2).toBe(C);
    expect(drawn).toBe(22);
  });

  it('re-sorts the infeasible members when the penalties change', () => {
    const population = new Population();
    const heavy = individual(a, 100, 10);
    const long = individual(nearA, 105, 2);
    population.add(heavy);
    population.add(long);
    expect(population.infeasible.map((m) => m.individual)).toEqual([long, heavy]);
    // Repriced under new penalties: heavy 100 + 0.1 x 10 = 101, long 105 + 0.2: heavy now first.
    population.reprice({ capacity: 0.1, timeWarp: 1 });
    expect(population.infeasible.map((m) => m.individual)).toEqual([heavy, long]);
    expect(heavy.penalisedCost).toBeCloseTo(101, 9);
  });

  it('refuses a minimum size or generation size below one', () => {
    expect(() => new Population({ minimumSize: 0, generationSize: 4, nbElite: 1, nbClose: 1 })).toThrow(/mu and lambda/);
    expect(() => new Population({ minimumSize: 2, generationSize: 0, nbElite: 1, nbClose: 1 })).toThrow(/mu and lambda/);
  });

  it('keeps the best feasible ever apart through a restart, and reports each new best since the restart', () => {
    const population = new Population();
    expect(population.add(individual(a, 100, 1))).toBe(false);
    expect(population.add(individual(a, 100))).toBe(true);
    expect(population.add(individual(nearA, 120))).toBe(false);
    const best = individual(farFromA, 90);
    expect(population.add(best)).toBe(true);
    population.restart();
    expect(population.size).toBe(0);
    expect(population.bestFeasible).toBe(best);
    expect(population.add(individual(a, 95))).toBe(true);
    expect(population.bestFeasible).toBe(best);
  });
});

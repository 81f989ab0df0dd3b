// The hybrid genetic search's main loop (Vidal et al. 2013; Vidal 2022's HGS-CVRP; Kool et al. 2022's
// HGS-TW): two different parents by binary tournament, ordered crossover of their giant tours, split into routes,
// educated by the local search, inserted in the population; an infeasible offspring half the time
// repaired by educating it again under ten-fold penalties. The penalties adapt as the search goes,
// and after `restartIterations` without a new best feasible plan the population starts afresh, the
// best ever kept apart.
//
// Everything random comes from one seeded generator, in an order that never depends on the clock:
// for a seed, a run is a prefix of any longer run (the clock and shouldStop only decide where the
// sequence stops), so more iterations never return a worse plan.
import { createRandom, type Random } from '../random.ts';
import type { Educate } from './educate.ts';
import { makeIndividual, type Individual } from './individual.ts';
import { orderedCrossover } from './ordered-crossover.ts';
import { defaultPenaltyParameters, initialPenalties, PenaltyManager, type PenaltyParameters } from './penalty-manager.ts';
import { defaultPopulationParameters, Population, type PopulationParameters } from './population.ts';
import { Splitter } from './split.ts';
import type { VrptwInstance } from './vrptw-instance.ts';

export type SolveVrptwOptions = {
  educate: Educate;
  seed?: number;
  timeLimitSeconds?: number;
  iterationLimit?: number;
  shouldStop?: () => boolean;
  onProgress?: (p: { iteration: number; seconds: number; bestCost: number; feasible: boolean }) => void;
  /** Iterations without a new best feasible plan before a restart: 20,000 as HGS-CVRP; HGS-TW used
   * fewer for short time limits. */
  restartIterations?: number;
  population?: PopulationParameters;
  /** Random giant tours educated to start (and restart) the population: mu by default, as PyVRP.
   * HGS-CVRP's 4 x mu suits long runs; each costs a full local search from a random plan (10-20 ms
   * at 100 customers here), and on Solomon at 2 s 4 x mu left a third to a half of the time for the
   * genetic iterations (R101 +2.7 % against +0.6 % with mu, with the penalties of penalty-manager.ts). */
  initialPopulation?: number;
  penalties?: PenaltyParameters;
};

export type VrptwSolution = {
  /** Non-empty routes. */
  routes: number[][];
  distance: number;
  feasible: boolean;
  /** Genetic iterations (offspring) completed, the initial populations not counted. */
  iterations: number;
  bestFoundAtIteration: number;
  bestFoundAtSeconds: number;
  firstFeasibleSeconds: number | null;
};

/** Returns the best feasible plan found, or the least penalised (under the final penalties) if none. */
export function solveVrptw(instance: VrptwInstance, options: SolveVrptwOptions): VrptwSolution {
  const { educate, timeLimitSeconds, iterationLimit, shouldStop, onProgress } = options;
  if (timeLimitSeconds === undefined && iterationLimit === undefined && shouldStop === undefined) {
    throw new Error('solveVrptw: give a time limit, an iteration limit or shouldStop');
  }
  const began = performance.now();
  const seconds = (): number => (performance.now() - began) / 1000;
  if (instance.customers === 0) {
    return { routes: [], distance: 0, feasible: true, iterations: 0, bestFoundAtIteration: 0, bestFoundAtSeconds: 0, firstFeasibleSeconds: 0 };
  }
  const random = createRandom(options.seed ?? 1);
  const populationParameters = options.population ?? defaultPopulationParameters;
  const penaltyParameters = options.penalties ?? defaultPenaltyParameters;
  const restartIterations = options.restartIterations ?? 20000;
  const population = new Population(populationParameters);
  const splitter = new Splitter(instance);
  const penaltyManager = new PenaltyManager(initialPenalties(instance, penaltyParameters), penaltyParameters);

  let iterations = 0;
  let bestFoundAtIteration = 0;
  let bestFoundAtSeconds = 0;
  let firstFeasibleSeconds: number | null = null;
  let bestEver: Individual | null = null;

  const outOfTime = (): boolean => (timeLimitSeconds !== undefined && seconds() >= timeLimitSeconds) || (shouldStop?.() ?? false);

  /** Splits, educates and inserts one giant tour (repairing it half the time when infeasible); true
   * when it gave a new best feasible plan since the last restart. */
  const generate = (tour: number[]): boolean => {
    const penalties = penaltyManager.penalties;
    const educated = makeIndividual(instance, educate(splitter.run(tour, penalties).routes, penalties), penalties);
    let improved = population.add(educated);
    if (!educated.feasible && random() < 0.5) {
      const repaired = makeIndividual(instance, educate(educated.routes.map((r) => [...r]), penaltyManager.boosted()), penalties);
      if (repaired.feasible) improved = population.add(repaired) || improved;
    }
    if (penaltyManager.record(educated)) population.reprice(penaltyManager.penalties);
    if (population.bestFeasible !== bestEver) {
      bestEver = population.bestFeasible;
      bestFoundAtIteration = iterations;
      bestFoundAtSeconds = seconds();
      firstFeasibleSeconds ??= bestFoundAtSeconds;
      onProgress?.({ iteration: iterations, seconds: bestFoundAtSeconds, bestCost: bestEver!.distance, feasible: true });
    }
    return improved;
  };

  /** Random giant tours (mu unless told); stops early only on the clock, and never before one individual exists. */
  const initialPopulation = (): void => {
    const size = options.initialPopulation ?? populationParameters.minimumSize;
    for (let i = 0; i < size || population.size === 0; i++) {
      if (population.size > 0 && outOfTime()) return;
      generate(randomTour(instance.customers, random));
    }
  };

  initialPopulation();
  let sinceImprovement = 0;
  while (!(iterationLimit !== undefined && iterations >= iterationLimit) && !outOfTime()) {
    const [a, b] = population.selectParents(random);
    const child = orderedCrossover(a.giantTour, b.giantTour, random);
    iterations++;
    sinceImprovement = generate(child) ? 0 : sinceImprovement + 1;
    if (sinceImprovement >= restartIterations) {
      population.restart();
      sinceImprovement = 0;
      initialPopulation();
    }
    if (onProgress !== undefined && iterations % 1000 === 0) {
      const best = bestEver ?? leastPenalised(population);
      onProgress({ iteration: iterations, seconds: seconds(), bestCost: best.feasible ? best.distance : best.penalisedCost, feasible: best.feasible });
    }
  }

  const best: Individual = bestEver ?? leastPenalised(population);
  return {
    routes: best.routes.map((r) => [...r]),
    distance: best.distance,
    feasible: best.feasible,
    iterations,
    bestFoundAtIteration,
    bestFoundAtSeconds,
    firstFeasibleSeconds,
  };
}

function leastPenalised(population: Population): Individual {
  const first = population.infeasible[0] ?? population.feasible[0];
  if (first === undefined) throw new Error('solveVrptw: an empty population');
  const feasible = population.feasible[0];
  return feasible !== undefined && feasible.individual.penalisedCost <= first.individual.penalisedCost ? feasible.individual : first.individual;
}

function randomTour(n: number, random: Random): number[] {
  const tour = Array.from({ length: n }, (_, i) => i + 1);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = tour[i]!;
    tour[i] = tour[j]!;
    tour[j] = t;
  }
  return tour;
}

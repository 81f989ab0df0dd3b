// One member of the HGS population: its routes, the giant tour they make, their costs, and each
// customer's neighbours for the broken-pairs distance that drives the diversity management.
import { evaluateRoute } from './evaluate-route.ts';
import type { Penalties, VrptwInstance } from './vrptw-instance.ts';

export type Individual = {
  /** Non-empty routes only. */
  routes: number[][];
  /** The routes concatenated: what crossover and split work on. */
  giantTour: number[];
  distance: number;
  timeWarp: number;
  excessLoad: number;
  /** Under the penalties last given (the population re-prices its infeasible members when they change). */
  penalisedCost: number;
  feasible: boolean;
  /** predecessor[c], successor[c] for customer c (0 the depot); index 0 unused. */
  predecessor: Int32Array;
  successor: Int32Array;
};

export function makeIndividual(instance: VrptwInstance, routes: readonly (readonly number[])[], penalties: Penalties): Individual {
  const kept = routes.filter((r) => r.length > 0).map((r) => [...r]);
  const predecessor = new Int32Array(instance.customers + 1);
  const successor = new Int32Array(instance.customers + 1);
  let distance = 0;
  let timeWarp = 0;
  let excessLoad = 0;
  // Every customer exactly once: the local search is someone else's code, and a lost customer would
  // otherwise surface much later as a plan that looks cheap.
  let placed = 0;
  for (const route of kept) {
    for (const c of route) {
      if (!(c >= 1 && c <= instance.customers) || successor[c] !== 0 || predecessor[c] !== 0) throw new Error(`individual: customer ${c} out of range or placed twice`);
      successor[c] = -1;
      placed++;
    }
  }
  if (placed !== instance.customers) throw new Error(`individual: ${instance.customers - placed} customers missing`);
  for (const route of kept) {
    const e = evaluateRoute(instance, route, penalties);
    distance += e.distance;
    timeWarp += e.timeWarp;
    excessLoad += e.excessLoad;
    for (let i = 0; i < route.length; i++) {
      predecessor[route[i]!] = i === 0 ? 0 : route[i - 1]!;
      successor[route[i]!] = i === route.length - 1 ? 0 : route[i + 1]!;
    }
  }
  const individual: Individual = {
    routes: kept,
    giantTour: kept.flat(),
    distance,
    timeWarp,
    excessLoad,
    penalisedCost: 0,
    feasible: timeWarp < 1e-9 && excessLoad < 1e-9,
    predecessor,
    successor,
  };
  reprice(individual, penalties);
  return individual;
}

export function reprice(individual: Individual, penalties: Penalties): void {
  individual.penalisedCost = individual.distance + penalties.capacity * individual.excessLoad + penalties.timeWarp * individual.timeWarp;
}

/** The share of customers whose neighbourhood differs, as HGS-CVRP's brokenPairsDistance: a customer
 * counts when its successor in `a` is neither its successor nor its predecessor in `b` (so a reversed
 * route is no different), and once more when it starts a route in `a` but is inside a route in `b`. */
export function brokenPairsDistance(a: Individual, b: Individual): number {
  const n = a.successor.length - 1;
  if (n === 0) return 0;
  let differences = 0;
  for (let c = 1; c <= n; c++) {
    if (a.successor[c] !== b.successor[c] && a.successor[c] !== b.predecessor[c]) differences++;
    if (a.predecessor[c] === 0 && b.predecessor[c] !== 0 && b.successor[c] !== 0) differences++;
  }
  return differences / n;
}

// Test stand-ins for the HGS genetic part: a slow but plainly correct "local search" (first-improvement
// relocate, every move priced by evaluateRoute) and the brute-force optimum of a tiny instance.
import type { Educate } from './educate.ts';
import { evaluateRoute } from './evaluate-route.ts';
import type { Penalties, VrptwInstance } from './vrptw-instance.ts';

/** Relocate each customer to any position of any route (an empty one included) while that lowers the penalised cost. */
export function relocateEducate(instance: VrptwInstance): Educate {
  return (input: number[][], penalties: Penalties): number[][] => {
    const routes = input.map((r) => [...r]);
    while (routes.length < instance.vehicles) routes.push([]);
    const cost = routes.map((r) => evaluateRoute(instance, r, penalties).penalisedCost);
    let improved = true;
    while (improved) {
      improved = false;
      for (let from = 0; from < routes.length && !improved; from++) {
        for (let p = 0; p < routes[from]!.length && !improved; p++) {
          const shortened = routes[from]!.filter((_, q) => q !== p);
          const customer = routes[from]![p]!;
          const shortenedCost = evaluateRoute(instance, shortened, penalties).penalisedCost;
          for (let to = 0; to < routes.length && !improved; to++) {
            const target = to === from ? shortened : routes[to]!;
            for (let q = 0; q <= target.length && !improved; q++) {
              if (to === from && q === p) continue;
              const extended = [...target.slice(0, q), customer, ...target.slice(q)];
              const extendedCost = evaluateRoute(instance, extended, penalties).penalisedCost;
              const delta = to === from ? extendedCost - cost[from]! : shortenedCost + extendedCost - cost[from]! - cost[to]!;
              if (delta < -1e-9) {
                if (to !== from) {
                  routes[from] = shortened;
                  cost[from] = shortenedCost;
                }
                routes[to] = extended;
                cost[to] = extendedCost;
                improved = true;
              }
            }
          }
        }
      }
    }
    return routes;
  };
}

export function permutations(items: readonly number[]): number[][] {
  if (items.length <= 1) return [[...items]];
  const all: number[][] = [];
  items.forEach((first, i) => {
    for (const rest of permutations(items.filter((_, j) => j !== i))) all.push([first, ...rest]);
  });
  return all;
}

/** Every way to cut `tour` into at most `maxRoutes` non-empty consecutive pieces. */
export function cuttings(tour: readonly number[], maxRoutes: number): number[][][] {
  const n = tour.length;
  const all: number[][][] = [];
  for (let mask = 0; mask < 1 << Math.max(0, n - 1); mask++) {
    const routes: number[][] = [];
    let start = 0;
    for (let i = 1; i <= n; i++) {
      if (i === n || mask & (1 << (i - 1))) {
        routes.push(tour.slice(start, i));
        start = i;
      }
    }
    if (routes.length <= maxRoutes) all.push(routes);
  }
  return all;
}

/** The least distance of a feasible plan over every ordered partition (null if none is feasible). */
export function bruteForceOptimum(instance: VrptwInstance): { distance: number; routes: number[][] } | null {
  const customers = Array.from({ length: instance.customers }, (_, i) => i + 1);
  const free = { capacity: 0, timeWarp: 0 };
  let best: { distance: number; routes: number[][] } | null = null;
  for (const tour of permutations(customers)) {
    for (const routes of cuttings(tour, instance.vehicles)) {
      let distance = 0;
      let feasible = true;
      for (const r of routes) {
        const e = evaluateRoute(instance, r, free);
        if (e.timeWarp > 1e-9 || e.excessLoad > 1e-9) {
          feasible = false;
          break;
        }
        distance += e.distance;
      }
      if (feasible && (best === null || distance < best.distance - 1e-9)) best = { distance, routes };
    }
  }
  return best;
}

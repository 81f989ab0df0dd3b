// The reference evaluation of one route by simulation (Vidal et al. 2013, time warp): leave the
// depot at its ready time, drive, wait for a window to open; arriving after a window closes costs the
// minutes late as time warp and the clock goes back to the window's end. Deliberately plain: the
// segment concatenation and every operator are tested against it on small routes.
import type { Penalties, VrptwInstance } from './vrptw-instance.ts';

export type RouteEvaluation = {
  distance: number;
  /** Total minutes of time warp, the depot's return included. */
  timeWarp: number;
  load: number;
  /** Load above capacity (0 if within). */
  excessLoad: number;
  /** distance + penalties.capacity * excessLoad + penalties.timeWarp * timeWarp. */
  penalisedCost: number;
};

/** `route` lists customers (1..n) in visiting order, without the depot; an empty route costs nothing. */
export function evaluateRoute(instance: VrptwInstance, route: readonly number[], penalties: Penalties): RouteEvaluation {
  if (route.length === 0) return { distance: 0, timeWarp: 0, load: 0, excessLoad: 0, penalisedCost: 0 };
  const size = instance.customers + 1;
  let distance = 0;
  let timeWarp = 0;
  let load = 0;
  let previous = 0;
  let time = instance.ready[0]!;
  for (const node of [...route, 0]) {
    distance += instance.distance[previous * size + node]!;
    time += instance.service[previous]! + instance.duration[previous * size + node]!;
    if (time < instance.ready[node]!) time = instance.ready[node]!;
    if (time > instance.due[node]!) {
      timeWarp += time - instance.due[node]!;
      time = instance.due[node]!;
    }
    load += instance.demand[node]!;
    previous = node;
  }
  const excessLoad = Math.max(0, load - instance.capacity);
  return { distance, timeWarp, load, excessLoad, penalisedCost: distance + penalties.capacity * excessLoad + penalties.timeWarp * timeWarp };
}

/** Every route's evaluation summed; feasible when no time warp and no excess load remain. */
export function evaluateRoutes(instance: VrptwInstance, routes: readonly (readonly number[])[], penalties: Penalties): RouteEvaluation & { feasible: boolean } {
  const total = { distance: 0, timeWarp: 0, load: 0, excessLoad: 0, penalisedCost: 0 };
  for (const route of routes) {
    const e = evaluateRoute(instance, route, penalties);
    total.distance += e.distance;
    total.timeWarp += e.timeWarp;
    total.load += e.load;
    total.excessLoad += e.excessLoad;
    total.penalisedCost += e.penalisedCost;
  }
  return { ...total, feasible: total.timeWarp < 1e-9 && total.excessLoad < 1e-9 };
}

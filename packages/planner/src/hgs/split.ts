// Split (Prins 2004; Vidal 2016 for the limited fleet): the optimal cutting of a giant tour into
// routes, by dynamic programming over cut points. The cost of a route i+1..j is extended one customer
// at a time forward from i (the time-warp simulation only runs forward), exactly as evaluateRoute.
//
// Bound: a route stops growing once its load exceeds `maxLoadFactor` x capacity (1.5 by default, as
// HGS-CVRP does), single customers always allowed. Without it each split is O(n^2) route extensions
// (10^6 at 1000 customers, and times the fleet size for the limited-fleet split); with it O(n x L)
// where L is the customers one overloaded route can hold. A route that heavy is never worth its
// penalty once the penalties have adapted. If the bound leaves the limited fleet no split at all,
// it is lifted for that split.
import type { Penalties, VrptwInstance } from './vrptw-instance.ts';

export type SplitOptions = { maxLoadFactor?: number };

export type SplitResult = { routes: number[][]; penalisedCost: number };

/** Cuts `tour` (every customer once) into at most instance.vehicles non-empty routes of least penalised cost. */
export function split(instance: VrptwInstance, tour: readonly number[], penalties: Penalties, options: SplitOptions = {}): SplitResult {
  const factor = options.maxLoadFactor ?? 1.5;
  const costs = routeCosts(instance, tour, penalties, factor * instance.capacity);
  const unlimited = splitUnlimited(tour.length, costs);
  if (unlimited.routes <= instance.vehicles) return { routes: routesFromCuts(tour, unlimited.cuts), penalisedCost: unlimited.cost };
  let limited = splitLimited(tour.length, instance.vehicles, costs);
  if (limited === null) limited = splitLimited(tour.length, instance.vehicles, routeCosts(instance, tour, penalties, Infinity));
  if (limited === null) throw new Error('split: no cutting into the fleet (a tour longer than it can hold even unbounded?)');
  return { routes: routesFromCuts(tour, limited.cuts), penalisedCost: limited.cost };
}

/** Route costs for every start i (the route begins after position i) and every end j allowed by the
 * bound: costs.value[costs.offset[i] + (j - i - 1)], j = i+1 .. costs.last[i]. */
type RouteCosts = { offset: Int32Array; last: Int32Array; value: Float64Array };

function routeCosts(instance: VrptwInstance, tour: readonly number[], penalties: Penalties, maxLoad: number): RouteCosts {
  const n = tour.length;
  const size = instance.customers + 1;
  const { distance: dist, duration, service, ready, due, demand } = instance;
  const offset = new Int32Array(n + 1);
  const last = new Int32Array(n);
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    offset[i] = values.length;
    let distance = 0;
    let timeWarp = 0;
    let load = 0;
    let previous = 0;
    let time = ready[0]!;
    let j = i;
    while (j < n) {
      const node = tour[j]!;
      const nextLoad = load + demand[node]!;
      if (j > i && nextLoad > maxLoad) break;
      load = nextLoad;
      distance += dist[previous * size + node]!;
      time += service[previous]! + duration[previous * size + node]!;
      if (time < ready[node]!) time = ready[node]!;
      if (time > due[node]!) {
        timeWarp += time - due[node]!;
        time = due[node]!;
      }
      previous = node;
      j++;
      // Closing the route at the depot, without touching the running state.
      const back = time + service[node]! + duration[node * size]!;
      const returnWarp = back > due[0]! ? back - due[0]! : 0;
      const excess = load > instance.capacity ? load - instance.capacity : 0;
      values.push(distance + dist[node * size]! + penalties.capacity * excess + penalties.timeWarp * (timeWarp + returnWarp));
    }
    last[i] = j;
  }
  offset[n] = values.length;
  return { offset, last, value: Float64Array.from(values) };
}

function splitUnlimited(n: number, costs: RouteCosts): { cuts: Int32Array; cost: number; routes: number } {
  const best = new Float64Array(n + 1).fill(Infinity);
  const cuts = new Int32Array(n + 1);
  best[0] = 0;
  for (let i = 0; i < n; i++) {
    const base = best[i]!;
    const o = costs.offset[i]! - i - 1;
    for (let j = i + 1; j <= costs.last[i]!; j++) {
      const c = base + costs.value[o + j]!;
      if (c < best[j]!) {
        best[j] = c;
        cuts[j] = i;
      }
    }
  }
  let routes = 0;
  for (let j = n; j > 0; j = cuts[j]!) routes++;
  return { cuts, cost: best[n]!, routes };
}

/** best[k][j]: the first j customers in exactly k routes; the answer the least over k <= vehicles. */
function splitLimited(n: number, vehicles: number, costs: RouteCosts): { cuts: Int32Array; cost: number } | null {
  const m = Math.min(vehicles, n);
  const best = new Float64Array((m + 1) * (n + 1)).fill(Infinity);
  const from = new Int32Array((m + 1) * (n + 1));
  best[0] = 0;
  for (let k = 1; k <= m; k++) {
    const row = k * (n + 1);
    const previousRow = (k - 1) * (n + 1);
    for (let i = k - 1; i < n; i++) {
      const base = best[previousRow + i]!;
      if (base === Infinity) continue;
      const o = costs.offset[i]! - i - 1;
      for (let j = i + 1; j <= costs.last[i]!; j++) {
        const c = base + costs.value[o + j]!;
        if (c < best[row + j]!) {
          best[row + j] = c;
          from[row + j] = i;
        }
      }
    }
  }
  let bestK = -1;
  let cost = Infinity;
  for (let k = 1; k <= m; k++) {
    if (best[k * (n + 1) + n]! < cost) {
      cost = best[k * (n + 1) + n]!;
      bestK = k;
    }
  }
  if (bestK < 0) return n === 0 ? { cuts: new Int32Array(1), cost: 0 } : null;
  // Walk back through the rows to one cut array in the unlimited layout (cuts[j] = start of j's route).
  const cuts = new Int32Array(n + 1);
  for (let k = bestK, j = n; k > 0; k--) {
    const i = from[k * (n + 1) + j]!;
    cuts[j] = i;
    j = i;
  }
  return { cuts, cost };
}

function routesFromCuts(tour: readonly number[], cuts: Int32Array): number[][] {
  const routes: number[][] = [];
  for (let j = tour.length; j > 0; j = cuts[j]!) routes.push(tour.slice(cuts[j]!, j));
  return routes.reverse();
}

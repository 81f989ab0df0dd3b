// Split (Prins 2004; Vidal 2016 for the limited fleet): the optimal cutting of a giant tour into
// routes, by dynamic programming over cut points. The cost of a route i+1..j is extended one customer
// at a time forward from i (the time-warp simulation only runs forward), exactly as evaluateRoute.
//
// Bound: a route stops growing once its load exceeds `maxLoadFactor` x capacity (1.5 by default, as
// HGS-CVRP does), single customers always allowed. Without it each split is O(n^2) route extensions
// (10^6 at 1000 customers, and times the fleet size for the limited-fleet split); with it O(n x L)
// where L is the customers one overloaded route can hold. A route that heavy is never worth its
// penalty once the penalties have adapted. If the bound leaves the limited fleet no split at all,
// it is doubled for that split until one exists.
import type { Penalties, VrptwInstance } from './vrptw-instance.ts';

export type SplitOptions = { maxLoadFactor?: number };

export type SplitResult = { routes: number[][]; penalisedCost: number };

/** Cuts `tour` (every customer once) into at most instance.vehicles non-empty routes of least penalised cost. */
export function split(instance: VrptwInstance, tour: readonly number[], penalties: Penalties, options: SplitOptions = {}): SplitResult {
  return new Splitter(instance, options).run(tour, penalties);
}

/** Split with its buffers kept between calls: the genetic loop splits once per offspring, and at
 * 1000 customers the limited-fleet table alone is (vehicles + 1) x 1001 doubles. */
export class Splitter {
  private readonly instance: VrptwInstance;
  private readonly maxLoadFactor: number;
  /** Route costs for every start i (the route begins after position i) and every end j allowed by
   * the bound: value[offset[i] + (j - i - 1)], j = i+1 .. last[i]. */
  private offset: Int32Array;
  private last: Int32Array;
  private value = new Float64Array(1024);
  private best: Float64Array;
  private from: Int32Array;
  private cuts: Int32Array;

  constructor(instance: VrptwInstance, options: SplitOptions = {}) {
    this.instance = instance;
    this.maxLoadFactor = options.maxLoadFactor ?? 1.5;
    const n = instance.customers;
    this.offset = new Int32Array(n + 1);
    this.last = new Int32Array(n);
    this.best = new Float64Array(n + 1);
    this.from = new Int32Array(n + 1);
    this.cuts = new Int32Array(n + 1);
  }

  run(tour: readonly number[], penalties: Penalties): SplitResult {
    const n = tour.length;
    if (n > this.instance.customers) throw new Error('split: a tour longer than the instance');
    const vehicles = this.instance.vehicles;
    this.routeCosts(tour, penalties, this.maxLoadFactor * this.instance.capacity);
    const unlimited = this.splitUnlimited(n);
    if (unlimited.routes <= vehicles) return { routes: this.routesFromCuts(tour), penalisedCost: unlimited.cost };
    let cost = this.splitLimited(n, vehicles);
    // Too few vehicles for the tour within the bound: double the bound until a cutting exists (it
    // does once one route may carry the whole tour). Lifting it outright would make this split
    // O(vehicles x n^2), a tenth of a second at 1000 customers.
    let totalLoad = 0;
    for (const c of tour) totalLoad += this.instance.demand[c]!;
    for (let factor = this.maxLoadFactor * 2; cost === null; factor *= 2) {
      const maxLoad = this.instance.capacity > 0 && factor * this.instance.capacity < totalLoad ? factor * this.instance.capacity : Infinity;
      this.routeCosts(tour, penalties, maxLoad);
      cost = this.splitLimited(n, vehicles);
      if (cost === null && maxLoad === Infinity) throw new Error('split: no cutting into the fleet');
    }
    return { routes: this.routesFromCuts(tour), penalisedCost: cost };
  }

  private routeCosts(tour: readonly number[], penalties: Penalties, maxLoad: number): void {
    const n = tour.length;
    const instance = this.instance;
    const size = instance.customers + 1;
    const { distance: dist, duration, service, ready, due, demand, capacity } = instance;
    let count = 0;
    for (let i = 0; i < n; i++) {
      this.offset[i] = count;
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
        const excess = load > capacity ? load - capacity : 0;
        if (count === this.value.length) {
          const grown = new Float64Array(this.value.length * 2);
          grown.set(this.value);
          this.value = grown;
        }
        this.value[count++] = distance + dist[node * size]! + penalties.capacity * excess + penalties.timeWarp * (timeWarp + returnWarp);
      }
      this.last[i] = j;
    }
    this.offset[n] = count;
  }

  /** Bellman over cut points: best[j], the first j customers in any number of routes. */
  private splitUnlimited(n: number): { cost: number; routes: number } {
    const { best, cuts, offset, last, value } = this;
    best.fill(Infinity, 0, n + 1);
    best[0] = 0;
    for (let i = 0; i < n; i++) {
      const base = best[i]!;
      const o = offset[i]! - i - 1;
      for (let j = i + 1; j <= last[i]!; j++) {
        const c = base + value[o + j]!;
        if (c < best[j]!) {
          best[j] = c;
          cuts[j] = i;
        }
      }
    }
    let routes = 0;
    for (let j = n; j > 0; j = cuts[j]!) routes++;
    return { cost: best[n]!, routes };
  }

  /** table[k][j]: the first j customers in exactly k routes; the answer the least over k <= vehicles.
   * Leaves the chosen cutting in `cuts`; null when the bound leaves no cutting. */
  private splitLimited(n: number, vehicles: number): number | null {
    const m = Math.min(vehicles, n);
    const cells = (m + 1) * (n + 1);
    if (this.best.length < cells) {
      this.best = new Float64Array(cells);
      this.from = new Int32Array(cells);
    }
    const { best, from, offset, last, value } = this;
    best.fill(Infinity, 0, cells);
    best[0] = 0;
    for (let k = 1; k <= m; k++) {
      const row = k * (n + 1);
      const previousRow = (k - 1) * (n + 1);
      for (let i = k - 1; i < n; i++) {
        const base = best[previousRow + i]!;
        if (base === Infinity) continue;
        const o = offset[i]! - i - 1;
        for (let j = i + 1; j <= last[i]!; j++) {
          const c = base + value[o + j]!;
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
    if (n === 0) return 0;
    if (bestK < 0) return null;
    // Walk back through the rows into `cuts` (cuts[j] = where j's route starts), as the unlimited split leaves it.
    for (let k = bestK, j = n; k > 0; k--) {
      const i = from[k * (n + 1) + j]!;
      this.cuts[j] = i;
      j = i;
    }
    return cost;
  }

  private routesFromCuts(tour: readonly number[]): number[][] {
    const routes: number[][] = [];
    for (let j = tour.length; j > 0; j = this.cuts[j]!) routes.push(tour.slice(this.cuts[j]!, j));
    return routes.reverse();
  }
}

// The granular local search of HGS (Vidal et al. 2013; Vidal 2022): for each customer U in random
// order and each of its `granularity` closest customers V, try RELOCATE of U or of U and its
// successor after V, SWAP 1-1, 2-1 and 2-2, 2-OPT within a route and 2-OPT* between two, also with V
// the start depot of V's route and with an empty route; apply the first improving move. When no
// such move improves, try SWAP* between routes that are close, and start again while anything
// improves. A pair (U, V) is re-examined only when one of their routes changed since U was last
// examined, so the passes after the first are cheap.
import type { Random } from '../random.ts';
import { applyRelocate, evaluateRelocate } from './relocate.ts';
import type { SearchRoute } from './search-route.ts';
import { SearchSolution } from './search-solution.ts';
import { SwapStar } from './swap-star.ts';
import { applySwap, evaluateSwap } from './swap.ts';
import { applyTwoOptStar, evaluateTwoOptStar } from './two-opt-star.ts';
import { applyTwoOpt, evaluateTwoOpt } from './two-opt.ts';
import type { Penalties, VrptwInstance } from './vrptw-instance.ts';

/** A move must gain more than this to be applied (rounding would otherwise let the search cycle). */
const epsilon = 1e-7;
/** Weights of the waiting and the time warp a pair's windows imply, in their correlation (Vidal 2013). */
const waitWeight = 0.2;
const timeWarpWeight = 1;
/**
 * How close a customer of one route must be to a customer of another for SWAP* to try the pair: one
 * of its 5 closest. HGS tries routes whose polar sectors overlap; without coordinates, closeness
 * stands in for that. With the whole granular list (40) nearly every pair qualified and SWAP* took a
 * third of a run; with 3, 5 or 10 the runs from random and from perturbed local optima on R101,
 * RC101, C101, R201 and a random instance ended at exactly the same mean cost as with 40, a quarter
 * faster.
 */
const defaultSwapStarNeighbours = 5;

export class LocalSearch {
  private readonly instance: VrptwInstance;
  private readonly random: Random;
  private readonly solution: SearchSolution;
  private readonly swapStar: SwapStar;
  /** Each customer's closest others, `neighbourCount` of them per customer, flat: closest first, and the same lists shuffled for each run. */
  private readonly closest: Int32Array;
  private readonly neighbours: Int32Array;
  private readonly neighbourCount: number;
  /** SWAP* tries two routes when a customer of one has one of its `swapStarNeighbours` closest in the other. */
  private readonly swapStarNeighbours: number;
  private readonly order: Int32Array;
  /** solution.moves when each customer was last examined, and each pair of routes last tried by SWAP*. */
  private readonly examinedAt: Float64Array;
  private readonly pairTriedAt: Float64Array;
  private readonly routePairs: Uint8Array;

  constructor(instance: VrptwInstance, options: { random: Random; granularity?: number; swapStarNeighbours?: number }) {
    this.instance = instance;
    this.random = options.random;
    this.solution = new SearchSolution(instance);
    this.swapStar = new SwapStar(this.solution);
    const n = instance.customers;
    this.neighbourCount = Math.max(0, Math.min(options.granularity ?? 40, n - 1));
    this.closest = correlatedNeighbours(instance, this.neighbourCount);
    this.neighbours = this.closest.slice();
    this.swapStarNeighbours = Math.min(options.swapStarNeighbours ?? defaultSwapStarNeighbours, this.neighbourCount);
    this.order = Int32Array.from({ length: n }, (_, i) => i + 1);
    this.examinedAt = new Float64Array(n + 1);
    this.pairTriedAt = new Float64Array(instance.vehicles * instance.vehicles);
    this.routePairs = new Uint8Array(instance.vehicles * instance.vehicles);
  }

  /**
   * Improves `routes` (customers 1..n, every customer exactly once; routes.length <= instance.vehicles,
   * empty routes allowed) to a local optimum of the penalised cost; returns exactly instance.vehicles
   * routes (some empty). Deterministic for the Random's seed.
   */
  run(routes: number[][], penalties: Penalties): number[][] {
    this.solution.load(routes, penalties);
    this.swapStar.reset();
    this.examinedAt.fill(-1);
    this.pairTriedAt.fill(-1);
    shuffle(this.order, 0, this.order.length, this.random);
    for (let node = 1; node <= this.instance.customers; node++) shuffle(this.neighbours, node * this.neighbourCount, this.neighbourCount, this.random);
    do this.improveWithNeighbours();
    while (this.improveWithSwapStar());
    return this.solution.toRoutes();
  }

  private improveWithNeighbours(): void {
    const { solution, neighbours, neighbourCount } = this;
    const { routes, routeOf, positionOf } = solution;
    let improved = true;
    while (improved) {
      improved = false;
      for (let i = 0; i < this.order.length; i++) {
        const u = this.order[i]!;
        const examined = this.examinedAt[u]!;
        this.examinedAt[u] = solution.moves;
        for (let k = 0; k < neighbourCount; k++) {
          const v = neighbours[u * neighbourCount + k]!;
          const routeU = routes[routeOf[u]!]!;
          const routeV = routes[routeOf[v]!]!;
          if (routeU.modifiedAt <= examined && routeV.modifiedAt <= examined) continue;
          if (this.movesWith(routeU, positionOf[u]!, routeV, positionOf[v]!)) improved = true;
          else if (positionOf[v] === 1 && this.movesAfterDepot(routeU, positionOf[u]!, routeV)) improved = true;
        }
        const routeU = routes[routeOf[u]!]!;
        const empty = this.emptyRoute();
        if (empty !== undefined && (routeU.modifiedAt > examined || empty.modifiedAt > examined) && this.movesToEmpty(routeU, positionOf[u]!, empty)) improved = true;
      }
    }
  }

  /** U at position u of a, V at position v of b: the first improving move, applied. */
  private movesWith(a: SearchRoute, u: number, b: SearchRoute, v: number): boolean {
    const s = this.solution;
    const same = a === b;
    const hasX = u < a.size;
    const hasY = v < b.size;
    if (!(same && v === u - 1) && evaluateRelocate(s, a, u, 1, b, v, -epsilon)) return applied(applyRelocate(s, a, u, 1, b, v));
    if (hasX && !(same && v >= u - 1 && v <= u + 1) && evaluateRelocate(s, a, u, 2, b, v, -epsilon)) return applied(applyRelocate(s, a, u, 2, b, v));
    if (evaluateSwap(s, a, u, 1, b, v, 1, -epsilon)) return applied(applySwap(s, a, u, 1, b, v, 1));
    if (hasX && !(same && v === u + 1) && evaluateSwap(s, a, u, 2, b, v, 1, -epsilon)) return applied(applySwap(s, a, u, 2, b, v, 1));
    if (hasX && hasY && !(same && Math.abs(u - v) < 2) && evaluateSwap(s, a, u, 2, b, v, 2, -epsilon)) return applied(applySwap(s, a, u, 2, b, v, 2));
    if (same) {
      if (u + 1 < v && evaluateTwoOpt(s, a, u + 1, v, -epsilon)) return applied(applyTwoOpt(s, a, u + 1, v));
    } else if (evaluateTwoOptStar(s, a, u, b, v, -epsilon)) return applied(applyTwoOptStar(s, a, u, b, v));
    return false;
  }

  /** V is the first customer of b: the moves with b's start depot in V's role. */
  private movesAfterDepot(a: SearchRoute, u: number, b: SearchRoute): boolean {
    const s = this.solution;
    const same = a === b;
    if (!(same && u === 1) && evaluateRelocate(s, a, u, 1, b, 0, -epsilon)) return applied(applyRelocate(s, a, u, 1, b, 0));
    if (u < a.size && !(same && u === 1) && evaluateRelocate(s, a, u, 2, b, 0, -epsilon)) return applied(applyRelocate(s, a, u, 2, b, 0));
    if (!same && evaluateTwoOptStar(s, a, u, b, 0, -epsilon)) return applied(applyTwoOptStar(s, a, u, b, 0));
    return false;
  }

  private movesToEmpty(a: SearchRoute, u: number, empty: SearchRoute): boolean {
    const s = this.solution;
    if (evaluateRelocate(s, a, u, 1, empty, 0, -epsilon)) return applied(applyRelocate(s, a, u, 1, empty, 0));
    if (u < a.size && evaluateRelocate(s, a, u, 2, empty, 0, -epsilon)) return applied(applyRelocate(s, a, u, 2, empty, 0));
    if (evaluateTwoOptStar(s, a, u, empty, 0, -epsilon)) return applied(applyTwoOptStar(s, a, u, empty, 0));
    return false;
  }

  private emptyRoute(): SearchRoute | undefined {
    for (const route of this.solution.routes) if (route.size === 0) return route;
    return undefined;
  }

  /** One pass of SWAP* over the pairs of routes where a customer of one has a neighbour in the other. */
  private improveWithSwapStar(): boolean {
    const { solution, closest, neighbourCount, swapStarNeighbours, routePairs } = this;
    const { routes, routeOf } = solution;
    const vehicles = routes.length;
    routePairs.fill(0);
    for (let u = 1; u <= this.instance.customers; u++) {
      const ru = routeOf[u]!;
      for (let k = 0; k < swapStarNeighbours; k++) {
        const rv = routeOf[closest[u * neighbourCount + k]!]!;
        routePairs[ru * vehicles + rv] = 1;
        routePairs[rv * vehicles + ru] = 1;
      }
    }
    let improved = false;
    for (let ra = 0; ra < vehicles; ra++) {
      for (let rb = ra + 1; rb < vehicles; rb++) {
        const a = routes[ra]!;
        const b = routes[rb]!;
        if (a.size === 0 || b.size === 0 || routePairs[ra * vehicles + rb] === 0) continue;
        const pair = ra * vehicles + rb;
        if (a.modifiedAt <= this.pairTriedAt[pair]! && b.modifiedAt <= this.pairTriedAt[pair]!) continue;
        this.pairTriedAt[pair] = solution.moves;
        if (this.swapStar.evaluate(a, b) < -epsilon) {
          this.swapStar.apply();
          improved = true;
        }
      }
    }
    return improved;
  }
}

function applied(_: void): true {
  return true;
}

/** For each customer, the `count` others closest by distance plus the waiting or time warp their windows imply in either order. */
function correlatedNeighbours(instance: VrptwInstance, count: number): Int32Array {
  const n = instance.customers;
  const width = n + 1;
  const { distance, duration, service, ready, due } = instance;
  const correlation = (i: number, j: number): number => {
    const travel = duration[i * width + j]!;
    const wait = Math.max(0, ready[j]! - (due[i]! + service[i]! + travel));
    const warp = Math.max(0, ready[i]! + service[i]! + travel - due[j]!);
    return distance[i * width + j]! + waitWeight * wait + timeWarpWeight * warp;
  };
  const neighbours = new Int32Array((n + 1) * count);
  const others: number[] = [];
  const score = new Float64Array(n + 1);
  for (let i = 1; i <= n; i++) {
    others.length = 0;
    for (let j = 1; j <= n; j++) {
      if (j === i) continue;
      score[j] = Math.min(correlation(i, j), correlation(j, i));
      others.push(j);
    }
    others.sort((x, y) => score[x]! - score[y]! || x - y);
    for (let k = 0; k < count; k++) neighbours[i * count + k] = others[k]!;
  }
  return neighbours;
}

/** Fisher-Yates over array[start .. start + length - 1]. */
function shuffle(array: Int32Array, start: number, length: number, random: Random): void {
  for (let i = length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = array[start + i]!;
    array[start + i] = array[start + j]!;
    array[start + j] = t;
  }
}

// The solution the local search works on: a fixed list of routes (one per vehicle, some empty),
// where each customer is (routeOf, positionOf), the penalties in force, and the scratch the
// operators assemble candidate routes in. Operators read routes through it and write a changed route
// back with `commit`, which keeps the customer index right.
import { RouteBuilder } from './route-builder.ts';
import { SearchRoute } from './search-route.ts';
import type { Penalties, VrptwInstance } from './vrptw-instance.ts';

export class SearchSolution {
  readonly instance: VrptwInstance;
  readonly routes: SearchRoute[];
  readonly routeOf: Int32Array;
  readonly positionOf: Int32Array;
  penalties: Penalties = { capacity: 0, timeWarp: 0 };
  /** Two builders, for moves that change two routes. */
  readonly first: RouteBuilder;
  readonly second: RouteBuilder;
  /** Two buffers of customers, for writing the routes a move makes. */
  readonly bufferA: Int32Array;
  readonly bufferB: Int32Array;
  /**
   * The change the last evaluation found. The operators' evaluate functions write it here and return
   * whether it is below their cutoff: V8 boxes a double returned from a call it does not inline, and
   * the search evaluates tens of thousands of moves per run.
   */
  readonly delta = new Float64Array(1);
  /** Moves applied so far; a route's modifiedAt is this counter when it last changed. */
  moves = 1;

  constructor(instance: VrptwInstance) {
    this.instance = instance;
    this.routes = Array.from({ length: instance.vehicles }, (_, r) => new SearchRoute(instance, r));
    this.routeOf = new Int32Array(instance.customers + 1).fill(-1);
    this.positionOf = new Int32Array(instance.customers + 1);
    this.first = new RouteBuilder(instance, this.routes);
    this.second = new RouteBuilder(instance, this.routes);
    this.bufferA = new Int32Array(instance.customers);
    this.bufferB = new Int32Array(instance.customers);
  }

  /** Loads `routes` (at most instance.vehicles of them; the rest start empty). */
  load(routes: readonly (readonly number[])[], penalties: Penalties): void {
    if (routes.length > this.routes.length) throw new Error(`${routes.length} routes for ${this.routes.length} vehicles`);
    this.penalties = penalties;
    this.routeOf.fill(-1);
    for (const route of this.routes) {
      const customers = routes[route.index] ?? [];
      for (const customer of customers) {
        // A caller's bug (a customer lost or copied by a crossover) would otherwise corrupt the search silently.
        if (!(customer >= 1 && customer <= this.instance.customers) || this.routeOf[customer] !== -1) throw new Error(`customer ${customer} is not a customer or appears twice`);
        this.routeOf[customer] = route.index;
      }
      route.setCustomers(customers, penalties);
      route.modifiedAt = this.moves;
      this.index(route);
    }
    for (let customer = 1; customer <= this.instance.customers; customer++) if (this.routeOf[customer] === -1) throw new Error(`customer ${customer} is in no route`);
  }

  /** What the penalties add to a route of this load and at least this time warp: with its distance, a lower bound on its cost. */
  penaltyFloor(load: number, timeWarp: number): number {
    return this.penalties.capacity * Math.max(0, load - this.instance.capacity) + this.penalties.timeWarp * timeWarp;
  }

  toRoutes(): number[][] {
    return this.routes.map((route) => route.customers());
  }

  penalisedCost(): number {
    let total = 0;
    for (const route of this.routes) total += route.penalisedCost;
    return total;
  }

  /** Makes `route` hold the first `count` customers of `buffer`. */
  commit(route: SearchRoute, buffer: Int32Array, count: number): void {
    route.setCustomers(buffer, this.penalties, count);
    route.modifiedAt = this.moves;
    this.index(route);
  }

  private index(route: SearchRoute): void {
    for (let p = 1; p <= route.size; p++) {
      const node = route.nodes[p]!;
      this.routeOf[node] = route.index;
      this.positionOf[node] = p;
    }
  }
}

/** Copies positions from..to of `route` into `buffer` from `at`, forwards; returns the next free index. */
export function writeForward(buffer: Int32Array, at: number, route: SearchRoute, from: number, to: number): number {
  for (let p = from; p <= to; p++) buffer[at++] = route.nodes[p]!;
  return at;
}

/** Copies positions to..from of `route` into `buffer` from `at`, backwards; returns the next free index. */
export function writeReversed(buffer: Int32Array, at: number, route: SearchRoute, from: number, to: number): number {
  for (let p = to; p >= from; p--) buffer[at++] = route.nodes[p]!;
  return at;
}

/** Writes the change when `first` holds the candidate for `route` (a lower bound instead if that already reaches `cutoff`); whether it is below `cutoff`. */
export function singleRoute(solution: SearchSolution, route: SearchRoute, cutoff: number): boolean {
  const { first, penalties } = solution;
  const bound = first.bound(penalties) - route.penalisedCost;
  return record(solution, bound >= cutoff ? bound : first.cost(penalties) - route.penalisedCost, cutoff);
}

/** Writes the change when `first` and `second` hold the candidates for `a` and `b` (a lower bound instead if that already reaches `cutoff`); whether it is below `cutoff`. */
export function twoRoutes(solution: SearchSolution, a: SearchRoute, b: SearchRoute, cutoff: number): boolean {
  const { first, second, penalties } = solution;
  const old = a.penalisedCost + b.penalisedCost;
  const bound = first.bound(penalties) + second.bound(penalties) - old;
  return record(solution, bound >= cutoff ? bound : first.cost(penalties) + second.cost(penalties) - old, cutoff);
}

/** Stores an evaluated change in solution.delta; whether it is below `cutoff`. */
export function record(solution: SearchSolution, delta: number, cutoff: number): boolean {
  solution.delta[0] = delta;
  return delta < cutoff;
}

// A candidate route assembled from pieces of the current ones (a prefix, single nodes, forward or
// reversed stretches, a suffix): every operator describes the routes a move would make this way and
// compares their penalised cost with the current ones. Distance and load are summed as pieces are
// added, O(1) each from the routes' cumulative arrays; the time warp, the costly part, is merged
// only when asked for, so `bound` (distance, load penalty and the time warp the prefix and suffix
// already carry: a lower bound on the cost) can reject most moves first. Prefixes and suffixes merge
// in O(1); stretches in the middle in O(their length).
// Reused, never allocated per move.
import { DurationSegment } from './duration-segment.ts';
import type { SearchRoute } from './search-route.ts';
import type { Penalties, VrptwInstance } from './vrptw-instance.ts';

const prefix = 0;
const single = 1;
const forward = 2;
const reversed = 3;
const suffix = 4;
const maxPieces = 8;

export class RouteBuilder {
  private readonly instance: VrptwInstance;
  private readonly width: number;
  private readonly segment = new DurationSegment(0, 0, 0, 0, 0, 0);
  private readonly kinds = new Int32Array(maxPieces);
  private readonly froms = new Int32Array(maxPieces);
  private readonly tos = new Int32Array(maxPieces);
  /** Index of each piece's route in `routes` (numbers, not references: no write barrier per piece). */
  private readonly pieceRoutes = new Int32Array(maxPieces);
  private readonly routes: readonly SearchRoute[];
  private pieces = 0;
  /** The last node so far (for the next piece's arc). */
  private last = 0;
  // Distance, load, and the time warp of the prefix and suffix pieces (merging only adds to it, so it
  // bounds the route's from below). In a typed array, not fields: V8 boxes a double stored in a field.
  private readonly sums = new Float64Array(3);
  /** Customers assembled so far (an empty route costs nothing). */
  customers = 0;
  /** How many candidates had their time windows merged: the costly step `bound` is there to spare (tests count it). */
  timeWarpMerges = 0;

  /** `routes`: the solution's routes, which every piece comes from. */
  constructor(instance: VrptwInstance, routes: readonly SearchRoute[]) {
    this.instance = instance;
    this.routes = routes;
    this.width = instance.customers + 1;
  }

  /** Starts with positions 0..p of `route` (p = 0: the start depot alone). */
  startPrefix(route: SearchRoute, p: number): this {
    this.pieces = 0;
    this.push(prefix, route.index, p, p);
    this.sums[0] = route.cumulativeDistance[p]!;
    this.sums[1] = route.cumulativeLoad[p]!;
    this.sums[2] = route.prefixTimeWarp[p]!;
    this.customers = p;
    this.last = route.nodes[p]!;
    return this;
  }

  appendNode(node: number): this {
    this.push(single, 0, node, node);
    this.sums[0] = this.sums[0]! + this.instance.distance[this.last * this.width + node]!;
    this.sums[1] = this.sums[1]! + this.instance.demand[node]!;
    this.customers++;
    this.last = node;
    return this;
  }

  /** Appends the customers at positions from..to of `route` in order (nothing if to < from). */
  appendForward(route: SearchRoute, from: number, to: number): this {
    if (to < from) return this;
    this.push(forward, route.index, from, to);
    this.sums[0] = this.sums[0]! + this.instance.distance[this.last * this.width + route.nodes[from]!]! + route.cumulativeDistance[to]! - route.cumulativeDistance[from]!;
    this.sums[1] = this.sums[1]! + route.cumulativeLoad[to]! - route.cumulativeLoad[from - 1]!;
    this.customers += to - from + 1;
    this.last = route.nodes[to]!;
    return this;
  }

  /** Appends the customers at positions to..from of `route`, backwards. */
  appendReversed(route: SearchRoute, from: number, to: number): this {
    if (to < from) return this;
    this.push(reversed, route.index, from, to);
    this.sums[0] = this.sums[0]! + this.instance.distance[this.last * this.width + route.nodes[to]!]! + route.reverseDistance[to]! - route.reverseDistance[from]!;
    this.sums[1] = this.sums[1]! + route.cumulativeLoad[to]! - route.cumulativeLoad[from - 1]!;
    this.customers += to - from + 1;
    this.last = route.nodes[from]!;
    return this;
  }

  /** Appends positions p..size + 1 of `route` (p = size + 1: the end depot alone), closing the route. */
  appendSuffix(route: SearchRoute, p: number): this {
    const end = route.size + 1;
    this.push(suffix, route.index, p, end);
    this.sums[0] = this.sums[0]! + this.instance.distance[this.last * this.width + route.nodes[p]!]! + route.cumulativeDistance[end]! - route.cumulativeDistance[p]!;
    this.sums[1] = this.sums[1]! + route.cumulativeLoad[end]! - route.cumulativeLoad[p - 1]!;
    this.sums[2] = this.sums[2]! + route.suffixTimeWarp[p]!;
    this.customers += end - p;
    this.last = 0;
    return this;
  }

  /** A lower bound on the closed route's penalised cost: distance, load penalty, and the time warp its prefix and suffix already have. */
  bound(penalties: Penalties): number {
    if (this.customers === 0) return 0;
    const sums = this.sums;
    return sums[0]! + penalties.capacity * Math.max(0, sums[1]! - this.instance.capacity) + penalties.timeWarp * sums[2]!;
  }

  /** Penalised cost of the closed route. */
  cost(penalties: Penalties): number {
    if (this.customers === 0) return 0;
    const sums = this.sums;
    return sums[0]! + penalties.capacity * Math.max(0, sums[1]! - this.instance.capacity) + penalties.timeWarp * this.timeWarp();
  }

  /** Time warp of the closed route: its pieces' segments merged in order. */
  timeWarp(): number {
    this.timeWarpMerges++;
    const { segment, instance, width } = this;
    const { duration, service, ready, due } = instance;
    for (let i = 0; i < this.pieces; i++) {
      const kind = this.kinds[i]!;
      const from = this.froms[i]!;
      const to = this.tos[i]!;
      if (kind === single) {
        segment.append(duration[segment.last * width + from]!, from, service[from]!, 0, ready[from]!, due[from]!);
        continue;
      }
      const route = this.routes[this.pieceRoutes[i]!]!;
      const nodes = route.nodes;
      if (kind === prefix) {
        segment.set(0, nodes[from]!, route.prefixDuration[from]!, route.prefixTimeWarp[from]!, route.prefixEarliest[from]!, route.prefixLatest[from]!);
      } else if (kind === suffix) {
        segment.append(duration[segment.last * width + nodes[from]!]!, 0, route.suffixDuration[from]!, route.suffixTimeWarp[from]!, route.suffixEarliest[from]!, route.suffixLatest[from]!);
      } else if (kind === forward) {
        for (let p = from; p <= to; p++) {
          const node = nodes[p]!;
          segment.append(duration[segment.last * width + node]!, node, service[node]!, 0, ready[node]!, due[node]!);
        }
      } else {
        for (let p = to; p >= from; p--) {
          const node = nodes[p]!;
          segment.append(duration[segment.last * width + node]!, node, service[node]!, 0, ready[node]!, due[node]!);
        }
      }
    }
    return segment.timeWarp;
  }

  private push(kind: number, route: number, from: number, to: number): void {
    const i = this.pieces++;
    this.kinds[i] = kind;
    this.pieceRoutes[i] = route;
    this.froms[i] = from;
    this.tos[i] = to;
  }
}

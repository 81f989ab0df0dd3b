// A candidate route assembled from pieces of the current ones (a prefix, single nodes, forward or
// reversed stretches, a suffix), evaluated as it is assembled: every operator describes the routes a
// move would make this way and compares their penalised cost with the current ones. Prefixes and
// suffixes cost O(1); stretches in the middle cost O(their length) (short for the moves of the
// granular search). Reused, never allocated per move.
import { DurationSegment } from './duration-segment.ts';
import type { SearchRoute } from './search-route.ts';
import type { Penalties, VrptwInstance } from './vrptw-instance.ts';

export class RouteBuilder {
  private readonly instance: VrptwInstance;
  private readonly width: number;
  private readonly segment = new DurationSegment(0, 0, 0, 0, 0, 0);
  distance = 0;
  load = 0;
  /** Customers assembled so far (an empty route costs nothing). */
  customers = 0;

  constructor(instance: VrptwInstance) {
    this.instance = instance;
    this.width = instance.customers + 1;
  }

  get timeWarp(): number {
    return this.segment.timeWarp;
  }

  /** Starts with positions 0..p of `route` (p = 0: the start depot alone). */
  startPrefix(route: SearchRoute, p: number): this {
    this.segment.set(0, route.nodes[p]!, route.prefixDuration[p]!, route.prefixTimeWarp[p]!, route.prefixEarliest[p]!, route.prefixLatest[p]!);
    this.distance = route.cumulativeDistance[p]!;
    this.load = route.cumulativeLoad[p]!;
    this.customers = p;
    return this;
  }

  appendNode(node: number): this {
    const { instance, segment } = this;
    const arc = segment.last * this.width + node;
    this.distance += instance.distance[arc]!;
    this.load += instance.demand[node]!;
    segment.append(instance.duration[arc]!, node, instance.service[node]!, 0, instance.ready[node]!, instance.due[node]!);
    this.customers++;
    return this;
  }

  /** Appends the customers at positions from..to of `route` in order (nothing if to < from). */
  appendForward(route: SearchRoute, from: number, to: number): this {
    for (let p = from; p <= to; p++) this.appendNode(route.nodes[p]!);
    return this;
  }

  /** Appends the customers at positions to..from of `route`, backwards. */
  appendReversed(route: SearchRoute, from: number, to: number): this {
    for (let p = to; p >= from; p--) this.appendNode(route.nodes[p]!);
    return this;
  }

  /** Appends positions p..size + 1 of `route` (p = size + 1: the end depot alone), closing the route. */
  appendSuffix(route: SearchRoute, p: number): this {
    const { instance, segment } = this;
    const first = route.nodes[p]!;
    const arc = segment.last * this.width + first;
    const end = route.size + 1;
    this.distance += instance.distance[arc]! + route.cumulativeDistance[end]! - route.cumulativeDistance[p]!;
    this.load += route.cumulativeLoad[end]! - route.cumulativeLoad[p - 1]!;
    segment.append(instance.duration[arc]!, 0, route.suffixDuration[p]!, route.suffixTimeWarp[p]!, route.suffixEarliest[p]!, route.suffixLatest[p]!);
    this.customers += end - p;
    return this;
  }

  /** Penalised cost of the closed route. */
  cost(penalties: Penalties): number {
    if (this.customers === 0) return 0;
    return this.distance + penalties.capacity * Math.max(0, this.load - this.instance.capacity) + penalties.timeWarp * this.segment.timeWarp;
  }
}

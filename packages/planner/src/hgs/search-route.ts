// A route as the local search holds it: its nodes by position (the depot at 0 and at size + 1) and,
// for every position, the duration segment, load and distance of the stretch from the start depot up
// to it and from it to the end depot. A move's cost is then a handful of O(1) concatenations of
// these pieces (route-builder.ts), the way HGS evaluates; after a move the route recomputes them in
// O(length). Flat typed arrays, sized once for the whole instance, so nothing is allocated per move.
import { DurationSegment } from './duration-segment.ts';
import type { Penalties, VrptwInstance } from './vrptw-instance.ts';

export class SearchRoute {
  readonly instance: VrptwInstance;
  /** Position in the solution's list of routes. */
  readonly index: number;
  /** Number of customers; positions 1..size hold them. */
  size = 0;
  readonly nodes: Int32Array;
  /** Segment of positions 0..p. */
  readonly prefixDuration: Float64Array;
  readonly prefixTimeWarp: Float64Array;
  readonly prefixEarliest: Float64Array;
  readonly prefixLatest: Float64Array;
  /** Segment of positions p..size + 1. */
  readonly suffixDuration: Float64Array;
  readonly suffixTimeWarp: Float64Array;
  readonly suffixEarliest: Float64Array;
  readonly suffixLatest: Float64Array;
  /** Demand of positions 0..p. */
  readonly cumulativeLoad: Float64Array;
  /** Distance driven from position 0 to position p, and the same stretch driven backwards (p to 0). */
  readonly cumulativeDistance: Float64Array;
  readonly reverseDistance: Float64Array;
  distance = 0;
  load = 0;
  timeWarp = 0;
  penalisedCost = 0;
  /** penalisedCost - distance: what the penalties add (0 for a feasible route). */
  penalty = 0;
  /** The local search's move counter when the route last changed. */
  modifiedAt = 0;
  private readonly scratch = new DurationSegment(0, 0, 0, 0, 0, 0);

  constructor(instance: VrptwInstance, index: number) {
    this.instance = instance;
    this.index = index;
    const length = instance.customers + 2;
    this.nodes = new Int32Array(length);
    this.prefixDuration = new Float64Array(length);
    this.prefixTimeWarp = new Float64Array(length);
    this.prefixEarliest = new Float64Array(length);
    this.prefixLatest = new Float64Array(length);
    this.suffixDuration = new Float64Array(length);
    this.suffixTimeWarp = new Float64Array(length);
    this.suffixEarliest = new Float64Array(length);
    this.suffixLatest = new Float64Array(length);
    this.cumulativeLoad = new Float64Array(length);
    this.cumulativeDistance = new Float64Array(length);
    this.reverseDistance = new Float64Array(length);
  }

  /** Replaces the customers by the first `count` of `customers` and recomputes every piece. */
  setCustomers(customers: ArrayLike<number>, penalties: Penalties, count = customers.length): void {
    this.size = count;
    this.nodes[0] = 0;
    for (let i = 0; i < count; i++) this.nodes[i + 1] = customers[i]!;
    this.nodes[this.size + 1] = 0;
    this.update(penalties);
  }

  customers(): number[] {
    return Array.from(this.nodes.subarray(1, this.size + 1));
  }

  /** Recomputes prefixes, suffixes and totals after `nodes` or `size` changed. */
  update(penalties: Penalties): void {
    const { distance, duration, service, ready, due, demand } = this.instance;
    const width = this.instance.customers + 1;
    const nodes = this.nodes;
    const end = this.size + 1;
    const s = this.scratch;
    s.set(0, 0, service[0]!, 0, ready[0]!, due[0]!);
    this.storePrefix(0);
    this.cumulativeLoad[0] = demand[0]!;
    this.cumulativeDistance[0] = 0;
    this.reverseDistance[0] = 0;
    for (let p = 1; p <= end; p++) {
      const previous = nodes[p - 1]!;
      const node = nodes[p]!;
      s.append(duration[previous * width + node]!, node, service[node]!, 0, ready[node]!, due[node]!);
      this.storePrefix(p);
      this.cumulativeLoad[p] = this.cumulativeLoad[p - 1]! + demand[node]!;
      this.cumulativeDistance[p] = this.cumulativeDistance[p - 1]! + distance[previous * width + node]!;
      this.reverseDistance[p] = this.reverseDistance[p - 1]! + distance[node * width + previous]!;
    }
    s.set(0, 0, service[0]!, 0, ready[0]!, due[0]!);
    this.storeSuffix(end);
    for (let p = end - 1; p >= 0; p--) {
      const node = nodes[p]!;
      const next = nodes[p + 1]!;
      s.set(node, node, service[node]!, 0, ready[node]!, due[node]!);
      s.append(duration[node * width + next]!, 0, this.suffixDuration[p + 1]!, this.suffixTimeWarp[p + 1]!, this.suffixEarliest[p + 1]!, this.suffixLatest[p + 1]!);
      this.storeSuffix(p);
    }
    this.distance = this.cumulativeDistance[end]!;
    this.load = this.cumulativeLoad[end]!;
    this.timeWarp = this.prefixTimeWarp[end]!;
    this.penalisedCost = this.size === 0 ? 0 : this.distance + penalties.capacity * Math.max(0, this.load - this.instance.capacity) + penalties.timeWarp * this.timeWarp;
    this.penalty = this.penalisedCost - this.distance;
  }

  /**
   * Penalised cost of this route cut to positions 0..before, then `node` (none if -1), then
   * positions after..size + 1 (before < after): a removal, an insertion or a replacement of one
   * node, in O(1) without a builder (SWAP* costs many of them). When a lower bound on it (distance,
   * load penalty, and the time warp the two pieces already carry) reaches `cutoff`, returns that bound
   * without merging the time windows: -Infinity asks for the bound alone.
   */
  costWith(before: number, node: number, after: number, penalties: Penalties, cutoff = Infinity): number {
    const { distance, demand, duration, service, ready, due } = this.instance;
    const width = this.instance.customers + 1;
    const end = this.size + 1;
    const customers = before + end - after + (node < 0 ? 0 : 1);
    if (customers === 0) return 0;
    const left = this.nodes[before]!;
    const right = this.nodes[after]!;
    let length = this.cumulativeDistance[before]! + this.cumulativeDistance[end]! - this.cumulativeDistance[after]!;
    let load = this.cumulativeLoad[before]! + this.cumulativeLoad[end]! - this.cumulativeLoad[after - 1]!;
    if (node >= 0) {
      length += distance[left * width + node]! + distance[node * width + right]!;
      load += demand[node]!;
    } else length += distance[left * width + right]!;
    const withoutWarp = length + penalties.capacity * Math.max(0, load - this.instance.capacity);
    const bound = withoutWarp + penalties.timeWarp * (this.prefixTimeWarp[before]! + this.suffixTimeWarp[after]!);
    if (bound >= cutoff) return bound;
    const s = this.scratch;
    s.set(0, left, this.prefixDuration[before]!, this.prefixTimeWarp[before]!, this.prefixEarliest[before]!, this.prefixLatest[before]!);
    if (node >= 0) s.append(duration[left * width + node]!, node, service[node]!, 0, ready[node]!, due[node]!);
    s.append(duration[s.last * width + right]!, 0, this.suffixDuration[after]!, this.suffixTimeWarp[after]!, this.suffixEarliest[after]!, this.suffixLatest[after]!);
    return withoutWarp + penalties.timeWarp * s.timeWarp;
  }

  private storePrefix(p: number): void {
    const s = this.scratch;
    this.prefixDuration[p] = s.duration;
    this.prefixTimeWarp[p] = s.timeWarp;
    this.prefixEarliest[p] = s.earliest;
    this.prefixLatest[p] = s.latest;
  }

  private storeSuffix(p: number): void {
    const s = this.scratch;
    this.suffixDuration[p] = s.duration;
    this.suffixTimeWarp[p] = s.timeWarp;
    this.suffixEarliest[p] = s.earliest;
    this.suffixLatest[p] = s.latest;
  }
}

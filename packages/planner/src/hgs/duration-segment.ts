// Time-window segment concatenation (Vidal et al. 2013; PyVRP's DurationSegment): a stretch of
// consecutive nodes summarised by five numbers, so the time warp of a route built from pieces of
// other routes is known in O(1) per piece instead of by simulating it. This is the one place the
// concatenation formula lives; the search routes and every operator call `append`.
import type { VrptwInstance } from './vrptw-instance.ts';

export class DurationSegment {
  /** First and last node of the stretch. */
  first: number;
  last: number;
  // duration, timeWarp, earliest, latest. In a typed array, not fields: V8 boxes a double stored in
  // an object's field, so the search's millions of merges allocated megabytes per run.
  private readonly values = new Float64Array(4);

  constructor(first: number, last: number, duration: number, timeWarp: number, earliest: number, latest: number) {
    this.first = first;
    this.last = last;
    this.values[0] = duration;
    this.values[1] = timeWarp;
    this.values[2] = earliest;
    this.values[3] = latest;
  }

  /** Minutes from the start of the first node's service to the end of the last's: travel, service and waiting. */
  get duration(): number {
    return this.values[0]!;
  }

  /** Minutes of time warp the stretch cannot avoid whenever it starts. */
  get timeWarp(): number {
    return this.values[1]!;
  }

  /** Earliest and latest start of the first node's service that reach the minimum duration and time warp. */
  get earliest(): number {
    return this.values[2]!;
  }

  get latest(): number {
    return this.values[3]!;
  }

  static ofNode(instance: VrptwInstance, node: number): DurationSegment {
    return new DurationSegment(node, node, instance.service[node]!, 0, instance.ready[node]!, instance.due[node]!);
  }

  /** A new segment: `a` then `b`, driving from a.last to b.first in between. */
  static merge(instance: VrptwInstance, a: DurationSegment, b: DurationSegment): DurationSegment {
    const merged = a.copy();
    merged.append(instance.duration[a.last * (instance.customers + 1) + b.first]!, b.last, b.duration, b.timeWarp, b.earliest, b.latest);
    return merged;
  }

  copy(): DurationSegment {
    return new DurationSegment(this.first, this.last, this.duration, this.timeWarp, this.earliest, this.latest);
  }

  set(first: number, last: number, duration: number, timeWarp: number, earliest: number, latest: number): void {
    this.first = first;
    this.last = last;
    const v = this.values;
    v[0] = duration;
    v[1] = timeWarp;
    v[2] = earliest;
    v[3] = latest;
  }

  /** Extends this segment in place by segment B (given by its fields), `travel` minutes after this one's last node. */
  append(travel: number, bLast: number, bDuration: number, bTimeWarp: number, bEarliest: number, bLatest: number): void {
    const v = this.values;
    const aDuration = v[0]!;
    const aTimeWarp = v[1]!;
    const aEarliest = v[2]!;
    const aLatest = v[3]!;
    const delta = aDuration - aTimeWarp + travel;
    const deltaWait = Math.max(bEarliest - delta - aLatest, 0);
    const deltaTimeWarp = Math.max(aEarliest + delta - bLatest, 0);
    v[0] = aDuration + bDuration + travel + deltaWait;
    v[1] = aTimeWarp + bTimeWarp + deltaTimeWarp;
    v[2] = Math.max(bEarliest - delta, aEarliest) - deltaWait;
    v[3] = Math.min(bLatest - delta, aLatest) + deltaTimeWarp;
    this.last = bLast;
  }
}

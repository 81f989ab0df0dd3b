// Time-window segment concatenation (Vidal et al. 2013; PyVRP's DurationSegment): a stretch of
// consecutive nodes summarised by five numbers, so the time warp of a route built from pieces of
// other routes is known in O(1) per piece instead of by simulating it. This is the one place the
// concatenation formula lives; the search routes and every operator call `append`.
import type { VrptwInstance } from './vrptw-instance.ts';

export class DurationSegment {
  /** First and last node of the stretch. */
  first: number;
  last: number;
  /** Minutes from the start of the first node's service to the end of the last's: travel, service and waiting. */
  duration: number;
  /** Minutes of time warp the stretch cannot avoid whenever it starts. */
  timeWarp: number;
  /** Earliest and latest start of the first node's service that reach the minimum duration and time warp. */
  earliest: number;
  latest: number;

  constructor(first: number, last: number, duration: number, timeWarp: number, earliest: number, latest: number) {
    this.first = first;
    this.last = last;
    this.duration = duration;
    this.timeWarp = timeWarp;
    this.earliest = earliest;
    this.latest = latest;
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
    this.duration = duration;
    this.timeWarp = timeWarp;
    this.earliest = earliest;
    this.latest = latest;
  }

  /** Extends this segment in place by segment B (given by its fields), `travel` minutes after this one's last node. */
  append(travel: number, bLast: number, bDuration: number, bTimeWarp: number, bEarliest: number, bLatest: number): void {
    const delta = this.duration - this.timeWarp + travel;
    const deltaWait = Math.max(bEarliest - delta - this.latest, 0);
    const deltaTimeWarp = Math.max(this.earliest + delta - bLatest, 0);
    const earliest = Math.max(bEarliest - delta, this.earliest) - deltaWait;
    const latest = Math.min(bLatest - delta, this.latest) + deltaTimeWarp;
    this.duration += bDuration + travel + deltaWait;
    this.timeWarp += bTimeWarp + deltaTimeWarp;
    this.earliest = earliest;
    this.latest = latest;
    this.last = bLast;
  }
}

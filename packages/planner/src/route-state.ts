// The solver's solution: one route per staff member on flat typed arrays, cheap to copy.
// Route r holds tasks at positions 1..len[r]; positions 0 and len+1 stand for the start and end points.

export class RouteState {
  readonly routeCount: number;
  readonly stride: number;
  readonly tasks: Int32Array;
  readonly len: Int32Array;
  /** Route of each task, or -1 when unassigned. */
  readonly taskRoute: Int32Array;
  readonly routeCost: Float64Array;
  /** The most minutes any visit of the route starts late (for objective.maxLateness). */
  readonly routeLate: Float64Array;
  readonly load: Float64Array;
  /** Departure time from position p (start + service; kept by both engines, and used for ruin targeting in the general one). */
  readonly depart: Float64Array;
  /** Fast path: latest feasible start at position p (arrival for the end point). */
  readonly latest: Float64Array;
  /** Number of linked tasks (two-person or precedence) in each route. */
  readonly linkedCount: Int32Array;

  constructor(routeCount: number, taskCount: number) {
    this.routeCount = routeCount;
    this.stride = taskCount + 2;
    this.tasks = new Int32Array(routeCount * this.stride).fill(-1);
    this.len = new Int32Array(routeCount);
    this.taskRoute = new Int32Array(taskCount).fill(-1);
    this.routeCost = new Float64Array(routeCount);
    this.routeLate = new Float64Array(routeCount);
    this.load = new Float64Array(routeCount);
    this.depart = new Float64Array(routeCount * this.stride);
    this.latest = new Float64Array(routeCount * this.stride);
    this.linkedCount = new Int32Array(routeCount);
  }

  copyFrom(other: RouteState): void {
    this.tasks.set(other.tasks);
    this.len.set(other.len);
    this.taskRoute.set(other.taskRoute);
    this.routeCost.set(other.routeCost);
    this.routeLate.set(other.routeLate);
    this.load.set(other.load);
    this.depart.set(other.depart);
    this.latest.set(other.latest);
    this.linkedCount.set(other.linkedCount);
  }

  routedCost(): number {
    let c = 0;
    for (let r = 0; r < this.routeCount; r++) c += this.routeCost[r]!;
    return c;
  }

  /** The most minutes any planned visit starts late. */
  maxLate(): number {
    let late = 0;
    for (let r = 0; r < this.routeCount; r++) late = Math.max(late, this.routeLate[r]!);
    return late;
  }

  positionOf(task: number): number {
    const r = this.taskRoute[task]!;
    const base = r * this.stride;
    for (let p = 1; p <= this.len[r]!; p++) if (this.tasks[base + p] === task) return p;
    return -1;
  }

  /** Inserts after position p (0 = first). Derived data must be refreshed by the engine. */
  insert(task: number, r: number, p: number): void {
    const base = r * this.stride;
    const n = this.len[r]!;
    this.tasks.copyWithin(base + p + 2, base + p + 1, base + n + 1);
    this.tasks[base + p + 1] = task;
    this.len[r] = n + 1;
    this.taskRoute[task] = r;
  }

  /** Removes every task of route r whose taskRoute was set to -1 by the caller. */
  compact(r: number): void {
    const base = r * this.stride;
    const n = this.len[r]!;
    let w = 1;
    for (let p = 1; p <= n; p++) {
      const t = this.tasks[base + p]!;
      if (this.taskRoute[t] === r) this.tasks[base + w++] = t;
    }
    this.len[r] = w - 1;
  }
}

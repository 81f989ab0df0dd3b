// The general route model: simulates each route (several windows, soft windows with lateness,
// breaks placed automatically, per-staff durations, capacity and limits), and synchronises
// two-person visits and precedences across routes by raising start lower bounds until stable.
// Slower than the fast engine (an insertion costs a route simulation), so it serves therapy days.
import { differentStaffClash, timeEpsilon } from './compile-problem.ts';
import type { CompiledProblem } from './compile-problem.ts';
import type { Insertion, InsertionEngine } from './insertion-engine.ts';
import type { Random } from './random.ts';
import type { RouteState } from './route-state.ts';

const infinity = Number.POSITIVE_INFINITY;

/** Times recorded by a simulation, by task; breaks by route. */
export type ScheduleRecord = {
  arrival: Float64Array;
  start: Float64Array;
  end: Float64Array;
  /** Minutes late, and what that costs. */
  late: Float64Array;
  lateCost: Float64Array;
  breaks: { start: number; end: number }[][];
};

export class GeneralEngine implements InsertionEngine {
  readonly #cp: CompiledProblem;
  readonly #emptyClassSeen: Uint8Array;
  /** Start lower bounds from synchronisation and precedences; -Infinity when none. */
  readonly #lowerBound: Float64Array;
  readonly #start: Float64Array;
  readonly #end: Float64Array;
  readonly #scratch: Int32Array;
  readonly #scratchCosts: Float64Array;
  readonly #syncTasks: Int32Array;
  /**
   * The synchronised schedule of the state last refreshed: the start lower bounds at the fixed point
   * and the resulting start and end times. An insertion that leaves every linked start in its route
   * unchanged leaves every other route unchanged too, so it costs one route simulation, not all.
   */
  readonly #stableLb: Float64Array;
  readonly #stableStart: Float64Array;
  readonly #stableEnd: Float64Array;
  readonly #probeLb: Float64Array;
  #stableValid = false;
  #lateLast = 0;
  #lateMinutes = 0;
  /** The most minutes late of any visit in the route last simulated, and per route after evaluateLinked. */
  #routeLate = 0;
  readonly #lates: Float64Array;

  constructor(cp: CompiledProblem) {
    this.#cp = cp;
    this.#emptyClassSeen = new Uint8Array(cp.staffCount);
    this.#lowerBound = new Float64Array(cp.taskCount).fill(-infinity);
    this.#start = new Float64Array(cp.taskCount);
    this.#end = new Float64Array(cp.taskCount);
    this.#scratch = new Int32Array(cp.taskCount + 2);
    this.#scratchCosts = new Float64Array(cp.staffCount);
    this.#lates = new Float64Array(cp.staffCount);
    this.#stableLb = new Float64Array(cp.taskCount).fill(-infinity);
    this.#stableStart = new Float64Array(cp.taskCount);
    this.#stableEnd = new Float64Array(cp.taskCount);
    this.#probeLb = new Float64Array(cp.taskCount);
    const sync: number[] = [];
    for (let t = 0; t < cp.taskCount; t++) if (cp.partner[t]! > t) sync.push(t);
    this.#syncTasks = Int32Array.from(sync);
  }

  /** Earliest start of task t at or after `at` within its windows; sets #lateLast. Infinity if impossible. */
  #startAt(t: number, at: number): number {
    const cp = this.#cp;
    const from = cp.windowOffset[t]!;
    const to = cp.windowOffset[t + 1]!;
    // Whole minutes: the first whole minute at or after `at` (a window without one cannot be met), except
    // for a given start (fixed, or pinned), which is kept exactly.
    const round = cp.wholeMinutes && cp.givenStart[t] === 0;
    for (let k = from; k < to; k++) {
      const s = round ? wholeMinute(Math.max(at, cp.windowStart[k]!)) : Math.max(at, cp.windowStart[k]!);
      if (s <= cp.windowEnd[k]! + timeEpsilon) {
        this.#lateLast = 0;
        this.#lateMinutes = 0;
        return s;
      }
    }
    for (let k = to - 1; k >= from; k--) {
      if (cp.windowSoft[k] === 1) {
        // A soft window cut at `now` can start after its end: late from its end, starting no earlier than now.
        const s = round ? wholeMinute(Math.max(at, cp.windowStart[k]!)) : Math.max(at, cp.windowStart[k]!);
        this.#lateMinutes = s - cp.windowEnd[k]!;
        this.#lateLast = this.#lateMinutes * cp.windowLateCost[k]!;
        return s;
      }
    }
    return infinity;
  }

  /**
   * Simulates staff member r doing seq[1..count] in order. Returns the route's cost (travel,
   * continuity, lateness) or Infinity if infeasible. Writes start/end times per task.
   */
  simulate(r: number, seq: Int32Array, count: number, record?: ScheduleRecord): number {
    return this.#simulateWith(r, seq, count, this.#lowerBound, record);
  }

  #simulateWith(r: number, seq: Int32Array, count: number, lb: Float64Array, record?: ScheduleRecord): number {
    this.#routeLate = 0;
    if (count === 0) {
      if (record !== undefined) record.breaks[r] = [];
      return 0;
    }
    const cp = this.#cp;
    const L = cp.locationCount;
    const m = cp.staffCount;
    if (count > cp.maxVisits[r]!) return infinity;
    const startOut = this.#start;
    const endOut = this.#end;
    let time = cp.shiftStart[r]!;
    // Re-planning: nobody sets off to a visit that is not fixed before now (or their shift's start,
    // when the day was stretched back to a fixed visit).
    const open = cp.routeOpen[r]!;
    let loc = cp.staffStart[r]!;
    let cost = 0;
    let load = 0;
    let lateMax = 0;
    let b = cp.breakOffset[r]!;
    const bEnd = cp.breakOffset[r + 1]!;
    const breaks: { start: number; end: number }[] = [];
    for (let k = 1; k <= count; k++) {
      const t = seq[k]!;
      if (time < open && cp.fixed[t] === 0) time = open;
      const tl = cp.taskLocation[t]!;
      const travel = cp.travelTime[loc * L + tl]!;
      const svc = cp.service[t * m + r]!;
      while (b < bEnd) {
        const earliest = cp.breakEarliest[b]!;
        const latestStart = cp.breakLatest[b]!;
        const breakStart = cp.wholeMinutes ? wholeMinute(Math.max(time, earliest)) : Math.max(time, earliest);
        if (breakStart > latestStart + timeEpsilon) return infinity;
        const startNow = this.#startAt(t, Math.max(time + travel, lb[t]!));
        const mustNow = startNow === infinity || Math.max(startNow + svc, earliest) > latestStart + timeEpsilon;
        const fitsInWait = breakStart + cp.breakDuration[b]! + travel <= startNow + timeEpsilon;
        if (!mustNow && !fitsInWait) break;
        time = breakStart + cp.breakDuration[b]!;
        if (record !== undefined) breaks.push({ start: breakStart, end: time });
        b++;
      }
      const arrival = time + travel;
      const start = this.#startAt(t, Math.max(arrival, lb[t]!));
      if (start === infinity) return infinity;
      cost += cp.travelCost[loc * L + tl]! + cp.assignment[t * m + r]! + this.#lateLast;
      if (this.#lateMinutes > lateMax) lateMax = this.#lateMinutes;
      const published = cp.currentStart[t]!;
      if (published === published) {
        // Re-planning: a start moved beyond the tolerance, either way (NaN when not charged).
        const moved = Math.abs(start - published) - cp.moveTolerance;
        if (moved > 0) cost += moved * cp.moveMinuteCost;
      }
      load += cp.demand[t]!;
      startOut[t] = start;
      endOut[t] = start + svc;
      if (record !== undefined) {
        record.arrival[t] = arrival;
        record.start[t] = start;
        record.end[t] = start + svc;
        record.late[t] = this.#lateMinutes;
        record.lateCost[t] = this.#lateLast;
      }
      time = start + svc;
      loc = tl;
    }
    if (load > cp.capacity[r]! + timeEpsilon) return infinity;
    for (; b < bEnd; b++) {
      const breakStart = cp.wholeMinutes ? wholeMinute(Math.max(time, cp.breakEarliest[b]!)) : Math.max(time, cp.breakEarliest[b]!);
      if (breakStart > cp.breakLatest[b]! + timeEpsilon) return infinity;
      time = breakStart + cp.breakDuration[b]!;
      if (record !== undefined) breaks.push({ start: breakStart, end: time });
    }
    const endLoc = cp.staffEnd[r]!;
    const back = cp.wholeMinutes ? wholeMinute(time + cp.travelTime[loc * L + endLoc]!) : time + cp.travelTime[loc * L + endLoc]!;
    if (back > cp.shiftEnd[r]! + timeEpsilon) return infinity;
    if (back - cp.shiftStart[r]! > cp.maxWorking[r]! + timeEpsilon) return infinity;
    if (record !== undefined) record.breaks[r] = breaks;
    this.#routeLate = lateMax;
    return cost + cp.travelCost[loc * L + endLoc]!;
  }

  #routeSeq(state: RouteState, r: number): Int32Array {
    return state.tasks.subarray(r * state.stride, (r + 1) * state.stride);
  }

  /**
   * Cost of every route with cross-route links resolved; route `override` uses `overrideSeq`.
   * Routes without linked tasks keep their cached cost. Writes per-route costs to `costs`.
   */
  evaluateLinked(state: RouteState, override: number, overrideSeq: Int32Array | null, overrideLen: number, costs: Float64Array, record?: ScheduleRecord): number {
    const cp = this.#cp;
    const m = cp.staffCount;
    const lb = this.#lowerBound;
    lb.fill(-infinity);
    const start = this.#start;
    const maxRounds = 8 + 2 * (this.#syncTasks.length + cp.precedenceBefore.length);
    for (let round = 0; round < maxRounds; round++) {
      start.fill(Number.NaN);
      let total = 0;
      for (let r = 0; r < m; r++) {
        const isOverride = r === override && overrideSeq !== null;
        if (!isOverride && state.linkedCount[r] === 0 && record === undefined) {
          costs[r] = state.routeCost[r]!;
          this.#lates[r] = state.routeLate[r]!;
        } else {
          const c = isOverride ? this.simulate(r, overrideSeq, overrideLen, record) : this.simulate(r, this.#routeSeq(state, r), state.len[r]!, record);
          if (c === infinity) return infinity;
          costs[r] = c;
          this.#lates[r] = this.#routeLate;
        }
        total += costs[r]!;
      }
      let changed = false;
      for (const a of this.#syncTasks) {
        const p = cp.partner[a]!;
        const sa = start[a]!;
        const sp = start[p]!;
        if (Number.isNaN(sa) || Number.isNaN(sp)) continue;
        if (sa < sp - timeEpsilon) {
          lb[a] = sp;
          changed = true;
        } else if (sp < sa - timeEpsilon) {
          lb[p] = sa;
          changed = true;
        }
      }
      for (let k = 0; k < cp.precedenceBefore.length; k++) {
        const a = cp.precedenceBefore[k]!;
        const bTask = cp.precedenceAfter[k]!;
        if (Number.isNaN(start[a]!) || Number.isNaN(start[bTask]!)) continue;
        const fromStart = cp.precedenceFromStart[k] === 1;
        const need = (fromStart ? start[a]! : this.#end[a]!) + cp.precedenceMin[k]!;
        if (start[bTask]! < need - timeEpsilon) {
          lb[bTask] = Math.max(lb[bTask]!, need);
          changed = true;
        }
        // The maximum gap: `after` cannot start sooner than it does (bounds only rise), so `before`
        // waits until it can start close enough.
        const max = cp.precedenceMax[k]!;
        if (max !== infinity) {
          const notBefore = start[bTask]! - max - (fromStart ? 0 : this.#end[a]! - start[a]!);
          if (start[a]! < notBefore - timeEpsilon) {
            lb[a] = Math.max(lb[a]!, notBefore);
            changed = true;
          }
        }
      }
      if (!changed) {
        for (let k = 0; k < cp.precedenceBefore.length; k++) {
          const a = cp.precedenceBefore[k]!;
          const bTask = cp.precedenceAfter[k]!;
          if (Number.isNaN(start[a]!) || Number.isNaN(start[bTask]!)) continue;
          if (start[bTask]! - (cp.precedenceFromStart[k] === 1 ? start[a]! : this.#end[a]!) > cp.precedenceMax[k]! + timeEpsilon) return infinity;
        }
        return total;
      }
    }
    return infinity;
  }

  refresh(state: RouteState, routes: readonly number[]): void {
    const cp = this.#cp;
    let anyLinked = false;
    for (const r of routes) {
      const base = r * state.stride;
      let linked = 0;
      let load = 0;
      for (let p = 1; p <= state.len[r]!; p++) {
        const t = state.tasks[base + p]!;
        linked += cp.linked[t]!;
        load += cp.demand[t]!;
      }
      state.linkedCount[r] = linked;
      state.load[r] = load;
      if (linked > 0) {
        anyLinked = true;
      } else {
        state.routeCost[r] = this.simulate(r, this.#routeSeq(state, r), state.len[r]!);
        state.routeLate[r] = this.#routeLate;
        this.#recordEnds(state, r);
      }
    }
    this.#stableValid = false;
    if (anyLinked || cp.linked.includes(1)) {
      const total = this.evaluateLinked(state, -1, null, 0, this.#scratchCosts);
      if (total !== infinity) {
        state.routeCost.set(this.#scratchCosts);
        state.routeLate.set(this.#lates);
        this.#stableLb.set(this.#lowerBound);
        this.#stableStart.set(this.#start);
        this.#stableEnd.set(this.#end);
        this.#stableValid = true;
        for (let r = 0; r < cp.staffCount; r++) if (state.linkedCount[r]! > 0) this.#recordEnds(state, r);
      } else {
        for (const r of routes) if (state.linkedCount[r]! > 0) state.routeCost[r] = infinity;
      }
    }
  }

  /** Keeps each stop's end time in `depart` (as the fast engine does), so the search can see when things happen. */
  #recordEnds(state: RouteState, r: number): void {
    const base = r * state.stride;
    for (let p = 1; p <= state.len[r]!; p++) state.depart[base + p] = this.#end[state.tasks[base + p]!]!;
  }

  bestInsertion(state: RouteState, task: number, random: Random, blink: number, out: Insertion, onlyRoute?: number): void {
    const cp = this.#cp;
    const L = cp.locationCount;
    const m = cp.staffCount;
    const seen = this.#emptyClassSeen;
    seen.fill(0);
    const tl = cp.taskLocation[task]!;
    const partner = cp.partner[task]!;
    const partnerRoute = partner >= 0 ? state.taskRoute[partner]! : -1;
    const taskLinked = cp.linked[task] === 1;
    const visit = cp.taskVisit[task]!;
    const mustDiffer = cp.differentOffset[visit + 1]! > cp.differentOffset[visit]!;
    const oldTotal = taskLinked ? state.routedCost() : 0;
    const seq = this.#scratch;
    const probe = this.#probeLb;
    if (this.#stableValid) this.#prepareProbe(state, task);
    // objective.maxLateness: what an insertion adds to the worst lateness of the day (exact when the
    // other routes do not move: the largest of the others' and the new route's).
    const lateWeight = cp.maxLatenessWeight;
    let worst = 0;
    let worstRoute = -1;
    let runnerUp = 0;
    if (lateWeight > 0) {
      for (let r = 0; r < m; r++) {
        const late = state.routeLate[r]!;
        if (late > worst) {
          runnerUp = worst;
          worst = late;
          worstRoute = r;
        } else if (late > runnerUp) runnerUp = late;
      }
    }
    const lateDelta = (r: number, routeLate: number) => (lateWeight === 0 ? 0 : lateWeight * (Math.max(r === worstRoute ? runnerUp : worst, routeLate) - worst));
    const lateDeltaAll = () => {
      if (lateWeight === 0) return 0;
      let late = 0;
      for (let r = 0; r < m; r++) late = Math.max(late, this.#lates[r]!);
      return lateWeight * (late - worst);
    };
    let best = infinity;
    let bestR = -1;
    let bestP = -1;
    for (let r = 0; r < m; r++) {
      if (cp.compatible[task * m + r] === 0 || r === partnerRoute || (onlyRoute !== undefined && onlyRoute !== r)) continue;
      if (mustDiffer && differentStaffClash(cp, state.taskRoute, task, r)) continue;
      const n = state.len[r]!;
      if (n === 0) {
        const k = cp.staffClass[r]!;
        if (seen[k] === 1) continue;
        seen[k] = 1;
      }
      if (n + 1 > cp.maxVisits[r]! || state.load[r]! + cp.demand[task]! > cp.capacity[r]! + timeEpsilon) continue;
      const base = r * state.stride;
      const cont = cp.assignment[task * m + r]!;
      const global = taskLinked || state.linkedCount[r]! > 0;
      let prev = cp.staffStart[r]!;
      for (let p = 0; p <= n; p++) {
        const next = p === n ? cp.staffEnd[r]! : cp.taskLocation[state.tasks[base + p + 1]!]!;
        const edge = n === 0
          ? cp.travelCost[prev * L + tl]! + cp.travelCost[tl * L + next]!
          : cp.travelCost[prev * L + tl]! + cp.travelCost[tl * L + next]! - cp.travelCost[prev * L + next]!;
        const boundDelta = edge + cont;
        const skip = boundDelta >= best || (blink > 0 && random() < blink);
        prev = next;
        if (skip) continue;
        // Route r with the task inserted after position p.
        seq.set(state.tasks.subarray(base, base + p + 1), 0);
        seq[p + 1] = task;
        seq.set(state.tasks.subarray(base + p + 1, base + n + 1), p + 2);
        let delta: number;
        if (!global) {
          delta = this.simulate(r, seq, n + 1) - state.routeCost[r]! + lateDelta(r, this.#routeLate);
        } else if (this.#stableValid) {
          // With the other routes' linked times held, this route alone decides; if its linked starts
          // all stay put, so does every other route, and the delta is exact.
          const c = this.#simulateWith(r, seq, n + 1, probe);
          if (c === infinity) continue;
          delta = this.#linkedTimesHold(state, seq, n + 1, task)
            ? c - state.routeCost[r]! + lateDelta(r, this.#routeLate)
            : this.evaluateLinked(state, r, seq, n + 1, this.#scratchCosts) - oldTotalOf(state, oldTotal, taskLinked) + lateDeltaAll();
        } else {
          delta = this.evaluateLinked(state, r, seq, n + 1, this.#scratchCosts) - oldTotalOf(state, oldTotal, taskLinked) + lateDeltaAll();
        }
        if (delta < best) {
          best = delta;
          bestR = r;
          bestP = p;
        }
      }
    }
    out.route = bestR;
    out.position = bestP;
    out.delta = best;
  }

  /** Start lower bounds for a probe insertion of `task`: the stable ones, plus what its planned partner and predecessors impose. */
  #prepareProbe(state: RouteState, task: number): void {
    const cp = this.#cp;
    const probe = this.#probeLb;
    probe.set(this.#stableLb);
    let lb = -infinity;
    const partner = cp.partner[task]!;
    if (partner >= 0 && state.taskRoute[partner]! >= 0) lb = this.#stableStart[partner]!;
    for (let k = 0; k < cp.precedenceAfter.length; k++) {
      const a = cp.precedenceBefore[k]!;
      if (cp.precedenceAfter[k] === task && state.taskRoute[a]! >= 0) lb = Math.max(lb, this.#stableRef(k) + cp.precedenceMin[k]!);
    }
    probe[task] = lb;
  }

  /** Where precedence k's gap is measured from in the stable schedule: its `before` visit's start or end. */
  #stableRef(k: number): number {
    const cp = this.#cp;
    const a = cp.precedenceBefore[k]!;
    return cp.precedenceFromStart[k] === 1 ? this.#stableStart[a]! : this.#stableEnd[a]!;
  }

  /** After a probe simulation: do the route's other linked tasks keep their stable starts, and are the inserted task's links met exactly? */
  #linkedTimesHold(state: RouteState, seq: Int32Array, count: number, task: number): boolean {
    const cp = this.#cp;
    const start = this.#start;
    const stable = this.#stableStart;
    for (let k = 1; k <= count; k++) {
      const t = seq[k]!;
      if (t === task || cp.linked[t] === 0) continue;
      if (Math.abs(start[t]! - stable[t]!) > timeEpsilon) return false;
    }
    if (cp.linked[task] === 0) return true;
    const partner = cp.partner[task]!;
    if (partner >= 0 && state.taskRoute[partner]! >= 0 && Math.abs(start[task]! - stable[partner]!) > timeEpsilon) return false;
    for (let k = 0; k < cp.precedenceBefore.length; k++) {
      const a = cp.precedenceBefore[k]!;
      const b = cp.precedenceAfter[k]!;
      if (b === task && state.taskRoute[a]! >= 0) {
        if (start[task]! - this.#stableRef(k) > cp.precedenceMax[k]! + timeEpsilon) return false;
      } else if (a === task && state.taskRoute[b]! >= 0) {
        const gap = stable[b]! - (cp.precedenceFromStart[k] === 1 ? start[task]! : this.#end[task]!);
        if (gap < cp.precedenceMin[k]! - timeEpsilon || gap > cp.precedenceMax[k]! + timeEpsilon) return false;
      }
    }
    return true;
  }
}

/** The first whole minute at or after x (allowing for rounding error in sums of travel times). */
export function wholeMinute(x: number): number {
  return Math.ceil(x - timeEpsilon);
}

/** The routed cost before an insertion (cached when the task itself is linked). */
function oldTotalOf(state: RouteState, cached: number, taskLinked: boolean): number {
  return taskLinked ? cached : state.routedCost();
}

// Constant-time insertion checks for one hard window per task: each route keeps the departure time
// at every position (forward) and the latest feasible start (backward), so an insertion between p and
// p+1 is feasible iff the new task starts by its window's end and reaches p+1 by latest[p+1].
import { timeEpsilon } from './compile-problem.ts';
import type { CompiledProblem } from './compile-problem.ts';
import type { Insertion, InsertionEngine } from './insertion-engine.ts';
import type { Random } from './random.ts';
import type { RouteState } from './route-state.ts';

export class FastEngine implements InsertionEngine {
  readonly #cp: CompiledProblem;
  readonly #emptyClassSeen: Uint8Array;

  constructor(cp: CompiledProblem) {
    this.#cp = cp;
    this.#emptyClassSeen = new Uint8Array(cp.staffCount);
  }

  refresh(state: RouteState, routes: readonly number[]): void {
    const cp = this.#cp;
    const L = cp.locationCount;
    const m = cp.staffCount;
    const { travelTime, travelCost, taskLocation, service, open, close, assignment, demand } = cp;
    for (const r of routes) {
      const base = r * state.stride;
      const n = state.len[r]!;
      let loc = cp.staffStart[r]!;
      let dep = cp.shiftStart[r]!;
      state.depart[base] = dep;
      let cost = 0;
      let load = 0;
      for (let p = 1; p <= n; p++) {
        const t = state.tasks[base + p]!;
        const tl = taskLocation[t]!;
        const start = Math.max(dep + travelTime[loc * L + tl]!, open[t]!);
        dep = start + service[t * m + r]!;
        state.depart[base + p] = dep;
        cost += travelCost[loc * L + tl]! + assignment[t * m + r]!;
        load += demand[t]!;
        loc = tl;
      }
      const endLoc = cp.staffEnd[r]!;
      if (n > 0) cost += travelCost[loc * L + endLoc]!;
      state.depart[base + n + 1] = dep + travelTime[loc * L + endLoc]!;
      let latest = cp.shiftEnd[r]!;
      state.latest[base + n + 1] = latest;
      let next = endLoc;
      for (let p = n; p >= 1; p--) {
        const t = state.tasks[base + p]!;
        const tl = taskLocation[t]!;
        latest = Math.min(close[t]!, latest - travelTime[tl * L + next]! - service[t * m + r]!);
        state.latest[base + p] = latest;
        next = tl;
      }
      state.latest[base] = latest - travelTime[cp.staffStart[r]! * L + next]!;
      state.routeCost[r] = cost;
      state.load[r] = load;
    }
  }

  bestInsertion(state: RouteState, task: number, random: Random, blink: number, out: Insertion, onlyRoute?: number): void {
    const cp = this.#cp;
    const L = cp.locationCount;
    const m = cp.staffCount;
    const { travelTime, travelCost, taskLocation, service, open, close, compatible, assignment, staffClass } = cp;
    const seen = this.#emptyClassSeen;
    seen.fill(0);
    const tl = taskLocation[task]!;
    const o = open[task]!;
    const c = close[task]! + timeEpsilon;
    const d = cp.demand[task]!;
    let best = Number.POSITIVE_INFINITY;
    let bestR = -1;
    let bestP = -1;
    for (let r = 0; r < m; r++) {
      if (compatible[task * m + r] === 0 || (onlyRoute !== undefined && onlyRoute !== r)) continue;
      const n = state.len[r]!;
      if (n === 0) {
        const k = staffClass[r]!;
        if (seen[k] === 1) continue;
        seen[k] = 1;
      }
      if (state.load[r]! + d > cp.capacity[r]! + timeEpsilon) continue;
      const base = r * state.stride;
      const svc = service[task * m + r]!;
      const cont = assignment[task * m + r]!;
      let prev = cp.staffStart[r]!;
      for (let p = 0; p <= n; p++) {
        const next = p === n ? cp.staffEnd[r]! : taskLocation[state.tasks[base + p + 1]!]!;
        const dep = state.depart[base + p]!;
        if (dep > c) break;
        if (blink > 0 && random() < blink) {
          prev = next;
          continue;
        }
        const delta = n === 0
          ? travelCost[prev * L + tl]! + travelCost[tl * L + next]! + cont
          : travelCost[prev * L + tl]! + travelCost[tl * L + next]! - travelCost[prev * L + next]! + cont;
        if (delta < best) {
          const start = Math.max(dep + travelTime[prev * L + tl]!, o);
          if (start <= c && start + svc + travelTime[tl * L + next]! <= state.latest[base + p + 1]! + timeEpsilon) {
            best = delta;
            bestR = r;
            bestP = p;
          }
        }
        prev = next;
      }
    }
    out.route = bestR;
    out.position = bestP;
    out.delta = best;
  }
}

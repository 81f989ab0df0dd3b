// Local search polish for the fast (one hard window, no links) route model, applied to each new best
// solution: relocate (take a visit out, put it back wherever cheapest, in any day) and 2-opt* (swap the
// tails of two days). Both use the fast engine's forward departure and backward latest-start times, so a
// 2-opt* move is checked in constant time. String removals rarely find tail exchanges; this does.
import { timeEpsilon } from './compile-problem.ts';
import type { CompiledProblem } from './compile-problem.ts';
import type { Insertion, InsertionEngine } from './insertion-engine.ts';
import type { Random } from './random.ts';
import type { RouteState } from './route-state.ts';

const improvement = 1e-7;

export type ImproveRoutesOptions = { maxPasses?: number };

/** Improves `state` in place until no move helps (or `maxPasses` rounds). Returns the routed cost saved. */
export function improveRoutes(cp: CompiledProblem, engine: InsertionEngine, state: RouteState, random: Random, options: ImproveRoutesOptions = {}): number {
  const maxPasses = options.maxPasses ?? 20;
  const before = state.routedCost();
  const insertion: Insertion = { route: -1, position: -1, delta: 0 };
  for (let pass = 0; pass < maxPasses; pass++) {
    const moved = relocatePass(cp, engine, state, random, insertion) + tailExchangePass(cp, engine, state);
    if (moved === 0) break;
  }
  return before - state.routedCost();
}

function relocatePass(cp: CompiledProblem, engine: InsertionEngine, state: RouteState, random: Random, insertion: Insertion): number {
  let moves = 0;
  const order = Array.from(cp.plannable);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const x = order[i]!;
    order[i] = order[j]!;
    order[j] = x;
  }
  for (const task of order) {
    const r = state.taskRoute[task]!;
    if (r < 0) continue;
    const position = state.positionOf(task);
    const costBefore = state.routeCost[r]!;
    state.taskRoute[task] = -1;
    state.compact(r);
    engine.refresh(state, [r]);
    const saved = costBefore - state.routeCost[r]!;
    engine.bestInsertion(state, task, random, 0, insertion);
    if (insertion.route >= 0 && insertion.delta < saved - improvement) {
      state.insert(task, insertion.route, insertion.position);
      engine.refresh(state, [insertion.route]);
      moves++;
    } else {
      state.insert(task, r, position - 1);
      engine.refresh(state, [r]);
    }
  }
  return moves;
}

/**
 * 2-opt*: day A keeps its visits up to i then takes B's after j, and B the reverse. Only between staff
 * of the same class (same places, shift, capacity and skills), so a tail is welcome in either day.
 */
function tailExchangePass(cp: CompiledProblem, engine: InsertionEngine, state: RouteState): number {
  const m = cp.staffCount;
  const L = cp.locationCount;
  const { travelTime, travelCost, taskLocation, demand } = cp;
  const stride = state.stride;
  const prefixA = new Float64Array(stride);
  const prefixB = new Float64Array(stride);
  let moves = 0;
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      if (cp.staffClass[a] !== cp.staffClass[b]) continue;
      const na = state.len[a]!;
      const nb = state.len[b]!;
      if (na === 0 && nb === 0) continue;
      const baseA = a * stride;
      const baseB = b * stride;
      prefixLoads(state, baseA, na, demand, prefixA);
      prefixLoads(state, baseB, nb, demand, prefixB);
      const loadA = prefixA[na]!;
      const loadB = prefixB[nb]!;
      const capacity = cp.capacity[a]! + timeEpsilon;
      const locA = (p: number) => (p === 0 ? cp.staffStart[a]! : p === na + 1 ? cp.staffEnd[a]! : taskLocation[state.tasks[baseA + p]!]!);
      const locB = (p: number) => (p === 0 ? cp.staffStart[b]! : p === nb + 1 ? cp.staffEnd[b]! : taskLocation[state.tasks[baseB + p]!]!);
      let bestDelta = -improvement;
      let bestI = -1;
      let bestJ = -1;
      for (let i = 0; i <= na; i++) {
        const ai = locA(i);
        const ai1 = locA(i + 1);
        const depA = state.depart[baseA + i]!;
        for (let j = 0; j <= nb; j++) {
          if ((i === 0 && j === 0) || (i === na && j === nb)) continue;
          const bj = locB(j);
          const bj1 = locB(j + 1);
          const delta = travelCost[ai * L + bj1]! + travelCost[bj * L + ai1]! - travelCost[ai * L + ai1]! - travelCost[bj * L + bj1]!;
          if (delta >= bestDelta) continue;
          if (prefixA[i]! + loadB - prefixB[j]! > capacity || prefixB[j]! + loadA - prefixA[i]! > capacity) continue;
          if (depA + travelTime[ai * L + bj1]! > state.latest[baseB + j + 1]! + timeEpsilon) continue;
          if (state.depart[baseB + j]! + travelTime[bj * L + ai1]! > state.latest[baseA + i + 1]! + timeEpsilon) continue;
          bestDelta = delta;
          bestI = i;
          bestJ = j;
        }
      }
      if (bestI < 0) continue;
      const tailA = Array.from(state.tasks.subarray(baseA + bestI + 1, baseA + na + 1));
      const tailB = Array.from(state.tasks.subarray(baseB + bestJ + 1, baseB + nb + 1));
      state.tasks.set(tailB, baseA + bestI + 1);
      state.tasks.set(tailA, baseB + bestJ + 1);
      state.len[a] = bestI + tailB.length;
      state.len[b] = bestJ + tailA.length;
      for (const t of tailB) state.taskRoute[t] = a;
      for (const t of tailA) state.taskRoute[t] = b;
      engine.refresh(state, [a, b]);
      moves++;
    }
  }
  return moves;
}

function prefixLoads(state: RouteState, base: number, n: number, demand: Float64Array, out: Float64Array): void {
  out[0] = 0;
  for (let p = 1; p <= n; p++) out[p] = out[p - 1]! + demand[state.tasks[base + p]!]!;
}

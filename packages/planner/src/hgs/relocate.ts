// RELOCATE: move `count` consecutive customers (1 or 2 in the search) to after position v, in the same
// route or another one (an empty route included). O(1) between routes; within one route the stretch
// between the two places is re-merged, O(its length).
import type { SearchRoute } from './search-route.ts';
import { record, type SearchSolution, singleRoute, twoRoutes, writeForward } from './search-solution.ts';

/**
 * Change of penalised cost from moving positions u..u+count-1 of `from` to after position v of `to`,
 * written to solution.delta; returns whether it is below `cutoff`. Within one route v must lie
 * outside u-1..u+count-1 (those leave it unchanged or overlap). A change surely at least `cutoff` (by
 * a lower bound: distance, load, and the time warp of the pieces kept whole) may be written as that
 * bound instead (itself at least `cutoff`): the search passes -epsilon and skips merging the time
 * windows then.
 */
export function evaluateRelocate(solution: SearchSolution, from: SearchRoute, u: number, count: number, to: SearchRoute, v: number, cutoff = Infinity): boolean {
  const { first, second } = solution;
  const last = u + count - 1;
  if (from === to) {
    if (v < u) first.startPrefix(from, v).appendForward(from, u, last).appendForward(from, v + 1, u - 1).appendSuffix(from, last + 1);
    else first.startPrefix(from, u - 1).appendForward(from, last + 1, v).appendForward(from, u, last).appendSuffix(from, v + 1);
    return singleRoute(solution, from, cutoff);
  }
  const { distance, customers } = solution.instance;
  const width = customers + 1;
  const f = from.nodes;
  const t = to.nodes;
  // A lower bound first, from the arcs that change, the new loads and the time warp of the pieces
  // kept whole (HGS's filter, tightened): most moves stop here. Only when `from` keeps a customer
  // (an emptied route costs 0).
  if (from.size > count) {
    const change =
      distance[f[u - 1]! * width + f[last + 1]!]! - distance[f[u - 1]! * width + f[u]!]! - distance[f[last]! * width + f[last + 1]!]! +
      distance[t[v]! * width + f[u]!]! + distance[f[last]! * width + t[v + 1]!]! - distance[t[v]! * width + t[v + 1]!]!;
    const moved = from.cumulativeLoad[last]! - from.cumulativeLoad[u - 1]!;
    const bound =
      change +
      solution.penaltyFloor(from.load - moved, from.prefixTimeWarp[u - 1]! + from.suffixTimeWarp[last + 1]!) +
      solution.penaltyFloor(to.load + moved, to.prefixTimeWarp[v]! + to.suffixTimeWarp[v + 1]!) -
      from.penalty -
      to.penalty;
    if (bound >= cutoff) return record(solution, bound, cutoff);
  }
  first.startPrefix(from, u - 1).appendSuffix(from, last + 1);
  second.startPrefix(to, v).appendForward(from, u, last).appendSuffix(to, v + 1);
  return twoRoutes(solution, from, to, cutoff);
}

/** The change itself (see evaluateRelocate). */
export function relocateDelta(solution: SearchSolution, from: SearchRoute, u: number, count: number, to: SearchRoute, v: number, cutoff = Infinity): number {
  evaluateRelocate(solution, from, u, count, to, v, cutoff);
  return solution.delta[0]!;
}

export function applyRelocate(solution: SearchSolution, from: SearchRoute, u: number, count: number, to: SearchRoute, v: number): void {
  const { bufferA: a, bufferB: b } = solution;
  const last = u + count - 1;
  solution.moves++;
  if (from === to) {
    let n = 0;
    if (v < u) {
      n = writeForward(a, n, from, 1, v);
      n = writeForward(a, n, from, u, last);
      n = writeForward(a, n, from, v + 1, u - 1);
      n = writeForward(a, n, from, last + 1, from.size);
    } else {
      n = writeForward(a, n, from, 1, u - 1);
      n = writeForward(a, n, from, last + 1, v);
      n = writeForward(a, n, from, u, last);
      n = writeForward(a, n, from, v + 1, from.size);
    }
    solution.commit(from, a, n);
    return;
  }
  let n = writeForward(a, 0, from, 1, u - 1);
  n = writeForward(a, n, from, last + 1, from.size);
  let m = writeForward(b, 0, to, 1, v);
  m = writeForward(b, m, from, u, last);
  m = writeForward(b, m, to, v + 1, to.size);
  solution.commit(from, a, n);
  solution.commit(to, b, m);
}

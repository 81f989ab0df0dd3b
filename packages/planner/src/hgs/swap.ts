// SWAP: exchange a block of countU customers at u with a block of countV at v (1-1, 2-1, 2-2 in the
// search), in two routes or within one. O(1) between routes; within one route the stretch between
// the blocks is re-merged, O(its length).
import type { SearchRoute } from './search-route.ts';
import { record, type SearchSolution, singleRoute, twoRoutes, writeForward } from './search-solution.ts';

/**
 * Change of penalised cost from exchanging positions u..u+countU-1 of `a` with v..v+countV-1 of `b`;
 * within one route the blocks must not overlap.
 * `cutoff` and solution.delta as for evaluateRelocate.
 */
export function evaluateSwap(solution: SearchSolution, a: SearchRoute, u: number, countU: number, b: SearchRoute, v: number, countV: number, cutoff = Infinity): boolean {
  const { first, second } = solution;
  if (a === b) {
    // Name the earlier block x and the later y.
    const x = Math.min(u, v);
    const countX = u < v ? countU : countV;
    const y = Math.max(u, v);
    const countY = u < v ? countV : countU;
    first
      .startPrefix(a, x - 1)
      .appendForward(a, y, y + countY - 1)
      .appendForward(a, x + countX, y - 1)
      .appendForward(a, x, x + countX - 1)
      .appendSuffix(a, y + countY);
    return singleRoute(solution, a, cutoff);
  }
  // A lower bound first (HGS's filter, tightened as in relocateDelta): each block keeps its inner
  // arcs, only the four joints change.
  const { distance, customers } = solution.instance;
  const width = customers + 1;
  const x = a.nodes;
  const y = b.nodes;
  const uLast = u + countU - 1;
  const vLast = v + countV - 1;
  const change =
    distance[x[u - 1]! * width + y[v]!]! + distance[y[vLast]! * width + x[uLast + 1]!]! - distance[x[u - 1]! * width + x[u]!]! - distance[x[uLast]! * width + x[uLast + 1]!]! +
    distance[y[v - 1]! * width + x[u]!]! + distance[x[uLast]! * width + y[vLast + 1]!]! - distance[y[v - 1]! * width + y[v]!]! - distance[y[vLast]! * width + y[vLast + 1]!]!;
  const loadU = a.cumulativeLoad[uLast]! - a.cumulativeLoad[u - 1]!;
  const loadV = b.cumulativeLoad[vLast]! - b.cumulativeLoad[v - 1]!;
  const bound =
    change +
    solution.penaltyFloor(a.load - loadU + loadV, a.prefixTimeWarp[u - 1]! + a.suffixTimeWarp[uLast + 1]!) +
    solution.penaltyFloor(b.load - loadV + loadU, b.prefixTimeWarp[v - 1]! + b.suffixTimeWarp[vLast + 1]!) -
    a.penalty -
    b.penalty;
  if (bound >= cutoff) return record(solution, bound, cutoff);
  first.startPrefix(a, u - 1).appendForward(b, v, v + countV - 1).appendSuffix(a, u + countU);
  second.startPrefix(b, v - 1).appendForward(a, u, u + countU - 1).appendSuffix(b, v + countV);
  return twoRoutes(solution, a, b, cutoff);
}

/** The change itself (see evaluateSwap). */
export function swapDelta(solution: SearchSolution, a: SearchRoute, u: number, countU: number, b: SearchRoute, v: number, countV: number, cutoff = Infinity): number {
  evaluateSwap(solution, a, u, countU, b, v, countV, cutoff);
  return solution.delta[0]!;
}

export function applySwap(solution: SearchSolution, a: SearchRoute, u: number, countU: number, b: SearchRoute, v: number, countV: number): void {
  const { bufferA, bufferB } = solution;
  solution.moves++;
  if (a === b) {
    const x = Math.min(u, v);
    const countX = u < v ? countU : countV;
    const y = Math.max(u, v);
    const countY = u < v ? countV : countU;
    let n = writeForward(bufferA, 0, a, 1, x - 1);
    n = writeForward(bufferA, n, a, y, y + countY - 1);
    n = writeForward(bufferA, n, a, x + countX, y - 1);
    n = writeForward(bufferA, n, a, x, x + countX - 1);
    n = writeForward(bufferA, n, a, y + countY, a.size);
    solution.commit(a, bufferA, n);
    return;
  }
  let n = writeForward(bufferA, 0, a, 1, u - 1);
  n = writeForward(bufferA, n, b, v, v + countV - 1);
  n = writeForward(bufferA, n, a, u + countU, a.size);
  let m = writeForward(bufferB, 0, b, 1, v - 1);
  m = writeForward(bufferB, m, a, u, u + countU - 1);
  m = writeForward(bufferB, m, b, v + countV, b.size);
  solution.commit(a, bufferA, n);
  solution.commit(b, bufferB, m);
}

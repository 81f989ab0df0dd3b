// 2-OPT*: two routes exchange their tails, the customers after position u of `a` and after v of `b`
// (position 0: the whole route). O(1): two prefixes and two suffixes.
import type { SearchRoute } from './search-route.ts';
import { record, type SearchSolution, twoRoutes, writeForward } from './search-solution.ts';

/** Change of penalised cost; `cutoff` and solution.delta as for evaluateRelocate. */
export function evaluateTwoOptStar(solution: SearchSolution, a: SearchRoute, u: number, b: SearchRoute, v: number, cutoff = Infinity): boolean {
  const { first, second } = solution;
  // A lower bound first (HGS's filter, tightened as in relocateDelta), when both routes keep a
  // customer (an emptied route costs 0).
  if (u + b.size - v > 0 && v + a.size - u > 0) {
    const { distance, customers } = solution.instance;
    const width = customers + 1;
    const x = a.nodes;
    const y = b.nodes;
    const change = distance[x[u]! * width + y[v + 1]!]! + distance[y[v]! * width + x[u + 1]!]! - distance[x[u]! * width + x[u + 1]!]! - distance[y[v]! * width + y[v + 1]!]!;
    const headA = a.cumulativeLoad[u]!;
    const headB = b.cumulativeLoad[v]!;
    const bound =
      change +
      solution.penaltyFloor(headA + b.load - headB, a.prefixTimeWarp[u]! + b.suffixTimeWarp[v + 1]!) +
      solution.penaltyFloor(headB + a.load - headA, b.prefixTimeWarp[v]! + a.suffixTimeWarp[u + 1]!) -
      a.penalty -
      b.penalty;
    if (bound >= cutoff) return record(solution, bound, cutoff);
  }
  first.startPrefix(a, u).appendSuffix(b, v + 1);
  second.startPrefix(b, v).appendSuffix(a, u + 1);
  return twoRoutes(solution, a, b, cutoff);
}

/** The change itself (see evaluateTwoOptStar). */
export function twoOptStarDelta(solution: SearchSolution, a: SearchRoute, u: number, b: SearchRoute, v: number, cutoff = Infinity): number {
  evaluateTwoOptStar(solution, a, u, b, v, cutoff);
  return solution.delta[0]!;
}

export function applyTwoOptStar(solution: SearchSolution, a: SearchRoute, u: number, b: SearchRoute, v: number): void {
  const { bufferA, bufferB } = solution;
  solution.moves++;
  let n = writeForward(bufferA, 0, a, 1, u);
  n = writeForward(bufferA, n, b, v + 1, b.size);
  let m = writeForward(bufferB, 0, b, 1, v);
  m = writeForward(bufferB, m, a, u + 1, a.size);
  solution.commit(a, bufferA, n);
  solution.commit(b, bufferB, m);
}

// 2-OPT: reverse the customers at positions i..j of one route. The reversed stretch is re-merged
// node by node, O(j - i): its time windows are met in the opposite order, so no stored piece fits.
import type { SearchRoute } from './search-route.ts';
import { type SearchSolution, singleRoute, writeForward, writeReversed } from './search-solution.ts';

/** Change of penalised cost from reversing positions i..j (1 <= i < j <= size); `cutoff` and solution.delta as for evaluateRelocate. */
export function evaluateTwoOpt(solution: SearchSolution, route: SearchRoute, i: number, j: number, cutoff = Infinity): boolean {
  const { first } = solution;
  first.startPrefix(route, i - 1).appendReversed(route, i, j).appendSuffix(route, j + 1);
  return singleRoute(solution, route, cutoff);
}

/** The change itself (see evaluateTwoOpt). */
export function twoOptDelta(solution: SearchSolution, route: SearchRoute, i: number, j: number, cutoff = Infinity): number {
  evaluateTwoOpt(solution, route, i, j, cutoff);
  return solution.delta[0]!;
}

export function applyTwoOpt(solution: SearchSolution, route: SearchRoute, i: number, j: number): void {
  const { bufferA } = solution;
  solution.moves++;
  let n = writeForward(bufferA, 0, route, 1, i - 1);
  n = writeReversed(bufferA, n, route, i, j);
  n = writeForward(bufferA, n, route, j + 1, route.size);
  solution.commit(route, bufferA, n);
}

import { describe, expect, it } from 'vitest';
import { bruteForceCases, expectTurnedDownUnmerged, routePairsWithoutTimeWarpCost } from './brute-force-cases.ts';
import { evaluateRoutes } from './evaluate-route.ts';
import { SearchSolution } from './search-solution.ts';
import { applySwap, swapDelta } from './swap.ts';

/** The routes with positions u..u+countU-1 of route r and v..v+countV-1 of route s exchanged (r = s: blocks apart). */
function exchanged(routes: readonly number[][], r: number, u: number, countU: number, s: number, v: number, countV: number): number[][] {
  const expected = routes.map((route) => [...route]);
  const blockU = routes[r]!.slice(u - 1, u - 1 + countU);
  const blockV = routes[s]!.slice(v - 1, v - 1 + countV);
  if (r !== s) {
    expected[r]!.splice(u - 1, countU, ...blockV);
    expected[s]!.splice(v - 1, countV, ...blockU);
    return expected;
  }
  // Replace the later block first so the earlier one's place stays put.
  const later = u > v ? [u, countU, blockV] as const : [v, countV, blockU] as const;
  const earlier = u > v ? [v, countV, blockU] as const : [u, countU, blockV] as const;
  expected[r]!.splice(later[0] - 1, later[1], ...later[2]);
  expected[r]!.splice(earlier[0] - 1, earlier[1], ...earlier[2]);
  return expected;
}

describe('swap', () => {
  it('every 1-1, 1-2, 2-1 and 2-2 exchange: the change equals the simulation, and applying gives those routes', () => {
    let moves = 0;
    let improving = 0;
    let withinRoute = 0;
    for (const { instance, routes, penalties } of bruteForceCases(40, 2)) {
      const solution = new SearchSolution(instance);
      const before = evaluateRoutes(instance, routes, penalties).penalisedCost;
      for (let r = 0; r < routes.length; r++) {
        for (let s = 0; s < routes.length; s++) {
          for (const [countU, countV] of [[1, 1], [1, 2], [2, 1], [2, 2]] as const) {
            for (let u = 1; u + countU - 1 <= routes[r]!.length; u++) {
              for (let v = 1; v + countV - 1 <= routes[s]!.length; v++) {
                if (r === s && u < v + countV && v < u + countU) continue;
                const expected = exchanged(routes, r, u, countU, s, v, countV);
                if (r === s) withinRoute++;
                solution.load(routes, penalties);
                const delta = swapDelta(solution, solution.routes[r]!, u, countU, solution.routes[s]!, v, countV);
                const after = evaluateRoutes(instance, expected, penalties).penalisedCost;
                expect(delta).toBeCloseTo(after - before, 6);
                // With a cutoff: the exact change, or a lower bound when the change reaches the cutoff anyway.
                const cut = swapDelta(solution, solution.routes[r]!, u, countU, solution.routes[s]!, v, countV, 0);
                if (after - before < -1e-9) expect(cut).toBeCloseTo(after - before, 6);
                else expect(cut).toBeGreaterThanOrEqual(-1e-9);
                expect(cut).toBeLessThanOrEqual(after - before + 1e-9);
                applySwap(solution, solution.routes[r]!, u, countU, solution.routes[s]!, v, countV);
                expect(solution.toRoutes()).toEqual(expected);
                moves++;
                if (delta < -1e-9) improving++;
              }
            }
          }
        }
      }
    }
    expect(moves).toBeGreaterThan(2000);
    expect(withinRoute).toBeGreaterThan(200);
    expect(improving).toBeGreaterThan(100);
  });

  it('with time warp costing nothing, turns down every exchange that cannot gain before merging any time windows', () => {
    // Between routes the operator's own bound turns them down; within a route the route builder's.
    let refused = 0;
    for (const { instance, routes, penalties, solution, before, r, s } of routePairsWithoutTimeWarpCost(40, 3, true)) {
      for (const [countU, countV] of [[1, 1], [1, 2], [2, 1], [2, 2]] as const) {
        for (let u = 1; u + countU - 1 <= routes[r]!.length; u++) {
          for (let v = 1; v + countV - 1 <= routes[s]!.length; v++) {
            if (r === s && u < v + countV && v < u + countU) continue;
            const expected = exchanged(routes, r, u, countU, s, v, countV);
            const change = evaluateRoutes(instance, expected, penalties).penalisedCost - before;
            if (expectTurnedDownUnmerged(solution, change, () => swapDelta(solution, solution.routes[r]!, u, countU, solution.routes[s]!, v, countV, 0))) refused++;
          }
        }
      }
    }
    expect(refused).toBeGreaterThan(600);
  });
});

import { describe, expect, it } from 'vitest';
import { bruteForceCases, expectTurnedDownUnmerged, routePairsWithoutTimeWarpCost } from './brute-force-cases.ts';
import { evaluateRoutes } from './evaluate-route.ts';
import { applyRelocate, relocateDelta } from './relocate.ts';
import { SearchSolution } from './search-solution.ts';

describe('relocate', () => {
  it('every move of one or two customers: the change equals the simulation, and applying gives those routes', () => {
    let moves = 0;
    let improving = 0;
    for (const { instance, routes, penalties } of bruteForceCases(40, 1)) {
      const solution = new SearchSolution(instance);
      const before = evaluateRoutes(instance, routes, penalties).penalisedCost;
      for (let r = 0; r < routes.length; r++) {
        for (let s = 0; s < routes.length; s++) {
          for (const count of [1, 2]) {
            for (let u = 1; u + count - 1 <= routes[r]!.length; u++) {
              for (let v = 0; v <= routes[s]!.length; v++) {
                if (r === s && v >= u - 1 && v <= u + count - 1) continue;
                const expected = routes.map((route) => [...route]);
                const block = expected[r]!.splice(u - 1, count);
                // Within one route, removing the block shifts the places after it.
                const at = r === s && v > u ? v - count : v;
                expected[s]!.splice(at, 0, ...block);
                solution.load(routes, penalties);
                const delta = relocateDelta(solution, solution.routes[r]!, u, count, solution.routes[s]!, v);
                const after = evaluateRoutes(instance, expected, penalties).penalisedCost;
                expect(delta).toBeCloseTo(after - before, 6);
                // With a cutoff: the exact change, or a lower bound when the change reaches the cutoff anyway.
                const cut = relocateDelta(solution, solution.routes[r]!, u, count, solution.routes[s]!, v, 0);
                if (after - before < -1e-9) expect(cut).toBeCloseTo(after - before, 6);
                else expect(cut).toBeGreaterThanOrEqual(-1e-9);
                expect(cut).toBeLessThanOrEqual(after - before + 1e-9);
                applyRelocate(solution, solution.routes[r]!, u, count, solution.routes[s]!, v);
                expect(solution.toRoutes()).toEqual(expected);
                expect(solution.penalisedCost()).toBeCloseTo(after, 6);
                moves++;
                if (delta < -1e-9) improving++;
              }
            }
          }
        }
      }
    }
    expect(moves).toBeGreaterThan(2000);
    expect(improving).toBeGreaterThan(100);
  });

  it('with time warp costing nothing, turns down every move that cannot gain before merging any time windows', () => {
    // Between routes the operator's own bound turns them down; within a route the route builder's.
    let refused = 0;
    for (const { instance, routes, penalties, solution, before, r, s } of routePairsWithoutTimeWarpCost(40, 2, true)) {
      for (const count of [1, 2]) {
        // The route moved from keeps a customer (an emptied one is costed exactly, as it costs nothing).
        for (let u = 1; u + count - 1 < routes[r]!.length; u++) {
          for (let v = 0; v <= routes[s]!.length; v++) {
            if (r === s && v >= u - 1 && v <= u + count - 1) continue;
            const expected = routes.map((route) => [...route]);
            const block = expected[r]!.splice(u - 1, count);
            expected[s]!.splice(r === s && v > u ? v - count : v, 0, ...block);
            const change = evaluateRoutes(instance, expected, penalties).penalisedCost - before;
            if (expectTurnedDownUnmerged(solution, change, () => relocateDelta(solution, solution.routes[r]!, u, count, solution.routes[s]!, v, 0))) refused++;
          }
        }
      }
    }
    expect(refused).toBeGreaterThan(300);
  });
});

import { describe, expect, it } from 'vitest';
import { bruteForceCases, expectTurnedDownUnmerged, routePairsWithoutTimeWarpCost } from './brute-force-cases.ts';
import { evaluateRoutes } from './evaluate-route.ts';
import { SearchSolution } from './search-solution.ts';
import { applyTwoOptStar, twoOptStarDelta } from './two-opt-star.ts';

describe('2-opt*', () => {
  it('every exchange of tails between two routes (empty ones too): the change equals the simulation, and applying gives those routes', () => {
    let moves = 0;
    let improving = 0;
    for (const { instance, routes, penalties } of bruteForceCases(60, 3)) {
      const solution = new SearchSolution(instance);
      const before = evaluateRoutes(instance, routes, penalties).penalisedCost;
      for (let r = 0; r < routes.length; r++) {
        for (let s = 0; s < routes.length; s++) {
          if (r === s) continue;
          for (let u = 0; u <= routes[r]!.length; u++) {
            for (let v = 0; v <= routes[s]!.length; v++) {
              const expected = routes.map((route) => [...route]);
              expected[r] = [...routes[r]!.slice(0, u), ...routes[s]!.slice(v)];
              expected[s] = [...routes[s]!.slice(0, v), ...routes[r]!.slice(u)];
              solution.load(routes, penalties);
              const delta = twoOptStarDelta(solution, solution.routes[r]!, u, solution.routes[s]!, v);
              const after = evaluateRoutes(instance, expected, penalties).penalisedCost;
              expect(delta).toBeCloseTo(after - before, 6);
              // With a cutoff: the exact change, or a lower bound when the change reaches the cutoff anyway.
              const cut = twoOptStarDelta(solution, solution.routes[r]!, u, solution.routes[s]!, v, 0);
              if (after - before < -1e-9) expect(cut).toBeCloseTo(after - before, 6);
              else expect(cut).toBeGreaterThanOrEqual(-1e-9);
              expect(cut).toBeLessThanOrEqual(after - before + 1e-9);
              applyTwoOptStar(solution, solution.routes[r]!, u, solution.routes[s]!, v);
              expect(solution.toRoutes()).toEqual(expected);
              moves++;
              if (delta < -1e-9) improving++;
            }
          }
        }
      }
    }
    expect(moves).toBeGreaterThan(1000);
    expect(improving).toBeGreaterThan(100);
  });

  it('with time warp costing nothing, turns down every exchange that cannot gain before merging any time windows', () => {
    let refused = 0;
    for (const { instance, routes, penalties, solution, before, r, s } of routePairsWithoutTimeWarpCost(60, 4)) {
      for (let u = 0; u <= routes[r]!.length; u++) {
        for (let v = 0; v <= routes[s]!.length; v++) {
          // Both routes keep a customer (an emptied one is costed exactly, as it costs nothing).
          if (u + routes[s]!.length - v === 0 || v + routes[r]!.length - u === 0) continue;
          const expected = routes.map((route) => [...route]);
          expected[r] = [...routes[r]!.slice(0, u), ...routes[s]!.slice(v)];
          expected[s] = [...routes[s]!.slice(0, v), ...routes[r]!.slice(u)];
          const change = evaluateRoutes(instance, expected, penalties).penalisedCost - before;
          if (expectTurnedDownUnmerged(solution, change, () => twoOptStarDelta(solution, solution.routes[r]!, u, solution.routes[s]!, v, 0))) refused++;
        }
      }
    }
    expect(refused).toBeGreaterThan(500);
  });
});

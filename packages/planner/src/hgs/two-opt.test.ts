import { describe, expect, it } from 'vitest';
import { bruteForceCases } from './brute-force-cases.ts';
import { evaluateRoutes } from './evaluate-route.ts';
import { SearchSolution } from './search-solution.ts';
import { applyTwoOpt, twoOptDelta } from './two-opt.ts';

describe('2-opt', () => {
  it('every reversal within a route: the change equals the simulation, and applying gives that route', () => {
    let moves = 0;
    let improving = 0;
    for (const { instance, routes, penalties } of bruteForceCases(150, 4)) {
      const solution = new SearchSolution(instance);
      const before = evaluateRoutes(instance, routes, penalties).penalisedCost;
      for (let r = 0; r < routes.length; r++) {
        const route = routes[r]!;
        for (let i = 1; i <= route.length; i++) {
          for (let j = i + 1; j <= route.length; j++) {
            const expected = routes.map((x) => [...x]);
            expected[r] = [...route.slice(0, i - 1), ...route.slice(i - 1, j).reverse(), ...route.slice(j)];
            solution.load(routes, penalties);
            const delta = twoOptDelta(solution, solution.routes[r]!, i, j);
            const after = evaluateRoutes(instance, expected, penalties).penalisedCost;
            expect(delta).toBeCloseTo(after - before, 6);
            // With a cutoff: the exact change, or a lower bound when the change reaches the cutoff anyway.
            const cut = twoOptDelta(solution, solution.routes[r]!, i, j, 0);
            if (after - before < -1e-9) expect(cut).toBeCloseTo(after - before, 6);
            else expect(cut).toBeGreaterThanOrEqual(-1e-9);
            expect(cut).toBeLessThanOrEqual(after - before + 1e-9);
            applyTwoOpt(solution, solution.routes[r]!, i, j);
            expect(solution.toRoutes()).toEqual(expected);
            moves++;
            if (delta < -1e-9) improving++;
          }
        }
      }
    }
    expect(moves).toBeGreaterThan(800);
    expect(improving).toBeGreaterThan(50);
  });
});

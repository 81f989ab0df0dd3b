import { describe, expect, it } from 'vitest';
import { bruteForceCases } from './brute-force-cases.ts';
import { evaluateRoutes } from './evaluate-route.ts';
import { SearchSolution } from './search-solution.ts';
import { SwapStar } from './swap-star.ts';
import type { Penalties, VrptwInstance } from './vrptw-instance.ts';

/** `route` without its p-th customer (1-based) and with `node` after the q-th of the original (q != p; 0: first). */
function removeInsert(route: readonly number[], p: number, node: number, q: number): number[] {
  const out = q === 0 ? [node] : [];
  for (let i = 1; i <= route.length; i++) {
    if (i !== p) out.push(route[i - 1]!);
    if (i === q) out.push(node);
  }
  return out;
}

function swapped(routes: readonly number[][], r: number, s: number, u: number, v: number, afterU: number, afterV: number): number[][] {
  const out = routes.map((route) => [...route]);
  out[r] = removeInsert(routes[r]!, u, routes[s]![v - 1]!, afterV);
  out[s] = removeInsert(routes[s]!, v, routes[r]![u - 1]!, afterU);
  return out;
}

function cost(instance: VrptwInstance, routes: readonly number[][], penalties: Penalties): number {
  return evaluateRoutes(instance, routes, penalties).penalisedCost;
}

describe('SWAP*', () => {
  it('its change is exact, between the best SWAP* move and the best in-place swap, and applying gives those routes', () => {
    let pairs = 0;
    let beatSwap = 0;
    for (const { instance, routes, penalties } of bruteForceCases(60, 5)) {
      const solution = new SearchSolution(instance);
      const swapStar = new SwapStar(solution);
      const before = cost(instance, routes, penalties);
      for (let r = 0; r < routes.length; r++) {
        for (let s = 0; s < routes.length; s++) {
          const [a, b] = [routes[r]!, routes[s]!];
          if (r === s || a.length === 0 || b.length === 0) continue;
          let bestSwap = Infinity;
          let bestAny = Infinity;
          for (let u = 1; u <= a.length; u++) {
            for (let v = 1; v <= b.length; v++) {
              bestSwap = Math.min(bestSwap, cost(instance, swapped(routes, r, s, u, v, v - 1, u - 1), penalties) - before);
              for (let afterU = 0; afterU <= b.length; afterU++) {
                for (let afterV = 0; afterV <= a.length; afterV++) {
                  if (afterU === v || afterV === u) continue;
                  bestAny = Math.min(bestAny, cost(instance, swapped(routes, r, s, u, v, afterU, afterV), penalties) - before);
                }
              }
            }
          }
          solution.load(routes, penalties);
          swapStar.reset();
          const delta = swapStar.evaluate(solution.routes[r]!, solution.routes[s]!);
          expect(delta).toBeLessThanOrEqual(bestSwap + 1e-9);
          expect(delta).toBeGreaterThanOrEqual(bestAny - 1e-9);
          const expected = swapped(routes, r, s, swapStar.u, swapStar.v, swapStar.afterU, swapStar.afterV);
          expect(delta).toBeCloseTo(cost(instance, expected, penalties) - before, 6);
          swapStar.apply();
          expect(solution.toRoutes()).toEqual(expected);
          pairs++;
          if (delta < bestSwap - 1e-9) beatSwap++;
        }
      }
    }
    expect(pairs).toBeGreaterThan(100);
    // Reinserting at the best place, not in the other's, does find better moves.
    expect(beatSwap).toBeGreaterThan(20);
  });

  it('stays exact move after move while its cached insertions follow the routes changing', () => {
    let moves = 0;
    for (const { instance, routes, penalties } of bruteForceCases(30, 6)) {
      const solution = new SearchSolution(instance);
      const swapStar = new SwapStar(solution);
      solution.load(routes, penalties);
      swapStar.reset();
      for (let step = 0; step < 6; step++) {
        const current = solution.toRoutes();
        const r = step % current.length;
        const s = (step + 1) % current.length;
        if (current[r]!.length === 0 || current[s]!.length === 0) continue;
        const delta = swapStar.evaluate(solution.routes[r]!, solution.routes[s]!);
        const expected = swapped(current, r, s, swapStar.u, swapStar.v, swapStar.afterU, swapStar.afterV);
        expect(delta).toBeCloseTo(cost(instance, expected, penalties) - cost(instance, current, penalties), 6);
        swapStar.apply();
        expect(solution.toRoutes()).toEqual(expected);
        moves++;
      }
    }
    expect(moves).toBeGreaterThan(60);
  });

  it('on distance alone (time warp and load free, as in HGS-CVRP without capacity) finds the best exchange there is, with its cached places kept up to date', () => {
    // Then an insertion's cost does not depend on the rest of the route, so the three best places kept
    // per customer and route, less the two beside the customer it replaces, always hold the best one.
    let pairs = 0;
    for (const { instance, routes } of bruteForceCases(40, 7)) {
      const penalties = { capacity: 0, timeWarp: 0 };
      const solution = new SearchSolution(instance);
      const swapStar = new SwapStar(solution);
      solution.load(routes, penalties);
      swapStar.reset();
      for (let step = 0; step < 4; step++) {
        const current = solution.toRoutes();
        const before = cost(instance, current, penalties);
        const r = step % current.length;
        const s = (step + 1) % current.length;
        const [a, b] = [current[r]!, current[s]!];
        if (a.length === 0 || b.length === 0) continue;
        let bestAny = Infinity;
        for (let u = 1; u <= a.length; u++) {
          for (let v = 1; v <= b.length; v++) {
            for (let afterU = 0; afterU <= b.length; afterU++) {
              for (let afterV = 0; afterV <= a.length; afterV++) {
                if (afterU === v || afterV === u) continue;
                bestAny = Math.min(bestAny, cost(instance, swapped(current, r, s, u, v, afterU, afterV), penalties) - before);
              }
            }
          }
        }
        expect(swapStar.evaluate(solution.routes[r]!, solution.routes[s]!)).toBeCloseTo(bestAny, 6);
        swapStar.apply();
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThan(80);
  });
});

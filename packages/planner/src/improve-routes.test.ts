import { describe, expect, it } from 'vitest';
import { compileProblem } from './compile-problem.ts';
import { FastEngine } from './fast-engine.ts';
import { GeneralEngine } from './general-engine.ts';
import { improveRoutes } from './improve-routes.ts';
import type { PlanningProblem } from './problem.ts';
import { createRandom } from './random.ts';
import { RouteState } from './route-state.ts';

// Four customers on a line either side of the depot: two vans, each sent on a criss-cross day.
// 2-opt* (swap tails) untangles them to the optimum, 80 minutes of driving.
function crossedDay(): PlanningProblem {
  const x = [0, -10, -20, 10, 20];
  const d = x.map((a) => x.map((b) => Math.abs(a - b)));
  return {
    staff: ['a', 'b'].map((id) => ({ id, start: { index: 0 }, end: { index: 0 }, shift: { start: 0, end: 1000 }, capacity: 10 })),
    visits: [1, 2, 3, 4].map((i) => ({ id: `c${i}`, location: { index: i }, duration: 0, demand: 1 })),
    travel: { kind: 'matrix', durations: d },
    objective: { travelMinute: 1, travelDistance: 0 },
  };
}

function load(state: RouteState, engine: FastEngine, routes: number[][]): void {
  routes.forEach((tasks, r) => tasks.forEach((t, p) => state.insert(t, r, p)));
  engine.refresh(state, routes.map((_, r) => r));
}

describe('improveRoutes', () => {
  it('untangles two crossed days to the optimum', () => {
    const cp = compileProblem(crossedDay());
    const engine = new FastEngine(cp);
    const state = new RouteState(cp.staffCount, cp.taskCount);
    // a: -10 then +20; b: +10 then -20: 10+30+20 + 10+30+20 = 120; optimum 40 + 40.
    load(state, engine, [[0, 3], [2, 1]]);
    expect(state.routedCost()).toBe(120);
    improveRoutes(cp, engine, state, createRandom(1));
    expect(state.routedCost()).toBe(80);
  });

  it('never breaks a time window or capacity, and the cost it reports is what simulation says', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = createRandom(seed);
      const n = 16;
      const xy = Array.from({ length: n + 1 }, () => [Math.floor(random() * 60), Math.floor(random() * 60)] as const);
      const d = xy.map((a) => xy.map((b) => Math.floor(10 * Math.hypot(a[0] - b[0], a[1] - b[1])) / 10));
      const problem: PlanningProblem = {
        staff: [0, 1, 2, 3].map((k) => ({ id: `s${k}`, start: { index: 0 }, end: { index: 0 }, shift: { start: 0, end: 600 }, capacity: 50 })),
        visits: Array.from({ length: n }, (_, i) => {
          const open = Math.floor(random() * 300);
          return { id: `v${i}`, location: { index: i + 1 }, duration: 10, demand: 3 + Math.floor(random() * 8), windows: [{ start: open, end: open + 60 + Math.floor(random() * 120) }] };
        }),
        travel: { kind: 'matrix', durations: d },
        objective: { travelMinute: 0, travelDistance: 1 },
      };
      const cp = compileProblem(problem);
      const engine = new FastEngine(cp);
      const general = new GeneralEngine(cp);
      const state = new RouteState(cp.staffCount, cp.taskCount);
      engine.refresh(state, [0, 1, 2, 3]);
      // A poor but feasible start: each visit in the first day that takes it at its end.
      const out = { route: -1, position: -1, delta: 0 };
      for (let t = 0; t < cp.taskCount; t++) {
        for (let r = 0; r < cp.staffCount; r++) {
          engine.bestInsertion(state, t, random, 0, out, r);
          if (out.route >= 0) {
            state.insert(t, out.route, out.position);
            engine.refresh(state, [out.route]);
            break;
          }
        }
      }
      const planned = Array.from(state.taskRoute).filter((r) => r >= 0).length;
      const before = state.routedCost();
      const saved = improveRoutes(cp, engine, state, random);
      expect(saved).toBeGreaterThanOrEqual(0);
      expect(state.routedCost()).toBeCloseTo(before - saved, 9);
      expect(Array.from(state.taskRoute).filter((r) => r >= 0).length).toBe(planned);
      for (let r = 0; r < cp.staffCount; r++) {
        const sim = general.simulate(r, state.tasks.subarray(r * state.stride, (r + 1) * state.stride), state.len[r]!);
        expect(sim).toBeCloseTo(state.routeCost[r]!, 9);
        expect(state.load[r]!).toBeLessThanOrEqual(50);
      }
    }
  });
});

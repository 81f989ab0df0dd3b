import { describe, expect, it } from 'vitest';
import { compileProblem } from './compile-problem.ts';
import { FastEngine } from './fast-engine.ts';
import { GeneralEngine } from './general-engine.ts';
import type { Insertion } from './insertion-engine.ts';
import type { PlanningProblem } from './problem.ts';
import { createRandom } from './random.ts';
import { RouteState } from './route-state.ts';

// The O(1) forward/backward slack checks must agree with simulating the route from scratch.
function randomProblem(seed: number): PlanningProblem {
  const random = createRandom(seed);
  const n = 14;
  const xy = Array.from({ length: n + 1 }, () => [Math.floor(random() * 50), Math.floor(random() * 50)] as const);
  const d = xy.map((a) => xy.map((b) => Math.floor(10 * Math.hypot(a[0] - b[0], a[1] - b[1])) / 10));
  return {
    staff: [0, 1, 2].map((k) => ({ id: `s${k}`, start: { index: 0 }, end: { index: 0 }, shift: { start: 0, end: 400 }, capacity: 60 })),
    visits: Array.from({ length: n }, (_, i) => {
      const open = Math.floor(random() * 250);
      return { id: `v${i}`, location: { index: i + 1 }, duration: 10, demand: 5 + Math.floor(random() * 10), windows: [{ start: open, end: open + 20 + Math.floor(random() * 80) }] };
    }),
    travel: { kind: 'matrix', durations: d },
    objective: { travelMinute: 0, travelDistance: 1 },
    // Exact times (one decimal): the fast engine's equivalence is with simulation in exact times.
    wholeMinutes: false,
  };
}

describe('fast time-window engine', () => {
  it('finds the same cheapest feasible insertion as full route simulation', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const cp = compileProblem(randomProblem(seed));
      expect(cp.simple).toBe(true);
      const fast = new FastEngine(cp);
      const general = new GeneralEngine(cp);
      const state = new RouteState(cp.staffCount, cp.taskCount);
      fast.refresh(state, [0, 1, 2]);
      const random = createRandom(seed);
      const out: Insertion = { route: -1, position: -1, delta: 0 };
      for (let t = 0; t < cp.taskCount; t++) {
        fast.bestInsertion(state, t, random, 0, out);
        // Reference: try every route and position by simulation.
        let best = Number.POSITIVE_INFINITY;
        for (let r = 0; r < cp.staffCount; r++) {
          const n = state.len[r]!;
          const base = r * state.stride;
          for (let p = 0; p <= n; p++) {
            const seq = new Int32Array(n + 3);
            seq.set(state.tasks.subarray(base, base + p + 1), 0);
            seq[p + 1] = t;
            seq.set(state.tasks.subarray(base + p + 1, base + n + 1), p + 2);
            const before = general.simulate(r, state.tasks.subarray(base, base + state.stride), n);
            const after = general.simulate(r, seq, n + 1);
            best = Math.min(best, after - before);
          }
        }
        if (best === Number.POSITIVE_INFINITY) expect(out.route).toBe(-1);
        else expect(out.delta).toBeCloseTo(best, 9);
        if (out.route >= 0) {
          state.insert(t, out.route, out.position);
          fast.refresh(state, [out.route]);
          // The refreshed route is feasible and costs what simulation says.
          const r = out.route;
          const sim = general.simulate(r, state.tasks.subarray(r * state.stride, (r + 1) * state.stride), state.len[r]!);
          expect(sim).toBeCloseTo(state.routeCost[r]!, 9);
        }
      }
    }
  });
});

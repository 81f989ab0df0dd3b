// Small hand-made problems shared by the planner's unit tests.
import type { PlanningProblem } from './problem.ts';

/** Four homes on a line east of the base (index 0), one minute apart; two staff. */
export function lineProblem(): PlanningProblem {
  const points = [0, 10, 20, 30, 40];
  return {
    staff: [
      { id: 'ann', start: { index: 0 }, end: { index: 0 }, shift: { start: 0, end: 480 }, skills: ['physio', 'registered', 'hoist'] },
      { id: 'ben', start: { index: 0 }, end: { index: 0 }, shift: { start: 0, end: 480 }, skills: ['physio', 'hoist'] },
    ],
    visits: [
      { id: 'v1', location: { index: 1 }, duration: 30, requiredSkills: ['physio'] },
      { id: 'v2', location: { index: 2 }, duration: 30, windows: [{ start: 60, end: 120 }] },
      { id: 'v3', location: { index: 3 }, duration: 30 },
      { id: 'v4', location: { index: 4 }, duration: 30, requiredSkills: ['registered'] },
    ],
    travel: { kind: 'matrix', durations: points.map((a) => points.map((b) => Math.abs(a - b))) },
  };
}

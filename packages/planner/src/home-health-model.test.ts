// Issue 19 part 2: the home-health model gaps. Each test failed before its fix; the comment on each
// says what was wrong.
import { describe, expect, it } from 'vitest';
import { checkSolution } from './check-solution.ts';
import { parseProblem } from './parse-problem.ts';
import type { PlanResult } from './plan-result.ts';
import { planVisits } from './plan-visits.ts';
import type { PlanningProblem } from './problem.ts';

/** Points on a line, `points[i]` minutes from the base at index 0; staff ann and ben both at the base. */
function lineDay(points: number[], visits: PlanningProblem['visits']): PlanningProblem {
  return {
    staff: [
      { id: 'ann', start: { index: 0 }, end: { index: 0 }, shift: { start: 0, end: 480 } },
      { id: 'ben', start: { index: 0 }, end: { index: 0 }, shift: { start: 0, end: 480 } },
    ],
    visits,
    travel: { kind: 'matrix', durations: points.map((a) => points.map((b) => Math.abs(a - b))) },
  };
}

function stopsOf(result: PlanResult, visitId: string) {
  return result.plans.flatMap((p) => p.stops.map((s) => ({ staffId: p.staffId, ...s }))).filter((s) => s.visitId === visitId);
}

function errorsOf(input: unknown) {
  const result = parseProblem(JSON.parse(JSON.stringify(input)));
  return result.ok ? [] : result.errors;
}

function expectChecked(problem: PlanningProblem, result: PlanResult) {
  expect(checkSolution(problem, result).violations).toEqual([]);
}

describe('start-to-start precedences (issue 19, 1)', () => {
  // Before: a gap was always measured from the end of `before` and had to be >= 0, so "the second
  // carer starts 10 minutes after the first" could not be said; `from` was ignored.
  it('plans the second visit 10 minutes after the first starts, overlapping it', () => {
    const problem = lineDay([0, 10, 10], [
      { id: 'first', location: { index: 1 }, duration: 30 },
      { id: 'second', location: { index: 2 }, duration: 30 },
    ]);
    problem.precedences = [{ before: 'first', after: 'second', from: 'start', minGap: 10, maxGap: 10 }];
    const result = planVisits(problem, { iterationLimit: 200, seed: 1 });
    expectChecked(problem, result);
    expect(result.unplanned).toEqual([]);
    const [a] = stopsOf(result, 'first');
    const [b] = stopsOf(result, 'second');
    expect(b!.start - a!.start).toBe(10);
    expect(a!.staffId).not.toBe(b!.staffId);
  });

  it('allows `after` to start first with a negative start-to-start gap', () => {
    // Within 5 minutes either way; the later visit's window forces `after` to go first.
    const problem = lineDay([0, 10, 10], [
      { id: 'first', location: { index: 1 }, duration: 30, windows: [{ start: 100, end: 200 }] },
      { id: 'second', location: { index: 2 }, duration: 30, windows: [{ start: 95, end: 95 }] },
    ]);
    problem.precedences = [{ before: 'first', after: 'second', from: 'start', minGap: -5, maxGap: 5 }];
    const result = planVisits(problem, { iterationLimit: 200, seed: 1 });
    expectChecked(problem, result);
    expect(result.unplanned).toEqual([]);
    expect(stopsOf(result, 'second')[0]!.start - stopsOf(result, 'first')[0]!.start).toBe(-5);
  });

  it('keeps the end-based meaning when `from` is left out', () => {
    const problem = lineDay([0, 10, 10], [
      { id: 'first', location: { index: 1 }, duration: 30 },
      { id: 'second', location: { index: 2 }, duration: 30 },
    ]);
    problem.precedences = [{ before: 'first', after: 'second', minGap: 10 }];
    const result = planVisits(problem, { iterationLimit: 200, seed: 1 });
    expectChecked(problem, result);
    expect(stopsOf(result, 'second')[0]!.start - stopsOf(result, 'first')[0]!.end).toBeGreaterThanOrEqual(10);
  });

  it('the checker measures a start-to-start gap from the start', () => {
    const problem = lineDay([0, 10, 10], [
      { id: 'first', location: { index: 1 }, duration: 30 },
      { id: 'second', location: { index: 2 }, duration: 30 },
    ]);
    problem.precedences = [{ before: 'first', after: 'second', from: 'start', minGap: 10, maxGap: 10 }];
    const stop = (visitId: string, start: number) => ({ visitId, arrival: start, start, end: start + 30, travelMinutes: 10, distance: 10, lateMinutes: 0 });
    const plan = (staffId: string, start: number, visitId: string) => ({ staffId, leave: start - 10, return: start + 40, stops: [stop(visitId, start)], breaks: [], travelMinutes: 20, distance: 20, load: 0 });
    const result: PlanResult = {
      plans: [plan('ann', 10, 'first'), plan('ben', 25, 'second')],
      unplanned: [],
      cost: { total: 40, travel: 40, lateness: 0, unplanned: 0, continuity: 0, change: 0 },
      changes: [],
      stats: { seed: 1, iterations: 0, seconds: 0, bestFoundAtIteration: 0, bestFoundAtSeconds: 0, firstPlanSeconds: 0, requiredPlannedAtSeconds: null },
    };
    result.cost = checkSolution(problem, result).cost;
    expect(checkSolution(problem, result).violations).toEqual(['visit "second" starts 15 minutes after "first" starts, more than 10']);
    result.plans[1] = plan('ben', 20, 'second');
    result.cost = checkSolution(problem, result).cost;
    expect(checkSolution(problem, result).violations).toEqual([]);
  });

  it('parses `from`, allows negative gaps only start to start, and names min above max', () => {
    const problem = lineDay([0, 10, 10], [
      { id: 'first', location: { index: 1 }, duration: 30 },
      { id: 'second', location: { index: 2 }, duration: 30 },
    ]);
    problem.precedences = [{ before: 'first', after: 'second', from: 'start', minGap: -15, maxGap: 15 }];
    expect(errorsOf(problem)).toEqual([]);
    expect(parseProblem(problem)).toMatchObject({ ok: true, problem: { precedences: [{ from: 'start', minGap: -15, maxGap: 15 }] } });
    problem.precedences = [
      { before: 'first', after: 'second', minGap: -15 },
      { before: 'first', after: 'second', from: 'start', minGap: 20, maxGap: 10 },
      { before: 'first', after: 'second', from: 'start', maxGap: -10 },
      { before: 'first', after: 'second', from: 'middle' as 'start' },
    ];
    expect(errorsOf(problem)).toEqual([
      { path: 'precedences[0].minGap', message: 'must be a non-negative number' },
      { path: 'precedences[1].maxGap', message: 'must not be below minGap' },
      { path: 'precedences[2].maxGap', message: 'must not be below minGap (default 0)' },
      { path: 'precedences[3].from', message: 'must be "start" or "end"' },
    ]);
  });
});

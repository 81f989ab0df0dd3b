import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { pickBestPlan, searchOrder } from './best-plan.ts';
import { checkSolution } from './check-solution.ts';
import { generateTherapyDay } from './generate-therapy-day.ts';
import type { PlanResult } from './plan-result.ts';
import { planVisits } from './plan-visits.ts';
import type { PlanProgress } from './plan-visits.ts';
import { solveInWorker, solveInWorkers, startPlannerWorker } from './solve-in-worker.ts';
import type { StartWorker } from './solve-in-worker.ts';
import { lineProblem } from './test-problems.ts';

// The generated therapy day: 15 staff, 120 visits; at 150 iterations seeds 1, 2 and 3 end on different plans.
const day = generateTherapyDay();
const iterationLimit = 150;

/** The plan itself, without the timings (which differ from run to run). */
function planOf(result: PlanResult) {
  return { plans: result.plans, unplanned: result.unplanned, cost: result.cost, changes: result.changes, seed: result.stats.seed, iterations: result.stats.iterations };
}

/** Starts workers as solveInWorker does, records each, and lets a test replace some. */
function recordingStart(replace?: (seed: number) => Worker | null) {
  const workers: { seed: number; worker: Worker; exited: boolean }[] = [];
  const start: StartWorker = (request) => {
    const seed = request.options.seed!;
    const worker = replace?.(seed) ?? startPlannerWorker(request);
    const entry = { seed, worker, exited: false };
    worker.on('exit', () => (entry.exited = true));
    workers.push(entry);
    return worker;
  };
  return { start, workers };
}

const failingWorker = () => new Worker('throw new Error("planner worker failed on purpose")', { eval: true });

describe('solveInWorker with several searches', () => {
  const singles = [1, 2, 3].map((seed) => planVisits(day, { iterationLimit, seed }));

  it('returns the best of the single-seed runs, no worse than any of them, and says which seed won', async () => {
    const { start, workers } = recordingStart();
    const result = await solveInWorkers(day, { iterationLimit, seed: 1, searches: 3 }, start);
    const orders = singles.map((s) => searchOrder(day, s));
    const mine = searchOrder(day, result);
    for (const order of orders) {
      expect(mine.requiredUnplanned).toBeLessThanOrEqual(order.requiredUnplanned);
      if (mine.requiredUnplanned === order.requiredUnplanned) expect(mine.cost).toBeLessThanOrEqual(order.cost + 1e-9);
    }
    const best = pickBestPlan(day, singles.map((result, i) => ({ seed: i + 1, result })))!;
    expect(planOf(result)).toEqual(planOf(best.result));
    expect(result.stats.seed).toBe(best.seed);
    expect(result.stats.searches).toBe(3);
    expect(result.stats.searchResults).toEqual(singles.map((s, i) => ({ seed: i + 1, cost: s.cost.total, unplanned: s.unplanned.length, iterations: s.stats.iterations })));
    expect(checkSolution(day, result).violations).toEqual([]);
    // Every thread has gone by the time the plan arrives.
    expect(workers.map((w) => w.exited)).toEqual([true, true, true]);
  });

  it('is deterministic for the same inputs', async () => {
    const a = await solveInWorker(day, { iterationLimit, seed: 4, searches: 2 });
    const b = await solveInWorker(day, { iterationLimit, seed: 4, searches: 2 });
    expect(planOf(a)).toEqual(planOf(b));
    expect(a.stats.searchResults).toEqual(b.stats.searchResults);
  });

  it('with one search returns exactly what planVisits does for the seed', async () => {
    const result = await solveInWorker(day, { iterationLimit, seed: 2 });
    expect(planOf(result)).toEqual(planOf(singles[1]!));
    expect(result.stats.searches).toBeUndefined();
    expect(result.stats.searchResults).toBeUndefined();
  });

  it('stops every search when cancelled and returns a valid plan, the best so far', async () => {
    const controller = new AbortController();
    const progress: PlanProgress[] = [];
    const { start, workers } = recordingStart();
    const result = await solveInWorkers(
      day,
      {
        timeLimitSeconds: 600,
        seed: 1,
        searches: 2,
        signal: controller.signal,
        progressIntervalSeconds: 0.05,
        onProgress: (p) => {
          progress.push(p);
          controller.abort();
        },
      },
      start,
    );
    expect(checkSolution(day, result).violations).toEqual([]);
    expect(result.stats.searches).toBe(2);
    expect(result.stats.searchResults).toHaveLength(2);
    expect(workers.map((w) => w.exited)).toEqual([true, true]);
    // The last report is the best of the searches' final plans.
    const last = progress.at(-1)!;
    expect(last.unplanned).toBe(result.unplanned.length);
  });

  it('keeps the other searches’ plans when one fails, and fails only when all do', async () => {
    const { start, workers } = recordingStart((seed) => (seed === 2 ? failingWorker() : null));
    const result = await solveInWorkers(day, { iterationLimit, seed: 1, searches: 3 }, start);
    const best = pickBestPlan(day, [{ seed: 1, result: singles[0]! }, { seed: 3, result: singles[2]! }])!;
    expect(planOf(result)).toEqual(planOf(best.result));
    expect(result.stats.searchResults![1]).toEqual({ seed: 2, error: expect.stringContaining('failed on purpose') });
    expect(workers.map((w) => w.exited)).toEqual([true, true, true]);

    const allFail = recordingStart(() => failingWorker());
    await expect(solveInWorkers(day, { iterationLimit, searches: 2 }, allFail.start)).rejects.toThrow('failed on purpose');
    expect(allFail.workers.map((w) => w.exited)).toEqual([true, true]);
  });

  it('refuses a number of searches that is not a whole number of at least 1', async () => {
    await expect(solveInWorker(lineProblem(), { iterationLimit: 10, searches: 0 })).rejects.toThrow(RangeError);
    await expect(solveInWorker(lineProblem(), { iterationLimit: 10, searches: 1.5 })).rejects.toThrow(RangeError);
  });
});

describe('pickBestPlan', () => {
  const problem = lineProblem();
  problem.visits[3]!.mayLeaveUnplanned = true;
  const plan = (total: number, unplanned: string[]): PlanResult => ({
    plans: [],
    unplanned: unplanned.map((visitId) => ({ visitId, code: 'no-time', reason: '' })),
    cost: { total, travel: 0, lateness: 0, maxLateness: 0, unplanned: 0, continuity: 0, change: 0 },
    changes: [],
    stats: { engine: 'ruin-and-recreate', seed: 0, iterations: 0, seconds: 0, bestFoundAtIteration: 0, bestFoundAtSeconds: 0, firstPlanSeconds: 0, requiredPlannedAtSeconds: null },
  });

  it('puts fewer required visits unplanned first, then lower cost, and a tie to the lowest seed', () => {
    // v1 is required: leaving it out loses to any plan with it, however cheap; v4 may wait.
    const runs = [
      { seed: 3, result: plan(1100, ['v1']) },
      { seed: 2, result: plan(1200, ['v4']) },
      { seed: 1, result: plan(1300, ['v4']) },
    ];
    expect(pickBestPlan(problem, runs)!.seed).toBe(2);
    expect(pickBestPlan(problem, [{ seed: 5, result: plan(1200, []) }, { seed: 4, result: plan(1200, []) }])!.seed).toBe(4);
    expect(pickBestPlan(problem, [])).toBeUndefined();
  });

  it('compares required visits left out by count, as the search does, not by their priority', () => {
    problem.visits[0]!.priority = 5;
    // Each leaves one required visit out; without the reported penalties, 250 beats 300.
    const runs = [
      { seed: 1, result: plan(300 + 1000, ['v2']) },
      { seed: 2, result: plan(250 + 5000, ['v1']) },
    ];
    expect(searchOrder(problem, runs[1]!.result)).toEqual({ requiredUnplanned: 1, cost: 250 });
    expect(pickBestPlan(problem, runs)!.seed).toBe(2);
  });
});

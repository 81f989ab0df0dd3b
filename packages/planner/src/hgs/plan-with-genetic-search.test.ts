/* eslint-disable no-restricted-imports -- the test reads a Solomon benchmark file */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../check-solution.ts';
import { generateTherapyDay } from '../generate-therapy-day.ts';
import { planVisits } from '../plan-visits.ts';
import type { PlanningProblem } from '../problem.ts';
import { readSolomon } from '../read-solomon.ts';
import { lineProblem } from '../test-problems.ts';

const instances = new URL('../../../../../shared/data/solomon/instances/', import.meta.url);

/** Two interchangeable staff from one base and four visits on a line. */
function plainLine(): PlanningProblem {
  const p = lineProblem();
  return { ...p, staff: p.staff.map((s) => ({ ...s, skills: [] })), visits: p.visits.map((v) => ({ ...v, requiredSkills: [] })) };
}

describe('planVisits with the hybrid genetic search', () => {
  it.runIf(existsSync(instances))('plans Solomon R101 and C101 through the genetic search (engine genetic), within 1 % (C101) and 5 % (R101, harder) of the proven optima in 150 offspring, every plan checked', () => {
    for (const [name, optimum, within] of [['C101', 827.3, 1.01], ['R101', 1637.7, 1.05]] as const) {
      const problem = readSolomon(readFileSync(new URL(`${name}.txt`, instances), 'utf8'));
      const result = planVisits(problem, { iterationLimit: 150, seed: 1, engine: 'genetic' });
      expect(result.stats.engine, name).toBe('genetic');
      expect(result.stats.iterations, name).toBe(150);
      expect(checkSolution(problem, result).violations, name).toEqual([]);
      expect(result.unplanned, name).toEqual([]);
      expect(result.cost.total, name).toBeLessThanOrEqual(optimum * within);
      expect(result.cost.total, name).toBeGreaterThanOrEqual(optimum - 1e-6);
    }
  });

  it('gives the same plan for the same seed and iteration limit', () => {
    const a = planVisits(plainLine(), { iterationLimit: 20, seed: 3, engine: 'genetic' });
    const b = planVisits(plainLine(), { iterationLimit: 20, seed: 3, engine: 'genetic' });
    expect(a.stats.engine).toBe('genetic');
    // The whole iteration limit searched: nothing stopped it early.
    expect(a.stats.iterations).toBe(20);
    expect(a.plans).toEqual(b.plans);
    expect(checkSolution(plainLine(), a).ok).toBe(true);
    // Every visit on a route, in the order the search left them (an empty plan would also be "the same").
    expect(a.unplanned).toEqual([]);
    expect(a.plans.flatMap((p) => p.stops.map((s) => s.visitId)).sort()).toEqual(plainLine().visits.map((v) => v.id).sort());
  });

  it('reports its progress and its clock in order: first plan, best plan, end; the last report is the plan returned', () => {
    const reports: Array<{ seconds: number; bestCost: number; unplanned: number }> = [];
    const result = planVisits(plainLine(), { iterationLimit: 50, seed: 2, engine: 'genetic', progressIntervalSeconds: 0, onProgress: (p) => reports.push(p) });
    expect(result.stats.engine).toBe('genetic');
    expect(reports.length).toBeGreaterThan(0);
    for (let i = 1; i < reports.length; i++) expect(reports[i]!.seconds).toBeGreaterThanOrEqual(reports[i - 1]!.seconds);
    expect(reports.at(-1)).toMatchObject({ bestCost: result.cost.travel, unplanned: 0 });
    const { firstPlanSeconds, bestFoundAtSeconds, seconds, requiredPlannedAtSeconds } = result.stats;
    expect(firstPlanSeconds).toBeGreaterThanOrEqual(0);
    expect(bestFoundAtSeconds).toBeGreaterThanOrEqual(firstPlanSeconds);
    expect(seconds).toBeGreaterThanOrEqual(bestFoundAtSeconds);
    expect(requiredPlannedAtSeconds).toBe(firstPlanSeconds);
    // Reports come no oftener than asked: with an interval longer than the run, only the final one.
    const sparse: number[] = [];
    planVisits(plainLine(), { iterationLimit: 50, seed: 2, engine: 'genetic', progressIntervalSeconds: 1e9, onProgress: (p) => sparse.push(p.bestCost) });
    expect(sparse).toEqual([result.cost.travel]);
  });

  it('leaves to ruin and recreate a day it cannot model (skills, a therapy day), and every day unless asked', () => {
    expect(planVisits(lineProblem(), { iterationLimit: 20, engine: 'genetic' }).stats.engine).toBe('ruin-and-recreate');
    expect(planVisits(generateTherapyDay(), { iterationLimit: 5, engine: 'genetic' }).stats.engine).toBe('ruin-and-recreate');
    expect(planVisits(plainLine(), { iterationLimit: 20 }).stats.engine).toBe('ruin-and-recreate'); // the default
    expect(planVisits(plainLine(), { iterationLimit: 20, engine: 'ruin-and-recreate' }).stats.engine).toBe('ruin-and-recreate');
    expect(planVisits(plainLine(), { iterationLimit: 20, engine: 'genetic', forceGeneral: true }).stats.engine).toBe('ruin-and-recreate');
  });

  it('hands a day with no plan inside every window to ruin and recreate, which reports the visit it cannot fit', () => {
    // One person, two visits 40 minutes' drive apart that both must start at 60.
    const problem: PlanningProblem = {
      staff: [{ id: 'ann', start: { index: 0 }, end: { index: 0 }, shift: { start: 0, end: 480 } }],
      visits: [
        { id: 'a', location: { index: 1 }, duration: 30, windows: [{ start: 60, end: 60 }] },
        { id: 'b', location: { index: 2 }, duration: 30, windows: [{ start: 60, end: 60 }] },
      ],
      travel: { kind: 'matrix', durations: [[0, 20, 20], [20, 0, 40], [20, 40, 0]] },
    };
    const result = planVisits(problem, { iterationLimit: 30, engine: 'genetic' });
    expect(result.stats.engine).toBe('ruin-and-recreate');
    expect(result.unplanned).toHaveLength(1);
    expect(checkSolution(problem, result).ok).toBe(true);
    // Under a time limit the genetic search hands over by half of it, so ruin and recreate still searches
    // (before, it was given the clock already spent and only built its first plan).
    const timed = planVisits(problem, { timeLimitSeconds: 0.4, engine: 'genetic' });
    expect(timed.stats.engine).toBe('ruin-and-recreate');
    expect(timed.stats.iterations).toBeGreaterThan(0);
    expect(timed.unplanned).toHaveLength(1);
  });
});

// Issue 19's benchmark parts beyond Solomon: the home-health families (one generated family per
// feature, at 2 s and 10 s) and the larger instances (200, 400 and 1000 customers). Every plan goes
// through the independent checker. Memory is the process's resident set, sampled every 0.1 s of the
// search (planVisits is synchronous, so the sample is taken from its progress callback) and at its end.
import { checkSolution } from '../../packages/planner/src/check-solution.ts';
import { generateFamily } from '../../packages/planner/src/generate-home-health-families.ts';
import type { HomeHealthFamily } from '../../packages/planner/src/generate-home-health-families.ts';
import { parseProblem } from '../../packages/planner/src/parse-problem.ts';
import type { PlanResult } from '../../packages/planner/src/plan-result.ts';
import { planVisits } from '../../packages/planner/src/plan-visits.ts';
import type { PlanOptions } from '../../packages/planner/src/plan-visits.ts';
import type { PlanningProblem } from '../../packages/planner/src/problem.ts';
import { generateLargeVrptw } from './planner-large.ts';
import type { FamilyRun, LargeRun } from './planner-summary.ts';

type Measured = { result: PlanResult; wall: number; peakRssMb: number };

/** Plans with a time limit, sampling the resident set size as it goes. */
export function measuredPlan(problem: PlanningProblem, seconds: number, seed: number, engine: PlanOptions['engine'] = 'ruin-and-recreate'): Measured {
  let peak = process.memoryUsage().rss;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const began = performance.now();
  const result = planVisits(problem, { timeLimitSeconds: seconds, seed, progressIntervalSeconds: 0.1, onProgress: sample, engine });
  const wall = (performance.now() - began) / 1000;
  sample();
  return { result, wall, peakRssMb: peak / 2 ** 20 };
}

function parsed(problem: PlanningProblem): PlanningProblem {
  // Through the parser, as the product would send it.
  const p = parseProblem(JSON.parse(JSON.stringify(problem)));
  if (!p.ok) throw new Error(`generated problem is invalid: ${JSON.stringify(p.errors.slice(0, 3))}`);
  return p.problem;
}

export function runFamilies(families: HomeHealthFamily[], limits: number[], seed: number, log: (line: string) => void): FamilyRun[] {
  const runs: FamilyRun[] = [];
  for (const family of families) {
    const instances = generateFamily(family, seed).map((i) => ({ ...i, problem: parsed(i.problem) }));
    for (const instance of instances) log(`${instance.name}: ${instance.description}`);
    for (const limit of limits) {
      for (const { name, problem } of instances) {
        const { result, wall, peakRssMb } = measuredPlan(problem, limit, seed);
        const check = checkSolution(problem, result);
        const optional = new Set(problem.visits.filter((v) => v.mayLeaveUnplanned === true).map((v) => v.id));
        runs.push({
          family,
          instance: name,
          limit,
          cost: check.cost.total,
          requiredUnplanned: result.unplanned.filter((u) => !optional.has(u.visitId)).length,
          optionalUnplanned: result.unplanned.filter((u) => optional.has(u.visitId)).length,
          checkerPassed: check.ok,
          failure: check.ok ? null : check.violations[0]!,
          seconds: wall,
          firstPlanSeconds: result.stats.firstPlanSeconds,
          requiredPlannedAtSeconds: result.stats.requiredPlannedAtSeconds,
          bestFoundAtSeconds: result.stats.bestFoundAtSeconds,
          peakRssMb,
        });
      }
    }
  }
  return runs;
}

export function runLarge(sizes: number[], limitsFor: (customers: number) => number[], seed: number, log: (line: string) => void, engine: PlanOptions['engine'] = 'ruin-and-recreate'): LargeRun[] {
  const runs: LargeRun[] = [];
  for (const customers of sizes) {
    const problem = generateLargeVrptw(customers, seed);
    for (const limit of limitsFor(customers)) {
      log(`${customers} customers, ${limit} s ...`);
      const { result, wall, peakRssMb } = measuredPlan(problem, limit, seed, engine);
      const check = checkSolution(problem, result);
      runs.push({
        customers,
        vehiclesAvailable: problem.staff.length,
        limit,
        cost: check.cost.total,
        vehicles: result.plans.length,
        unplanned: result.unplanned.length,
        checkerPassed: check.ok,
        failure: check.ok ? null : check.violations[0]!,
        seconds: wall,
        iterations: result.stats.iterations,
        firstPlanSeconds: result.stats.firstPlanSeconds,
        requiredPlannedAtSeconds: result.stats.requiredPlannedAtSeconds,
        bestFoundAtSeconds: result.stats.bestFoundAtSeconds,
        peakRssMb,
      });
    }
  }
  return runs;
}

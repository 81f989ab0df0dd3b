// Issue 13's planner figures: a locality day (40 staff, 350 visits) to a feasible plan and its
// objective at 10 s and 60 s, a 7-day week (15 staff, about 800 visits), and a re-plan after a
// clinician goes off sick at 10:00. Every plan goes through the independent checker.
import { checkSolution } from '../../packages/planner/src/check-solution.ts';
import { generateLocalityDay, generateTherapyWeek } from '../../packages/planner/src/generate-therapy-day.ts';
import { parseProblem } from '../../packages/planner/src/parse-problem.ts';
import type { PlanResult } from '../../packages/planner/src/plan-result.ts';
import { planVisits } from '../../packages/planner/src/plan-visits.ts';
import type { PlanningProblem } from '../../packages/planner/src/problem.ts';
import { replanAfterAbsence } from '../../packages/planner/src/replan-after-absence.ts';

export type ScenarioOptions = {
  seed: number;
  /** Seconds for the locality day's runs (10 and 60; a 0 skips that run). */
  localityLimits: number[];
  weekSecondsPerDay: number;
  replanSeconds: number;
  scenarios: Set<'locality' | 'week' | 'replan'>;
};

export type ScenarioRow = {
  scenario: string;
  staff: number;
  visits: number;
  limit: string;
  seconds: number;
  firstPlan: number;
  allRequired: number | null;
  objective: number;
  travel: number;
  requiredLeft: number;
  optionalLeft: number;
  changed: string;
  target: string;
  checker: string;
};

function checked(problem: PlanningProblem): PlanningProblem {
  // Through the parser, as the product would send it: the generated problem is valid JSON input.
  const parsed = parseProblem(JSON.parse(JSON.stringify(problem)));
  if (!parsed.ok) throw new Error(`generated problem is invalid: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  return parsed.problem;
}

function run(problem: PlanningProblem, seconds: number, seed: number): { result: PlanResult; wall: number } {
  const began = performance.now();
  const result = planVisits(problem, { timeLimitSeconds: seconds, seed });
  return { result, wall: (performance.now() - began) / 1000 };
}

function row(scenario: string, problem: PlanningProblem, result: PlanResult, wall: number, limit: string, target: string): ScenarioRow {
  const check = checkSolution(problem, result);
  const optional = new Set(problem.visits.filter((v) => v.mayLeaveUnplanned === true).map((v) => v.id));
  const optionalLeft = result.unplanned.filter((u) => optional.has(u.visitId)).length;
  const kinds = ['staff', 'time', 'unplanned'] as const;
  const changed = problem.visits.some((v) => v.current !== undefined)
    ? `${result.changes.length} (${kinds.map((k) => `${result.changes.filter((c) => c.kind === k).length} ${k}`).join(', ')})`
    : '-';
  return {
    scenario,
    staff: problem.staff.length,
    visits: problem.visits.length,
    limit,
    seconds: wall,
    firstPlan: result.stats.firstPlanSeconds,
    allRequired: result.stats.requiredPlannedAtSeconds,
    objective: result.cost.total,
    travel: result.cost.travel,
    requiredLeft: result.unplanned.length - optionalLeft,
    optionalLeft,
    changed,
    target,
    checker: check.ok ? 'passed' : `FAILED: ${check.violations[0]}`,
  };
}

export function runScenarios(options: ScenarioOptions, log: (line: string) => void): ScenarioRow[] {
  const rows: ScenarioRow[] = [];
  const { seed } = options;
  const locality = checked(generateLocalityDay(7));
  let published: PlanResult | null = null;
  if (options.scenarios.has('locality') || options.scenarios.has('replan')) {
    for (const limit of options.localityLimits) {
      if (!(limit > 0)) {
        log('Locality day: a run was skipped (its limit is 0)');
        continue;
      }
      if (!options.scenarios.has('locality') && published !== null) break;
      log(`Locality day, ${limit} s ...`);
      const { result, wall } = run(locality, limit, seed);
      published ??= result;
      const r = row('locality day', locality, result, wall, `${limit} s`, 'first feasible < 10 s');
      r.target = `first feasible < 10 s: ${r.allRequired !== null && r.allRequired < 10 ? 'met' : 'missed'}`;
      rows.push(r);
    }
  }
  if (options.scenarios.has('week')) {
    const week = generateTherapyWeek(seed);
    let total = 0;
    const dayRows: ScenarioRow[] = [];
    for (const { day, problem } of week) {
      log(`Week, ${day} ...`);
      const p = checked(problem);
      const { result, wall } = run(p, options.weekSecondsPerDay, seed);
      total += wall;
      dayRows.push(row(`week: ${day}`, p, result, wall, `${options.weekSecondsPerDay} s`, ''));
    }
    rows.push(...dayRows);
    const sum = (f: (r: ScenarioRow) => number) => dayRows.reduce((a, r) => a + f(r), 0);
    rows.push({
      scenario: 'week: 7 days in turn',
      staff: Math.max(...dayRows.map((r) => r.staff)),
      visits: sum((r) => r.visits),
      limit: `7 x ${options.weekSecondsPerDay} s`,
      seconds: total,
      firstPlan: sum((r) => r.firstPlan),
      allRequired: dayRows.every((r) => r.allRequired !== null) ? Math.max(...dayRows.map((r) => r.allRequired!)) : null,
      objective: sum((r) => r.objective),
      travel: sum((r) => r.travel),
      requiredLeft: sum((r) => r.requiredLeft),
      optionalLeft: sum((r) => r.optionalLeft),
      changed: '-',
      target: `total < 60 s: ${total < 60 ? 'met' : 'missed'}`,
      checker: dayRows.every((r) => r.checker === 'passed') ? 'passed' : 'FAILED',
    });
  }
  if (options.scenarios.has('replan') && published !== null) {
    // The clinician with the most visits after 10:00 goes off sick at 10:00.
    const now = 600;
    const sick = published.plans.reduce((a, b) => (b.stops.filter((s) => s.start >= now).length > a.stops.filter((s) => s.start >= now).length ? b : a));
    const left = sick.stops.filter((s) => s.start >= now).length;
    log(`Re-plan: ${sick.staffId} off sick at 10:00 with ${left} visits still to do ...`);
    const problem = checked(replanAfterAbsence(locality, published, { staffId: sick.staffId, now }));
    const { result, wall } = run(problem, options.replanSeconds, seed);
    const r = row(`re-plan: ${sick.staffId} sick at 10:00 (${left} visits to move)`, problem, result, wall, `${options.replanSeconds} s`, '');
    r.target = `< 2 s: ${wall < 2 ? 'met' : 'missed'}`;
    rows.push(r);
  }
  return rows;
}

export function formatScenarioTable(rows: ScenarioRow[]): string {
  const header = ['scenario', 'staff', 'visits', 'limit', 'time s', 'first plan s', 'all required at s', 'objective', 'travel', 'required left', 'optional left', 'visits changed', 'target', 'checker'];
  const cells = rows.map((r) => [
    r.scenario,
    String(r.staff),
    String(r.visits),
    r.limit,
    r.seconds.toFixed(2),
    r.firstPlan.toFixed(2),
    r.allRequired === null ? 'never' : r.allRequired.toFixed(2),
    r.objective.toFixed(0),
    r.travel.toFixed(0),
    String(r.requiredLeft),
    String(r.optionalLeft),
    r.changed,
    r.target,
    r.checker,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const numeric = new Set([1, 2, 4, 5, 6, 7, 8, 9, 10]);
  const line = (row: string[]) => row.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

// Issue 19 item 4, "Use of the machine": does running several independent searches at once
// (solveInWorker's `searches`, seeds seed..seed+n-1, one worker thread each, the best plan kept) beat one
// search in the same wall-clock time? Every configuration runs through solveInWorker, so the worker's
// start-up is paid alike; every plan goes through checkSolution.
//
//   npm run bench:planner-parallel -- [--limits 2,10] [--searches 1,2,4] [--seed 1] [--instances R101,R201,RC101,RC201,C101] [--skip-day] [--skip-locality]
//
// Solomon instances are against the proven optima (DIMACS convention, as bench:planner); the
// generated days have no known optimum, so their gap is to the best plan any configuration found
// at that limit. Prints the machine's cores and load average, since the answer depends on both.
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkSolution } from '../../packages/planner/src/check-solution.ts';
import { generateLocalityDay, generateTherapyDay } from '../../packages/planner/src/generate-therapy-day.ts';
import type { PlanResult } from '../../packages/planner/src/plan-result.ts';
import type { PlanningProblem } from '../../packages/planner/src/problem.ts';
import { readSolomon } from '../../packages/planner/src/read-solomon.ts';
import { solveInWorker } from '../../packages/planner/src/solve-in-worker.ts';

// Beside the main checkout; a git worktree elsewhere points at it with PLANNER_SOLOMON_DIR.
const dataDir = process.env.PLANNER_SOLOMON_DIR ?? new URL('../../../shared/data/solomon/', import.meta.url).pathname;

const { values } = parseArgs({
  options: {
    limits: { type: 'string', default: '2,10' },
    searches: { type: 'string', default: '1,2,4' },
    seed: { type: 'string', default: '1' },
    instances: { type: 'string', default: 'R101,R201,RC101,RC201,C101' },
    'skip-day': { type: 'boolean', default: false },
    'skip-locality': { type: 'boolean', default: false },
  },
});
const limits = values.limits.split(',').map(Number);
const searchCounts = values.searches.split(',').map(Number);
const seed = Number(values.seed);
if (limits.some((l) => !(l > 0)) || searchCounts.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(seed)) throw new Error('--limits must be positive seconds, --searches whole numbers of at least 1, --seed a whole number');

type Case = { name: string; problem: PlanningProblem; optimum: number | null };
const optima = new Map(
  readFileSync(join(dataDir, 'bks.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .map((c) => [c[0]!, Number(c[8])] as const),
);
const cases: Case[] = values.instances
  .split(',')
  .filter((s) => s.trim() !== '')
  .map((s) => s.trim().toUpperCase())
  .map((name) => ({ name, problem: readSolomon(readFileSync(join(dataDir, 'instances', `${name}.txt`), 'utf8')), optimum: optima.get(name) ?? null }));
if (!values['skip-day']) cases.push({ name: 'therapy day (120 visits)', problem: generateTherapyDay(), optimum: null });
if (!values['skip-locality']) cases.push({ name: 'locality day (350 visits)', problem: generateLocalityDay(), optimum: null });

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`${new Date().toISOString()}  ${cpus().length} cores (availableParallelism ${availableParallelism()}), ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${load()}`);
console.log(`Each row: one run of solveInWorker with that many searches (seeds ${seed}..${seed}+n-1) at the time limit; gap to the optimum (Solomon) or to the best any row found (generated days).\n`);

type Row = { searches: number; result: PlanResult; wall: number; required: number; load: string; checker: string };
const requiredUnplanned = (problem: PlanningProblem, result: PlanResult) => result.unplanned.filter((u) => problem.visits.find((v) => v.id === u.visitId)?.mayLeaveUnplanned !== true).length;

for (const c of cases) {
  for (const limit of limits) {
    const rows: Row[] = [];
    for (const searches of searchCounts) {
      const began = performance.now();
      const result = await solveInWorker(c.problem, { timeLimitSeconds: limit, seed, searches });
      const wall = (performance.now() - began) / 1000;
      const check = checkSolution(c.problem, result);
      rows.push({ searches, result, wall, required: requiredUnplanned(c.problem, result), load: loadavg()[0]!.toFixed(2), checker: check.ok ? 'ok' : `FAILED (${check.violations[0]})` });
    }
    const reference = c.optimum ?? Math.min(...rows.filter((r) => r.required === Math.min(...rows.map((x) => x.required))).map((r) => r.result.cost.total));
    console.log(`${c.name}, ${limit} s${c.optimum === null ? '' : `, optimum ${c.optimum}`}`);
    for (const r of rows) {
      const gap = (100 * (r.result.cost.total - reference)) / reference;
      const perSearch = (r.result.stats.searchResults ?? [{ seed: r.result.stats.seed, cost: r.result.cost.total, unplanned: r.result.unplanned.length, iterations: r.result.stats.iterations }])
        .map((s) => ('error' in s ? `seed ${s.seed} failed: ${s.error}` : `seed ${s.seed} ${s.cost.toFixed(1)} (${s.iterations} it)`))
        .join(', ');
      console.log(
        `  ${String(r.searches).padStart(2)} search${r.searches === 1 ? ' ' : 'es'}  cost ${r.result.cost.total.toFixed(1).padStart(9)}  gap ${gap.toFixed(2).padStart(6)}%  ` +
          `${String(r.result.unplanned.length).padStart(3)} unplanned (${r.required} required)  won by seed ${r.result.stats.seed}  wall ${r.wall.toFixed(2)} s  load ${r.load}  checker ${r.checker}  | ${perSearch}`,
      );
    }
  }
}
console.log(`\nload average at the end ${load()}`);

// The benchmark reads the Solomon files (bench/ may do I/O).
// npm run bench:planner -- [--limits 0.2,2,10] [--instances C1,R101,...] [--quick] [--seed 1] [--verbose]
//   [--skip-solomon] [--skip-day] [--scenarios locality,week,replan] [--locality-limits 10,60]
//   [--week-seconds 6] [--replan-seconds 1.5]   (a locality limit of 0 skips that run, e.g. 10,0)
//   [--seeds 1,2,3] [--families all|skills,two-person,...] [--skip-families] [--family-limits 2,10]
//   [--large 200,400,1000] [--large-limits 10,30] [--skip-large] [--engine ruin-and-recreate|genetic]
// Plans the 56 Solomon VRPTW instances under the DIMACS convention (distances truncated to one
// decimal, distance only) and compares with the proven optima (distonly_trunc1_bks in bks.tsv),
// one instance at a time on one core. Every plan goes through the independent checker: a plan that
// fails it, or leaves a customer unplanned, counts as a failure, not as a gap.
// Then plans generated therapy days (15 staff, 120 visits) and prints their time and cost; then issue
// 13's scenarios (planner-scenarios.ts): a locality day, a week, and a re-plan after a sickness.
// Issue 19: --seeds runs the Solomon table for each seed and prints a line per seed and their mean;
// the home-health families (one generated family per feature, planner-families.ts) print mean and
// worst cost per family and limit; the larger instances (200, 400, 1000 customers, planner-large.ts)
// print cost, vehicles, time to the first feasible plan, memory and whether the search kept improving.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkSolution } from '../../packages/planner/src/check-solution.ts';
import { generateTherapyDay } from '../../packages/planner/src/generate-therapy-day.ts';
import { parseProblem } from '../../packages/planner/src/parse-problem.ts';
import { planVisits } from '../../packages/planner/src/plan-visits.ts';
import { readSolomon } from '../../packages/planner/src/read-solomon.ts';
import { homeHealthFamilies } from '../../packages/planner/src/generate-home-health-families.ts';
import type { HomeHealthFamily } from '../../packages/planner/src/generate-home-health-families.ts';
import { runFamilies, runLarge } from './planner-families.ts';
import { formatScenarioTable, runScenarios } from './planner-scenarios.ts';
import type { ScenarioOptions } from './planner-scenarios.ts';
import { formatFamilyTable, formatLargeTable, formatPlannerTable, formatSeedTable, summariseRuns } from './planner-summary.ts';
import type { InstanceRun, SeedSummary } from './planner-summary.ts';

// Beside the main checkout; a git worktree elsewhere points at it with PLANNER_SOLOMON_DIR.
const dataDir = process.env.PLANNER_SOLOMON_DIR ?? new URL('../../../shared/data/solomon/', import.meta.url).pathname;

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    limits: { type: 'string', default: '0.2,2,10' },
    instances: { type: 'string' },
    quick: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    verbose: { type: 'boolean', default: false },
    'skip-day': { type: 'boolean', default: false },
    'skip-solomon': { type: 'boolean', default: false },
    scenarios: { type: 'string', default: 'locality,week,replan' },
    'locality-limits': { type: 'string', default: '10,60' },
    'week-seconds': { type: 'string', default: '6' },
    'replan-seconds': { type: 'string', default: '1.5' },
    seeds: { type: 'string' },
    families: { type: 'string', default: 'all' },
    'skip-families': { type: 'boolean', default: false },
    'family-limits': { type: 'string', default: '2,10' },
    large: { type: 'string', default: '200,400,1000' },
    'large-limits': { type: 'string', default: '10,30' },
    'skip-large': { type: 'boolean', default: false },
    engine: { type: 'string', default: 'ruin-and-recreate' },
  },
  strict: true,
});
const limits = values.limits.split(',').map(Number);
// --engine: which search plans the Solomon and larger instances (PlanOptions.engine).
const engines = ['ruin-and-recreate', 'genetic'] as const;
if (!(engines as readonly string[]).includes(values.engine)) throw new Error(`--engine takes ${engines.join(', ')}, not "${values.engine}"`);
const engine = values.engine as (typeof engines)[number];
if (limits.some((l) => !(l > 0))) throw new Error(`--limits must be positive seconds, not "${values.limits}"`);
const seed = Number(values.seed);
// --seeds 1,2,3: the Solomon table for each seed (the families, large instances and scenarios use --seed).
const solomonSeeds = values.seeds === undefined ? [seed] : values.seeds.split(',').map((s) => Number(s.trim()));
if (solomonSeeds.some((s) => !Number.isInteger(s))) throw new Error(`--seeds takes whole numbers, not "${values.seeds}"`);
const families: HomeHealthFamily[] =
  values.families === 'all' ? [...homeHealthFamilies] : values.families.split(',').map((s) => s.trim()).filter((s) => s !== '') as HomeHealthFamily[];
const unknownFamily = families.find((f) => !(homeHealthFamilies as readonly string[]).includes(f));
if (unknownFamily !== undefined) throw new Error(`--families takes all or ${homeHealthFamilies.join(', ')}, not "${unknownFamily}"`);
const familyLimits = values['family-limits'].split(',').map(Number);
const largeSizes = values.large.split(',').map(Number);
const largeLimits = values['large-limits'].split(',').map(Number);
if ([...familyLimits, ...largeLimits].some((l) => !(l > 0)) || largeSizes.some((n) => !Number.isInteger(n) || n < 10)) {
  throw new Error('--family-limits and --large-limits must be positive seconds, --large whole numbers of customers (10 or more)');
}
const scenarioNames = values.scenarios.split(',').map((s) => s.trim()).filter((s) => s !== '');
const knownScenarios = ['locality', 'week', 'replan'] as const;
const unknownScenario = scenarioNames.find((s) => !(knownScenarios as readonly string[]).includes(s));
if (unknownScenario !== undefined) throw new Error(`--scenarios takes ${knownScenarios.join(', ')}, not "${unknownScenario}"`);
const scenarioOptions: ScenarioOptions = {
  seed,
  localityLimits: values['locality-limits'].split(',').map(Number),
  weekSecondsPerDay: Number(values['week-seconds']),
  replanSeconds: Number(values['replan-seconds']),
  scenarios: new Set(scenarioNames as (typeof knownScenarios)[number][]),
};
if (scenarioOptions.localityLimits.some((l) => !(l >= 0)) || !(scenarioOptions.weekSecondsPerDay > 0) || !(scenarioOptions.replanSeconds > 0)) {
  throw new Error('--locality-limits must be seconds (0 skips a run), --week-seconds and --replan-seconds positive seconds');
}

type Reference = { instance: string; klass: string; optimum: number; vehicles: number };
const references = readFileSync(join(dataDir, 'bks.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line): Reference => {
    const c = line.split('\t');
    return { instance: c[0]!, klass: c[1]!, vehicles: Number(c[7]), optimum: Number(c[8]) };
  });
const available = new Set(readdirSync(join(dataDir, 'instances')).map((f) => f.replace(/\.txt$/, '')));
let chosen = references.filter((r) => available.has(r.instance));
if (values.instances !== undefined) {
  const wanted = values.instances.split(',').map((s) => s.trim().toUpperCase());
  chosen = chosen.filter((r) => wanted.some((w) => r.instance === w || r.klass === w));
}
if (values.quick) {
  // Two instances per class: the first and the last (loose and tight windows).
  const byClass = new Map<string, Reference[]>();
  for (const r of chosen) byClass.set(r.klass, [...(byClass.get(r.klass) ?? []), r]);
  chosen = [...byClass.values()].flatMap((list) => (list.length > 1 ? [list[0]!, list.at(-1)!] : list));
}
if (chosen.length === 0) throw new Error('no instances match --instances');

if (!values['skip-solomon']) console.log(`Solomon VRPTW, DIMACS convention (1-decimal truncation, distance only), ${chosen.length} instances, seed${solomonSeeds.length > 1 ? 's' : ''} ${solomonSeeds.join(', ')}, engine ${engine}, one core`);
for (const limit of values['skip-solomon'] ? [] : limits) {
  const perSeed: SeedSummary[] = [];
  for (const solomonSeed of solomonSeeds) {
    const runs: InstanceRun[] = [];
    for (const ref of chosen) {
      const problem = readSolomon(readFileSync(join(dataDir, 'instances', `${ref.instance}.txt`), 'utf8'));
      const began = performance.now();
      const result = planVisits(problem, { timeLimitSeconds: limit, seed: solomonSeed, engine });
      const seconds = (performance.now() - began) / 1000;
      const check = checkSolution(problem, result);
      const failure = !check.ok ? check.violations[0]! : result.unplanned.length > 0 ? `${result.unplanned.length} customers unplanned` : null;
      const run: InstanceRun = {
        instance: ref.instance,
        klass: ref.klass,
        optimum: ref.optimum,
        cost: check.cost.total,
        vehicles: result.plans.length,
        seconds,
        bestAtSeconds: result.stats.bestFoundAtSeconds,
        iterations: result.stats.iterations,
        failure,
      };
      runs.push(run);
      if (values.verbose) {
        const gap = (100 * (run.cost - run.optimum)) / run.optimum;
        console.log(`  seed ${solomonSeed} ${ref.instance.padEnd(6)} ${run.cost.toFixed(1).padStart(8)} vs ${ref.optimum.toFixed(1).padStart(7)}  ${gap.toFixed(2).padStart(6)}%  ${run.vehicles} vehicles  ${run.iterations} iterations (${result.stats.engine})  best at ${run.bestAtSeconds.toFixed(2)} s${failure === null ? '' : `  FAILED: ${failure}`}`);
      }
    }
    const summary = summariseRuns(runs);
    perSeed.push({ seed: solomonSeed, all: summary.at(-1)! });
    if (solomonSeeds.length === 1 || values.verbose) {
      console.log(`\nTime limit ${limit} s per instance${solomonSeeds.length > 1 ? `, seed ${solomonSeed}` : ''}`);
      console.log(formatPlannerTable(summary));
    }
  }
  if (solomonSeeds.length > 1) {
    console.log(`\nTime limit ${limit} s per instance, all ${chosen.length} instances, each seed`);
    console.log(formatSeedTable(perSeed));
  }
}

if (!values['skip-day']) {
  // Day 7 is the reference day; days 3 and 8 are harder (early fixed-time OT visits compete for five OT
  // staff), shown so one easy day does not flatter the planner.
  for (const day of [7, 3, 8]) {
    console.log(`\nGenerated therapy day ${day}: 15 staff, 120 visits (skills, lunch breaks, 8 two-person visits, continuity, a precedence), road model`);
    const parsed = parseProblem(JSON.parse(JSON.stringify(generateTherapyDay({ seed: day }))));
    if (!parsed.ok) throw new Error(`generated day is invalid: ${JSON.stringify(parsed.errors)}`);
    for (const limit of [0.5, 1.9]) {
      const began = performance.now();
      const result = planVisits(parsed.problem, { timeLimitSeconds: limit, seed });
      const seconds = (performance.now() - began) / 1000;
      const check = checkSolution(parsed.problem, result);
      const mandatoryLeft = result.unplanned.filter((u) => parsed.problem.visits.find((v) => v.id === u.visitId)?.mayLeaveUnplanned !== true).length;
      const c = result.cost;
      console.log(
        `  limit ${limit} s: ${seconds.toFixed(2)} s, cost ${c.total.toFixed(1)} (travel ${c.travel.toFixed(1)}, lateness ${c.lateness.toFixed(1)}, continuity ${c.continuity.toFixed(0)}, unplanned ${c.unplanned.toFixed(0)}), ` +
          `${result.plans.length} staff used, ${result.unplanned.length - mandatoryLeft} optional visits left for another day, ${mandatoryLeft} required visits unplanned, ` +
          `${result.stats.iterations} iterations, checker: ${check.ok ? 'passed' : `FAILED (${check.violations[0]})`}`,
      );
    }
  }
}

if (!values['skip-families'] && families.length > 0) {
  console.log(`\nHome-health families (issue 19), 3 generated instances each (12 staff/90 visits, 15/115, 18/140, road model), seed ${seed}, one core, limits ${familyLimits.join(' and ')} s`);
  const runs = runFamilies(families, familyLimits, seed, (line) => console.log(`  ${line}`));
  console.log('');
  console.log(formatFamilyTable(runs));
  for (const r of runs.filter((x) => x.failure !== null || x.requiredUnplanned > 0)) {
    console.log(`  ${r.instance} at ${r.limit} s: ${r.failure === null ? '' : `checker FAILED: ${r.failure}; `}${r.requiredUnplanned} required visits unplanned`);
  }
  console.log('Cost: the plan\'s objective as the checker recomputes it (travel, lateness, worst lateness, unplanned, continuity, changes). "first feasible": the best plan first had every required visit; "peak rss": the process\'s resident set, sampled every 0.1 s.');
}

if (!values['skip-large'] && largeSizes.length > 0) {
  console.log(`\nLarger instances (issue 19): ${largeSizes.join(', ')} customers, generated RC1-like (half clustered, half random, a vehicle per 4 customers, capacity 200), distance only, seed ${seed}, one core, limits ${largeLimits.join(' and ')} s`);
  const runs = runLarge(largeSizes, () => largeLimits, seed, (line) => console.log(`  ${line}`), engine);
  console.log('');
  console.log(formatLargeTable(runs));
  console.log('"improving in last half": the best plan was found after half the limit. Targets from the issue: every customer planned within 5 s (1000 customers), memory under 1 GB.');
}

if (scenarioOptions.scenarios.size > 0) {
  console.log(`\nIssue 13 scenarios (${[...scenarioOptions.scenarios].join(', ')}), seed ${seed}, one core; locality day limits ${scenarioOptions.localityLimits.join(' and ')} s`);
  const rows = runScenarios(scenarioOptions, (line) => console.log(`  ${line}`));
  console.log('');
  console.log(formatScenarioTable(rows));
  console.log('"first plan s": every visit tried once; "all required at s": the first plan with every visit that may not wait planned (the first feasible plan). Re-plan: visits changed against the published plan (another person, a start moved more than 15 minutes, or left out).');
}

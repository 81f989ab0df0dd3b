// Issue 19, the HGS local search alone: how long one LocalSearch.run takes from a random solution
// of 100 customers to its local optimum (HGS in C++: about 1-3 ms). Printed, never asserted. The CPU
// time of the process during the run is printed beside the wall time: on a machine shared with other
// work the wall time mostly measures the wait for a core.
//
//   node bench/src/hgs-local-search.bench.ts [--runs 200] [--instances R101,RC101,C101]
//
// Each instance gets a random solution per run (every customer in a random vehicle at a random
// place), and then a local optimum with 10 customers moved to random places (closer to what the
// genetic search asks of it), with the same penalties (capacity 10 per unit, time warp 1 per minute,
// roughly where HGS's adaptive penalties settle on Solomon).
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateRoutes } from '../../packages/planner/src/hgs/evaluate-route.ts';
import { LocalSearch } from '../../packages/planner/src/hgs/local-search.ts';
import { randomVrptw } from '../../packages/planner/src/hgs/random-vrptw.ts';
import { vrptwFromProblem } from '../../packages/planner/src/hgs/vrptw-from-compiled.ts';
import type { VrptwInstance } from '../../packages/planner/src/hgs/vrptw-instance.ts';
import { createRandom } from '../../packages/planner/src/random.ts';
import { readSolomon } from '../../packages/planner/src/read-solomon.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' }, instances: { type: 'string', default: 'R101,RC101,C101' } } });
const runs = Number(values.runs);
const solomonDirectory = '/work/shared/data/solomon/instances';

function solomonInstance(name: string): VrptwInstance {
  const instance = vrptwFromProblem(readSolomon(readFileSync(join(solomonDirectory, `${name}.txt`), 'utf8')));
  if (instance === null) throw new Error(`${name}: not a plain VRPTW`);
  return instance;
}

function randomSolution(seed: number, instance: VrptwInstance): number[][] {
  const random = createRandom(seed);
  const routes: number[][] = Array.from({ length: instance.vehicles }, () => []);
  for (let c = 1; c <= instance.customers; c++) {
    const route = routes[Math.floor(random() * routes.length)]!;
    route.splice(Math.floor(random() * (route.length + 1)), 0, c);
  }
  return routes;
}

/** A local optimum with `moved` customers then put at random places: roughly what the genetic search's children look like. */
function perturbedSolution(seed: number, instance: VrptwInstance, search: LocalSearch, moved: number): number[][] {
  const routes = search.run(randomSolution(seed, instance), penalties);
  const random = createRandom(seed + 1);
  for (let i = 0; i < moved; i++) {
    const customer = 1 + Math.floor(random() * instance.customers);
    for (const route of routes) {
      const at = route.indexOf(customer);
      if (at >= 0) route.splice(at, 1);
    }
    const route = routes[Math.floor(random() * routes.length)]!;
    route.splice(Math.floor(random() * (route.length + 1)), 0, customer);
  }
  return routes;
}

function measure(name: string, instance: VrptwInstance, startFrom: (seed: number, search: LocalSearch) => number[][]): void {
  // One search per instance, as the genetic search keeps one; the first runs only warm the JIT up.
  const search = new LocalSearch(instance, { random: createRandom(1) });
  for (let seed = 0; seed < Math.min(50, runs); seed++) search.run(startFrom(seed, search), penalties);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let before = 0;
  let after = 0;
  for (let seed = 1000; seed < 1000 + runs; seed++) {
    const routes = startFrom(seed, search);
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const result = search.run(routes, penalties);
    const cpu = process.cpuUsage(cpuStart);
    times.push(performance.now() - start);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    before += evaluateRoutes(instance, routes, penalties).penalisedCost / runs;
    after += evaluateRoutes(instance, result, penalties).penalisedCost / runs;
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const pct = (list: number[], q: number) => list[Math.min(list.length - 1, Math.floor(q * list.length))]!.toFixed(2);
  console.log(
    `${name.padEnd(22)} wall median ${pct(times, 0.5)} ms, mean ${mean.toFixed(2)} ms, p90 ${pct(times, 0.9)} ms; CPU median ${pct(cpuTimes, 0.5)} ms; penalised cost ${before.toFixed(0)} -> ${after.toFixed(1)} (mean)`,
  );
}

const penalties = { capacity: 10, timeWarp: 1 };
const instances: [string, VrptwInstance][] = [['random 100', randomVrptw({ customers: 100, seed: 1 })], ...values.instances.split(',').map((name): [string, VrptwInstance] => [name, solomonInstance(name)])];
console.log(`LocalSearch.run, ${runs} runs each after ${Math.min(50, runs)} to warm up (node ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')})`);
for (const [name, instance] of instances) {
  measure(`${name}, random`, instance, (seed) => randomSolution(seed, instance));
  measure(`${name}, 10 moved`, instance, (seed, search) => perturbedSolution(seed, instance, search, 10));
}

// The HGS genetic loop's own speed, before the real local search is wired in: solveVrptw with the
// slow relocate stand-in (test-educate.ts) on random instances of 20 and 30 customers, two seconds
// each. Printed, not asserted; the stand-in dominates the time, so this measures the loop's
// plumbing only, not what HGS will do on Solomon.
//   node bench/src/hgs-genetic.bench.ts [seconds]
import { readFileSync } from 'node:fs';
import { randomVrptw } from '../../packages/planner/src/hgs/random-vrptw.ts';
import { solveVrptw } from '../../packages/planner/src/hgs/solve-vrptw.ts';
import { relocateEducate } from '../../packages/planner/src/hgs/test-educate.ts';
import { vrptwFromProblem } from '../../packages/planner/src/hgs/vrptw-from-compiled.ts';
import { readSolomon } from '../../packages/planner/src/read-solomon.ts';
import type { VrptwInstance } from '../../packages/planner/src/hgs/vrptw-instance.ts';

const seconds = Number(process.argv[2] ?? 2);
for (const customers of [20, 30]) {
  const instance = randomVrptw({ customers, seed: 1, horizon: 400 });
  let educations = 0;
  const stand = relocateEducate(instance);
  const educate: typeof stand = (routes, penalties) => {
    educations++;
    return stand(routes, penalties);
  };
  const began = performance.now();
  const s = solveVrptw(instance, { educate, seed: 1, timeLimitSeconds: seconds });
  const elapsed = (performance.now() - began) / 1000;
  console.log(
    `${customers} customers, ${instance.vehicles} vehicles: ${s.iterations} iterations in ${elapsed.toFixed(2)} s ` +
      `(${(s.iterations / elapsed).toFixed(0)}/s; ${(educations / elapsed).toFixed(0)} educations/s, the initial population and repairs included); ` +
      `best ${s.feasible ? 'feasible' : 'INFEASIBLE'} ${s.distance.toFixed(1)} at iteration ${s.bestFoundAtIteration} (${s.bestFoundAtSeconds.toFixed(2)} s), ` +
      `first feasible ${s.firstFeasibleSeconds === null ? 'never' : `${s.firstFeasibleSeconds.toFixed(2)} s`}`,
  );
}

// The genetic part's own overhead (split, crossover, population, penalties) with education that
// changes nothing: what every iteration will cost on top of the real local search.
const solomon = (name: string): VrptwInstance => vrptwFromProblem(readSolomon(readFileSync(`/work/shared/data/solomon/instances/${name}.txt`, 'utf8')))!;
const overhead: [string, VrptwInstance][] = [
  ['R101', solomon('R101')],
  ['RC201', solomon('RC201')],
  ['random 1000', randomVrptw({ customers: 1000, seed: 1, horizon: 1000, vehicles: 250 })],
];
for (const [name, instance] of overhead) {
  let individuals = 0;
  const began = performance.now();
  const s = solveVrptw(instance, {
    educate: (routes) => {
      individuals++;
      return routes;
    },
    seed: 1,
    timeLimitSeconds: seconds,
  });
  const elapsed = (performance.now() - began) / 1000;
  console.log(`${name} (${instance.customers} customers), no education: ${s.iterations} iterations in ${elapsed.toFixed(2)} s (${((elapsed * 1e6) / Math.max(1, individuals)).toFixed(0)} µs per educate call)`);
}

// npm run bench:demo-data: how long generating the synthetic data takes: 200,000 patients (what
// `npm run seed` and the search benchmark make) and the demo team's clinical records. These figures
// were assertions in the unit tests until a busy machine turned them red; here they are printed, with
// the load average beside them, and assert nothing.
//
//   npm run bench:demo-data -- [--patients 200000] [--rounds 3]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { generatePatients } from '../../packages/server/src/demo/generate-demo-data.ts';
import { generateDemoRecords } from '../../packages/server/src/demo/generate-demo-records.ts';
import { demoService } from '../../packages/server/src/demo/demo-service-for-tests.ts';

const { values } = parseArgs({
  options: { patients: { type: 'string', default: '200000' }, rounds: { type: 'string', default: '3' } },
  strict: false,
});
const count = Number(values.patients);
const rounds = Number(values.rounds);

function time(label: string, run: () => number): void {
  const ms: number[] = [];
  let made = 0;
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    made = run();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const load = loadavg()[0]!.toFixed(2);
  console.log(`${label.padEnd(36)} ${String(made).padStart(8)} made   best ${ms[0]!.toFixed(0).padStart(6)} ms   median ${ms[Math.floor(ms.length / 2)]!.toFixed(0).padStart(6)} ms   load ${load}`);
}

const now = new Date('2026-11-24T10:30:00Z');
time(`generatePatients (${count.toLocaleString('en-GB')})`, () => generatePatients({ seed: 2026, count, teamIds: ['team-north', 'team-south'] }).length);
const service = demoService(now);
time('generateDemoRecords (demo service)', () => generateDemoRecords({ seed: 7, now, episodes: service.episodes, staff: service.staff }).notes.length);

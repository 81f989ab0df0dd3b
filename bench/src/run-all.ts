// npm run bench: every Homeward benchmark in turn (each prints its own figures).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const benches = ['bench/src/throughput.bench.ts', 'bench/src/server-memory.bench.ts', 'bench/src/patient-search.bench.ts', 'bench/src/caseload.bench.ts', 'bench/src/audit.bench.ts', 'bench/src/demo-data.bench.ts', 'bench/src/visit-plan-page.bench.ts', 'bench/src/lone-working-chaos.bench.ts', 'bench/src/reports.bench.ts', 'bench/src/fhir-everything.bench.ts'];
let failed = false;
for (const file of benches) {
  if (!existsSync(file)) continue;
  console.log(`\n##### ${file}\n`);
  const run = spawnSync(process.execPath, [file, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);

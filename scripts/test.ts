// npm test: every unit, integration (PGlite and PostgreSQL) and browser test, then one totals line
// in the form CI reads: "N passed, N failed" (", N skipped" when any were skipped).
//
// The browser tests are the longest part (about twelve minutes of Chromium and the app on a quiet 2-core machine, 27 on a slower one), so they start
// at once as a second Vitest process beside the unit and integration tests, and the totals are summed.
// With arguments (a file, a project) it is one process.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

type Report = { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; numFailedTestSuites: number; numTotalTests: number };
type Totals = { passed: number; failed: number; skipped: number };

function runVitest(args: string[], results: string, niceness = 0): Promise<Totals> {
  rmSync(results, { force: true });
  return new Promise((resolve) => {
    const command = [process.execPath, 'node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`, ...args];
    // nice(1) so the lower priority reaches the workers Vitest forks too.
    const [file, ...rest] = niceness > 0 && existsSync('/usr/bin/nice') ? ['/usr/bin/nice', '-n', String(niceness), ...command] : command;
    const child = spawn(file!, rest, { stdio: 'inherit', env: process.env });
    child.on('close', (status) => {
      const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
      if (existsSync(results)) {
        const report = JSON.parse(readFileSync(results, 'utf8')) as Report;
        totals.passed = report.numPassedTests;
        // A file that fails to load has no tests to count, but it is a failure all the same.
        totals.failed = report.numFailedTests + (report.numFailedTests === 0 ? report.numFailedTestSuites : 0);
        totals.skipped = report.numPendingTests + report.numTodoTests;
        rmSync(results, { force: true });
      } else {
        totals.failed = 1;
      }
      if (status !== 0 && totals.failed === 0) totals.failed = 1;
      resolve(totals);
    });
  });
}

const extra = process.argv.slice(2);
const runs = extra.length > 0
  ? [runVitest(extra, '.vitest-results.json')]
  : [
      // Two integration files at a time: several wait on the clock or on PostgreSQL for long spells
      // (the lone-working chaos test sleeps for most of its two and a half minutes), and the other
      // worker uses that time. The machine's CPU is still shared with the browser process, which is the
      // longer of the two: on a slower machine (December 2026) the browser tests ran six minutes past the
      // rest, both halves holding both cores at 100 %. So the integration half runs a little nicer, and
      // the browser tests take more of the CPU while both run.
      runVitest(['--project', 'unit', '--project', 'int-pglite', '--project', 'int-postgres', '--maxWorkers=2'], '.vitest-results.json', 4),
      runVitest(['--project', 'e2e'], '.vitest-results-e2e.json'),
    ];
const all = await Promise.all(runs);
const passed = all.reduce((n, t) => n + t.passed, 0);
const failed = all.reduce((n, t) => n + t.failed, 0);
const skipped = all.reduce((n, t) => n + t.skipped, 0);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);

// npm run bench:lone-working: the lone-working chaos run, long form (issue 14, "Reliability"): 500
// simulated sessions with check-ins, misses, ambers (ended, extended, run out), reds and duress codes,
// while runner instances (child processes of cli/run-lone-working-jobs.ts) are SIGKILLed and restarted
// at random, over a fresh PostgreSQL database. Prints escalations expected, fired, missed, fired twice
// and lateness after the due time; exits 1 if any was missed or fired twice, or max lateness reached 60 s
// (the rules: correctness, not speed). The short form is lone-working-chaos.int.test.ts.
//
//   npm run bench:lone-working -- [--sessions 500] [--spread-seconds 120] [--instances 3] [--seed 14]
import { parseArgs } from 'node:util';
import { chaosReport, runLoneWorkingChaos } from '../../packages/server/test/lone-working-chaos.ts';
import { createBenchDatabase, disposeAllBenchDatabases } from './bench-database.ts';

const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '500' },
    'spread-seconds': { type: 'string', default: '120' },
    instances: { type: 'string', default: '3' },
    seed: { type: 'string', default: '14' },
  },
  // npm run bench passes every benchmark the same flags (--engine, --patients...): not ours to refuse.
  strict: false,
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void disposeAllBenchDatabases().finally(() => process.exit(130));
  });
}

// Always PostgreSQL: the instances are processes sharing one database (PGlite is one process).
const bench = await createBenchDatabase('postgres');
let failed = false;
try {
  console.log(`lone-working chaos on ${bench.where}`);
  const figures = await runLoneWorkingChaos({
    db: bench.database.db,
    databaseUrl: bench.url!,
    sessions: Number(values.sessions),
    spreadSeconds: Number(values['spread-seconds']),
    instances: Number(values.instances),
    extendedRunOut: true,
    seed: Number(values.seed),
    log: (line) => console.log(line),
  });
  console.log(chaosReport(figures));
  failed = figures.missed > 0 || figures.firedTwice > 0 || figures.notificationsTwice > 0 || figures.latenessMs.max >= 60_000;
} finally {
  await bench.dispose();
}
process.exit(failed ? 1 : 0);

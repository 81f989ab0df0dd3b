// Runs only the lone-working timers' job runner against the configured database (DATABASE_URL, else
// PGlite in HOMEWARD_DATA_DIR): one "instance" as far as the timers go. The chaos test starts several
// and kills them with SIGKILL; another takes a dead one's timers once their 15 s lease runs out.
//   node packages/server/src/cli/run-lone-working-jobs.ts [--instance-id NAME]
import { loneWorkingSessionJobHandlers, startLoneWorkingRunner } from '../lone-working/public.ts';
import { startDatabaseClock } from '../platform/database-clock.ts';
import { argValue, openConfiguredDatabase } from './open-configured-database.ts';

const { config, database } = await openConfiguredDatabase();
const instanceId = argValue(process.argv.slice(2), '--instance-id') ?? process.env.HOMEWARD_INSTANCE_ID ?? `lone-working-${process.pid}`;
const log = {
  error: (o: unknown, message: string) => console.error(JSON.stringify({ level: 'error', instanceId, message, detail: String((o as { err?: unknown }).err ?? o) })),
  warn: (o: unknown, message: string) => console.error(JSON.stringify({ level: 'warn', instanceId, message, detail: String((o as { err?: unknown }).err ?? o) })),
};
const clock = await startDatabaseClock(database.db, { refreshMs: 5000, log });
const timed = { ...config, now: clock.now };
const runner = await startLoneWorkingRunner({ db: database.db, config: timed, now: clock.now, instanceId, log, moreHandlers: loneWorkingSessionJobHandlers({ db: database.db, config: timed, now: clock.now }) });
console.log(JSON.stringify({ level: 'info', instanceId, message: 'lone-working job runner started' }));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await runner.stop();
    clock.stop();
    await database.close();
    process.exit(0);
  });
}

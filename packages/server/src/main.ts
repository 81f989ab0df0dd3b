// npm start: Homeward on one port. On the embedded database, a first start seeds the demo service.
import { buildApp } from './app.ts';
import { startAuditSealer } from './audit/public.ts';
import { seedDemoTeam } from './demo/seed-demo-data.ts';
import type { SeededRecords } from './demo/seed-demo-records.ts';
import { seedDemoService } from './demo/seed-demo-service.ts';
import type { SeededVisitDay } from './demo/seed-demo-visit-day.ts';
import { openConfiguredDatabase } from './cli/open-configured-database.ts';
import { analyseAll } from './db/pglite-statistics.ts';
import { startPurgeJob } from './platform/purge-expired-rows.ts';
import { startJobRunner } from './platform/jobs.ts';
import { visitPlanJobHandlers } from './visits/public.ts';
import { loneWorkingSessionJobHandlers, startLoneWorkingRunner } from './lone-working/public.ts';
import { startDatabaseClock } from './platform/database-clock.ts';
import { demoStartUpLog } from './demo/start-up-log.ts';

const { config: configured, database, applied } = await openConfiguredDatabase();
if (applied.length) console.log(`Database migrated: ${applied.join(', ')}`);
// One clock for the whole instance: the database's. Timers decide on it, so the due times requests set
// (an amber's end, a red alert's ladder) are stamped by it too, and every instance agrees whatever its
// host's clock says (a host's skew would otherwise move a timer by as much).
const databaseClock = await startDatabaseClock(database.db, { log: { warn: (o, message) => console.warn(message, o) } });
const config = { ...configured, now: databaseClock.now };

// Demo data only where it cannot surprise anyone: an empty embedded database, or when asked for.
const wantsDemo = process.env.HOMEWARD_DEMO === 'true' || (process.env.HOMEWARD_DEMO !== 'false' && database.engine === 'pglite');
const hasStaff = await database.db.selectFrom('staff').select('id').limit(1).executeTakeFirst();
let demo: Awaited<ReturnType<typeof seedDemoTeam>> | null = null;
let records: SeededRecords | null = null;
let visitDay: SeededVisitDay | null = null;
if (wantsDemo && !hasStaff) {
  console.log('First start: creating the demo service (about 20 staff, 300 patients, 60 referrals and their clinical records, today’s visit plan)...');
  // Through the domain functions, as the staff who did it and when (seed-demo-service.ts).
  ({ demo, records, visitDay } = await seedDemoService(database.db, { seed: 20261124, now: config.now(), config }));
  // Statistics for what was just loaded, so the first pages are planned on real sizes.
  await analyseAll(database.db);
} else if (wantsDemo) {
  demo = await seedDemoTeam(database.db, { seed: 20261124, now: config.now(), config });
}

const app = await buildApp({ db: database.db, config });
// Seals the access audit every second (and anything a crash left unsealed) and checkpoints it.
const sealer = await startAuditSealer(database.db, config, app.log);
// Deletes idempotency keys, sessions, throttle rows and held forms that have done their job.
const purge = startPurgeJob(database.db, config, app.log);
// Durable jobs (the visit planner's runs): claimed with a lease, so each runs once across instances.
const jobs = startJobRunner({ db: database.db, handlers: { ...visitPlanJobHandlers({ db: database.db, config }) }, now: config.now, log: app.log });
// Lone-working timers on a runner of their own (a planner run never delays one), on the database's
// clock so every instance agrees when a timer is due; a killed instance's timers are taken up within 15 s.
const loneWorkingJobs = await startLoneWorkingRunner({
  db: database.db,
  config,
  now: databaseClock.now,
  log: app.log,
  // The day's sessions from each publication of the plan.
  moreHandlers: loneWorkingSessionJobHandlers({ db: database.db, config, now: databaseClock.now }),
});
const address = await app.listen({ host: config.host, port: config.port });

console.log(`\nHomeward is running at ${address.replace('127.0.0.1', 'localhost')}  (${database.engine === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})`);
if (demo) {
  console.log('');
  for (const line of demoStartUpLog({ demo, story: records?.story ?? null, visitDay }).lines) console.log(line);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.close();
    await jobs.stop();
    await loneWorkingJobs.stop();
    databaseClock.stop();
    await purge.stop();
    await sealer.stop();
    await database.close();
    process.exit(0);
  });
}

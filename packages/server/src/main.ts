// npm start: Homeward on one port. On the embedded database, a first start seeds the demo service.
import { buildApp } from './app.ts';
import { startAuditSealer } from './audit/public.ts';
import { seedDemoTeam } from './demo/seed-demo-data.ts';
import { demoServiceSeed, seedFirstStart } from './demo/seed-first-start.ts';
import { seedDemoInChild, startsNewEmbeddedDemo } from './demo/seed-demo-in-child.ts';
import { openConfiguredDatabase } from './cli/open-configured-database.ts';
import { loadConfig } from './config.ts';
import { startPurgeJob } from './platform/purge-expired-rows.ts';
import { startJobRunner } from './platform/jobs.ts';
import { visitPlanJobHandlers } from './visits/public.ts';
import { loneWorkingSessionJobHandlers, startLoneWorkingRunner } from './lone-working/public.ts';
import { startDatabaseClock } from './platform/database-clock.ts';
import { memoryReleaseFromGc, startIdleMemoryRelease } from './platform/idle-memory-release.ts';
import { demoStartUpLog } from './demo/start-up-log.ts';

// A first start on the embedded database creates and seeds it in a child process, whose memory goes
// with it (demo/seed-demo-in-child.ts); this process then opens it as a restart would.
const settings = loadConfig();
const seededInChild = startsNewEmbeddedDemo(settings, process.env) ? await seedDemoInChild(settings.dataDir) : null;
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
// What to print once listening: who to sign in as.
let demoLines: string[] = seededInChild?.lines ?? [];
// In this process: PostgreSQL asked for the demo (HOMEWARD_DEMO=true), or an embedded database made without it.
if (!seededInChild && wantsDemo && !hasStaff) demoLines = (await seedFirstStart(database.db, config)).lines;
else if (!seededInChild && wantsDemo) demoLines = demoStartUpLog({ demo: await seedDemoTeam(database.db, { seed: demoServiceSeed, now: config.now(), config }), story: null }).lines;

// Memory a busy spell used is given back when requests stop (needs node --expose-gc, as npm start runs).
const releaseMemory = memoryReleaseFromGc();
const idleMemory = startIdleMemoryRelease({ idleMs: releaseMemory ? config.idleMemoryReleaseSeconds * 1000 : 0, release: releaseMemory ?? (() => {}) });
const app = await buildApp({ db: database.db, config, idleMemoryRelease: idleMemory });
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
if (demoLines.length) {
  console.log('');
  for (const line of demoLines) console.log(line);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.close();
    idleMemory.stop();
    await jobs.stop();
    await loneWorkingJobs.stop();
    databaseClock.stop();
    await purge.stop();
    await sealer.stop();
    await database.close();
    process.exit(0);
  });
}

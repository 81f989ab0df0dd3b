// The app as its own process for the throughput benchmark (so the load generator does not share its
// event loop): makes the service at scale on the engine it is given (PostgreSQL url, or a PGlite data
// directory), starts the audit sealer as main.ts does, listens on a free port and writes one JSON line
// to stderr saying where and what to ask for. Logs go to stdout at the app's default level, through its
// own (asynchronous) destination, as in production. Stops on SIGTERM.
// node bench/src/throughput-server.ts <postgres url | pglite:<dir>> <patients> <episodes> <teams> <data dir>
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../packages/server/src/app.ts';
import { startAuditSealer } from '../../packages/server/src/audit/audit-sealer-job.ts';
import { loadConfig } from '../../packages/server/src/config.ts';
import { openDatabase } from '../../packages/server/src/db/database.ts';
import { migrateToLatest } from '../../packages/server/src/db/migrate.ts';
import { analyseAll } from '../../packages/server/src/db/pglite-statistics.ts';
import { seedCaseloadService } from './caseload-seed.ts';
import { pickSearchSamples } from './search-samples.ts';

const [where, patients, episodes, teams, dataDir] = process.argv.slice(2);
if (!where || !patients || !episodes || !teams || !dataDir) throw new Error('Usage: throughput-server.ts <postgres url | pglite:<dir>> <patients> <episodes> <teams> <data dir>');
const pgliteDir = where.startsWith('pglite:') ? where.slice('pglite:'.length) : null;
const database = await openDatabase(pgliteDir ? { engine: 'pglite', dataDir: pgliteDir } : { engine: 'postgres', url: where, poolSize: 10 });
await migrateToLatest(database.db as never);
const seedStarted = performance.now();
const service = await seedCaseloadService(database.db, { seed: 20261124, patients: Number(patients), episodes: Number(episodes), teams: Number(teams), now: new Date() });
await analyseAll(database.db);
const seedSeconds = (performance.now() - seedStarted) / 1000;

// The clinician of the first synthetic team (else the first demo team) holding the most open episodes.
const teamId = service.scale.teams[0]?.id ?? service.demo.teams[0]!.id;
const holder = await database.db
  .selectFrom('episodes')
  .select((eb) => ['allocated_to', eb.fn.countAll<number>().as('n')])
  .where('team_id', '=', teamId)
  .where('status', '<>', 'discharged')
  .where('allocated_to', 'is not', null)
  .groupBy('allocated_to')
  .orderBy('n', 'desc')
  .executeTakeFirstOrThrow();
const staff = await database.db.selectFrom('staff').select(['email', 'homeward_role']).where('id', '=', holder.allocated_to!).executeTakeFirstOrThrow();
const open = await database.db.selectFrom('episodes').select(['id', 'patient_id']).where('allocated_to', '=', holder.allocated_to!).where('status', '<>', 'discharged').orderBy('id').limit(50).execute();
const samples = [
  ...(await pickSearchSamples(database.db, { kind: 'nhs-number', count: 300, seed: 1 })),
  ...(await pickSearchSamples(database.db, { kind: 'name-and-birth', count: 300, seed: 2 })),
].map((s) => s.queryString);

const config = loadConfig({ HOMEWARD_DATA_DIR: dataDir }, {});
const app = await buildApp({ db: database.db, config });
const sealer = await startAuditSealer(database.db, config, app.log);
await app.listen({ host: '127.0.0.1', port: 0 });
process.stderr.write(
  JSON.stringify({
    port: (app.server.address() as AddressInfo).port,
    email: staff.email,
    role: staff.homeward_role,
    caseloadSize: Number(holder.n),
    episodes: open.map((e) => e.id),
    searches: samples,
    seedSeconds,
  }) + '\n',
);

process.once('SIGTERM', async () => {
  await app.close();
  await sealer.stop();
  await database.close();
  process.exit(0);
});

// The app as its own process for the audit benchmark, so the load generator does not share its event
// loop: migrates and seeds the PostgreSQL database it is given, starts the audit sealer (where the
// code has one: the benchmark also runs this file in a checkout of the code before the sealer, to
// compare), listens on a free port and prints one JSON line saying where. Stops on SIGTERM.
// node bench/src/audit-bench-server.ts <postgres url> <patients> <data dir>
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { buildApp } from '../../packages/server/src/app.ts';
import { loadConfig } from '../../packages/server/src/config.ts';
import { openDatabase } from '../../packages/server/src/db/database.ts';
import { migrateToLatest } from '../../packages/server/src/db/migrate.ts';
import { seedBenchService } from './seed-bench-service.ts';

const [url, patients, dataDir] = process.argv.slice(2);
if (!url || !patients || !dataDir) throw new Error('Usage: audit-bench-server.ts <postgres url> <patients> <data dir>');

const database = await openDatabase({ engine: 'postgres', url, poolSize: 10 });
await migrateToLatest(database.db as never);
const demo = await seedBenchService(database.db, { seed: 20261124, patients: Number(patients), now: new Date() });
await sql`analyze`.execute(database.db);

const config = loadConfig({ HOMEWARD_DATA_DIR: dataDir }, {});
const app = await buildApp({ db: database.db, config, logger: false });
type Sealer = { stop(): Promise<void> };
let sealer: Sealer | null = null;
try {
  const job = (await import(`../../packages/server/src/audit/${'audit-sealer-job.ts'}`)) as { startAuditSealer(db: unknown, settings: unknown, log: unknown): Promise<Sealer> };
  sealer = await job.startAuditSealer(database.db, config, { error: (e: unknown) => console.error(e) });
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
}
await app.listen({ host: '127.0.0.1', port: 0 });
const therapist = demo.staff.find((s) => s.homewardRole === 'registered-therapist' && s.teamId === demo.teams[0]!.id)!;
console.log(JSON.stringify({ port: (app.server.address() as AddressInfo).port, email: therapist.email, sealer: sealer !== null }));

process.once('SIGTERM', async () => {
  await app.close();
  await sealer?.stop();
  await database.close();
  process.exit(0);
});

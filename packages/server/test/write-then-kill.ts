// Run by start-up-after-a-kill.int.test.ts as a child process: opens an embedded database in a data
// directory with the application's checkpoints, writes in batches (the checkpointer looking after each,
// as its timer would), reports what it committed and the WAL a restart would replay, then kills itself
// with SIGKILL, as kill -9 would: no clean close, no shutdown checkpoint.
//   node write-then-kill.ts <dataDir> <walBytes> <batches>
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.ts';
import { walSinceCheckpoint } from '../src/db/pglite-checkpoints.ts';

const [dataDir, walBytes, batches] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4])];
let tick: () => Promise<void> = async () => {};
const database = await openDatabase({
  engine: 'pglite',
  dataDir,
  checkpoints: { policy: { walBytes, everyMs: 1_000 }, schedule: (t) => ((tick = t), () => {}) },
});
const db = database.db;
await sql`create table if not exists wal_filler (n integer primary key, payload text not null)`.execute(db);
const { rows: before } = await sql<{ n: number }>`select count(*)::int as n from wal_filler`.execute(db);
let committed = before[0]!.n;
for (let b = 0; b < batches; b++) {
  await sql`insert into wal_filler select ${committed} + g, repeat(md5(g::text), 30) from generate_series(1, 2000) g`.execute(db);
  committed += 2000;
  await tick();
}
console.log(JSON.stringify({ committed, walSinceCheckpoint: await walSinceCheckpoint(db) }));
process.kill(process.pid, 'SIGKILL');

// Restarting after a kill (issue 9, Low: 13 s to 207 s on the embedded database). What start-up no
// longer does, and why a restart stays quick however long the embedded database has been written to.
// No timings here (the figures are printed by npm run bench:restart): these tests pin the causes.
//   1. PGlite never checkpoints by itself, so a restart replayed all the WAL written since the process
//      started; the application now checkpoints once 32 MiB has built up (db/pglite-checkpoints.ts).
//   2. Every start ran Kysely's migrator (it introspects every table's columns) with nothing to do.
//   3. Every start with the demo hashed the demo password with scrypt at full strength, unused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely, type KyselyPlugin } from 'kysely';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest, schemaIsCurrent } from '../db/migrate.ts';
import { walSinceCheckpoint } from '../db/pglite-checkpoints.ts';
import { seedDemoTeam } from '../demo/seed-demo-data.ts';
import { hashPassword } from '../staff/password.ts';
import { createTestDatabase, testEngine, type TestDatabase } from '../../test/test-database.ts';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const mib = 1024 * 1024;

/** Every query a Kysely instance sends, as its kind, or its text for raw SQL. */
function watch(db: Kysely<unknown>): { db: Kysely<unknown>; seen: string[] } {
  const seen: string[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: ({ node }) => {
      seen.push(node.kind === 'RawNode' ? node.sqlFragments.join('$') : node.kind);
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return { db: db.withPlugin(plugin), seen };
}

describe('start-up on a database that is already there', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(() => testDb.drop());

  it('does not run the migrator when every migration is applied: two small queries instead', async () => {
    const watched = watch(testDb.database.db as unknown as Kysely<unknown>);
    expect(await migrateToLatest(watched.db)).toEqual([]);
    expect(watched.seen).toEqual([expect.stringContaining('to_regclass'), expect.stringMatching(/select name from \$/)]);
  });

  it('still migrates a database that lacks a migration, or knows one this code does not', async () => {
    const db = testDb.database.db as unknown as Kysely<unknown>;
    expect(await schemaIsCurrent(db)).toBe(true);
    const { rows } = await sql<{ name: string; timestamp: Date }>`select name, timestamp from schema_migrations order by timestamp desc, name desc limit 1`.execute(db);
    const last = rows[0]!;
    await sql`delete from schema_migrations where name = ${last.name}`.execute(db);
    expect(await schemaIsCurrent(db)).toBe(false);
    await sql`insert into schema_migrations (name, timestamp) values (${last.name}, ${last.timestamp})`.execute(db);
    await sql`insert into schema_migrations (name, timestamp) values ('2099-01-01-0001-from-newer-code', now())`.execute(db);
    expect(await schemaIsCurrent(db)).toBe(false);
    await sql`delete from schema_migrations where name = '2099-01-01-0001-from-newer-code'`.execute(db);
    expect(await schemaIsCurrent(db)).toBe(true);
  });

  it('does not hash the demo password again when the demo team is there already', async () => {
    const now = new Date('2026-11-24T09:00:00Z');
    // Counted through the seeder's hasher option, not vi.mock: test files share their modules.
    let hashed = 0;
    const counting = (password: string) => {
      hashed += 1;
      return hashPassword(password);
    };
    const first = await seedDemoTeam(testDb.database.db, { seed: 20261124, now, hashPassword: counting });
    expect(hashed).toBe(1);
    const again = await seedDemoTeam(testDb.database.db, { seed: 20261124, now, hashPassword: counting });
    expect(hashed).toBe(1);
    expect(again.staff.map((s) => s.id)).toEqual(first.staff.map((s) => s.id));
  });
});

// PostgreSQL has its own checkpointer process; the embedded database, in single-user mode, has none.
describe.skipIf(testEngine === 'postgres')('the embedded database checkpoints itself (PGlite only: PostgreSQL has a checkpointer process)', () => {
  const dirs: string[] = [];
  const newDataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'homeward-checkpoints-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const fill = (db: Kysely<unknown>, from: number) => sql`insert into wal_filler select ${from} + g, repeat(md5(g::text), 30) from generate_series(1, 2000) g`.execute(db);
  const walPosition = async (db: Kysely<unknown>) => Number((await sql<{ at: number }>`select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint as at`.execute(db)).rows[0]!.at);

  it('left to itself, PGlite never checkpoints: what a restart must replay grows with everything written', async () => {
    const database = await openDatabase({ engine: 'pglite', dataDir: await newDataDir(), checkpoints: false });
    try {
      const db = database.db as unknown as Kysely<unknown>;
      await sql`create table wal_filler (n integer primary key, payload text not null)`.execute(db);
      const start = await walSinceCheckpoint(db);
      for (let b = 0; b < 8; b++) await fill(db, b * 2000);
      expect(await walSinceCheckpoint(db)).toBeGreaterThan(start + 12 * mib);
    } finally {
      await database.close();
    }
  });

  it('with the application checkpointing, it stays under the threshold however much is written; after a kill, every committed row is there', async () => {
    const dataDir = await newDataDir();
    let tick: () => Promise<void> = async () => {};
    const threshold = 4 * mib;
    const database = await openDatabase({ engine: 'pglite', dataDir, checkpoints: { policy: { walBytes: threshold, everyMs: 1_000 }, schedule: (t) => ((tick = t), () => {}) } });
    const db = database.db as unknown as Kysely<unknown>;
    await sql`create table wal_filler (n integer primary key, payload text not null)`.execute(db);
    const from = await walPosition(db);
    for (let b = 0; b < 8; b++) {
      await fill(db, b * 2000);
      await tick();
      expect(await walSinceCheckpoint(db)).toBeLessThan(threshold);
    }
    expect((await walPosition(db)) - from).toBeGreaterThan(12 * mib);
    await database.close();

    // The same, in a process killed with SIGKILL at the end, as kill -9 does; then opened again here.
    const child = await new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve, reject) => {
      const run = spawn(join(repoRoot, 'node_modules/.bin/node'), ['packages/server/test/write-then-kill.ts', dataDir, String(threshold), '8'], { cwd: repoRoot });
      let stdout = '';
      let stderr = '';
      run.stdout.on('data', (d) => (stdout += String(d)));
      run.stderr.on('data', (d) => (stderr += String(d)));
      run.on('error', reject);
      run.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
    expect(child).toMatchObject({ signal: 'SIGKILL', stderr: '' });
    const report = JSON.parse(child.stdout) as { committed: number; walSinceCheckpoint: number };
    expect(report.committed).toBe(32_000);
    expect(report.walSinceCheckpoint).toBeLessThan(threshold);
    const reopened = await openDatabase({ engine: 'pglite', dataDir, checkpoints: false });
    try {
      const { rows } = await sql<{ n: number; top: number }>`select count(*)::int as n, max(n) as top from wal_filler`.execute(reopened.db);
      expect(rows[0]).toEqual({ n: 32_000, top: 32_000 });
    } finally {
      await reopened.close();
    }
  });
});

// A throwaway database for one benchmark run: a fresh PostgreSQL database, or PGlite in a fresh
// temporary directory. Either is removed afterwards, also when the run fails or is interrupted.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseEngine, type HomewardDatabase } from '../../packages/server/src/db/database.ts';
import { migrateToLatest } from '../../packages/server/src/db/migrate.ts';

export const adminUrl = process.env.HOMEWARD_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type BenchDatabase = {
  database: HomewardDatabase;
  /** Where the data lives, for the report: a database name or a directory. */
  where: string;
  /** PostgreSQL: the database's URL, for benchmarks that start processes of their own on it; PGlite: null. */
  url: string | null;
  /** Closes the connection and removes the data. Safe to call more than once. */
  dispose(): Promise<void>;
};

const pendingDisposals = new Set<() => Promise<void>>();

/** Runs every outstanding clean-up; for a signal handler, so Ctrl-C leaves nothing behind. */
export async function disposeAllBenchDatabases(): Promise<void> {
  for (const dispose of [...pendingDisposals]) await dispose().catch(() => {});
}

export async function createBenchDatabase(engine: DatabaseEngine): Promise<BenchDatabase> {
  const made = engine === 'postgres' ? await createPostgresDatabase() : await createPgliteDatabase();
  let disposed: Promise<void> | null = null;
  const dispose = () => {
    disposed ??= made.remove().finally(() => pendingDisposals.delete(dispose));
    return disposed;
  };
  pendingDisposals.add(dispose);
  try {
    await migrateToLatest(made.database.db as never);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { database: made.database, where: made.where, url: made.url, dispose };
}

async function createPostgresDatabase(): Promise<{ database: HomewardDatabase; where: string; url: string; remove(): Promise<void> }> {
  const name = `homeward_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const database = await openDatabase({ engine: 'postgres', url, poolSize: 10 });
  return {
    database,
    where: `database ${name}`,
    url,
    remove: async () => {
      await closeWithin(database, 5_000);
      // with (force): a connection left behind by an interrupted run must not keep the database alive.
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

async function createPgliteDatabase(): Promise<{ database: HomewardDatabase; where: string; url: null; remove(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'homeward-bench-pglite-'));
  try {
    const database = await openDatabase({ engine: 'pglite', dataDir });
    return {
      database,
      where: `data directory ${dataDir}`,
      url: null,
      remove: async () => {
        await closeWithin(database, 5_000);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Runs one statement as the PostgreSQL administrator (creating and dropping bench databases). */
export async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/** A query still running when the run is interrupted must not stop the clean-up. */
async function closeWithin(database: HomewardDatabase, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([database.close().catch(() => {}), timeout]);
  clearTimeout(timer);
}

// Integration tests run against real databases: PGlite in memory, and a fresh database on the local
// PostgreSQL server that each test file creates and drops. HOMEWARD_TEST_DB picks which (vitest
// runs every *.int.test.ts once for each, as two projects).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type HomewardDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

export const testEngine = (process.env.HOMEWARD_TEST_DB ?? 'pglite') as 'pglite' | 'postgres';
const adminUrl = process.env.HOMEWARD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestDatabase = {
  database: HomewardDatabase;
  /** For PostgreSQL: the URL of this test's own database, so a second app instance can share it. */
  url: string | null;
  open(): Promise<HomewardDatabase>;
  drop(): Promise<void>;
};

/** The run's migrated template (database-templates.setup.ts), when the project has one. */
function template<K extends 'pgliteTemplate' | 'postgresTemplate'>(key: K): string | null {
  try {
    return inject(key) ?? null;
  } catch {
    return null; // not under Vitest
  }
}

let pgliteTemplateBlob: Blob | undefined;

/** PGlite in memory, migrated: loaded from the run's template when there is one (no initdb, no migrations to run). */
export async function openMigratedPglite(): Promise<HomewardDatabase> {
  const file = template('pgliteTemplate');
  if (file && !pgliteTemplateBlob) pgliteTemplateBlob = new Blob([readFileSync(file)]);
  const database = await openDatabase({ engine: 'pglite', dataDir: null, ...(file ? { loadDataDir: pgliteTemplateBlob } : {}) });
  await migrateToLatest(database.db as never);
  return database;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (testEngine === 'pglite') {
    const database = await openMigratedPglite();
    return {
      database,
      url: null,
      open: () => {
        throw new Error('PGlite in memory cannot be opened twice');
      },
      drop: () => database.close(),
    };
  }
  const name = `homeward_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const fromTemplate = template('postgresTemplate');
  await admin.query(fromTemplate ? `create database ${name} template ${fromTemplate}` : `create database ${name}`);
  // A test database is thrown away at the end: its commits need not wait for the disk. Everything else
  // (locks, visibility, constraints, transactions) is PostgreSQL's own; only a crash of the server could
  // lose the last commits, and the database is dropped anyway. Most integration tests commit hundreds
  // of times, and each commit's fsync was waited for.
  await admin.query(`alter database ${name} set synchronous_commit = off`);
  await admin.end();
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const extra: HomewardDatabase[] = [];
  const database = await openDatabase({ engine: 'postgres', url, poolSize: 5 });
  await migrateToLatest(database.db as never);
  return {
    database,
    url,
    open: async () => {
      const another = await openDatabase({ engine: 'postgres', url, poolSize: 5 });
      extra.push(another);
      return another;
    },
    drop: async () => {
      await database.close();
      for (const d of extra) await d.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

// Vitest global setup: migrate one database per run and start every test file's database from it,
// instead of each file running initdb (PGlite: about 5 s of single-threaded WebAssembly) and every
// migration again. The schema is the same one the migrations make; each file still calls
// migrateToLatest, which finds it up to date.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data directory (tarball) for this run. */
    pgliteTemplate: string | null;
    /** A migrated PostgreSQL database for this run, to CREATE DATABASE ... TEMPLATE from. */
    postgresTemplate: string | null;
  }
}

export const adminUrl = process.env.HOMEWARD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const engine = (project.config.env?.HOMEWARD_TEST_DB as string | undefined) ?? 'pglite';
  if (engine === 'postgres') return postgresTemplate(project);
  return pgliteTemplate(project);
}

async function pgliteTemplate(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'homeward-pglite-template-'));
  const file = join(dir, 'migrated.tar');
  const database = await openDatabase({ engine: 'pglite', dataDir: null });
  try {
    await migrateToLatest(database.db as never);
    const blob = await database.dumpDataDir!();
    writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  } finally {
    await database.close();
  }
  project.provide('pgliteTemplate', file);
  project.provide('postgresTemplate', null);
  return async () => rmSync(dir, { recursive: true, force: true });
}

async function postgresTemplate(project: TestProject): Promise<() => Promise<void>> {
  const name = `homeward_template_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const database = await openDatabase({ engine: 'postgres', url: adminUrl.replace(/\/[^/]*$/, `/${name}`), poolSize: 1 });
  try {
    await migrateToLatest(database.db as never);
  } finally {
    // Nobody may be connected to a template while databases are made from it.
    await database.close();
  }
  project.provide('postgresTemplate', name);
  project.provide('pgliteTemplate', null);
  return async () => {
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  };
}

import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrations } from './migrations/index.ts';

const migrationTableName = 'schema_migrations';

/**
 * True when exactly the listed migrations have been applied: every start but the first after an
 * upgrade. Two cheap queries, where Kysely's migrator introspects every table's columns and takes a
 * lock even when there is nothing to do. An applied migration this code does not list (a database newer
 * than the code) is not current: the migrator runs and refuses it.
 */
export async function schemaIsCurrent(db: Kysely<unknown>): Promise<boolean> {
  const { rows: table } = await sql<{ name: string | null }>`select to_regclass(${migrationTableName})::text as name`.execute(db);
  if (!table[0]?.name) return false;
  const { rows } = await sql<{ name: string }>`select name from ${sql.table(migrationTableName)}`.execute(db);
  const applied = rows.map((r) => r.name).sort();
  const listed = Object.keys(migrations).sort();
  return applied.length === listed.length && applied.every((name, i) => name === listed[i]);
}

/**
 * Brings the schema up to date. Safe to call from several app instances at once: Kysely's
 * migrator holds a Postgres advisory lock while it works. When nothing is pending (every start but
 * the first after an upgrade) the migrator is not run at all.
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  if (await schemaIsCurrent(db)) return [];
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName,
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

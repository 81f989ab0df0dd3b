// Counts every row written to every table, so a test can ask "did that refused request change
// anything?" cheaply after each of thousands of requests. A row trigger on each table (test databases
// only) adds one to that table's count on every insert, update or delete; a rolled-back transaction
// rolls its counts back too, so the counts move only for what was really written. The audit (which
// records refusals on purpose, and its sealed batches) and the bookkeeping of sessions, sign-in throttling
// (per address and per client: a refused sign-in is counted on purpose) and idempotency keys are left out.
import { sql, type Kysely } from 'kysely';

const bookkeeping = new Set(['audit_events', 'audit_batches', 'sessions', 'sign_in_throttle', 'sign_in_client_throttle', 'idempotency_keys', 'kysely_migration', 'kysely_migration_lock', 'test_rows_written']);

export type TableSnapshot = Map<string, number>;

/** Installs the counting triggers; returns a function that reads the counts. */
export async function tableSnapshotter(db: Kysely<never>): Promise<() => Promise<TableSnapshot>> {
  const tables = (
    await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db)
  ).rows
    .map((r) => r.name)
    .filter((name) => !bookkeeping.has(name));
  if (!tables.length) throw new Error('no tables to watch');
  await sql`create table test_rows_written (table_name text primary key, rows bigint not null)`.execute(db);
  await sql`
    create function test_count_row_written() returns trigger language plpgsql as $$
    begin
      insert into test_rows_written (table_name, rows) values (tg_table_name, 1)
        on conflict (table_name) do update set rows = test_rows_written.rows + 1;
      return null;
    end $$`.execute(db);
  for (const name of tables) {
    await sql`create trigger test_count_row_written after insert or update or delete on ${sql.id(name)} for each row execute function test_count_row_written()`.execute(db);
  }
  return async () => new Map((await sql<{ table_name: string; rows: string }>`select table_name, rows from test_rows_written`.execute(db)).rows.map((r) => [r.table_name, Number(r.rows)]));
}

/** The tables written to between two snapshots. */
export function changedTables(before: TableSnapshot, after: TableSnapshot): string[] {
  return [...after.keys()].filter((name) => before.get(name) !== after.get(name));
}

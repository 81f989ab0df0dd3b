// Planner statistics for the embedded database. PGlite runs PostgreSQL in single-user mode, which has
// no autovacuum launcher: ANALYZE never runs on its own, so the planner guesses every table's size and
// spread (issue 12: the access query took 53 ms instead of 0.17 ms, and one ANALYZE doubled search
// throughput), and nothing vacuums the dead rows left by updates (a session's last_seen_at, each request).
// The application does autovacuum's job instead, with autovacuum's own default thresholds, reading
// the same counters it reads (pg_stat_user_tables, which PGlite keeps). PostgreSQL proper has its own
// autovacuum and needs none of this beyond an ANALYZE after bulk loading.
import { sql, type Kysely } from 'kysely';
import { intervalScheduler, startRepeating, type RepeatingJob, type Scheduler } from './pglite-checkpoints.ts';

export type StatisticsPolicy = {
  /** How often to look. */
  everyMs: number;
};

/** Looking is one query over pg_stat_user_tables; a minute keeps statistics close behind the data. */
export const defaultStatisticsPolicy: StatisticsPolicy = { everyMs: 60_000 };

type TableCounts = { table: string; modifiedSinceAnalyze: number; deadRows: number; rows: number; neverAnalysed: boolean };

/**
 * The tables autovacuum would analyse or vacuum now, by its defaults: analyse once 50 + 10% of the
 * rows have changed since the last ANALYZE, vacuum once 50 + 20% are dead. A table never analysed at all
 * is analysed whatever the counters say: they live in memory and a kill loses them, the statistics do not.
 */
export function tablesDue(counts: TableCounts[]): { analyse: string[]; vacuum: string[] } {
  const analyse: string[] = [];
  const vacuum: string[] = [];
  for (const t of counts) {
    if (t.deadRows > 50 + 0.2 * t.rows) vacuum.push(t.table);
    else if (t.modifiedSinceAnalyze > 50 + 0.1 * t.rows || t.neverAnalysed) analyse.push(t.table);
  }
  return { analyse, vacuum };
}

async function tableCounts<DB>(db: Kysely<DB>): Promise<TableCounts[]> {
  const { rows } = await sql<{ table: string; modified: number | string; dead: number | string; rows: number | string; never_analysed: boolean }>`
    select s.relname as table, s.n_mod_since_analyze as modified, s.n_dead_tup as dead,
           greatest(c.reltuples, s.n_live_tup, 0) as rows,
           (c.reltuples < 0) as never_analysed
      from pg_stat_user_tables s join pg_class c on c.oid = s.relid
     where s.schemaname = 'public'
  `.execute(db);
  return rows.map((r) => ({ table: r.table, modifiedSinceAnalyze: Number(r.modified), deadRows: Number(r.dead), rows: Number(r.rows), neverAnalysed: r.never_analysed }));
}

/**
 * Analyses (and vacuums) the tables that are due, one at a time, each its own short statement, so a
 * request waits behind one table at most. Returns what it did.
 */
export async function refreshStatistics<DB>(db: Kysely<DB>): Promise<{ analysed: string[]; vacuumed: string[] }> {
  const due = tablesDue(await tableCounts(db));
  for (const table of due.vacuum) await sql`vacuum (analyze) ${sql.table(table)}`.execute(db);
  for (const table of due.analyse) await sql`analyze ${sql.table(table)}`.execute(db);
  return { analysed: due.analyse, vacuumed: due.vacuum };
}

/** ANALYZE of every table: after migrations and after seeding, so the first request is planned well. */
export async function analyseAll<DB>(db: Kysely<DB>): Promise<void> {
  await sql`analyze`.execute(db);
}

export type StatisticsKeeper = RepeatingJob;

/** Keeps a PGlite database's statistics fresh. */
export function startStatisticsKeeper<DB>(db: Kysely<DB>, policy: StatisticsPolicy = defaultStatisticsPolicy, schedule: Scheduler = intervalScheduler): StatisticsKeeper {
  return startRepeating(() => refreshStatistics(db), policy.everyMs, schedule, 'Embedded database ANALYZE failed');
}

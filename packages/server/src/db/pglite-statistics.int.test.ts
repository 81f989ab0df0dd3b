// The statistics keeper on a real database: a table loaded and never analysed gets its statistics, so
// the planner stops guessing (on PGlite nothing else would ever make them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import { refreshStatistics } from './pglite-statistics.ts';

describe('refreshStatistics', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.drop());

  it('analyses a loaded table the planner knows nothing of, and then leaves it alone', async () => {
    const db = t.database.db;
    await sql`create table statistics_probe (n integer)`.execute(db);
    await sql`insert into statistics_probe select generate_series(1, 5000)`.execute(db);
    const before = await sql<{ reltuples: number }>`select reltuples from pg_class where relname = 'statistics_probe'`.execute(db);
    expect(Number(before.rows[0]!.reltuples)).toBeLessThan(0);

    const done = await refreshStatistics(db);
    expect(done.analysed).toContain('statistics_probe');
    const after = await sql<{ reltuples: number }>`select reltuples from pg_class where relname = 'statistics_probe'`.execute(db);
    expect(Number(after.rows[0]!.reltuples)).toBe(5000);
    const histogram = await sql<{ n: number }>`select count(*)::int as n from pg_stats where tablename = 'statistics_probe'`.execute(db);
    expect(histogram.rows[0]!.n).toBe(1);

    expect((await refreshStatistics(db)).analysed).not.toContain('statistics_probe');
  });
});

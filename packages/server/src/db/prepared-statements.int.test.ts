// Repeated queries are planned once per connection (prepared-statements.ts on PostgreSQL,
// pglite-statements.ts on the embedded database): what is named, what is not, the limit, and a
// statement whose rows changed shape under it (a migration run by another instance while this one
// served). On both engines, through the app's own database handle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PgliteStatements } from './pglite-statements.ts';
import { openDatabase, type HomewardDatabase } from './database.ts';
import { prepareRepeatedStatements } from './prepared-statements.ts';
import { createTestDatabase, testEngine, type TestDatabase } from '../../test/test-database.ts';

describe(`named prepared statements (${testEngine})`, () => {
  let testDb: TestDatabase;
  let app: HomewardDatabase;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    // One connection, so every query below meets the same backend's prepared statements (PGlite has only one).
    app = testEngine === 'pglite' ? testDb.database : await openDatabase({ engine: 'postgres', url: testDb.url!, poolSize: 1 });
  });
  afterAll(async () => {
    if (app !== testDb?.database) await app?.close();
    await testDb?.drop();
  });

  const prepared = async (db: HomewardDatabase['db']) => (await sql<{ statement: string }>`select statement from pg_prepared_statements order by prepare_time`.execute(db)).rows.map((r) => r.statement);

  it("names the app's query the second time one connection sends it, and uses that one plan after", async () => {
    const find = (nhsNumber: string) => app.db.selectFrom('patients').select(['id']).where('nhs_number', '=', nhsNumber).execute();
    const text = app.db.selectFrom('patients').select(['id']).where('nhs_number', '=', '9434765919').compile().sql;
    expect(await find('9434765919')).toEqual([]);
    expect(await prepared(app.db)).not.toContain(text);
    for (const nhsNumber of ['9434765919', '9434765870', '9434765919']) expect(await find(nhsNumber)).toEqual([]);
    expect((await prepared(app.db)).filter((s) => s === text)).toHaveLength(1);
  });

  it('runs an insert whose ON CONFLICT names a partial unique index by its values, however often it is sent', async () => {
    // As the lone-working alert's rungs are written (climb-alert.ts): unique only among some kinds.
    await sql`create table rung_test (alert int not null, level int not null, kind text not null)`.execute(app.db);
    await sql`create unique index rung_test_once on rung_test (alert, level) where kind in ('amber', 'red')`.execute(app.db);
    for (let i = 0; i < 8; i++) {
      await app.db
        .insertInto('rung_test' as never)
        .values({ alert: 1, level: 1, kind: 'amber' } as never)
        .onConflict((oc) => oc.columns(['alert', 'level'] as never).where('kind' as never, 'in', ['amber', 'red'] as never).doNothing())
        .execute();
    }
    expect((await sql<{ n: string }>`select count(*) as n from rung_test`.execute(app.db)).rows[0]!.n).toBe(1);
  });

  it('leaves a query without parameters (a transaction command, a migration) unnamed', async () => {
    await sql`select 1 as one`.execute(app.db);
    await sql`select 1 as one`.execute(app.db);
    expect(await prepared(app.db)).not.toContain('select 1 as one');
  });

  it('names nothing when the setting is 0 (HOMEWARD_DB_PREPARED_STATEMENTS, for a transaction-pooling PgBouncer)', async () => {
    const unnamed = testEngine === 'pglite'
      ? await openDatabase({ engine: 'pglite', dataDir: null, preparedStatements: 0 })
      : await openDatabase({ engine: 'postgres', url: testDb.url!, poolSize: 1, preparedStatements: 0 });
    try {
      for (let i = 0; i < 3; i++) expect((await sql<{ n: number }>`select ${i}::int as n`.execute(unnamed.db)).rows).toEqual([{ n: i }]);
      expect(await prepared(unnamed.db)).toEqual([]);
    } finally {
      await unnamed.close();
    }
  });

  it('names a statement afresh when a column added under it changed its rows, and answers at once outside a transaction', async () => {
    await sql`create table shape_test (id int primary key)`.execute(app.db);
    await sql`insert into shape_test values (1), (2), (3)`.execute(app.db);
    const find = (db: HomewardDatabase['db'] = app.db) => sql<Record<string, unknown>>`select * from shape_test where id = ${1}`.execute(db).then((r) => r.rows);
    expect(await find()).toEqual([{ id: 1 }]);
    expect(await find()).toEqual([{ id: 1 }]);
    expect(await prepared(app.db)).toContain('select * from shape_test where id = $1');

    await sql`alter table shape_test add column note text`.execute(app.db);
    expect(await find()).toEqual([{ id: 1, note: null }]);

    await sql`alter table shape_test add column more text`.execute(app.db);
    // Inside a transaction the failed statement has failed the transaction: the error is the caller's.
    await expect(app.db.transaction().execute((trx) => find(trx))).rejects.toThrow(/cached plan must not change result type/);
    expect(await find()).toEqual([{ id: 1, note: null, more: null }]);
  });

  it('parses a statement again when the session lost it (a DEALLOCATE ALL, as a connection pooler may send)', async () => {
    const find = () => sql<{ n: number }>`select ${7}::int + 1 as n`.execute(app.db).then((r) => r.rows);
    expect(await find()).toEqual([{ n: 8 }]);
    expect(await find()).toEqual([{ n: 8 }]);
    expect(await prepared(app.db)).toContain('select $1::int + 1 as n');
    await sql`deallocate all`.execute(app.db);
    expect(await find()).toEqual([{ n: 8 }]);
    expect(await find()).toEqual([{ n: 8 }]);
  });

  it.skipIf(testEngine === 'postgres')('says the embedded database is closed once it is, for a named statement too (answered as unavailable, not as a crash)', async () => {
    const client = await PGlite.create();
    const statements = new PgliteStatements(client, 10);
    for (const n of [1, 2]) expect((await statements.query<{ n: number }>('select $1::int as n', [n])).rows).toEqual([{ n }]);
    await client.close();
    await expect(statements.query('select $1::int as n', [3])).rejects.toThrow('PGlite is closed');
  });

  describe.skipIf(testEngine === 'pglite')('on a pool of its own (PostgreSQL)', () => {
    let pool: pg.Pool;
    const statements = async () => (await pool.query('select statement from pg_prepared_statements')).rows.map((r: { statement: string }) => r.statement);

    beforeAll(async () => {
      pool = new pg.Pool({ connectionString: testDb.url!, max: 1 });
      prepareRepeatedStatements(pool, { maxPerConnection: 2 });
      await pool.query('create table limit_test (id int primary key)');
      await pool.query('insert into limit_test values (1), (2), (3)');
    });
    afterAll(async () => {
      await pool?.end();
    });

    it('keeps no more than its limit per connection, and runs the rest unnamed with the right answers', async () => {
      const texts = [1, 2, 3, 4].map((n) => `select id, ${n} as n from limit_test where id = $1`);
      for (const text of [...texts, ...texts, ...texts]) {
        const client = await pool.connect();
        try {
          const result = await client.query(text, [2]);
          expect(result.rows).toEqual([{ id: 2, n: Number(text.split(', ')[1]!.split(' ')[0]) }]);
        } finally {
          client.release();
        }
      }
      expect((await statements()).filter((s) => s.includes('limit_test'))).toEqual(texts.slice(0, 2));
    });
  });
});

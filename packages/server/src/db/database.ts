// One code path, two engines: PGlite (embedded, in a data directory) by default, PostgreSQL when
// DATABASE_URL is set. Both are real Postgres, so queries, triggers and migrations are shared.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export type DatabaseEngine = 'pglite' | 'postgres';

export type HomewardDatabase = {
  db: Kysely<Database>;
  engine: DatabaseEngine;
  close(): Promise<void>;
};

export type OpenDatabaseOptions =
  | { engine: 'postgres'; url: string; poolSize?: number }
  | { engine: 'pglite'; dataDir: string | null /* null: in memory */ };

const DATE_OID = 1082;
const INT8_OID = 20;

// Dates of birth are calendar dates, not instants: keep them as yyyy-mm-dd strings so no time zone
// can shift them. Sequence numbers fit comfortably in a JavaScript number.
const parseDate = (value: string) => value;
const parseInt8 = (value: string) => Number(value);

export async function openDatabase(options: OpenDatabaseOptions): Promise<HomewardDatabase> {
  if (options.engine === 'postgres') {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === DATE_OID) return parseDate;
          if (oid === INT8_OID) return parseInt8;
          return pg.types.getTypeParser(oid, format);
        }) as typeof pg.types.getTypeParser,
      },
    });
    // An idle client that loses its server must not crash the process; the next query reports it.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }

  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create(options.dataDir ?? 'memory://', {
    parsers: { [DATE_OID]: parseDate, [INT8_OID]: parseInt8 },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return { db, engine: 'pglite', close: () => db.destroy() };
}

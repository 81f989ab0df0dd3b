// One code path, two engines: PGlite (embedded, in a data directory) by default, PostgreSQL when
// DATABASE_URL is set. Both are real Postgres, so queries, triggers and migrations are shared.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { defaultPreparedStatementOptions, prepareRepeatedStatements } from './prepared-statements.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { defaultCheckpointPolicy, startCheckpointer, type CheckpointPolicy, type Scheduler } from './pglite-checkpoints.ts';
import { defaultStatisticsPolicy, startStatisticsKeeper, type StatisticsPolicy } from './pglite-statistics.ts';
import type { Database } from './schema.ts';

export type DatabaseEngine = 'pglite' | 'postgres';

export type HomewardDatabase = {
  db: Kysely<Database>;
  engine: DatabaseEngine;
  close(): Promise<void>;
  /** PGlite only: the data directory as a tarball, to start other databases from (test templates). */
  dumpDataDir?: () => Promise<Blob>;
};

export type OpenDatabaseOptions =
  | {
      engine: 'postgres';
      url: string;
      poolSize?: number;
      /** Repeated queries one connection keeps prepared (prepared-statements.ts); 0: none. Default 200. */
      preparedStatements?: number;
    }
  | {
      engine: 'pglite';
      dataDir: string | null /* null: in memory */;
      /** For a data directory, the application checkpoints (pglite-checkpoints.ts); false to leave it to close(). */
      checkpoints?: { policy?: CheckpointPolicy; schedule?: Scheduler } | false;
      /** A data directory dumped by PGlite (`dumpDataDir`) to start from: tests load a migrated one instead of running initdb. */
      loadDataDir?: Blob;
      /** For a data directory, the application keeps planner statistics fresh (pglite-statistics.ts); false not to. */
      statistics?: { policy?: StatisticsPolicy; schedule?: Scheduler } | false;
      /** Repeated queries kept as named statements (pglite-statements.ts); 0: none. Default 200. */
      preparedStatements?: number;
    };

const DATE_OID = 1082;
const INT8_OID = 20;

// Dates of birth are calendar dates, not instants: keep them as yyyy-mm-dd strings so no time zone
// can shift them. Sequence numbers fit comfortably in a JavaScript number.
const parseDate = (value: string) => value;
const parseInt8 = (value: string) => Number(value);

/**
 * The embedded database's memory. PGlite's heap is WebAssembly memory, which grows and never shrinks:
 * whatever PostgreSQL once touched stays resident for the life of the process. With PostgreSQL's
 * defaults (128 MB shared buffers, 64 MB for maintenance, which ANALYZE and VACUUM use) the server held
 * 500-800 MB idle (issue 12). Pages that fall out of these buffers are still in the operating system's
 * file cache (PGlite reads the data directory through the file system), so small buffers cost a
 * system call per page, not a disk read: a search or a caseload page touches a few hundred pages.
 */
export const embeddedMemorySettings = ['-c', 'shared_buffers=16MB', '-c', 'maintenance_work_mem=16MB', '-c', 'work_mem=4MB', '-c', 'temp_buffers=4MB'];

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
    const preparedStatements = options.preparedStatements ?? defaultPreparedStatementOptions.maxPerConnection;
    if (preparedStatements > 0) prepareRepeatedStatements(pool, { maxPerConnection: preparedStatements });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }

  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create(options.dataDir ?? 'memory://', {
    // Trigram indexes for finding a patient by part of a name (migration 0013); PostgreSQL ships it.
    extensions: { pg_trgm },
    startParams: [...PGlite.defaultStartParams, ...embeddedMemorySettings],
    parsers: { [DATE_OID]: parseDate, [INT8_OID]: parseInt8 },
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client, { preparedStatements: options.preparedStatements ?? defaultPreparedStatementOptions.maxPerConnection }) });
  // In memory there is nothing to replay after a kill; on disk, without this, a restart replays everything.
  const checkpointer = options.dataDir && options.checkpoints !== false
    ? startCheckpointer(db, options.checkpoints?.policy ?? defaultCheckpointPolicy, options.checkpoints?.schedule)
    : null;
  // Single-user PostgreSQL has no autovacuum: without this the planner never has statistics.
  const statistics = options.dataDir && options.statistics !== false
    ? startStatisticsKeeper(db, options.statistics?.policy ?? defaultStatisticsPolicy, options.statistics?.schedule)
    : null;
  return {
    db,
    engine: 'pglite',
    dumpDataDir: () => client.dumpDataDir('none'),
    close: async () => {
      checkpointer?.stop();
      statistics?.stop();
      await db.destroy();
      // Kysely closes its driver only if a query ever ran: close PGlite in any case (left open on one large
      // data directory, it kept a finished command alive).
      if (!client.closed) await client.close();
    },
  };
}

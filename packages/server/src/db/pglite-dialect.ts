// A Kysely dialect for PGlite. PGlite is Postgres compiled to WebAssembly with exactly one
// connection, so the driver serialises access: a transaction holds the connection until it ends,
// and every other query waits its turn. Keep transactions short. (Kysely's own PGlite driver hands
// the one connection to every caller at once, so a query from a concurrent request would run inside
// another request's open transaction; this one queues them instead.)
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { PgliteStatements } from './pglite-statements.ts';
import { defaultPreparedStatementOptions } from './prepared-statements.ts';

class ConnectionQueue {
  #held = false;
  readonly #waiters: Array<{ grant: () => void }> = [];
  readonly #timeoutMs: number;

  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
  }

  /**
   * Resolves with a release function once every earlier holder has released. A wait that outlasts
   * the timeout fails (as a busy database, 503) rather than hanging: it almost always means code
   * inside a transaction used the database handle instead of the transaction.
   */
  acquire(): Promise<() => void> {
    const release = () => {
      const next = this.#waiters.shift();
      if (next) next.grant();
      else this.#held = false;
    };
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve(release);
        },
      };
      const timer = setTimeout(() => {
        const i = this.#waiters.indexOf(waiter);
        if (i >= 0) this.#waiters.splice(i, 1);
        reject(Object.assign(new Error('The embedded database stayed busy for too long'), { code: '57P03' }));
      }, this.#timeoutMs);
      this.#waiters.push(waiter);
    });
  }
}

class PGliteConnection implements DatabaseConnection {
  readonly client: PGlite;
  readonly statements: PgliteStatements;
  release: () => void = () => {};

  constructor(client: PGlite, preparedStatements: number) {
    this.client = client;
    this.statements = new PgliteStatements(client, preparedStatements);
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    // Scripts of several statements (migrations) need the simple query protocol, which PGlite
    // offers as exec(); node-postgres does the same for a parameterless query.
    if (compiledQuery.parameters.length === 0 && /;\s*\S/.test(compiledQuery.sql)) {
      const results = await this.client.exec(compiledQuery.sql);
      const last = results.at(-1);
      return { rows: (last?.rows ?? []) as R[] };
    }
    const result = await this.statements.query<R>(compiledQuery.sql, [...compiledQuery.parameters]);
    return {
      rows: result.rows,
      ...(result.affectedRows !== undefined ? { numAffectedRows: BigInt(result.affectedRows) } : {}),
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not stream results');
  }
}

class PGliteDriver implements Driver {
  readonly #client: PGlite;
  readonly #queue: ConnectionQueue;
  readonly #connection: PGliteConnection;

  constructor(client: PGlite, waitTimeoutMs: number, preparedStatements: number) {
    this.#client = client;
    this.#connection = new PGliteConnection(client, preparedStatements);
    this.#queue = new ConnectionQueue(waitTimeoutMs);
  }

  async init(): Promise<void> {
    await this.#client.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#queue.acquire();
    this.#connection.release = release;
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await connection.executeQuery(CompiledQuery.raw(`begin${isolation}`));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PGliteConnection).release();
  }

  async destroy(): Promise<void> {
    await this.#client.close();
  }
}

export class PGliteDialect implements Dialect {
  readonly #client: PGlite;
  readonly #waitTimeoutMs: number;
  readonly #preparedStatements: number;

  /** preparedStatements: repeated queries kept as named statements (pglite-statements.ts); 0 for none. */
  constructor(client: PGlite, options: { waitTimeoutMs?: number; preparedStatements?: number } = {}) {
    this.#client = client;
    this.#waitTimeoutMs = options.waitTimeoutMs ?? 15_000;
    this.#preparedStatements = options.preparedStatements ?? defaultPreparedStatementOptions.maxPerConnection;
  }

  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.#client, this.#waitTimeoutMs, this.#preparedStatements);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}

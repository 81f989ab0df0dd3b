// Named prepared statements on PostgreSQL, so a query the app sends again and again is planned once
// per connection, not on every request. Kysely sends every query as pg's unnamed statement, which
// PostgreSQL parses and plans afresh each time; the access-aware search, the record page and a
// contact note's write are planned longer than they run. Measured side by side on one 200,000-patient
// database at 32 clients (6 December 2026, `bench/README.md`): search 295 -> 708 requests/s, record
// page 193 -> 380, contact-note write 241 -> 420, caseload page 120 -> 153. Planning each execution
// afresh while keeping the parse (plan_cache_mode = force_custom_plan) gained nothing: the gain is
// PostgreSQL's cached generic plan, which it uses only when its estimate is no worse than the custom
// plans it made for the first five executions.
//
// Bounded, because Kysely builds a new text for every length of an `in (...)` list: a text is named
// only the second time a connection sees it, and a connection names at most `maxPerConnection`
// (beyond that, texts go unnamed as before). A statement whose rows changed shape under it (a
// migration added a column to a `select *` while this instance ran: PostgreSQL's "cached plan must
// not change result type") is named afresh, and run again at once when it was not inside a
// transaction (inside one, the transaction has failed and its caller sees the error, as for any);
// so is one the session no longer holds (a DEALLOCATE ALL from a connection pooler).
//
// Never named: a text with ON CONFLICT. Its arbiter index is inferred when the statement is planned,
// and a partial unique index is chosen only if the statement's own WHERE proves the index's predicate;
// Kysely sends that WHERE's values as parameters, which a generic plan cannot see, so from the sixth
// run PostgreSQL refused the insert ("there is no unique or exclusion constraint matching the ON
// CONFLICT specification": the lone-working alert rungs, the durable jobs). A write's plan is cheap.
import type pg from 'pg';

export type PreparedStatementOptions = {
  /** Distinct texts one connection keeps prepared (each holds a plan in that backend's memory). */
  maxPerConnection: number;
};

export const defaultPreparedStatementOptions: PreparedStatementOptions = { maxPerConnection: 200 };

type QueryResult = pg.QueryResult<Record<string, unknown>>;
type Query = (config: pg.QueryConfig) => Promise<QueryResult>;

/** Makes every client the pool connects name the statements it repeats (see above). */
export function prepareRepeatedStatements(pool: pg.Pool, options: PreparedStatementOptions = defaultPreparedStatementOptions): void {
  pool.on('connect', (client) => {
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    const names = new StatementNames(options.maxPerConnection);
    const query: Query = (config) => original(config) as Promise<QueryResult>;
    (client as unknown as { query: unknown }).query = (text: unknown, values?: unknown, callback?: unknown): unknown => {
      // Kysely's form only: a text with its parameters, answered by a promise. Anything else
      // (a config object, a cursor, a callback, a parameterless command such as BEGIN) as pg would.
      if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || callback !== undefined) return original(text, values, callback);
      const name = names.nameFor(text);
      if (name === null) return original(text, values);
      return runNamed(client, query, names, text, name, values);
    };
  });
}

async function runNamed(client: pg.PoolClient, query: Query, names: StatementNames, text: string, name: string, values: unknown[]): Promise<QueryResult> {
  const outsideTransaction = client.getTransactionStatus() === 'I';
  try {
    return await query({ name, text, values });
  } catch (error) {
    if (!isUnusableStatement(error)) throw error;
    const fresh = names.renew(text);
    if (!outsideTransaction || fresh === null) throw error;
    return query({ name: fresh, text, values });
  }
}

/** PostgreSQL's refusal to run a prepared statement whose result columns changed since it was prepared. */
export function isStaleResultType(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return e?.code === '0A000' && typeof e.message === 'string' && e.message.includes('cached plan must not change result type');
}

/**
 * A named statement that cannot be run as it is: stale (above), or gone from the session
 * (26000: a DEALLOCATE ALL or DISCARD ALL ran on the connection; nothing in Homeward sends one,
 * but a connection pooler may). Either way the text is named afresh, and parsed again.
 */
export function isUnusableStatement(error: unknown): boolean {
  return isStaleResultType(error) || (error as { code?: unknown } | null)?.code === '26000';
}

const onConflict = /\bon\s+conflict\b/i;

/** One connection's names: a text gets one the second time it is seen, up to a limit. */
export class StatementNames {
  private readonly named = new Map<string, string>();
  private readonly seenOnce = new Set<string>();
  private next = 0;
  private readonly max: number;

  constructor(max: number) {
    this.max = max;
  }

  get size(): number {
    return this.named.size;
  }

  /** The name to run `text` under, or null to run it unnamed. */
  nameFor(text: string): string | null {
    const name = this.named.get(text);
    if (name !== undefined) return name;
    if (this.named.size >= this.max || onConflict.test(text)) return null;
    if (!this.seenOnce.has(text)) {
      // Forget one-off texts now and then rather than hold every one ever seen.
      if (this.seenOnce.size >= this.max * 10) this.seenOnce.clear();
      this.seenOnce.add(text);
      return null;
    }
    this.seenOnce.delete(text);
    return this.assign(text);
  }

  /** A new name for a text whose prepared statement went stale (pg will not reuse a name for another text). */
  renew(text: string): string | null {
    if (!this.named.delete(text)) return null;
    return this.assign(text);
  }

  private assign(text: string): string {
    const name = `homeward_${this.next++}`;
    this.named.set(text, name);
    return name;
  }
}

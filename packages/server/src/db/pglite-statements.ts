// Named prepared statements on the embedded database, as prepared-statements.ts gives PostgreSQL:
// PGlite's query() parses and plans every statement afresh, as pg's unnamed statements do, and its
// API has no named ones. This runs the same extended-protocol exchange as PGlite's own query()
// (Parse, Describe, Bind, Describe, Execute, Sync, through its public execProtocolStream, with its own
// serialisers and result parser), except that a repeated text is parsed once under a name and only
// bound and executed after that, so PostgreSQL's cached plan is reused. Same rules as on PostgreSQL:
// named the second time it is seen, at most `maxStatements`, never an ON CONFLICT, and renamed when
// a migration changed its columns or the session lost it (rerun at once outside a transaction).
import { parse, protocol, type PGlite, type Results } from '@electric-sql/pglite';
import { isUnusableStatement, StatementNames } from './prepared-statements.ts';

const { serialize } = protocol;
type BackendMessage = Parameters<typeof parse.parseResults>[0][number];

export class PgliteStatements {
  readonly #client: PGlite;
  readonly #names: StatementNames | null;
  /** Parameter types of each statement parsed under a name, by name. */
  readonly #parameterTypes = new Map<string, number[]>();

  /** maxStatements 0: every query as PGlite's own query() runs it. */
  constructor(client: PGlite, maxStatements: number) {
    this.#client = client;
    this.#names = maxStatements > 0 ? new StatementNames(maxStatements) : null;
  }

  async query<R>(text: string, values: unknown[]): Promise<Results<R>> {
    // A closed (or not yet ready) PGlite is PGlite's own query()'s to refuse: it says "PGlite is closed",
    // which the app answers as a database that is unavailable (503), where the protocol calls below
    // would fail with a TypeError from inside its WebAssembly module.
    const usable = this.#client.ready && !this.#client.closed;
    const name = !usable || this.#names === null || values.length === 0 ? null : this.#names.nameFor(text);
    if (name === null) return this.#client.query<R>(text, values, { rowMode: 'object' });
    const outsideTransaction = !this.#client.isInTransaction();
    try {
      return await this.#run<R>(name, text, values);
    } catch (error) {
      if (!isUnusableStatement(error)) throw error;
      const fresh = this.#names!.renew(text);
      if (fresh === null || !outsideTransaction) throw error;
      return this.#run<R>(fresh, text, values);
    }
  }

  #run<R>(name: string, text: string, values: unknown[]): Promise<Results<R>> {
    const client = this.#client;
    const send = (message: Uint8Array) => client.execProtocolStream(message, { syncToFs: false });
    return client.runExclusive(async () => {
      const messages: BackendMessage[] = [];
      try {
        let types = this.#parameterTypes.get(name);
        if (types === undefined) {
          await send(serialize.parse({ name, text }));
          try {
            types = parse.parseDescribeStatementResults(await send(serialize.describe({ type: 'S', name })));
          } catch (error) {
            // Parsed under this name but not described: never parse that name again (it exists).
            this.#names!.renew(text);
            throw error;
          }
          this.#parameterTypes.set(name, types);
        }
        const serialised = values.map((value, i) => {
          if (value === null || value === undefined) return null;
          const serialiser = client.serializers[types[i]!];
          return serialiser ? serialiser(value) : String(value);
        });
        messages.push(...(await send(serialize.bind({ statement: name, values: serialised }))));
        messages.push(...(await send(serialize.describe({ type: 'P' }))));
        messages.push(...(await send(serialize.execute({}))));
      } finally {
        messages.push(...(await send(serialize.sync())));
      }
      // As PGlite's query() does: outside a transaction, what was written reaches the file system.
      if (!client.isInTransaction()) await client.syncToFs();
      return parse.parseResults(messages, client.parsers, { rowMode: 'object' })[0] as Results<R>;
    });
  }
}

// Counts the queries the app sends to its database, for the round-trip tests (issue 12 item 7): each
// is a round trip, and on PostgreSQL one more wait on the network under load. A Kysely plugin on the
// app's own handle, so a transaction's BEGIN and COMMIT, sent by the driver, are not counted.
import type { KyselyPlugin } from 'kysely';
import type { TestDatabase } from './test-database.ts';

export type QueryCounter = {
  /** The test database with the counter on its handle: boot the app on this one. */
  readonly testDb: TestDatabase;
  /** Queries sent since the last reset, by Kysely's query id. */
  readonly sent: readonly string[];
  reset(): void;
};

export function countQueries(testDb: TestDatabase): QueryCounter {
  let sent: string[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    // transformResult runs once per query executed (transformQuery would also count subqueries built apart).
    transformResult: async (args) => {
      sent.push(args.queryId.queryId);
      return args.result;
    },
  };
  return {
    testDb: { ...testDb, database: { ...testDb.database, db: testDb.database.db.withPlugin(plugin) } },
    get sent() {
      return sent;
    },
    reset() {
      sent = [];
    },
  };
}

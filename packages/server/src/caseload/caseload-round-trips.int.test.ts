// How many times the caseload page goes to the database (issue 12 item 7), counted as
// patient-search-round-trips.int.test.ts counts them: the session, the page of episodes with who may
// see what and the prompts they need (one query), the team's counts, and the audit event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';

describe('round trips of the caseload page', () => {
  let testDb: TestDatabase;
  let t: TestApp;
  let assistant: TestClient;
  let queries: string[] = [];
  // transformResult runs once per query executed (transformQuery would also count subqueries built apart).
  const counter: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      queries.push(args.queryId.queryId);
      return args.result;
    },
  };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    t = await bootTestApp({ testDb: { ...testDb, database: { ...testDb.database, db: testDb.database.db.withPlugin(counter) } } });
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    for (const i of [71_301, 71_302]) {
      const patient = (await assistant.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(i) }))).json().id as string;
      await seedEpisode(t, { patientId: patient, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
    }
  });
  afterAll(async () => {
    await t?.close();
    await testDb?.drop();
  });

  it('shows the caseload in four, however many episodes are on it', async () => {
    queries = [];
    const res = await assistant.get('/caseload');
    expect(res.statusCode).toBe(200);
    expect(queries.length).toBe(4);
  });
});

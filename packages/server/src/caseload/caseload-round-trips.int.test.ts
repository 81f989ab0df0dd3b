// How many times the caseload page goes to the database (issue 12 item 7), counted as
// patient-search-round-trips.int.test.ts counts them: the session, the page of episodes with who may
// see what and the prompts they need (one query), the team's counts, and the audit event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';
import { countQueries, type QueryCounter } from '../../test/query-counter.ts';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';

describe('round trips of the caseload page', () => {
  let testDb: TestDatabase;
  let t: TestApp;
  let assistant: TestClient;
  let counter: QueryCounter;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    counter = countQueries(testDb);
    t = await bootTestApp({ testDb: counter.testDb });
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
    counter.reset();
    const res = await assistant.get('/caseload');
    expect(res.statusCode).toBe(200);
    expect(counter.sent.length).toBe(4);
  });
});

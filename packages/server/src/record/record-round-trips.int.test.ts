// How many times saving a contact-note draft and reading the record page go to the database (issue 12
// item 7: a note draft took 12). Each query is a round trip, and on PostgreSQL one more wait on the
// network under load; counted as patient-search-round-trips.int.test.ts counts them, by a Kysely
// plugin on the app's own handle (so a transaction's BEGIN and COMMIT, sent by the driver, are not in
// the count).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';
import { countQueries, type QueryCounter } from '../../test/query-counter.ts';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';

describe('round trips of a note draft and the record page', () => {
  let testDb: TestDatabase;
  let t: TestApp;
  let assistant: TestClient;
  let episode: string;
  let counter: QueryCounter;
  const counted = async (send: () => Promise<{ statusCode: number }>, status: number) => {
    counter.reset();
    const res = await send();
    expect(res.statusCode).toBe(status);
    return counter.sent.length;
  };

  beforeAll(async () => {
    testDb = await createTestDatabase();
    counter = countQueries(testDb);
    t = await bootTestApp({ testDb: counter.testDb });
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    const mrsB = (await assistant.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(71_201) }))).json().id as string;
    episode = await seedEpisode(t, { patientId: mrsB, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
    await assistant.post(`/api/episodes/${episode}/consent`, { agreedTo: 'Assessment and treatment at home', method: 'verbal', givenBy: 'patient' });
  });
  afterAll(async () => {
    await t?.close();
    await testDb?.drop();
  });

  // The session; the episode with its patient's access facts (they were a query of their own); the form
  // id looked up, then claimed in the write's transaction; the note INSERT ... RETURNING (it was read
  // back in four more); its audit event; where the form's confirmation is. Twelve before issue 12's folding.
  it('saves a draft note from its form in seven', async () => {
    const page = await assistant.get(`/episodes/${episode}/contact-notes/new`);
    const formId = /name="formId" value="([0-9a-f-]{36})"/.exec(page.body)![1]!;
    const fields = { formId, kind: 'telephone', 'occurredAt-day': '24', 'occurredAt-month': '11', 'occurredAt-year': '2026', 'occurredAt-time': '08:30', durationMinutes: '10', body: 'Phoned to arrange the first visit', action: 'draft' };
    const n = await counted(() => assistant.form(`/episodes/${episode}/contact-notes/new`, fields), 303);
    expect(n).toBe(7);
  });

  // The session, the episode with the access facts, the patient; consent (who recorded it joined);
  // the notes, their amendments and their reviews (each with its staff joined: they were a query of
  // their own); the assessments, from which the prompts are worked out (they were read again), and the
  // last review; the audit event; and, since issue 17, the banner's flags from other contexts (is a
  // safeguarding concern open: platform/banner-flags.ts), asked by every page with a banner. Fourteen before.
  it('shows the record page in eleven', async () => {
    const n = await counted(() => assistant.get(`/episodes/${episode}/record`), 200);
    expect(n).toBe(11);
  });
});

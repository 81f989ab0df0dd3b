// How many times a patient search goes to the database: each query is a round trip (and on PostgreSQL,
// one more wait on the network under load). Counted by a Kysely plugin on the app's own database
// handle. The search and who-may-see-what come back together (issue 12 folded them), so a search is the
// session, the search, and its audit event; a search by part of a name also asks the database for the
// typed name's key first (the same function that keyed the stored names).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { countQueries, type QueryCounter } from '../../test/query-counter.ts';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';

describe('round trips of a patient search', () => {
  let testDb: TestDatabase;
  let t: TestApp;
  let therapist: TestClient;
  let counter: QueryCounter;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    counter = countQueries(testDb);
    const counted = counter.testDb;
    t = await bootTestApp({ testDb: counted });
    therapist = await t.signIn(t.service.a['registered-therapist']);
    const teamB = await t.signIn(t.service.otherTeamTherapist);
    expect((await therapist.post('/api/patients', patientDetails({ nhsNumber: '9434765919', givenName: 'Zoe', familyName: 'Blore', dateOfBirth: '1950-03-04' }))).statusCode).toBe(201);
    expect((await teamB.post('/api/patients', patientDetails({ nhsNumber: '9434765870', givenName: 'Betty', familyName: 'Bloor', dateOfBirth: '1950-03-04' }))).statusCode).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
    await testDb?.drop();
  });

  const search = async (query: string) => {
    counter.reset();
    const res = await therapist.get(`/api/patients?${query}`);
    expect(res.statusCode).toBe(200);
    return { results: res.json().results as Array<{ familyName: string; access: string }>, roundTrips: counter.sent.length };
  };

  it('finds by NHS number in three: the session, the search with its access facts, the audit event', async () => {
    const { results, roundTrips } = await search('nhsNumber=9434765919');
    expect(results).toMatchObject([{ familyName: 'Blore', access: 'full' }]);
    expect(roundTrips).toBe(3);
  });

  it('finds by part of a name in four (the typed name keyed first), each result with its own access', async () => {
    const { results, roundTrips } = await search('name=blo&dateOfBirth=1950-03-04');
    expect(results.map((r) => [r.familyName, r.access]).sort()).toEqual([['Bloor', 'find-only'], ['Blore', 'full']]);
    expect(roundTrips).toBe(4);
  });
});

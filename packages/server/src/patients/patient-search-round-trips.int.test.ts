// How many times a patient search goes to the database: each query is a round trip (and on PostgreSQL,
// one more wait on the network under load). Counted by a Kysely plugin on the app's own database
// handle. The search, who-may-see-what and the search's audit event go in one statement (issue 12 folded
// them), so a search is the session and the search; a search by part of a name also asks the database
// for the typed name's key first (the same function that keyed the stored names).
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

  const lastSearchAudit = async () =>
    (await testDb.database.db.selectFrom('audit_events').select(['staff_id', 'outcome', 'record_kind', 'detail']).where('action', '=', 'search').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow());

  it('finds by NHS number in two: the session, and the search with its access facts and its audit event', async () => {
    const { results, roundTrips } = await search('nhsNumber=9434765919');
    expect(results).toMatchObject([{ familyName: 'Blore', access: 'full' }]);
    expect(roundTrips).toBe(2);
    expect(await lastSearchAudit()).toMatchObject({ staff_id: t.service.a['registered-therapist'].id, outcome: 'allowed', record_kind: 'patient-index', detail: { by: 'nhs-number', results: 1 } });
  });

  it('finds by part of a name in three (the typed name keyed first), each result with its own access, audited in the order shown', async () => {
    const { results, roundTrips } = await search('name=blo&dateOfBirth=1950-03-04');
    expect(results.map((r) => [r.familyName, r.access]).sort()).toEqual([['Bloor', 'find-only'], ['Blore', 'full']]);
    expect(roundTrips).toBe(3);
    const shown = (await therapist.get('/api/patients?name=blo&dateOfBirth=1950-03-04')).json().results.map((r: { id: string }) => r.id);
    expect((await lastSearchAudit()).detail).toEqual({ by: 'name', results: 2, patientIds: shown });
  });

  it('audits a search that found nobody, with no patients', async () => {
    const { results, roundTrips } = await search('nhsNumber=9999999999');
    expect(results).toEqual([]);
    expect(roundTrips).toBe(2);
    expect((await lastSearchAudit()).detail).toEqual({ by: 'nhs-number', results: 0, patientIds: [] });
  });

  it('audits a name with nothing to search for (letters the name key does not keep) by itself, as nothing was asked', async () => {
    const { results, roundTrips } = await search(`name=${encodeURIComponent('张三')}`);
    expect(results).toEqual([]);
    // The session, the typed name's key (empty), the audit event.
    expect(roundTrips).toBe(3);
    expect((await lastSearchAudit()).detail).toEqual({ by: 'name', results: 0, patientIds: [] });
  });
});

// The privacy officer's access audit: a clinician from another team finds a patient, is refused,
// breaks glass and reads the record; the privacy officer sees all of it, and nobody else can.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomewardRole } from '@homeward/clinical';
import { bootTestApp, patientDetails, type TestApp, type TestClient, type TestStaff } from '../../test/test-app.ts';

type PatientEvent = {
  seq: number;
  occurredAt: string;
  staff: { id: string; name: string; role: string | null } | null;
  action: string;
  outcome: string;
  recordKind: string | null;
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
  detail: Record<string, unknown>;
  matchedBy: 'patient' | 'search-result';
};

const auditRoutes = (patientId: string) => [
  '/audit',
  `/audit/patients/${patientId}`,
  '/audit/refusals',
  '/api/audit/break-glass',
  `/api/audit/patients/${patientId}/events`,
  '/api/audit/refusals',
];

const breakGlassDetail = 'Daughter called the team about bruising; GP asked us to visit today';

describe('access audit (privacy officer)', () => {
  let t: TestApp;
  let registrar: TestClient;
  let outsider: TestClient;
  let officer: TestClient;
  let patientId: string;
  let otherPatientId: string;

  beforeAll(async () => {
    t = await bootTestApp();
    registrar = await t.signIn(t.service.a['registered-therapist']);
    outsider = await t.signIn(t.service.otherTeamTherapist);
    officer = await t.signIn(t.service.a['privacy-officer']);
    const created = await registrar.post('/api/patients', patientDetails());
    expect(created.statusCode).toBe(201);
    patientId = created.json().id;
    const other = await registrar.post('/api/patients', patientDetails({ nhsNumber: '4010232137', givenName: 'Jack', familyName: 'Plant' }));
    expect(other.statusCode).toBe(201);
    otherPatientId = other.json().id;
  });
  afterAll(() => t.close());

  const auditRows = (staffId: string) =>
    t.db.selectFrom('audit_events').select(['seq', 'action', 'outcome', 'record_kind', 'patient_id', 'detail']).where('staff_id', '=', staffId).orderBy('seq').execute();

  it('a team-B therapist finds a team-A patient, is refused, breaks glass with a reason and reads the record', async () => {
    const search = await outsider.request({ method: 'GET', url: '/api/patients?nhsNumber=9434765919', headers: { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36' } });
    expect(search.statusCode).toBe(200);
    expect(search.json().results.map((r: { id: string }) => r.id)).toEqual([patientId]);
    const refused = await outsider.get(`/api/patients/${patientId}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('no_legitimate_relationship');
    t.clock.advanceMinutes(2);
    const glass = await outsider.post(`/api/patients/${patientId}/break-glass`, { reason: 'Safeguarding concern', detail: breakGlassDetail });
    expect(glass.statusCode).toBe(201);
    t.clock.advanceMinutes(1);
    expect((await outsider.get(`/api/patients/${patientId}`)).statusCode).toBe(200);
  });

  it('shows the privacy officer the break-glass, who did it, for whom, why, and that it is still active', async () => {
    const res = await officer.get('/api/audit/break-glass');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(1);
    expect(body.page).toBe(1);
    expect(body.breakGlass).toHaveLength(1);
    const [entry] = body.breakGlass;
    expect(entry.staff).toEqual({ id: t.service.otherTeamTherapist.id, name: 'Bea registered therapist', role: 'registered-therapist', teamName: 'Stafford Therapies' });
    expect(entry.patient).toEqual({ id: patientId, givenName: 'Betty', familyName: 'Bloor', nhsNumber: '9434765919' });
    expect(entry.reason).toBe('Safeguarding concern');
    expect(entry.detail).toBe(breakGlassDetail);
    expect(entry.startedAt).toBe('2026-11-24T09:02:00.000Z');
    expect(entry.expiresAt).toBe('2026-11-24T13:02:00.000Z');
    expect(entry.active).toBe(true);
    const row = await t.db.selectFrom('break_glass').select('id').executeTakeFirstOrThrow();
    expect(entry.id).toBe(row.id);
  });

  it('shows the break-glass and the week’s refusals on the privacy officer’s start page', async () => {
    const res = await officer.get('/audit');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const html = res.body;
    expect(html).toContain('<h1>Access audit</h1>');
    expect(html).toContain('Bea registered therapist');
    expect(html).toContain('Registered therapist, Stafford Therapies');
    expect(html).toContain('BLOOR, Betty');
    expect(html).toContain('943 476 5919');
    expect(html).toContain(`Safeguarding concern: ${breakGlassDetail}`);
    expect(html).toContain('24 Nov 2026, 09:02'); // started, UK time (GMT in November)
    expect(html).toContain('24 Nov 2026, 13:02'); // expires
    expect(html).toMatch(/nhsuk-tag--orange">\s*Active/);
    expect(html).toContain(`href="/audit/patients/${patientId}"`);
    expect(html).toContain('href="/audit/refusals"');
    expect(html).toMatch(/<input[^>]+name="nhsNumber"/);
    // One refusal so far: the outsider's read.
    expect(html).toMatch(/<strong id="refusal-count">1<\/strong> refusal in the last 7 days/);
  });

  it('finds a patient’s access history by NHS number, and says so when the number is wrong or unknown', async () => {
    const found = await officer.get('/audit?nhsNumber=943%20476%205919');
    expect(found.statusCode).toBe(303);
    expect(found.headers.location).toBe(`/audit/patients/${patientId}`);
    const invalid = await officer.get('/audit?nhsNumber=123');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('There is a problem');
    expect(invalid.body).toContain('href="#nhsNumber"');
    const unknown = await officer.get('/audit?nhsNumber=9000000009');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('No patient has NHS number 900 000 0009');
    // The look-up is a search of the index, audited with what it found.
    const searches = (await auditRows(officer.staff.id)).filter((r) => r.action === 'search');
    expect(searches.map((s) => (s.detail as { patientIds: string[] }).patientIds)).toEqual([[patientId], []]);
  });

  it('shows the patient’s access history in order, with the search that found them and the break-glass reason', async () => {
    const res = await officer.get(`/api/audit/patients/${patientId}/events`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { patient: Record<string, string>; events: PatientEvent[]; nextBefore: number | null };
    expect(body.patient).toEqual({ id: patientId, givenName: 'Betty', familyName: 'Bloor', nhsNumber: '9434765919', dateOfBirth: '1941-05-17' });
    expect(body.nextBefore).toBeNull();
    const seqs = body.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const story = [...body.events]
      .reverse()
      .filter((e) => e.staff?.id === t.service.otherTeamTherapist.id)
      .map((e) => `${e.action}:${e.outcome}:${e.matchedBy}`);
    expect(story).toEqual(['search:allowed:search-result', 'read:refused:patient', 'break-glass:allowed:patient', 'read:allowed:patient']);
    const byOutsider = body.events.filter((e) => e.staff?.id === t.service.otherTeamTherapist.id).reverse();
    expect(byOutsider[0]!.recordKind).toBe('patient-index');
    expect(byOutsider[0]!.detail).toEqual({ by: 'nhs-number', results: 1 }); // the other patients' ids are not shown
    expect(byOutsider[1]!.detail.rule).toBe('no-relationship');
    expect(byOutsider[2]!.reason).toBe(`Safeguarding concern: ${breakGlassDetail}`);
    expect(byOutsider[3]!.reason).toBe(`Safeguarding concern: ${breakGlassDetail}`);
    expect(byOutsider[3]!.staff).toEqual({ id: t.service.otherTeamTherapist.id, name: 'Bea registered therapist', role: 'registered-therapist' });
    expect(byOutsider[3]!.ip).toBe('127.0.0.1');
    // The registration is there too; the privacy officer's NHS-number look-up returned this patient.
    const first = body.events[body.events.length - 1]!;
    expect(`${first.action}:${first.outcome}:${first.staff?.id}`).toBe(`write:allowed:${t.service.a['registered-therapist'].id}`);
    expect(body.events.filter((e) => e.staff?.id === officer.staff.id).map((e) => e.action)).toEqual(['search']);
    // Nothing about the other patient leaks in.
    const other = (await officer.get(`/api/audit/patients/${otherPatientId}/events`)).json() as { events: PatientEvent[] };
    expect(other.events.map((e) => `${e.action}:${e.staff?.id}`)).toEqual([`write:${t.service.a['registered-therapist'].id}`]);
  });

  it('pages the history with before and a limit of at most 200', async () => {
    const all = (await officer.get(`/api/audit/patients/${patientId}/events?limit=200`)).json() as { events: PatientEvent[] };
    // Each look is itself audited, so page from a fixed point: just above the newest event seen.
    const top = all.events[0]!.seq + 1;
    const first = (await officer.get(`/api/audit/patients/${patientId}/events?limit=3&before=${top}`)).json() as { events: PatientEvent[]; nextBefore: number };
    expect(first.events.map((e) => e.seq)).toEqual(all.events.slice(0, 3).map((e) => e.seq));
    expect(first.nextBefore).toBe(first.events[2]!.seq);
    const second = (await officer.get(`/api/audit/patients/${patientId}/events?limit=3&before=${first.nextBefore}`)).json() as { events: PatientEvent[] };
    expect(second.events.map((e) => e.seq)).toEqual(all.events.slice(3, 6).map((e) => e.seq));
    for (const bad of ['limit=201', 'limit=0', 'before=abc', 'colour=blue']) {
      const res = await officer.get(`/api/audit/patients/${patientId}/events?${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect((await officer.get('/api/audit/patients/not-a-uuid/events')).statusCode).toBe(400);
    const missing = await officer.get('/api/audit/patients/0190f5c2-0000-7000-8000-000000000000/events');
    expect(missing.statusCode).toBe(404);
  });

  it('shows the history as a page with a limited patient header and no clinical content', async () => {
    const res = await officer.get(`/audit/patients/${patientId}`);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('BLOOR, Betty');
    expect(html).toContain('943 476 5919');
    expect(html).toContain('17 May 1941');
    for (const clinical of ['Waterloo Road', 'Friendly dog', 'Side door', 'Sarah Bloor', 'Large print', '01632']) expect(html).not.toContain(clinical);
    expect(html).toMatch(/nhsuk-tag--red">\s*Refused/);
    expect(html).toMatch(/nhsuk-tag--green">\s*Allowed/);
    expect(html).toContain(`Safeguarding concern: ${breakGlassDetail}`);
    expect(html).toContain('(returned this patient)');
    expect(html).toContain('Rule: no-relationship');
    expect(html).toContain('24 Nov 2026, 09:03');
    // The user agent is shortened on the page, with the whole of it kept in the title.
    expect(html).toContain('Mozilla/5.0 (Windows NT 10.0; Win64; x6…');
    // Newest first on the page too.
    const seqs = [...html.matchAll(/data-seq="(\d+)"/g)].map((m) => Number(m[1]));
    expect(seqs.length).toBeGreaterThan(4);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect((await officer.get(`/audit/patients/${patientId}?before=${seqs[seqs.length - 1]}`)).body).toContain('There are no older events');
    expect((await officer.get('/audit/patients/0190f5c2-0000-7000-8000-000000000000')).statusCode).toBe(404);
  });

  it('lists recent refusals with who, what, when and the rule', async () => {
    const api = await officer.get('/api/audit/refusals');
    expect(api.statusCode).toBe(200);
    const [refusal, ...rest] = api.json().events;
    expect(rest).toHaveLength(0);
    expect(refusal.staff.id).toBe(t.service.otherTeamTherapist.id);
    expect(refusal.action).toBe('read');
    expect(refusal.outcome).toBe('refused');
    expect(refusal.rule).toBe('no-relationship');
    expect(refusal.patient).toMatchObject({ id: patientId, nhsNumber: '9434765919' });
    expect(refusal.occurredAt).toBe('2026-11-24T09:00:00.000Z');
    const page = await officer.get('/audit/refusals');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Bea registered therapist');
    expect(page.body).toContain('no-relationship');
    expect(page.body).toContain(`href="/audit/patients/${patientId}"`);
    expect((await officer.get('/api/audit/refusals?days=0')).statusCode).toBe(400);
  });

  it('audits every look at the audit, with the patient when it was their history', async () => {
    const before = { seq: Number((await t.db.selectFrom('audit_events').select((eb) => eb.fn.max('seq').as('n')).executeTakeFirstOrThrow()).n) };
    for (const url of auditRoutes(patientId)) expect((await officer.get(url)).statusCode, url).toBe(200);
    const rows = await t.db
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'record_kind', 'patient_id', 'staff_id', 'staff_role', 'detail'])
      .where('seq', '>', before.seq)
      .orderBy('seq')
      .execute();
    expect(rows).toHaveLength(6);
    for (const r of rows) expect([r.action, r.outcome, r.record_kind, r.staff_id, r.staff_role]).toEqual(['read', 'allowed', 'audit', officer.staff.id, 'privacy-officer']);
    expect(rows.map((r) => r.patient_id)).toEqual([null, patientId, null, null, patientId, null]);
    expect(rows.map((r) => r.detail.view)).toEqual(['break-glass', 'patient-access', 'refusals', 'break-glass', 'patient-access', 'refusals']);
  });

  it('refuses every other role, and the other-team therapist, on every audit route, and audits each refusal', async () => {
    const others: TestStaff[] = [
      ...(Object.keys(t.service.a) as HomewardRole[]).filter((r) => r !== 'privacy-officer').map((r) => t.service.a[r]),
      t.service.otherTeamTherapist,
    ];
    expect(others.map((s) => s.role)).toContain('administrator');
    for (const staff of others) {
      const client = await t.signIn(staff);
      const before = { seq: Number((await t.db.selectFrom('audit_events').select((eb) => eb.fn.max('seq').as('n')).executeTakeFirstOrThrow()).n) };
      for (const url of auditRoutes(patientId)) {
        const res = await client.get(url);
        expect(res.statusCode, `${staff.role} ${url}`).toBe(403);
        if (url.startsWith('/api/')) expect(res.json().error.code).toBe('forbidden');
        else expect(res.body).toContain('Only the privacy officer can see the access audit');
      }
      // Refused before the request is even validated: a bad query still gets 403, not 400.
      expect((await client.get('/api/audit/patients/not-a-uuid/events?limit=999')).statusCode).toBe(403);
      const refusals = await t.db
        .selectFrom('audit_events')
        .select(['action', 'outcome', 'record_kind', 'patient_id', 'staff_id', 'detail'])
        .where('seq', '>', before.seq)
        .orderBy('seq')
        .execute();
      expect(refusals).toHaveLength(7);
      for (const r of refusals) expect([r.action, r.outcome, r.record_kind, r.staff_id, r.detail.rule]).toEqual(['read', 'refused', 'audit', staff.id, 'role']);
      expect(refusals.map((r) => r.patient_id)).toEqual([null, patientId, null, null, patientId, null, null]);
      expect(refusals[1]!.detail.route).toBe('/audit/patients/:id');
    }
  });

  it('records the server’s own request id, and the caller’s X-Request-Id beside it only as a claim', async () => {
    const res = await outsider.request({ method: 'GET', url: `/api/patients/${patientId}`, headers: { 'x-request-id': 'chosen-by-the-caller' } });
    const serverId = String(res.headers['x-request-id']);
    expect(serverId).not.toBe('chosen-by-the-caller');
    expect(serverId).toMatch(/^[0-9a-f-]{36}$/);
    const row = await t.db.selectFrom('audit_events').select(['request_id', 'request_id_claimed']).where('staff_id', '=', outsider.staff.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(row).toEqual({ request_id: serverId, request_id_claimed: 'chosen-by-the-caller' });
    // Two requests claiming the same id are still two requests.
    const again = await outsider.request({ method: 'GET', url: `/api/patients/${patientId}`, headers: { 'x-request-id': 'chosen-by-the-caller' } });
    expect(again.headers['x-request-id']).not.toBe(serverId);
    const unclaimed = await outsider.get(`/api/patients/${patientId}`);
    const last = await t.db.selectFrom('audit_events').select(['request_id', 'request_id_claimed']).where('staff_id', '=', outsider.staff.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(last).toEqual({ request_id: String(unclaimed.headers['x-request-id']), request_id_claimed: null });
  });

  it('documents the JSON API under the audit tag', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/audit/break-glass', '/api/audit/patients/{id}/events', '/api/audit/refusals']) {
      expect(doc.paths[path]?.get?.tags, path).toEqual(['audit']);
      expect(Object.keys(doc.paths[path].get.responses), path).toEqual(expect.arrayContaining(['200', '403']));
    }
    const limit = doc.paths['/api/audit/patients/{id}/events'].get.parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limit.schema.maximum).toBe(200);
  });

  it('sends the signed-out to sign in, and answers the API with 401', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/audit' });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/sign-in?next=%2Faudit');
    const api = await t.app.inject({ method: 'GET', url: '/api/audit/break-glass' });
    expect(api.statusCode).toBe(401);
  });

  it('counts only the last 7 days of refusals, and shows a break-glass as ended once it has expired', async () => {
    const refusedSoFar = await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('outcome', '=', 'refused').executeTakeFirstOrThrow();
    expect(Number(refusedSoFar.n)).toBeGreaterThan(40);
    t.clock.advanceMinutes(8 * 24 * 60);
    const outsiderAgain = await t.signIn(t.service.otherTeamTherapist);
    expect((await outsiderAgain.get(`/api/patients/${patientId}`)).statusCode).toBe(403);
    const officerAgain = await t.signIn(t.service.a['privacy-officer']);
    const html = (await officerAgain.get('/audit')).body;
    expect(html).toMatch(/<strong id="refusal-count">1<\/strong> refusal in the last 7 days/);
    expect(html).toMatch(/nhsuk-tag--grey">\s*Ended/);
    const [entry] = (await officerAgain.get('/api/audit/break-glass')).json().breakGlass;
    expect(entry.active).toBe(false);
    const recent = (await officerAgain.get('/api/audit/refusals?days=7')).json().events;
    expect(recent).toHaveLength(1);
    expect(recent[0].rule).toBe('no-relationship');
    expect((await officerAgain.get('/api/audit/refusals?days=30&limit=200')).json().events.length).toBe(Number(refusedSoFar.n) + 1);
  });

  it('pages the break-glass list 50 at a time, newest first', async () => {
    // 60 more break-glass, a minute apart, written straight to the table (the rules are tested above).
    const staffId = t.service.otherTeamTherapist.id;
    const start = t.clock.now().getTime();
    await t.db
      .insertInto('break_glass')
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          id: `0190f5c2-0000-7000-8000-${String(i).padStart(12, '0')}`,
          staff_id: staffId,
          patient_id: otherPatientId,
          reason: 'Covering another team',
          detail: `Cover visit ${i}`,
          started_at: new Date(start + i * 60_000),
          expires_at: new Date(start + i * 60_000 + 240 * 60_000),
        })),
      )
      .execute();
    const officerAgain = await t.signIn(t.service.a['privacy-officer']);
    const one = (await officerAgain.get('/api/audit/break-glass')).json();
    expect(one.total).toBe(61);
    expect(one.breakGlass).toHaveLength(50);
    expect(one.breakGlass[0].detail).toBe('Cover visit 59');
    const two = (await officerAgain.get('/api/audit/break-glass?page=2')).json();
    expect(two.breakGlass.map((b: { detail: string }) => b.detail)).toEqual([...Array.from({ length: 10 }, (_, i) => `Cover visit ${9 - i}`), breakGlassDetail]);
    const pageOne = (await officerAgain.get('/audit')).body;
    expect(pageOne).toContain('page 1 of 2');
    expect(pageOne).toContain('href="/audit?page=2"');
    const pageTwo = await officerAgain.get('/audit?page=2');
    expect(pageTwo.body).toContain('Cover visit 0');
    expect(pageTwo.body).toContain('href="/audit?page=1"');
    expect((await officerAgain.get('/audit?page=9')).body).toContain('There is no page 9');
    expect((await officerAgain.get('/audit?page=-1')).statusCode).toBe(200);
    expect((await officerAgain.get('/api/audit/break-glass?limit=500')).statusCode).toBe(400);
  });
});

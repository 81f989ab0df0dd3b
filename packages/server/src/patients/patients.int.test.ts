// The patient index through the JSON API: register, read, change with version checks, history,
// idempotent retries, and the relationship that gates it all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';

describe('patient index (JSON API)', () => {
  let t: TestApp;
  let therapist: TestClient;
  let outsider: TestClient;

  beforeAll(async () => {
    t = await bootTestApp();
    therapist = await t.signIn(t.service.a['registered-therapist']);
    outsider = await t.signIn(t.service.otherTeamTherapist);
  });
  afterAll(() => t.close());

  it('registers a patient to the therapist’s team and reads it back', async () => {
    const res = await therapist.post('/api/patients', patientDetails({ nhsNumber: '943 476 5919' }));
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.nhsNumber).toBe('9434765919');
    expect(created.version).toBe(1);
    expect(created.registeredTeamId).toBe(t.service.teamA);
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    const read = await therapist.get(`/api/patients/${created.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().postcode).toBe('ST6 3HR');
  });

  it('refuses invalid details with every field at fault and writes nothing', async () => {
    const res = await therapist.post('/api/patients', patientDetails({ nhsNumber: '9434765918', postcode: 'XX', dateOfBirth: '2099-01-01' }));
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    const paths = body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['nhsNumber', 'postcode', 'dateOfBirth']));
    const count = await t.db.selectFrom('patients').select((eb) => eb.fn.countAll<string>().as('n')).where('nhs_number', '=', '9434765918').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('refuses unknown fields and wrong types with field paths', async () => {
    const res = await therapist.post('/api/patients', { ...patientDetails({ nhsNumber: '9999999999' }), favouriteColour: 'blue', livesAlone: 'yes' });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths.join(' ')).toMatch(/livesAlone/);
    expect(res.json().error.fields.some((f: { message: string }) => /favouriteColour/.test(f.message))).toBe(true);
  });

  it('refuses a second patient with the same NHS number', async () => {
    const res = await therapist.post('/api/patients', patientDetails({ givenName: 'Other' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields[0].path).toBe('nhsNumber');
  });

  it('answers a stale version with 409 and the current record, and keeps every version', async () => {
    const created = (await therapist.post('/api/patients', patientDetails({ nhsNumber: '4010232137' }))).json();
    const { id, version, registeredTeamId: _t, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, ...details } = created;
    const first = await therapist.put(`/api/patients/${id}`, { ...details, version, phone: '01632 960999' });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const stale = await therapist.put(`/api/patients/${id}`, { ...details, version, town: 'Hanley' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    expect(stale.json().error.current.phone).toBe('01632960999');
    expect(stale.json().error.current.town).toBe('Burslem');
    const history = (await therapist.get(`/api/patients/${id}/versions`)).json();
    expect(history.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(history.versions[1].patient.phone).toBe('01632960123');
  });

  it('replays an idempotent create without writing twice, and refuses a reused key with a different body (422)', async () => {
    const key = uuidv7();
    const body = patientDetails({ nhsNumber: '4505577104' });
    const one = await therapist.post('/api/patients', body, { 'idempotency-key': key });
    const two = await therapist.post('/api/patients', body, { 'idempotency-key': key });
    expect(one.statusCode).toBe(201);
    expect(two.statusCode).toBe(201);
    expect(two.headers['idempotent-replayed']).toBe('true');
    expect(two.json().id).toBe(one.json().id);
    const rows = await t.db.selectFrom('patients').select('id').where('nhs_number', '=', '4505577104').execute();
    expect(rows).toHaveLength(1);
    const reused = await therapist.post('/api/patients', { ...body, givenName: 'Different' }, { 'idempotency-key': key });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('idempotency_key_reused');
  });

  it('accepts a client-minted UUIDv7 id', async () => {
    const id = uuidv7();
    const res = await therapist.post('/api/patients', { ...patientDetails({ nhsNumber: '9000000009' }), id });
    expect(res.statusCode).toBe(201);
    expect(res.json().id).toBe(id);
  });

  it('shows a clinician outside the relationship only what finds the person, and refuses the record', async () => {
    const search = await outsider.get('/api/patients?nhsNumber=9434765919');
    expect(search.statusCode).toBe(200);
    const [hit] = search.json().results;
    expect(hit.access).toBe('find-only');
    expect(hit.postcodeDistrict).toBe('ST6');
    expect(hit).not.toHaveProperty('addressLine1');
    expect(hit).not.toHaveProperty('riskFlags');
    const read = await outsider.get(`/api/patients/${hit.id}`);
    expect(read.statusCode).toBe(403);
    expect(read.json().error.code).toBe('no_legitimate_relationship');
  });

  it('lets the outsider break glass with a reason, for a limited time, and audits it', async () => {
    const [hit] = (await outsider.get('/api/patients?nhsNumber=9434765919')).json().results;
    const noReason = await outsider.post(`/api/patients/${hit.id}/break-glass`, { reason: '', detail: '' });
    expect(noReason.statusCode).toBe(400);
    const glass = await outsider.post(`/api/patients/${hit.id}/break-glass`, { reason: 'Safeguarding concern', detail: '' });
    expect(glass.statusCode).toBe(201);
    expect((await outsider.get(`/api/patients/${hit.id}`)).statusCode).toBe(200);
    const audited = await t.db.selectFrom('audit_events').select(['action', 'outcome', 'reason']).where('patient_id', '=', hit.id).where('staff_id', '=', outsider.staff.id).orderBy('seq').execute();
    expect(audited.map((a) => `${a.action}:${a.outcome}`)).toEqual(['read:refused', 'break-glass:allowed', 'read:allowed']);
    expect(audited[2]!.reason).toBe('Safeguarding concern');
    t.clock.advanceMinutes(4 * 60 + 1);
    // Sessions idle-time out after 30 minutes; sign in again to show the break-glass itself expired.
    const again = await t.signIn(t.service.otherTeamTherapist);
    expect((await again.get(`/api/patients/${hit.id}`)).statusCode).toBe(403);
  });
});

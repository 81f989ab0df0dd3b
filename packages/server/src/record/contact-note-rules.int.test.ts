// The contact-note rules no test held (issue 10, items 3, 5, 6 and 7), each told as what a clinician
// would meet: reading one note leaves an audit row naming it; the same draft open in two tabs cannot
// silently overwrite itself; a treatment note after consent is withdrawn needs a reason to be final;
// a draft's late-entry label follows its contact time both ways.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';

describe('contact-note rules: read audit, stale drafts, withdrawn consent, late entries', () => {
  let t: TestApp;
  let assistant: TestClient;
  let therapist: TestClient;
  let mrsB: string;
  let episode: string;
  const ago = (minutes: number) => new Date(t.clock.now().getTime() - minutes * 60_000).toISOString();
  const treatment = (o: Record<string, unknown> = {}) => ({ kind: 'treatment', occurredAt: ago(60), durationMinutes: 45, place: 'Home', staffPresent: null, body: 'Kitchen practice: made a hot drink with supervision.', ...o });
  const lastSeq = async () => (await t.db.selectFrom('audit_events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()).seq ?? 0;
  const auditSince = (seq: number) => t.db.selectFrom('audit_events').select(['action', 'outcome', 'staff_id', 'patient_id', 'record_kind', 'record_id']).where('seq', '>', seq).orderBy('seq').execute();
  const noteRow = (id: string) => t.db.selectFrom('contact_notes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await bootTestApp();
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    therapist = await t.signIn(t.service.a['registered-therapist']);
    mrsB = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(770_000) }))).json().id;
    episode = await seedEpisode(t, { patientId: mrsB, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
  });
  afterAll(async () => t?.close());

  it('reading one contact note leaves one audit row naming that note (issue 10 #3)', async () => {
    const note = (await assistant.post(`/api/episodes/${episode}/contact-notes`, treatment())).json();
    const other = (await assistant.post(`/api/episodes/${episode}/contact-notes`, treatment({ body: 'Another visit' }))).json();
    const before = await lastSeq();
    const res = await therapist.get(`/api/contact-notes/${note.id}`);
    expect(res.statusCode).toBe(200);
    expect(await auditSince(before)).toEqual([{ action: 'read', outcome: 'allowed', staff_id: therapist.staff.id, patient_id: mrsB, record_kind: 'contact-note', record_id: note.id }]);
    // And the page reading it, the same.
    const pageBefore = await lastSeq();
    expect((await therapist.get(`/contact-notes/${other.id}`)).statusCode).toBe(200);
    expect(await auditSince(pageBefore)).toEqual([{ action: 'read', outcome: 'allowed', staff_id: therapist.staff.id, patient_id: mrsB, record_kind: 'contact-note', record_id: other.id }]);
  });

  it('the same draft edited in two tabs: the second save gets 409 with the note as the first left it, and changes nothing (issue 10 #5)', async () => {
    const draft = (await assistant.post(`/api/episodes/${episode}/contact-notes`, treatment({ body: 'Started in the car' }))).json();
    // Both tabs opened version 1. The first saves...
    const first = await assistant.put(`/api/contact-notes/${draft.id}`, { ...treatment({ body: 'Finished at the base: kettle tipper needed' }), version: 1 });
    expect(first.statusCode).toBe(200);
    const afterFirst = await noteRow(draft.id);
    const before = await lastSeq();
    // ...then the second, still holding version 1.
    const second = await assistant.put(`/api/contact-notes/${draft.id}`, { ...treatment({ body: 'Finished in the car: nothing needed' }), version: 1 });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'version_conflict', current: { id: draft.id, version: 2, status: 'draft', current: { body: 'Finished at the base: kettle tipper needed' } } });
    expect(await noteRow(draft.id)).toEqual(afterFirst);
    // No write is audited for the refused save; sending the current note is an audited read of it.
    expect(await auditSince(before)).toEqual([{ action: 'read', outcome: 'allowed', staff_id: assistant.staff.id, patient_id: mrsB, record_kind: 'current-state', record_id: draft.id }]);
    // The page says the same: the form comes back with a conflict, nothing saved.
    const page = await assistant.form(`/contact-notes/${draft.id}/edit`, { kind: 'treatment', 'occurredAt-day': '24', 'occurredAt-month': '11', 'occurredAt-year': '2026', 'occurredAt-time': '08:00', durationMinutes: '30', body: 'Third tab', version: '1' });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('Someone else changed this record after you opened it');
    expect(await noteRow(draft.id)).toEqual(afterFirst);
  });

  it('after consent is withdrawn, a treatment note is final only with the reason (issue 10 #6)', async () => {
    const consent = await therapist.post(`/api/episodes/${episode}/consent`, { agreedTo: 'Assessment and treatment at home', method: 'verbal', givenBy: 'patient' });
    expect(consent.statusCode).toBe(201);
    const whileConsented = await assistant.post(`/api/episodes/${episode}/contact-notes`, treatment({ finalise: true }));
    expect(whileConsented.json()).toMatchObject({ status: 'final', consentMissingReason: null });

    const withdrawn = await therapist.post(`/api/episodes/${episode}/consent/${consent.json().id}/withdrawal`, { note: 'Mrs B asked us to stop treatment until her son is home' });
    expect(withdrawn.statusCode).toBe(201);
    const draft = (await assistant.post(`/api/episodes/${episode}/contact-notes`, treatment())).json();
    const refused = await assistant.post(`/api/contact-notes/${draft.id}/finalise`, { version: draft.version });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual([{ path: 'consentMissingReason', message: 'No consent is recorded for this episode. Record consent first, or say why this treatment note is being finalised without it' }]);
    expect((await noteRow(draft.id)).status).toBe('draft');
    const atOnce = await assistant.post(`/api/episodes/${episode}/contact-notes`, treatment({ finalise: true }));
    expect(atOnce.statusCode).toBe(400);
    // The page shows the reason box, since no live consent is on record.
    expect((await assistant.get(`/contact-notes/${draft.id}`)).body).toContain('No consent is recorded for this episode. Say why you are finalising this treatment note without it');

    const reason = 'Treatment already given before she withdrew; recorded for completeness';
    const final = await assistant.post(`/api/contact-notes/${draft.id}/finalise`, { version: draft.version, consentMissingReason: reason });
    expect(final.statusCode).toBe(200);
    expect(final.json()).toMatchObject({ status: 'final', consentMissingReason: reason });
  });

  it('moving a draft’s contact time back makes it a late entry, and forward again clears it (issue 10 #7)', async () => {
    const draft = (await assistant.post(`/api/episodes/${episode}/contact-notes`, { kind: 'telephone', occurredAt: ago(60), durationMinutes: 10, body: 'Phoned the daughter' })).json();
    expect(draft.lateEntry).toBe(false);
    const back = await assistant.put(`/api/contact-notes/${draft.id}`, { kind: 'telephone', occurredAt: ago(25 * 60), durationMinutes: 10, body: 'Phoned the daughter (it was yesterday)', version: 1 });
    expect(back.statusCode).toBe(200);
    expect(back.json().lateEntry).toBe(true);
    expect((await noteRow(draft.id)).late_entry).toBe(true);
    expect((await assistant.get(`/contact-notes/${draft.id}`)).body).toContain('Late entry');
    const forward = await assistant.put(`/api/contact-notes/${draft.id}`, { kind: 'telephone', occurredAt: ago(23 * 60), durationMinutes: 10, body: 'Phoned the daughter (this morning, not yesterday)', version: 2 });
    expect(forward.statusCode).toBe(200);
    expect(forward.json().lateEntry).toBe(false);
    expect((await noteRow(draft.id)).late_entry).toBe(false);
    // And through the page form as well: back by two days.
    const [y, m, d] = ago(48 * 60).slice(0, 10).split('-');
    const page = await assistant.form(`/contact-notes/${draft.id}/edit`, { kind: 'telephone', 'occurredAt-day': String(Number(d)), 'occurredAt-month': String(Number(m)), 'occurredAt-year': y!, 'occurredAt-time': '09:00', durationMinutes: '10', body: 'Phoned the daughter two days ago', version: '3' });
    expect(page.statusCode).toBe(303);
    expect((await noteRow(draft.id)).late_entry).toBe(true);
  });
});

// A safety alert on a hoist model, batch B2: one search across the service finds every patient who has
// one in their home; the clinician sees contact details only for the patients they may see (the other
// team's counted, not named, and every patient shown audited); a lead raises the recall, an action per
// loan, and the actions are worked to the end, which closes the recall. Support workers and students
// cannot search; an assistant practitioner cannot raise one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, type TestApp, type TestClient, type TestStaff } from '../../test/test-app.ts';
import { seedCatalogueItem, seedLoan, seedPatientWithEpisode, seedStore } from '../../test/seed-equipment-loans.ts';

describe('equipment recall', () => {
  let t: TestApp;
  const clients = new Map<string, TestClient>();
  const as = async (who: TestStaff) => clients.get(who.id) ?? (clients.set(who.id, await t.signIn(who)), clients.get(who.id)!);
  let hoist: string;
  let ownPatient: string;
  let otherPatient: string;
  let oldBatchPatient: string;

  beforeAll(async () => {
    t = await bootTestApp();
    const therapist = await as(t.service.a['registered-therapist']);
    const other = await as(t.service.otherTeamTherapist);
    hoist = await seedCatalogueItem(t, { code: 'HOIST-M1', name: 'Mobile hoist', make: 'Arjo', model: 'Maxi Move', loler: true });
    const stool = await seedCatalogueItem(t, { code: 'STOOL', name: 'Perching stool', stockKind: 'stock', category: 'bathing' });
    const store = await seedStore(t);
    const a = await seedPatientWithEpisode(t, therapist, { givenName: 'Betty', familyName: 'Bloor' });
    const b = await seedPatientWithEpisode(t, other, { givenName: 'Cyril', familyName: 'Cope', teamId: t.service.teamB, triagedBy: t.service.otherTeamTherapist.id });
    const c = await seedPatientWithEpisode(t, therapist, { givenName: 'Dora', familyName: 'Dale' });
    ownPatient = a.patientId;
    otherPatient = b.patientId;
    oldBatchPatient = c.patientId;
    await seedLoan(t, { ...a, catalogueItemId: hoist, storeId: store, serial: 'MM-001', batch: 'B2' });
    await seedLoan(t, { ...b, catalogueItemId: hoist, storeId: store, serial: 'MM-002', batch: ' b2 ', teamId: t.service.teamB });
    await seedLoan(t, { ...c, catalogueItemId: hoist, storeId: store, serial: 'MM-003', batch: 'B1' });
    await seedLoan(t, { ...a, catalogueItemId: stool, storeId: store, quantity: 1 });
  });
  afterAll(async () => t?.close());

  it('finds every patient with the model and batch across the service, naming only those the clinician may see', async () => {
    const ap = await as(t.service.a['assistant-practitioner']);
    const res = await ap.get(`/api/equipment/recall-search?catalogueItemId=${hoist}&batch=B2`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.shown.map((m: { patient: { name: string } }) => m.patient.name)).toEqual(['Betty Bloor']);
    expect(body.shown[0]).toMatchObject({ serialNumber: 'MM-001', batch: 'B2', patient: { address: expect.stringContaining('Waterloo Road') } });
    expect(body.withheld).toBe(1);
    expect(body.withheldByTeam).toEqual([{ teamName: 'Stafford Therapies', count: 1 }]);
    expect(res.body).not.toContain('Cope');
    // Every batch: the old batch too.
    const all = (await ap.get(`/api/equipment/recall-search?catalogueItemId=${hoist}`)).json();
    expect(all.total).toBe(3);
    // Audited: Betty's contact details read, Cyril's not; the search with its counts.
    const reads = await t.db.selectFrom('audit_events').select(['patient_id', 'record_kind', 'detail']).where('staff_id', '=', t.service.a['assistant-practitioner'].id).where('action', '=', 'read').execute();
    expect(reads.filter((r) => r.patient_id === ownPatient && r.record_kind === 'equipment-recall-search').length).toBe(2);
    expect(reads.some((r) => r.patient_id === otherPatient)).toBe(false);
    expect(reads.find((r) => r.record_kind === 'equipment-recall-search' && r.patient_id === null)?.detail).toMatchObject({ found: 2, shown: 1, withheld: 1, batch: 'B2' });
    // The other team's therapist sees theirs, and counts ours.
    const theirs = (await (await as(t.service.otherTeamTherapist)).get(`/api/equipment/recall-search?catalogueItemId=${hoist}&batch=B2`)).json();
    expect(theirs.shown.map((m: { patient: { name: string } }) => m.patient.name)).toEqual(['Cyril Cope']);
    expect(theirs.withheldByTeam).toEqual([{ teamName: 'North Staffs Therapies', count: 1 }]);
  });

  it('refuses support workers and students the search, and bad input with the field named', async () => {
    for (const role of ['support-worker', 'student'] as const) {
      expect((await (await as(t.service.a[role])).get(`/api/equipment/recall-search?catalogueItemId=${hoist}`)).statusCode).toBe(403);
    }
    const ap = await as(t.service.a['assistant-practitioner']);
    const bad = await ap.get('/api/equipment/recall-search?catalogueItemId=hoist');
    expect(bad.statusCode).toBe(400);
    expect((await ap.get(`/api/equipment/recall-search?catalogueItemId=${uuidv7()}`)).statusCode).toBe(404);
    const page = await ap.get('/equipment/recalls?catalogueItemId=nonsense');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Choose the model to search for');
  });

  it('raises a recall with an action per loan, worked to the end, which closes it', async () => {
    const ap = await as(t.service.a['assistant-practitioner']);
    const lead = await as(t.service.a['clinical-lead']);
    const body = { catalogueItemId: hoist, batch: 'B2', reference: 'NatPSA/2026/009', reason: 'Spreader bar weld may crack under load' };
    expect((await ap.post('/api/equipment/recalls', body)).statusCode).toBe(403);
    expect((await lead.post('/api/equipment/recalls', { ...body, reason: '  ' })).json().error.fields).toEqual([{ path: 'reason', message: expect.stringContaining('reason') }]);
    const raised = await lead.post('/api/equipment/recalls', body, { 'idempotency-key': 'recall-1' });
    expect(raised.statusCode, raised.body).toBe(201);
    const recall = raised.json();
    expect(recall).toMatchObject({ status: 'open', counts: { 'to-contact': 2, closed: 0 } });
    // A retry writes once; a second open recall of the model and batch is refused.
    expect((await lead.post('/api/equipment/recalls', body, { 'idempotency-key': 'recall-1' })).json().id).toBe(recall.id);
    expect((await lead.post('/api/equipment/recalls', body)).statusCode).toBe(409);
    expect(await t.db.selectFrom('equipment_recall_actions').select('id').where('recall_id', '=', recall.id).execute()).toHaveLength(2);

    const detail = (await ap.get(`/api/equipment/recalls/${recall.id}`)).json();
    expect(detail.actions.map((a: { patient: { name: string } }) => a.patient.name)).toEqual(['Betty Bloor']);
    expect(detail.withheld).toBe(1);
    const action = detail.actions[0];
    // Forward only; closing needs the outcome; a stale version is a 409.
    const contacted = await ap.post(`/api/equipment/recall-actions/${action.id}`, { version: action.version, status: 'contacted' });
    expect(contacted.statusCode, contacted.body).toBe(200);
    expect((await ap.post(`/api/equipment/recall-actions/${action.id}`, { version: action.version, status: 'collected' })).statusCode).toBe(409);
    const back = await ap.post(`/api/equipment/recall-actions/${action.id}`, { version: action.version + 1, status: 'to-contact' });
    expect(back.statusCode).toBe(400);
    expect(back.json().error.fields[0].path).toBe('status');
    const noOutcome = await ap.post(`/api/equipment/recall-actions/${action.id}`, { version: action.version + 1, status: 'closed' });
    expect(noOutcome.json().error.fields[0].path).toBe('outcome');
    expect((await ap.post(`/api/equipment/recall-actions/${action.id}`, { version: action.version + 1, status: 'inspected', outcome: 'Weld checked, sound' })).statusCode).toBe(200);
    // The other team's patient: not ours to work.
    const otherAction = await t.db.selectFrom('equipment_recall_actions').select(['id', 'version']).where('patient_id', '=', otherPatient).executeTakeFirstOrThrow();
    expect((await ap.post(`/api/equipment/recall-actions/${otherAction.id}`, { version: otherAction.version, status: 'contacted' })).statusCode).toBe(403);

    // Worked to the end on the pages: ours by our team, theirs by theirs; the recall closes with the last.
    const page = await ap.get(`/equipment/recalls/${recall.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Betty Bloor');
    expect(page.body).not.toContain('Cope');
    const empty = await ap.form(`/equipment/recalls/${recall.id}/actions/${action.id}`, { version: String(action.version + 2), status: 'closed', outcome: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter the outcome');
    const closed = await ap.form(`/equipment/recalls/${recall.id}/actions/${action.id}`, { version: String(action.version + 2), status: 'closed', outcome: 'Hoist collected and quarantined; replacement delivered' });
    expect(closed.statusCode, closed.body).toBe(303);
    expect((await ap.get(`/api/equipment/recalls/${recall.id}`)).json().recall.status).toBe('open');
    const theirs = await as(t.service.otherTeamTherapist);
    expect((await theirs.post(`/api/equipment/recall-actions/${otherAction.id}`, { version: otherAction.version, status: 'closed', outcome: 'Family had already returned it to the depot' })).statusCode).toBe(200);
    const done = (await ap.get(`/api/equipment/recalls/${recall.id}`)).json().recall;
    expect(done).toMatchObject({ status: 'closed', counts: { closed: 2 } });
    // Nothing more on a closed action.
    expect((await theirs.post(`/api/equipment/recall-actions/${otherAction.id}`, { version: otherAction.version + 1, status: 'closed', outcome: 'again' })).statusCode).toBe(400);
    void oldBatchPatient;
  });

  it('raises a recall on the page and shows the search with who is withheld', async () => {
    const lead = await as(t.service.a['clinical-lead']);
    const search = await lead.get(`/equipment/recalls?catalogueItemId=${hoist}&batch=B1`);
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('Dora Dale');
    expect(search.body).toContain('Raise a recall of this model');
    const formId = uuidv7();
    const fields = { formId, catalogueItemId: hoist, batch: 'B1', reference: '', reason: 'Castor may detach' };
    const first = await lead.form('/equipment/recalls/new', fields);
    expect(first.statusCode, first.body).toBe(303);
    expect(first.headers.location).toBe(`/equipment/recalls/${formId}?done=raised`);
    expect((await lead.form('/equipment/recalls/new', fields)).headers.location).toBe(first.headers.location);
    const shown = await lead.get(first.headers.location as string);
    expect(shown.body).toContain('Dora Dale');
    // No model chosen, or not one from the list: the error summary on the model, the reason typed kept, nothing raised.
    const recallsBefore = (await t.db.selectFrom('equipment_recalls').select('id').execute()).length;
    for (const catalogueItemId of ['', 'hoist']) {
      const noModel = await lead.form('/equipment/recalls/new', { formId: uuidv7(), catalogueItemId, batch: 'B9', reference: 'MDA/2026/041', reason: 'Sling bar cracks under load: stop using it' });
      expect(noModel.statusCode, catalogueItemId).toBe(400);
      expect(noModel.body).toContain('There is a problem');
      expect(noModel.body).toContain('href="#catalogueItemId"');
      expect(noModel.body).toContain('Choose the model that is recalled from the catalogue');
      expect(noModel.body).toContain('Sling bar cracks under load: stop using it');
      expect(noModel.body).toContain('MDA/2026/041');
    }
    expect(await t.db.selectFrom('equipment_recalls').select('id').execute()).toHaveLength(recallsBefore);
  });
});

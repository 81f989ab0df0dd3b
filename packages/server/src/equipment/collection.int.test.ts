// At discharge every item on loan is listed with a decision: the hoist to collect (booked as an
// equipment visit of the episode), the perching stool stays with the patient. The collection is then
// tracked until the hoist is back in store; a stock item collected goes back on the shelf; one that
// cannot be found is missing, with a note. The record's discharge page shows the list through the port.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp, type TestApp, type TestClient, type TestStaff } from '../../test/test-app.ts';
import { seedCatalogueItem, seedLoan, seedPatientWithEpisode, seedStore } from '../../test/seed-equipment-loans.ts';

describe('equipment at discharge and its collection', () => {
  let t: TestApp;
  const clients = new Map<string, TestClient>();
  const as = async (who: TestStaff) => clients.get(who.id) ?? (clients.set(who.id, await t.signIn(who)), clients.get(who.id)!);
  let episodeId: string;
  let patientId: string;
  let hoistLoan: string;
  let hoistItem: string;
  let stoolLoan: string;
  let frameLoan: string;
  let store: string;
  let frame: string;
  const loanVersion = async (id: string) => (await t.db.selectFrom('equipment_loans').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

  beforeAll(async () => {
    t = await bootTestApp();
    const therapist = await as(t.service.a['registered-therapist']);
    const hoist = await seedCatalogueItem(t, { code: 'HOIST', name: 'Mobile hoist', loler: true });
    const stool = await seedCatalogueItem(t, { code: 'STOOL', name: 'Perching stool', stockKind: 'stock', category: 'bathing' });
    frame = await seedCatalogueItem(t, { code: 'FRAME', name: 'Walking frame', stockKind: 'stock', category: 'mobility' });
    store = await seedStore(t);
    ({ patientId, episodeId } = await seedPatientWithEpisode(t, therapist, { givenName: 'Betty', familyName: 'Bloor' }));
    ({ loanId: hoistLoan, itemId: hoistItem } = await seedLoan(t, { patientId, episodeId, catalogueItemId: hoist, storeId: store, serial: 'MM-001' }) as { loanId: string; itemId: string });
    ({ loanId: stoolLoan } = await seedLoan(t, { patientId, episodeId, catalogueItemId: stool, storeId: store }));
    ({ loanId: frameLoan } = await seedLoan(t, { patientId, episodeId, catalogueItemId: frame, storeId: store, quantity: 2 }));
  });
  afterAll(async () => t?.close());

  it('lists every item on loan on the discharge page, undecided', async () => {
    const therapist = await as(t.service.a['registered-therapist']);
    const page = await therapist.get(`/episodes/${episodeId}/discharge-summary`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Equipment on loan');
    expect(page.body).toContain('Mobile hoist, serial MM-001');
    expect(page.body).toContain('Walking frame (2)');
    expect(page.body).toContain('Not decided');
    expect(page.body).toContain(`/episodes/${episodeId}/equipment/discharge`);
    const decide = await therapist.get(`/episodes/${episodeId}/equipment/discharge`);
    expect(decide.statusCode).toBe(200);
    expect(decide.body).toContain('BLOOR');
    const api = (await therapist.get(`/api/episodes/${episodeId}/equipment/discharge`)).json();
    expect(api.loans.map((l: { itemName: string; dischargeDecision: null }) => [l.itemName, l.dischargeDecision])).toEqual([['Mobile hoist', null], ['Perching stool', null], ['Walking frame', null]]);
    // Not for someone without the patient.
    expect((await (await as(t.service.otherTeamTherapist)).get(`/episodes/${episodeId}/equipment/discharge`)).statusCode).toBe(403);
  });

  it('books the hoist’s collection as an equipment visit, and the stool stays; bad input changes nothing', async () => {
    const therapist = await as(t.service.a['registered-therapist']);
    const noDay = await therapist.form(`/episodes/${episodeId}/equipment/discharge/${hoistLoan}`, { version: String(await loanVersion(hoistLoan)), decision: 'collect', 'collectOn-day': '', 'collectOn-month': '', 'collectOn-year': '' });
    expect(noDay.statusCode).toBe(400);
    expect(noDay.body).toContain('Enter collection day');
    const past = await therapist.post(`/api/equipment-loans/${hoistLoan}/discharge-decision`, { version: await loanVersion(hoistLoan), decision: 'collect', collection: { date: '2026-11-01' } });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields[0].path).toBe('collection.date');
    expect(await t.db.selectFrom('visits').select('id').where('episode_id', '=', episodeId).execute()).toHaveLength(0);
    expect((await t.db.selectFrom('equipment_loans').select('status').where('id', '=', hoistLoan).executeTakeFirstOrThrow()).status).toBe('delivered');

    const booked = await therapist.form(`/episodes/${episodeId}/equipment/discharge/${hoistLoan}`, { version: String(await loanVersion(hoistLoan)), decision: 'collect', 'collectOn-day': '27', 'collectOn-month': '11', 'collectOn-year': '2026', windowStart: '09:00', windowEnd: '12:00' });
    expect(booked.statusCode, booked.body).toBe(303);
    const visit = await t.db.selectFrom('visits').select(['id', 'purpose', 'on_date', 'window_start']).where('episode_id', '=', episodeId).executeTakeFirstOrThrow();
    expect(visit).toMatchObject({ purpose: 'equipment', on_date: '2026-11-27' });
    const loan = await t.db.selectFrom('equipment_loans').select(['status', 'discharge_decision', 'collection_visit_id']).where('id', '=', hoistLoan).executeTakeFirstOrThrow();
    expect(loan).toEqual({ status: 'to-collect', discharge_decision: 'collect', collection_visit_id: visit.id });

    const stays = await therapist.post(`/api/equipment-loans/${stoolLoan}/discharge-decision`, { version: await loanVersion(stoolLoan), decision: 'stays-with-patient' }, { 'idempotency-key': 'stool-stays' });
    expect(stays.statusCode, stays.body).toBe(200);
    expect(stays.json()).toMatchObject({ status: 'stays-with-patient', dischargeDecisionText: 'Stays with the patient' });
    // Decided already: a second decision on the version read is a 409 that says so.
    const again = await therapist.post(`/api/equipment-loans/${stoolLoan}/discharge-decision`, { version: await loanVersion(stoolLoan), decision: 'transferred' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('already decided');
    const frameCollect = await therapist.post(`/api/equipment-loans/${frameLoan}/discharge-decision`, { version: await loanVersion(frameLoan), decision: 'collect', collection: { date: '2026-11-27' } });
    expect(frameCollect.statusCode, frameCollect.body).toBe(200);

    const page = await therapist.get(`/episodes/${episodeId}/discharge-summary`);
    expect(page.body).toContain('To collect');
    expect(page.body).toContain('Stays with the patient');
    expect(page.body).toContain('27 November 2026');
  });

  it('tracks the collections until returned or missing, putting them back in store', async () => {
    const ap = await as(t.service.a['assistant-practitioner']);
    const list = await ap.get('/equipment/collections');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Mobile hoist, serial MM-001');
    expect(list.body).toContain('Betty Bloor');
    expect((await (await as(t.service.a['support-worker'])).get('/equipment/collections')).statusCode).toBe(403);

    const missingNoNote = await ap.form(`/equipment/collections/${frameLoan}`, { version: String(await loanVersion(frameLoan)), outcome: 'missing', storeId: store, note: '' });
    expect(missingNoNote.statusCode).toBe(400);
    expect(missingNoNote.body).toContain('Say what happened');
    const returned = await ap.form(`/equipment/collections/${hoistLoan}`, { version: String(await loanVersion(hoistLoan)), outcome: 'returned', storeId: store, condition: 'fair', note: '' });
    expect(returned.statusCode, returned.body).toBe(303);
    expect(await t.db.selectFrom('equipment_items').select(['status', 'condition']).where('id', '=', hoistItem).executeTakeFirstOrThrow()).toEqual({ status: 'in-store', condition: 'fair' });
    expect((await t.db.selectFrom('equipment_loans').select('status').where('id', '=', hoistLoan).executeTakeFirstOrThrow()).status).toBe('returned');
    // Already back: a second return on the version read is refused, nothing moved.
    const twice = await ap.post(`/api/equipment-loans/${hoistLoan}/collection`, { version: await loanVersion(hoistLoan), outcome: 'returned' });
    expect(twice.statusCode).toBe(409);

    const frameBack = await ap.post(`/api/equipment-loans/${frameLoan}/collection`, { version: await loanVersion(frameLoan), outcome: 'returned', storeId: store }, { 'idempotency-key': 'frame-back' });
    expect(frameBack.statusCode, frameBack.body).toBe(200);
    expect((await ap.post(`/api/equipment-loans/${frameLoan}/collection`, { version: await loanVersion(frameLoan) - 1, outcome: 'returned', storeId: store }, { 'idempotency-key': 'frame-back' })).statusCode).toBe(200);
    expect((await t.db.selectFrom('equipment_stock_levels').select('quantity').where('catalogue_item_id', '=', frame).executeTakeFirstOrThrow()).quantity).toBe(2);
    expect((await ap.get('/api/equipment/collections')).json().loans).toEqual([]);
    const audited = await t.db.selectFrom('audit_events').select(['record_kind', 'patient_id', 'outcome', 'detail']).where('record_id', '=', hoistLoan).where('action', '=', 'write').orderBy('seq').execute();
    // Exactly the three writes to the hoist's loan, in order, each this patient's: 'every' on an empty
    // list and 'at least 3' would pass with one missing or one too many.
    const written = { record_kind: 'equipment-loan', patient_id: patientId, outcome: 'allowed' };
    expect(audited).toMatchObject([
      { ...written, detail: { change: 'discharge-decision', decision: 'collect' } },
      { ...written, detail: { itemId: hoistItem, outcome: 'returned', returned: 'tracked', condition: 'fair' } },
      { ...written, detail: { change: 'collection', outcome: 'returned' } },
    ]);
  });
});

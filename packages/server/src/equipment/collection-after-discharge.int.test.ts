// Equipment to collect is collected after discharge: the collection visit is booked in the discharged
// episode (the one visit a discharged episode may have), and a collection whose visit was cancelled is
// booked again; any other visit in the discharged episode is still refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, ukDateOf } from '@homeward/clinical';
import { bootTestApp, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedCatalogueItem, seedLoan, seedPatientWithEpisode, seedStore } from '../../test/seed-equipment-loans.ts';

describe('collection after discharge', () => {
  let t: TestApp;
  let therapist: TestClient;
  let episodeId: string;
  let loanId: string;
  afterAll(async () => t?.close());
  const loan = async () => t.db.selectFrom('equipment_loans').select(['version', 'status', 'collection_visit_id']).where('id', '=', loanId).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await bootTestApp();
    therapist = await t.signIn(t.service.a['registered-therapist']);
    const hoist = await seedCatalogueItem(t, { code: 'HOIST-D', name: 'Mobile hoist', loler: true });
    const store = await seedStore(t);
    const a = await seedPatientWithEpisode(t, therapist, { givenName: 'Hilda', familyName: 'Hart' });
    episodeId = a.episodeId;
    ({ loanId } = await seedLoan(t, { ...a, catalogueItemId: hoist, storeId: store, serial: 'D-001' }));
    await t.db.updateTable('episodes').set({ status: 'discharged', discharged_on: ukDateOf(t.clock.now()) }).where('id', '=', episodeId).execute();
  });

  it('books the collection in the discharged episode, and books it again once its visit is cancelled', async () => {
    const date = addCalendarDays(ukDateOf(t.clock.now()), 2);
    const booked = await therapist.post(`/api/equipment-loans/${loanId}/discharge-decision`, { version: (await loan()).version, decision: 'collect', collection: { date } });
    expect(booked.statusCode, booked.body).toBe(200);
    const first = await loan();
    expect(first.status).toBe('to-collect');
    const visit = await t.db.selectFrom('visits').select(['purpose', 'status']).where('id', '=', first.collection_visit_id!).executeTakeFirstOrThrow();
    expect(visit).toEqual({ purpose: 'equipment', status: 'to-plan' });
    // While the visit stands, a second booking is refused.
    expect((await therapist.post(`/api/equipment-loans/${loanId}/discharge-decision`, { version: first.version, decision: 'collect', collection: { date } })).statusCode).toBe(409);

    await t.db.updateTable('visits').set({ status: 'cancelled', outcome_reason: 'Family away' }).where('id', '=', first.collection_visit_id!).execute();
    const again = await therapist.post(`/api/equipment-loans/${loanId}/discharge-decision`, { version: first.version, decision: 'collect', collection: { date: addCalendarDays(date, 1) } });
    expect(again.statusCode, again.body).toBe(200);
    const second = await loan();
    expect(second.status).toBe('to-collect');
    expect(second.collection_visit_id).not.toBe(first.collection_visit_id);
    expect((await t.db.selectFrom('visits').select('purpose').where('id', '=', second.collection_visit_id!).executeTakeFirstOrThrow()).purpose).toBe('equipment');
  });

  it('still refuses any other visit in the discharged episode', async () => {
    const lead = await t.signIn(t.service.a['clinical-lead']);
    const res = await lead.post('/api/visits', { episodeId, date: addCalendarDays(ukDateOf(t.clock.now()), 2), purpose: 'therapy' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('discharged');
  });
});

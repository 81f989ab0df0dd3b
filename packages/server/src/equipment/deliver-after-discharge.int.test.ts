// A delivery belongs to an open episode: once the episode is discharged, recording one is refused with
// a message that says why, and nothing leaves the store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, type TestApp } from '../../test/test-app.ts';
import { seedCatalogueItem, seedPatientWithEpisode, seedStore } from '../../test/seed-equipment-loans.ts';

describe('delivery after discharge', () => {
  let t: TestApp;
  afterAll(async () => t?.close());
  let loanId: string;
  let itemId: string;

  beforeAll(async () => {
    t = await bootTestApp();
    const therapist = await t.signIn(t.service.a['registered-therapist']);
    const chair = await seedCatalogueItem(t, { code: 'CHAIR', name: 'Riser chair' });
    const store = await seedStore(t);
    const { patientId, episodeId } = await seedPatientWithEpisode(t, therapist, { givenName: 'Edna', familyName: 'Eve' });
    const by = t.service.a['registered-therapist'].id;
    const at = t.clock.now();
    itemId = uuidv7();
    await t.db.insertInto('equipment_items').values({ id: itemId, catalogue_item_id: chair, serial_number: 'RC-1', batch: null, store_id: store, status: 'in-store', created_at: at, created_by: by, updated_at: at, updated_by: by }).execute();
    loanId = uuidv7();
    await t.db.insertInto('equipment_loans').values({
      id: loanId, patient_id: patientId, episode_id: episodeId, team_id: t.service.teamA, catalogue_item_id: chair, item_id: null, store_id: null, quantity: 1, reason: 'Cannot stand from a low chair', status: 'prescribed',
      prescribed_at: at, prescribed_by: by, created_at: at, created_by: by, updated_at: at, updated_by: by,
    }).execute();
    await t.db.updateTable('episodes').set({ status: 'discharged', discharged_on: at.toISOString().slice(0, 10) }).where('id', '=', episodeId).execute();
  });

  it('refuses the delivery, saying the episode is discharged, and the item stays in store', async () => {
    const worker = await t.signIn(t.service.a['registered-therapist']);
    const res = await worker.post(`/api/equipment-loans/${loanId}/delivery`, { version: 1, deliveredOn: ukToday(t), where: 'Home', fitted: true, itemId });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toContain('discharged');
    expect((await t.db.selectFrom('equipment_items').select('status').where('id', '=', itemId).executeTakeFirstOrThrow()).status).toBe('in-store');
    expect((await t.db.selectFrom('equipment_loans').select('status').where('id', '=', loanId).executeTakeFirstOrThrow()).status).toBe('prescribed');
  });
});

function ukToday(t: TestApp): string {
  return t.clock.now().toISOString().slice(0, 10);
}

// Equipment on loan, written straight to the database, for tests of what follows a loan (recall,
// collection, reports) without walking prescribing and delivery each time: a catalogue item, a store,
// a tracked item and a delivered loan within an episode.
import { uuidv7 } from 'uuidv7';
import type { EquipmentCategory } from '../src/db/schema.ts';
import { testNhsNumberForIndex } from '../src/demo/generate-demo-data.ts';
import { patientDetails, type TestApp, type TestClient } from './test-app.ts';
import { seedEpisode } from './seed-episode.ts';

let nhsIndex = 7000;

/** A patient registered through the API by the client, with an active episode of the client's team held by them. */
export async function seedPatientWithEpisode(t: TestApp, by: TestClient, o: { givenName: string; familyName: string; teamId?: string; triagedBy?: string }): Promise<{ patientId: string; episodeId: string }> {
  const res = await by.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(nhsIndex++), givenName: o.givenName, familyName: o.familyName }));
  if (res.statusCode !== 201) throw new Error(`patient: ${res.statusCode} ${res.body}`);
  const patientId = (res.json() as { id: string }).id;
  const episodeId = await seedEpisode(t, { patientId, service: 'd2a-pathway-1', allocatedTo: by.staff.id, ...(o.teamId ? { teamId: o.teamId } : {}), ...(o.triagedBy ? { triagedBy: o.triagedBy } : {}) });
  return { patientId, episodeId };
}

export async function seedCatalogueItem(t: TestApp, o: { code: string; name: string; category?: EquipmentCategory; stockKind?: 'stock' | 'tracked'; make?: string; model?: string; loler?: boolean; costPence?: number }): Promise<string> {
  const id = uuidv7();
  const by = t.service.a['clinical-lead'].id;
  const at = t.clock.now();
  const tracked = (o.stockKind ?? 'tracked') === 'tracked';
  await t.db.insertInto('equipment_catalogue_items').values({
    id, code: o.code, name: o.name, category: o.category ?? 'transfers', make: o.make ?? 'Arjo', model: o.model ?? o.name, stock_kind: o.stockKind ?? 'tracked',
    loler: o.loler ?? false, inspection_interval_months: o.loler ? 6 : null, needs_risk_assessment: false, prescriber: tracked ? 'registered' : 'assistant',
    unit_cost_pence: o.costPence ?? 10_000, created_at: at, created_by: by, updated_at: at, updated_by: by,
  }).execute();
  return id;
}

export async function seedStore(t: TestApp, name = 'Haywood store'): Promise<string> {
  const id = uuidv7();
  const by = t.service.a['clinical-lead'].id;
  const at = t.clock.now();
  await t.db.insertInto('equipment_stores').values({ id, name, team_id: t.service.teamA, created_at: at, created_by: by, updated_at: at, updated_by: by }).execute();
  return id;
}

/** A delivered loan; tracked (an item with the serial and batch, on loan) unless quantity is given for stock. */
export async function seedLoan(t: TestApp, o: { patientId: string; episodeId: string; catalogueItemId: string; storeId: string; serial?: string; batch?: string | null; teamId?: string; quantity?: number; deliveredDaysAgo?: number }): Promise<{ loanId: string; itemId: string | null }> {
  const by = t.service.a['registered-therapist'].id;
  const at = t.clock.now();
  const delivered = new Date(at.getTime() - (o.deliveredDaysAgo ?? 1) * 86_400_000);
  let itemId: string | null = null;
  if (o.serial) {
    itemId = uuidv7();
    await t.db.insertInto('equipment_items').values({ id: itemId, catalogue_item_id: o.catalogueItemId, serial_number: o.serial, batch: o.batch ?? null, store_id: o.storeId, status: 'on-loan', created_at: at, created_by: by, updated_at: at, updated_by: by }).execute();
  }
  const loanId = uuidv7();
  await t.db.insertInto('equipment_loans').values({
    id: loanId, patient_id: o.patientId, episode_id: o.episodeId, team_id: o.teamId ?? t.service.teamA, catalogue_item_id: o.catalogueItemId, item_id: itemId, store_id: o.storeId,
    quantity: o.quantity ?? 1, reason: 'Unable to transfer safely', status: 'delivered', prescribed_at: delivered, prescribed_by: by, delivered_at: delivered, delivered_by: by, delivered_where: 'Home',
    created_at: delivered, created_by: by, updated_at: delivered, updated_by: by,
  }).execute();
  return { loanId, itemId };
}

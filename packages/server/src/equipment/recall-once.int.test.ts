// Two leads raising the same recall at once: the check in raiseRecall cannot see the other's row until
// it commits, so the database keeps one open recall per model and batch (batch compared as the search
// does), and the loser is told there is one already (409), not a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, type TestApp } from '../../test/test-app.ts';
import { isUniqueViolation } from '../platform/database-errors.ts';
import { seedCatalogueItem, seedLoan, seedPatientWithEpisode, seedStore } from '../../test/seed-equipment-loans.ts';

describe('one open recall per model and batch', () => {
  let t: TestApp;
  let hoist: string;
  let other: string;
  afterAll(async () => t?.close());

  beforeAll(async () => {
    t = await bootTestApp();
    const therapist = await t.signIn(t.service.a['registered-therapist']);
    hoist = await seedCatalogueItem(t, { code: 'HOIST-R1', name: 'Mobile hoist', loler: true });
    other = await seedCatalogueItem(t, { code: 'HOIST-R2', name: 'Ceiling hoist', loler: true });
    const store = await seedStore(t);
    const a = await seedPatientWithEpisode(t, therapist, { givenName: 'Fred', familyName: 'Finch' });
    await seedLoan(t, { ...a, catalogueItemId: hoist, storeId: store, serial: 'R1-001', batch: 'B9' });
  });

  const row = (batch: string | null, status: 'open' | 'closed' = 'open') => {
    const by = t.service.a['clinical-lead'].id;
    const at = t.clock.now();
    return { id: uuidv7(), catalogue_item_id: other, batch, reference: '', reason: 'Weld', status, created_at: at, created_by: by, updated_at: at, updated_by: by };
  };

  // Refused by the one-open-recall index itself: any error (a bad column, a missing value) would not do.
  const refusedByTheIndex = async (insert: Promise<unknown>) => {
    const error = await insert.then(() => null, (e: unknown) => e);
    expect(error, 'the second open recall was written').not.toBeNull();
    expect(isUniqueViolation(error, 'equipment_recalls_one_open_idx'), String(error)).toBe(true);
  };

  it('refuses a second open recall of the same model and batch in the database, whatever its spacing and case', async () => {
    await t.db.insertInto('equipment_recalls').values(row('B9')).execute();
    await refusedByTheIndex(t.db.insertInto('equipment_recalls').values(row(' b 9')).execute());
    // Closed ones, another batch and the whole model are other recalls.
    await t.db.insertInto('equipment_recalls').values(row('B9', 'closed')).execute();
    await t.db.insertInto('equipment_recalls').values(row('B8')).execute();
    await t.db.insertInto('equipment_recalls').values(row(null)).execute();
    await refusedByTheIndex(t.db.insertInto('equipment_recalls').values(row(null)).execute());
  });

  it('answers two leads raising it at once with one recall and one 409', async () => {
    const lead = await t.signIn(t.service.a['clinical-lead']);
    const manager = await t.signIn(t.service.a['service-manager']);
    const body = { catalogueItemId: hoist, batch: 'B9', reason: 'Spreader bar weld may crack' };
    const answers = await Promise.all([lead.post('/api/equipment/recalls', body), manager.post('/api/equipment/recalls', body)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect(await t.db.selectFrom('equipment_recalls').select('id').where('catalogue_item_id', '=', hoist).where('status', '=', 'open').execute()).toHaveLength(1);
  });
});

// The discharge summary page lists the equipment on loan through the record's port: the read of those
// loans is audited naming each one, as the equipment's own discharge list is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp, type TestApp } from '../../test/test-app.ts';
import { seedCatalogueItem, seedLoan, seedPatientWithEpisode, seedStore } from '../../test/seed-equipment-loans.ts';

describe('the discharge summary’s equipment, audited', () => {
  let t: TestApp;
  let episodeId: string;
  let loanId: string;
  afterAll(async () => t?.close());

  beforeAll(async () => {
    t = await bootTestApp();
    const therapist = await t.signIn(t.service.a['registered-therapist']);
    const hoist = await seedCatalogueItem(t, { code: 'HOIST-A', name: 'Mobile hoist', loler: true });
    const store = await seedStore(t);
    const a = await seedPatientWithEpisode(t, therapist, { givenName: 'Gwen', familyName: 'Gale' });
    episodeId = a.episodeId;
    ({ loanId } = await seedLoan(t, { ...a, catalogueItemId: hoist, storeId: store, serial: 'A-001' }));
  });

  it('writes an equipment-loan read naming the loans shown on the page', async () => {
    const therapist = await t.signIn(t.service.a['registered-therapist']);
    const page = await therapist.get(`/episodes/${episodeId}/discharge-summary`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Mobile hoist, serial A-001');
    const reads = await t.db.selectFrom('audit_events').select(['record_kind', 'detail']).where('staff_id', '=', t.service.a['registered-therapist'].id).where('action', '=', 'read').where('record_kind', '=', 'equipment-loan').execute();
    expect(reads.some((r) => JSON.stringify(r.detail).includes(loanId))).toBe(true);
  });
});

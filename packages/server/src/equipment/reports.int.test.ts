// The team's equipment reports: on loan by category and cost, overdue inspections, not collected after
// discharge, loan durations; as a page, JSON and a CSV whose export is audited with who took which
// report. No patient is named. Support workers and students are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp, type TestApp, type TestClient, type TestStaff } from '../../test/test-app.ts';
import { seedCatalogueItem, seedLoan, seedPatientWithEpisode, seedStore } from '../../test/seed-equipment-loans.ts';

describe('equipment reports', () => {
  let t: TestApp;
  const clients = new Map<string, TestClient>();
  const as = async (who: TestStaff) => clients.get(who.id) ?? (clients.set(who.id, await t.signIn(who)), clients.get(who.id)!);

  beforeAll(async () => {
    t = await bootTestApp();
    const therapist = await as(t.service.a['registered-therapist']);
    const hoist = await seedCatalogueItem(t, { code: 'HOIST', name: 'Mobile hoist', loler: true, costPence: 150_000 });
    const stool = await seedCatalogueItem(t, { code: 'STOOL', name: '=Perching stool', stockKind: 'stock', category: 'bathing', costPence: 2_550 });
    const store = await seedStore(t);
    const a = await seedPatientWithEpisode(t, therapist, { givenName: 'Betty', familyName: 'Bloor' });
    const b = await seedPatientWithEpisode(t, therapist, { givenName: 'Dora', familyName: 'Dale' });
    const { itemId } = await seedLoan(t, { ...a, catalogueItemId: hoist, storeId: store, serial: 'MM-001', deliveredDaysAgo: 40 });
    await seedLoan(t, { ...a, catalogueItemId: stool, storeId: store, quantity: 2, deliveredDaysAgo: 10 });
    await seedLoan(t, { ...b, catalogueItemId: stool, storeId: store, deliveredDaysAgo: 30 });
    // The hoist's examination fell due a week ago.
    await t.db.updateTable('equipment_items').set({ next_inspection_due: '2026-11-17' }).where('id', '=', itemId!).execute();
    // Dora was discharged five days ago with her stool still out.
    await t.db.updateTable('episodes').set({ status: 'discharged', discharged_on: '2026-11-19', discharge_outcome: 'goals-met' }).where('id', '=', b.episodeId).execute();
  });
  afterAll(async () => t?.close());

  it('counts the team’s loans by category with their cost', async () => {
    const lead = await as(t.service.a['clinical-lead']);
    const res = await lead.get('/api/equipment/reports/on-loan-by-category');
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().rows as unknown[][];
    expect(rows.find((r) => r[0] === 'Bathing')).toEqual(['Bathing', 2, 3, '76.50']);
    expect(rows.find((r) => r[0] === 'Transfers')).toEqual(['Transfers', 1, 1, '1500.00']);
    expect(rows.at(-1)).toEqual(['All categories', 3, 4, '1576.50']);
    // Another team's therapist: their own team's, which has none.
    expect(((await (await as(t.service.otherTeamTherapist)).get('/api/equipment/reports/on-loan-by-category')).json().rows as unknown[][]).at(-1)).toEqual(['All categories', 0, 0, '0.00']);
  });

  it('lists overdue inspections, uncollected items after discharge and loan durations', async () => {
    const ap = await as(t.service.a['assistant-practitioner']);
    const overdue = (await ap.get('/api/equipment/reports/overdue-inspections')).json();
    expect(overdue.rows).toEqual([['Mobile hoist', 'MM-001', null, 'LOLER thorough examination', 'Haywood store', 'On loan', '2026-11-17', 7]]);
    const uncollected = (await ap.get('/api/equipment/reports/uncollected-after-discharge')).json();
    expect(uncollected.rows).toHaveLength(1);
    expect(uncollected.rows[0].slice(1)).toEqual(['=Perching stool', null, 1, '25.50', 'Not decided', '2026-11-19', 5, 'Not booked']);
    const durations = (await ap.get('/api/equipment/reports/loan-durations')).json();
    expect(durations.rows.find((r: unknown[]) => r[0] === 'Bathing')).toEqual(['Bathing', 0, null, null, 2, 20, 30]);
    const page = await ap.get('/equipment/reports/uncollected-after-discharge');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Dale');
  });

  it('exports CSV safe for a spreadsheet, audited with who took which report', async () => {
    const ap = await as(t.service.a['assistant-practitioner']);
    const csv = await ap.get('/equipment/reports/uncollected-after-discharge.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('equipment-uncollected-after-discharge-2026-11-24.csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('Loan,Item,Serial number,Quantity,Cost (£),Decision,Discharged,Days since discharge,Collection visit');
    // A name that starts with = is written as text, not a formula.
    expect(lines[1]).toContain(",'=Perching stool,");
    const exported = await t.db.selectFrom('audit_events').select(['staff_id', 'detail']).where('action', '=', 'export').where('record_kind', '=', 'equipment-report').execute();
    expect(exported).toEqual([{ staff_id: t.service.a['assistant-practitioner'].id, detail: expect.objectContaining({ report: 'uncollected-after-discharge', rows: 1, format: 'csv' }) }]);
  });

  it('refuses support workers and students, and an unknown report', async () => {
    for (const role of ['support-worker', 'student'] as const) {
      const c = await as(t.service.a[role]);
      expect((await c.get('/api/equipment/reports/loan-durations')).statusCode).toBe(403);
      expect((await c.get('/equipment/reports/loan-durations.csv')).statusCode).toBe(403);
    }
    expect((await (await as(t.service.a['clinical-lead'])).get('/api/equipment/reports/everything')).statusCode).toBe(400);
  });
});

// The demo's equipment on the test service's teams: a catalogue, a store per team with stock, tracked
// items with overdue examinations, and loans issued from store on open episodes of both teams, one
// hoist batch among several of them, so a recall search finds them; a second start changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp, type TestApp } from '../../test/test-app.ts';
import { seedPatientWithEpisode } from '../../test/seed-equipment-loans.ts';
import { seedDemoEquipment } from './seed-demo-equipment.ts';

describe('the demo’s equipment', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
    const a = await t.signIn(t.service.a['registered-therapist']);
    const b = await t.signIn(t.service.otherTeamTherapist);
    for (const [i, name] of ['Bloor', 'Cope', 'Dale'].entries()) await seedPatientWithEpisode(t, a, { givenName: `A${i}`, familyName: name });
    for (const [i, name] of ['Eaton', 'Fenton'].entries()) await seedPatientWithEpisode(t, b, { givenName: `B${i}`, familyName: name, teamId: t.service.teamB, triagedBy: t.service.otherTeamTherapist.id });
    // Team B needs a clinical lead to prescribe and deliver as.
    const now = t.clock.now();
    await t.db.insertInto('staff').values({ id: crypto.randomUUID(), email: 'b.lead@test.example', given_name: 'Bea', family_name: 'Lead', profession: 'OT', registration_number: null, band: '7', homeward_role: 'clinical-lead', team_id: t.service.teamB, base_location: null, password_hash: 'x', created_at: now, updated_at: now }).execute();
  });
  afterAll(async () => t?.close());

  it('lays the catalogue, stores, items and loans, once', async () => {
    const teams = await t.db.selectFrom('teams').select(['id', 'name']).orderBy('name').execute();
    const seeded = await seedDemoEquipment(t.db, { seed: 20261124, now: t.clock.now(), config: t.config, teams });
    expect(seeded).toMatchObject({ catalogueItems: 20, stores: 2, skipped: 0 });
    expect(seeded.loans).toBeGreaterThan(8);
    // Each stock level is the sum of its moves; what went out on loan is on the ledger.
    const levels = await t.db.selectFrom('equipment_stock_levels').select(['store_id', 'catalogue_item_id', 'quantity']).execute();
    for (const l of levels) {
      const moves = await t.db.selectFrom('equipment_stock_moves').select('change').where('store_id', '=', l.store_id).where('catalogue_item_id', '=', l.catalogue_item_id).execute();
      expect(moves.reduce((a, m) => a + m.change, 0)).toBe(l.quantity);
    }
    const onLoan = await t.db.selectFrom('equipment_items').select('id').where('status', '=', 'on-loan').execute();
    expect(onLoan.length).toBeGreaterThanOrEqual(4);
    expect(await t.db.selectFrom('equipment_loans').select('id').where('status', '<>', 'delivered').execute()).toEqual([]);
    // A recall of the hoist batch finds patients of both teams; the lead sees theirs, the other team's counted.
    const hoist = (await t.db.selectFrom('equipment_catalogue_items').select('id').where('code', '=', 'HOIST-MOBILE').executeTakeFirstOrThrow()).id;
    const lead = await t.signIn(t.service.a['clinical-lead']);
    const found = (await lead.get(`/api/equipment/recall-search?catalogueItemId=${hoist}&batch=MM-2024-07`)).json();
    expect(found.shown.length).toBeGreaterThan(0);
    expect(found.withheld).toBeGreaterThan(0);
    // Overdue examinations on the due report.
    expect((await lead.get('/api/equipment/reports/overdue-inspections')).json().rows.length).toBeGreaterThan(0);
    // Written through the domain functions, as the lead who did it, at the moment: each prescription
    // and delivery audited under the write grant at its loan's time, each item examined once on its
    // day, and the family carer taught each hoist, sling and bed on the day it was delivered.
    const loans = await t.db.selectFrom('equipment_loans').select(['id', 'prescribed_at', 'prescribed_by', 'item_id', 'delivered_at']).execute();
    const audited = await t.db.selectFrom('audit_events').select(['record_id', 'occurred_at', 'staff_id', 'detail']).where('record_kind', '=', 'equipment-loan').where('action', '=', 'write').where('outcome', '=', 'allowed').execute();
    for (const l of loans) {
      const prescribed = audited.find((a) => a.record_id === l.id && (a.detail as { change?: string }).change === 'prescribed');
      expect(prescribed?.staff_id).toBe(l.prescribed_by);
      expect(new Date(prescribed!.occurred_at).getTime()).toBe(new Date(l.prescribed_at).getTime());
      expect(audited.some((a) => a.record_id === l.id && (a.detail as { change?: string }).change === 'delivered')).toBe(true);
    }
    const items = await t.db.selectFrom('equipment_items').select(['id', 'last_inspected_on']).execute();
    const inspections = await t.db.selectFrom('equipment_inspections').select(['item_id', 'inspected_on']).execute();
    expect(inspections.map((i) => [i.item_id, i.inspected_on]).sort()).toEqual(items.map((i) => [i.id, i.last_inspected_on]).sort());
    const taught = await t.db.selectFrom('equipment_training').select('loan_id').execute();
    expect(taught.map((x) => x.loan_id).sort()).toEqual(loans.filter((l) => l.item_id !== null).map((l) => l.id).sort());
    // A second start leaves it as it is.
    expect(await seedDemoEquipment(t.db, { seed: 20261124, now: t.clock.now(), config: t.config, teams })).toMatchObject({ loans: 0, catalogueItems: 0 });
  });
});

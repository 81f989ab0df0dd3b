// The equipment pages a store keeper and a clinician use (issue 15 #1, #2, #5, #8): the lead adds a
// hoist to the catalogue and a store through the forms (sent twice, saved once); the assistant adds a
// hoist by its serial number (the same serial again is shown on its field, nothing saved); its label
// carries a barcode and its number; scanning the number on the look-up page opens it, an unknown number
// says so; an examination dated tomorrow is refused with the NHS.UK error summary; one that fails takes
// it out of use; the due list shows an overdue hoist in red with the word. The header offers Equipment
// to clinicians and not to an administrator, and an administrator is refused the pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, type TestApp, type TestClient } from '../../test/test-app.ts';

describe('equipment pages: catalogue, stores, items, labels, look-up and inspections', () => {
  let t: TestApp;
  let lead: TestClient;
  let assistant: TestClient;
  let supportWorker: TestClient;
  let admin: TestClient;
  const ids = {} as { hoist: string; store: string; item: string };

  const hoistForm = (formId: string) => ({
    formId, code: 'TRF-HO-02', name: 'Mobile hoist', category: 'transfers', make: 'Arjo', model: 'Maxi Move', stockKind: 'tracked', loler: 'yes', inspectionIntervalMonths: '6', prescriber: 'registered', unitCost: '2,850.00', instructions: 'Check the sling before each use',
  });
  const location = (res: { headers: Record<string, unknown> }) => String(res.headers.location);

  beforeAll(async () => {
    t = await bootTestApp();
    lead = await t.signIn(t.service.a['clinical-lead']);
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    supportWorker = await t.signIn(t.service.a['support-worker']);
    admin = await t.signIn(t.service.a.administrator);
  });
  afterAll(async () => t?.close());

  it('the header offers Equipment to clinicians; the landing page links every equipment page; an administrator is refused', async () => {
    const home = await supportWorker.get('/equipment');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('href="/equipment"');
    for (const href of ['/equipment/catalogue', '/equipment/stores', '/equipment/items', '/equipment/look-up', '/equipment/inspections']) {
      expect(home.body).toContain(`href="${href}"`);
      expect((await supportWorker.get(href)).statusCode, href).toBe(200);
    }
    expect((await admin.get('/equipment')).statusCode).toBe(403);
    expect((await admin.get('/staff')).body).not.toContain('href="/equipment"');
  });

  it('the lead adds a hoist and a store through the forms; sent twice, each is saved once; a bad cost is named on its field', async () => {
    const formId = uuidv7();
    const badCost = await lead.form('/equipment/catalogue/new', { ...hoistForm(formId), unitCost: 'lots' });
    expect(badCost.statusCode).toBe(400);
    expect(badCost.body).toContain('There is a problem');
    expect(badCost.body).toContain('href="#unitCost"');
    expect(badCost.body).toContain('Enter the unit cost in pounds and pence, like 32.50');
    const added = await lead.form('/equipment/catalogue/new', hoistForm(formId));
    expect(added.statusCode, added.body).toBe(303);
    const again = await lead.form('/equipment/catalogue/new', hoistForm(formId));
    expect(location(again)).toBe(location(added));
    const rows = await t.db.selectFrom('equipment_catalogue_items').select(['id', 'unit_cost_pence', 'loler', 'inspection_interval_months']).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ unit_cost_pence: 285000, loler: true, inspection_interval_months: 6 });
    ids.hoist = rows[0]!.id;
    const page = await lead.get(location(added));
    expect(page.body).toContain('LOLER thorough examination every 6 months');
    expect(page.body).toContain('£2850.00');
    // The support worker sees the catalogue but is not offered (nor allowed) a change.
    expect((await supportWorker.get(`/equipment/catalogue/${ids.hoist}`)).body).not.toContain('/change');
    expect((await supportWorker.get(`/equipment/catalogue/${ids.hoist}/change`)).statusCode).toBe(403);

    const storeForm = { formId: uuidv7(), name: 'South base', teamId: t.service.teamA, address: '' };
    const store = await lead.form('/equipment/stores/new', storeForm);
    expect(store.statusCode, store.body).toBe(303);
    ids.store = location(store).split('/')[3]!.split('?')[0]!;
    const sameName = await lead.form('/equipment/stores/new', { ...storeForm, formId: uuidv7() });
    expect(sameName.statusCode).toBe(409);
    expect(sameName.body).toContain('A store called South base already exists');
  });

  it('a hoist is added by its serial number; the same serial again is shown on its field and nothing is saved', async () => {
    const form = { formId: uuidv7(), catalogueItemId: ids.hoist, serialNumber: 'AX-99 001', assetNumber: 'SB-0042', batch: 'B7', storeId: ids.store, condition: 'new', 'lastInspectedOn-day': '', 'lastInspectedOn-month': '', 'lastInspectedOn-year': '' };
    const added = await assistant.form('/equipment/items/new', form);
    expect(added.statusCode, added.body).toBe(303);
    ids.item = location(added).split('/')[3]!.split('?')[0]!;
    const twice = await assistant.form('/equipment/items/new', { ...form, formId: uuidv7(), serialNumber: 'ax 99 001'.replace('ax 99', 'ax-99'), assetNumber: '' });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('href="#serialNumber"');
    expect(twice.body).toContain('Serial number ax-99 001 is already recorded for another item');
    const badDate = await assistant.form('/equipment/items/new', { ...form, formId: uuidv7(), serialNumber: 'AX-99 002', assetNumber: '', 'lastInspectedOn-day': '31', 'lastInspectedOn-month': '2', 'lastInspectedOn-year': '2026' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('href="#lastInspectedOn-day"');
    expect(await t.db.selectFrom('equipment_items').select('id').execute()).toHaveLength(1);
    // With no certificate it is due today: on the list, not yet overdue.
    const page = await assistant.get(`/equipment/items/${ids.item}`);
    expect(page.body).toContain('Due soon');
  });

  it('its label carries a barcode of its number; scanning the number opens it; an unknown number says so', async () => {
    const label = await supportWorker.get(`/equipment/items/${ids.item}/label`);
    expect(label.statusCode).toBe(200);
    expect(label.body).toMatch(/<svg width="100%" focusable="false" aria-hidden="true" viewBox=/);
    expect(label.body).toContain('aria-label="Barcode of SB-0042"');
    for (const number of ['SB-0042', 'sb-0042', 'AX-99 001', 'ax-99001']) {
      const found = await supportWorker.get(`/equipment/look-up?number=${encodeURIComponent(number)}`);
      expect(found.statusCode, number).toBe(303);
      expect(location(found)).toBe(`/equipment/items/${ids.item}`);
    }
    const unknown = await supportWorker.get('/equipment/look-up?number=ZZ-1');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('No item has the serial or asset number ZZ-1');
    expect((await supportWorker.get('/equipment/look-up?number=')).body).toContain('Scan the label, or type the serial or asset number');
  });

  it('an examination dated tomorrow is refused with the error summary; the due list shows it overdue in red; a fail takes it out of use', async () => {
    const url = `/equipment/items/${ids.item}/inspections/new`;
    const base = { version: '1', kind: 'loler', result: 'pass', note: '' };
    const tomorrow = await assistant.form(url, { ...base, 'inspectedOn-day': '25', 'inspectedOn-month': '11', 'inspectedOn-year': '2026' });
    expect(tomorrow.statusCode).toBe(400);
    expect(tomorrow.body).toContain('The date of the examination must be today or in the past');
    expect(tomorrow.body).toContain('href="#inspectedOn-day"');
    expect(await t.db.selectFrom('equipment_inspections').select('id').execute()).toEqual([]);

    // A day later it has not been examined: overdue, in red, with the word.
    const today = t.clock.now();
    t.clock.set(new Date(today.getTime() + 86_400_000));
    try {
      const later = await t.signIn(t.service.a['assistant-practitioner']);
      const due = await later.get('/equipment/inspections');
      expect(due.body).toMatch(/nhsuk-tag--red">Overdue<\/strong>/);
      expect(due.body).toContain('AX-99 001');
      const failed = await later.form(url, { ...base, result: 'fail', note: 'Boom cracked', 'inspectedOn-day': '25', 'inspectedOn-month': '11', 'inspectedOn-year': '2026' });
      expect(failed.statusCode, failed.body).toBe(303);
      const stale = await later.form(url, { ...base, 'inspectedOn-day': '25', 'inspectedOn-month': '11', 'inspectedOn-year': '2026' });
      expect(stale.statusCode).toBe(409);
      expect(stale.body).toContain('Someone else changed this record');
      const row = await t.db.selectFrom('equipment_items').select(['status', 'next_inspection_due', 'version']).where('id', '=', ids.item).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'in-repair', next_inspection_due: null, version: 2 });
      expect((await later.get('/equipment/inspections')).body).not.toContain('AX-99 001');
      // Back in store is refused until it passes; withdrawn for good is saved.
      const change = `/equipment/items/${ids.item}/change`;
      const fields = { version: '2', storeId: ids.store, condition: 'poor', assetNumber: 'SB-0042', batch: 'B7' };
      const backInUse = await later.form(change, { ...fields, status: 'in-store' });
      expect(backInUse.statusCode).toBe(400);
      expect(backInUse.body).toContain('href="#status"');
      expect(backInUse.body).toContain('failed its last examination: record one it passes to bring it back into use');
      const withdrawn = await later.form(change, { ...fields, status: 'withdrawn' });
      expect(withdrawn.statusCode, withdrawn.body).toBe(303);
      const page = await later.get(location(withdrawn));
      expect(page.body).toContain('Withdrawn from use');
      expect(page.body).toContain('The item is changed.');
    } finally {
      t.clock.set(today);
    }
  });
});

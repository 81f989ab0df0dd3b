// The catalogue part of equipment (issue 15 #1, #2, #5, #10): the clinical lead sets up the catalogue (a
// perching stool counted as stock, a hoist tracked one by one and examined under LOLER) and a store;
// the assistant practitioner receives stock and adds a hoist by its serial number (the same serial typed
// again, any case or spacing, is refused); a count below nought, an examination in the future and a
// stale version each change nothing. The hoist's examination sets its next date six months on; the due
// list shows it overdue when that passes. Then the loans' seam: two people issuing the last stool get one
// success and one refusal saying none are left; the hoist goes out on one loan, is refused for a second,
// comes back into store; one that failed its examination while out comes back out of use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';
import { authorisePatientAccess } from '../access/public.ts';
import { staffActor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { issueEquipment } from './issue-equipment.ts';
import { returnEquipment } from './return-equipment.ts';

describe('equipment: catalogue, stores, stock, tracked items and examinations; issuing to a loan and taking back', () => {
  let t: TestApp;
  let lead: TestClient;
  let assistant: TestClient;
  let student: TestClient;
  let admin: TestClient;
  let nhs = 610_000;
  const ids = {} as { stool: string; hoist: string; store: string; hoistItem: string; patientId: string; episodeId: string };

  const stool = { code: 'BATH-PS-01', name: 'Perching stool', category: 'bathing', make: 'Days', model: 'Adjustable', stockKind: 'stock', prescriber: 'assistant', unitCostPence: 3250 };
  const hoist = { code: 'TRF-HO-01', name: 'Mobile hoist', category: 'transfers', make: 'Arjo', model: 'Maxi Move', stockKind: 'tracked', loler: true, inspectionIntervalMonths: 6, prescriber: 'registered', unitCostPence: 285000 };

  const level = async () => (await t.db.selectFrom('equipment_stock_levels').selectAll().where('store_id', '=', ids.store).where('catalogue_item_id', '=', ids.stool).executeTakeFirst()) ?? null;
  const moves = async () => t.db.selectFrom('equipment_stock_moves').select(['change', 'reason', 'loan_id']).where('catalogue_item_id', '=', ids.stool).where('store_id', '=', ids.store).orderBy('at').orderBy('id').execute();
  const itemRow = async (id: string) => t.db.selectFrom('equipment_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  /** A loan prescribed for the patient, written straight in (the loans part's to make). */
  async function prescribed(catalogueItemId: string, quantity = 1): Promise<string> {
    const id = uuidv7();
    const at = t.clock.now();
    const by = t.service.a['registered-therapist'].id;
    await t.db.insertInto('equipment_loans').values({ id, patient_id: ids.patientId, episode_id: ids.episodeId, team_id: t.service.teamA, catalogue_item_id: catalogueItemId, quantity, reason: 'Cannot stand to wash', prescribed_at: at, prescribed_by: by, created_at: at, created_by: by, updated_at: at, updated_by: by }).execute();
    return id;
  }
  async function grantFor(role: 'registered-therapist' | 'assistant-practitioner' = 'registered-therapist') {
    const s = t.service.a[role];
    const actor = staffActor({ staff: { staffId: s.id, name: role, role, teamId: s.teamId }, config: t.config, via: 'test', now: t.clock.now() });
    return authorisePatientAccess(t.db, { actor, patientId: ids.patientId, action: 'write' });
  }
  /** The grant is decided before the transaction opens (PGlite has one connection), as a route does. */
  const withGrant = async <T>(work: (grant: Awaited<ReturnType<typeof grantFor>>) => Promise<T>): Promise<T> => work(await grantFor());
  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (error) {
      if (error instanceof HomewardError) return error;
      throw error;
    }
    throw new Error('expected a refusal');
  };

  beforeAll(async () => {
    t = await bootTestApp();
    lead = await t.signIn(t.service.a['clinical-lead']);
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    student = await t.signIn(t.service.a.student);
    admin = await t.signIn(t.service.a.administrator);
    const therapist = await t.signIn(t.service.a['registered-therapist']);
    const res = await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(nhs++) }));
    expect(res.statusCode, res.body).toBe(201);
    ids.patientId = res.json().id;
    ids.episodeId = await seedEpisode(t, { patientId: ids.patientId, service: 'd2a-pathway-1', allocatedTo: t.service.a['registered-therapist'].id });
  });
  afterAll(async () => t?.close());

  it('the lead sets up the catalogue and a store; the rules of the catalogue are said in words', async () => {
    const stoolRes = await lead.post('/api/equipment/catalogue', stool);
    expect(stoolRes.statusCode, stoolRes.body).toBe(201);
    ids.stool = stoolRes.json().id;
    const hoistRes = await lead.post('/api/equipment/catalogue', hoist);
    expect(hoistRes.statusCode, hoistRes.body).toBe(201);
    ids.hoist = hoistRes.json().id;
    expect(hoistRes.json()).toMatchObject({ loler: true, inspectionIntervalMonths: 6, version: 1 });

    const again = await lead.post('/api/equipment/catalogue', { ...stool, name: 'Another stool' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields).toEqual([{ path: 'body.code', message: 'Catalogue code BATH-PS-01 is already used by another item' }]);
    const lolerStock = await lead.post('/api/equipment/catalogue', { ...hoist, code: 'X-1', stockKind: 'stock' });
    expect(lolerStock.statusCode).toBe(400);
    expect(lolerStock.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['body.loler', 'body.inspectionIntervalMonths']);
    // The catalogue is the leads' to keep; every clinician sees it; an administrator does not.
    expect((await assistant.post('/api/equipment/catalogue', { ...stool, code: 'Y-1' })).statusCode).toBe(403);
    expect((await student.get('/api/equipment/catalogue')).json().items.map((i: { code: string }) => i.code)).toEqual(['BATH-PS-01', 'TRF-HO-01']);
    expect((await admin.get('/api/equipment/catalogue')).statusCode).toBe(403);

    const change = await t.app.inject({ method: 'PATCH', url: `/api/equipment/catalogue/${ids.stool}`, headers: { cookie: lead.cookie, 'x-csrf-token': lead.csrfToken }, payload: { ...stool, unitCostPence: 3500, version: 1 } });
    expect(change.statusCode, change.body).toBe(200);
    const stale = await t.app.inject({ method: 'PATCH', url: `/api/equipment/catalogue/${ids.stool}`, headers: { cookie: lead.cookie, 'x-csrf-token': lead.csrfToken }, payload: { ...stool, unitCostPence: 1, version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ unitCostPence: 3500, version: 2 });

    const store = await lead.post('/api/equipment/stores', { name: 'North base', teamId: t.service.teamA, address: '1 Station Road' });
    expect(store.statusCode, store.body).toBe(201);
    ids.store = store.json().id;
    expect((await lead.post('/api/equipment/stores', { name: 'North base' })).statusCode).toBe(409);
  });

  it('stock is received and counted; a count below nought is refused on its field and changes nothing; a stale count is a 409', async () => {
    const received = await assistant.post(`/api/equipment/stores/${ids.store}/stock-moves`, { catalogueItemId: ids.stool, reason: 'received', change: 2, version: 1 });
    expect(received.statusCode, received.body).toBe(200);
    expect(received.json().stockLevel).toMatchObject({ quantity: 2 });
    const version = received.json().stockLevel.version as number;
    const tooMany = await assistant.post(`/api/equipment/stores/${ids.store}/stock-moves`, { catalogueItemId: ids.stool, reason: 'written-off', change: -3, version });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.fields).toEqual([{ path: 'body.change', message: 'Only 2 perching stools left at North base: 3 cannot be taken out. Stock never goes below nought.' }]);
    const wrongSign = await assistant.post(`/api/equipment/stores/${ids.store}/stock-moves`, { catalogueItemId: ids.stool, reason: 'received', change: -1 });
    expect(wrongSign.statusCode).toBe(400);
    const stale = await assistant.post(`/api/equipment/stores/${ids.store}/stock-moves`, { catalogueItemId: ids.stool, reason: 'adjusted', change: -1, version: version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ quantity: 2, version });
    expect((await level())?.quantity).toBe(2);
    expect(await moves()).toEqual([{ change: 2, reason: 'received', loan_id: null }]);
    // The first stock at another store, sent with version 1 (the level it makes): received, not refused as none left.
    const east = (await lead.post('/api/equipment/stores', { name: 'East base' })).json().id as string;
    const firstAtEast = await assistant.post(`/api/equipment/stores/${east}/stock-moves`, { catalogueItemId: ids.stool, reason: 'received', change: 3, version: 1 });
    expect(firstAtEast.statusCode, firstAtEast.body).toBe(200);
    expect(firstAtEast.json().stockLevel).toMatchObject({ storeId: east, quantity: 3, version: 2 });
    const hoistStock = await assistant.post(`/api/equipment/stores/${ids.store}/stock-moves`, { catalogueItemId: ids.hoist, reason: 'received', change: 1, version: 1 });
    expect(hoistStock.json().error.fields[0].path).toBe('body.catalogueItemId');
    expect((await student.post(`/api/equipment/stores/${ids.store}/stock-moves`, { catalogueItemId: ids.stool, reason: 'received', change: 1, version: 1 })).statusCode).toBe(403);
  });

  it('a hoist is added by its serial number, typed once; it is found by scanning its number', async () => {
    const added = await assistant.post('/api/equipment/items', { catalogueItemId: ids.hoist, serialNumber: 'MM 4411-27', assetNumber: 'NB-0007', batch: '2025-B', storeId: ids.store, lastInspectedOn: '2026-06-20' });
    expect(added.statusCode, added.body).toBe(201);
    ids.hoistItem = added.json().id;
    expect(added.json()).toMatchObject({ status: 'in-store', lastInspectedOn: '2026-06-20', nextInspectionDue: '2026-12-20' });
    for (const serialNumber of ['MM 4411-27', 'mm4411-27', ' Mm  4411-27 ']) {
      const again = await assistant.post('/api/equipment/items', { catalogueItemId: ids.hoist, serialNumber, storeId: ids.store });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.fields[0]).toMatchObject({ path: 'body.serialNumber' });
    }
    const sameAsset = await assistant.post('/api/equipment/items', { catalogueItemId: ids.hoist, serialNumber: 'OTHER-1', assetNumber: 'nb- 0007', storeId: ids.store });
    expect(sameAsset.json().error.fields[0]).toMatchObject({ path: 'body.assetNumber' });
    const future = await assistant.post('/api/equipment/items', { catalogueItemId: ids.hoist, serialNumber: 'OTHER-2', storeId: ids.store, lastInspectedOn: '2026-12-01' });
    expect(future.json().error.fields[0]).toMatchObject({ path: 'body.lastInspectedOn' });
    expect(await t.db.selectFrom('equipment_items').select('id').execute()).toHaveLength(1);

    for (const number of ['MM4411-27', 'mm 4411-27', 'NB-0007', 'nb -0007']) {
      const found = await student.get(`/api/equipment/items?number=${encodeURIComponent(number)}`);
      expect(found.json().items.map((i: { id: string }) => i.id), number).toEqual([ids.hoistItem]);
    }
    expect((await student.get('/api/equipment/items?number=NOPE')).json().items).toEqual([]);
  });

  it('an examination in the future is refused; a pass sets the next date six months on; a stale one is a 409; the due list shows it overdue when it passes', async () => {
    const url = `/api/equipment/items/${ids.hoistItem}/inspections`;
    const future = await assistant.post(url, { kind: 'loler', inspectedOn: '2026-11-25', result: 'pass', version: 1 });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields).toEqual([{ path: 'body.inspectedOn', message: 'The date of the examination must be today or in the past' }]);
    const passed = await assistant.post(url, { kind: 'loler', inspectedOn: '2026-11-24', result: 'pass', note: 'Sling bar and spreader checked', version: 1 });
    expect(passed.statusCode, passed.body).toBe(201);
    expect(passed.json().item).toMatchObject({ lastInspectedOn: '2026-11-24', nextInspectionDue: '2027-05-24', version: 2 });
    const stale = await assistant.post(url, { kind: 'loler', inspectedOn: '2026-11-24', result: 'fail', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ id: ids.hoistItem, version: 2 });
    expect(await t.db.selectFrom('equipment_inspections').select('result').execute()).toEqual([{ result: 'pass' }]);

    const dueNow = (await student.get('/api/equipment/inspections/due')).json();
    expect(dueNow.items).toEqual([]);
    const later = (await student.get('/api/equipment/inspections/due?withinDays=200')).json();
    expect(later.items.map((i: { id: string; state: string }) => [i.id, i.state])).toEqual([[ids.hoistItem, 'fine']]);
    const today = t.clock.now();
    t.clock.set(new Date('2027-05-25T09:00:00Z'));
    try {
      const later = await t.signIn(t.service.a.student);
      const overdue = (await later.get('/api/equipment/inspections/due')).json();
      expect(overdue.items.map((i: { id: string; state: string; kind: string }) => [i.id, i.state, i.kind])).toEqual([[ids.hoistItem, 'overdue', 'loler']]);
    } finally {
      t.clock.set(today);
    }
  });

  it('two people issuing the last stool at once: one success, one refusal that says none are left, and the count never below nought', async () => {
    // Down to the last one.
    const current = await level();
    const down = await assistant.post(`/api/equipment/stores/${ids.store}/stock-moves`, { catalogueItemId: ids.stool, reason: 'adjusted', change: -1, note: 'Counted: one is broken', version: current!.version });
    expect(down.statusCode, down.body).toBe(200);
    const [first, second] = [await prescribed(ids.stool), await prescribed(ids.stool)];
    const [grantA, grantB] = [await grantFor(), await grantFor('assistant-practitioner')];
    const results = await Promise.allSettled([
      t.db.transaction().execute((trx) => issueEquipment(trx, { grant: grantA, loanId: first, storeId: ids.store })),
      t.db.transaction().execute((trx) => issueEquipment(trx, { grant: grantB, loanId: second, storeId: ids.store })),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(HomewardError);
    expect(refused.reason.code).toBe('version_conflict');
    expect(refused.reason.message).toBe('There are no perching stools left at North base: none can be taken out. Someone may have just issued the last one.');
    expect((await level())?.quantity).toBe(0);
    const issued = (await moves()).filter((m) => m.reason === 'issued');
    expect(issued).toHaveLength(1);
    expect(issued[0]!.change).toBe(-1);
    const issuedLoan = issued[0]!.loan_id!;

    // Back from the loan it went out on: the count comes up, and the ledger names the loan.
    const back = await withGrant((grant) => t.db.transaction().execute((trx) => returnEquipment(trx, { grant, loanId: issuedLoan })));
    expect(back).toMatchObject({ kind: 'stock', outcome: 'returned', storeId: ids.store, quantity: 1 });
    expect((await level())?.quantity).toBe(1);
    expect((await moves()).at(-1)).toEqual({ change: 1, reason: 'returned', loan_id: issuedLoan });
    // The audit names the loan, under the patient.
    const audited = await t.db.selectFrom('audit_events').select(['action', 'patient_id', 'record_kind', 'record_id']).where('record_kind', '=', 'equipment-loan').execute();
    expect(audited).toContainEqual({ action: 'write', patient_id: ids.patientId, record_kind: 'equipment-loan', record_id: issuedLoan });
  });

  it('a tracked hoist goes out on one loan only; it comes back into store; one that failed while out comes back out of use', async () => {
    const loan = await prescribed(ids.hoist);
    const another = await prescribed(ids.hoist);
    const noItem = await refusal(withGrant((grant) => t.db.transaction().execute((trx) => issueEquipment(trx, { grant, loanId: loan }))));
    expect(noItem.fields[0]).toMatchObject({ path: 'itemId' });
    const stoolItem = await refusal(withGrant((grant) => t.db.transaction().execute((trx) => issueEquipment(trx, { grant, loanId: loan, itemId: uuidv7() }))));
    expect(stoolItem.fields[0]).toMatchObject({ path: 'itemId', message: 'No tracked item has that number' });

    // A second hoist with no certificate: never examined, so never lent.
    const unexamined = (await assistant.post('/api/equipment/items', { catalogueItemId: ids.hoist, serialNumber: 'MM 5000-01', storeId: ids.store })).json().id as string;
    const never = await refusal(withGrant((grant) => t.db.transaction().execute((trx) => issueEquipment(trx, { grant, loanId: loan, itemId: unexamined }))));
    expect(never.fields).toEqual([{ path: 'itemId', message: 'Item MM 5000-01 has no thorough examination (LOLER) recorded: it cannot be issued until it has passed one' }]);
    expect((await itemRow(unexamined)).status).toBe('in-store');

    const out = await withGrant((grant) => t.db.transaction().execute((trx) => issueEquipment(trx, { grant, loanId: loan, itemId: ids.hoistItem })));
    expect(out).toMatchObject({ kind: 'tracked', itemId: ids.hoistItem, storeId: ids.store, item: { status: 'on-loan' } });
    await t.db.updateTable('equipment_loans').set({ item_id: ids.hoistItem, store_id: ids.store }).where('id', '=', loan).execute();
    const twice = await refusal(withGrant((grant) => t.db.transaction().execute((trx) => issueEquipment(trx, { grant, loanId: another, itemId: ids.hoistItem }))));
    expect(twice.code).toBe('version_conflict');
    expect(twice.message).toBe('Item MM 4411-27 cannot be issued: it is on loan.');
    // The hoist is seen as on loan, and to whom is not said.
    const seen = (await student.get(`/api/equipment/items/${ids.hoistItem}`)).json();
    expect(seen.item.status).toBe('on-loan');
    expect(JSON.stringify(seen)).not.toContain(ids.patientId);

    // Examined at the patient's home and failed: it stays on loan until collected, then comes back out of use.
    const version = (await itemRow(ids.hoistItem)).version;
    const failed = await assistant.post(`/api/equipment/items/${ids.hoistItem}/inspections`, { kind: 'loler', inspectedOn: '2026-11-24', result: 'fail', note: 'Actuator leaking', version });
    expect(failed.statusCode, failed.body).toBe(201);
    expect(failed.json().item).toMatchObject({ status: 'on-loan', nextInspectionDue: null });
    const back = await withGrant((grant) => t.db.transaction().execute((trx) => returnEquipment(trx, { grant, loanId: loan, condition: 'poor' })));
    expect(back).toMatchObject({ kind: 'tracked', outcome: 'returned', item: { status: 'in-repair', condition: 'poor' } });
    const again = await refusal(withGrant((grant) => t.db.transaction().execute((trx) => returnEquipment(trx, { grant, loanId: loan }))));
    expect(again.message).toBe('Item MM 4411-27 is not on loan: it is in repair.');
    const inRepair = await refusal(withGrant((grant) => t.db.transaction().execute((trx) => issueEquipment(trx, { grant, loanId: another, itemId: ids.hoistItem }))));
    expect(inRepair.message).toBe('Item MM 4411-27 cannot be issued: it is in repair.');
  });

  it('the store changes an item not on loan: one that failed stays out of use until it passes; a stale change is a 409; one on loan changes only through its loan', async () => {
    const patchItem = (id: string, body: Record<string, unknown>) => assistant.request({ method: 'PATCH', url: `/api/equipment/items/${id}`, payload: body });
    const hoist = await itemRow(ids.hoistItem);
    const base = { storeId: ids.store, condition: 'fair', status: 'in-store', assetNumber: 'NB-0007', batch: '2025-B', version: hoist.version };
    const stillFailed = await patchItem(ids.hoistItem, base);
    expect(stillFailed.statusCode).toBe(400);
    expect(stillFailed.json().error.fields).toEqual([{ path: 'body.status', message: 'Item MM 4411-27 failed its last examination: record one it passes to bring it back into use' }]);
    const condemnedInUse = await patchItem(ids.hoistItem, { ...base, status: 'in-repair', condition: 'condemned' });
    expect(condemnedInUse.json().error.fields[0].path).toBe('body.status');
    const withdrawn = await patchItem(ids.hoistItem, { ...base, status: 'withdrawn', condition: 'condemned' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', condition: 'condemned', version: hoist.version + 1 });
    const stale = await patchItem(ids.hoistItem, { ...base, status: 'missing' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ status: 'withdrawn', version: hoist.version + 1 });
    // The other hoist goes out on a loan: the store cannot change it now.
    await t.db.updateTable('equipment_items').set({ last_inspected_on: '2026-11-20', next_inspection_due: '2027-05-20' }).where('serial_number', '=', 'MM 5000-01').execute();
    const other = await t.db.selectFrom('equipment_items').selectAll().where('serial_number', '=', 'MM 5000-01').executeTakeFirstOrThrow();
    const loan = await prescribed(ids.hoist);
    await withGrant((grant) => t.db.transaction().execute((trx) => issueEquipment(trx, { grant, loanId: loan, itemId: other.id })));
    const onLoan = await patchItem(other.id, { ...base, assetNumber: null, status: 'missing', version: other.version + 1 });
    expect(onLoan.statusCode).toBe(409);
    expect(onLoan.json().error.message).toBe('Item MM 5000-01 is on loan: it changes when it comes back through its loan');
    expect((await itemRow(other.id)).status).toBe('on-loan');
  });
});

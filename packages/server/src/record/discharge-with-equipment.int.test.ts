// Discharge and the equipment on loan: an episode is not closed while a hoist or a bed is in the
// patient's home with nobody having decided what happens to it. Mrs Hale's therapist lends her a mobile
// hoist (prescribed and delivered through the API) and a pair of perching stools; discharging her, by
// the page or the API, is refused naming each item, with a link to where it is decided, and nothing
// changes (the episode open, its version the same, what the therapist typed still on the form). She
// decides both stay with Mrs Hale; then the discharge goes through. A delivery sent at the same moment
// as a discharge never leaves an item on loan in a discharged episode (on PostgreSQL the two really
// run at once: without the episode row held by both, this fails most runs). Equipment prescribed and
// never delivered holds the discharge too (Mr Jones's toilet seat), until delivered or cancelled, and a
// prescription sent as the episode is discharged never lands in the discharged episode (Mr Kay; on
// PostgreSQL, without the episode row held by the prescription too, this failed every run).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { ukDateOf } from '@homeward/clinical';
import { bootTestApp, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedCatalogueItem, seedLoan, seedPatientWithEpisode, seedStore } from '../../test/seed-equipment-loans.ts';

describe('discharge waits for a decision on each item of equipment on loan', () => {
  let t: TestApp;
  let therapist: TestClient;
  let patientId: string;
  let episodeId: string;
  let hoistLoan: string;
  let stoolLoan: string;

  beforeAll(async () => {
    t = await bootTestApp();
    therapist = await t.signIn(t.service.a['registered-therapist']);
    ({ patientId, episodeId } = await seedPatientWithEpisode(t, therapist, { givenName: 'Hilda', familyName: 'Hale' }));
    const hoist = await seedCatalogueItem(t, { code: 'HOIST', name: 'Mobile hoist', loler: true });
    const stool = await seedCatalogueItem(t, { code: 'STOOL', name: 'Perching stool', stockKind: 'stock', category: 'bathing' });
    const store = await seedStore(t);
    // The hoist MM-001 in the team's store, ready to lend: its thorough examination (LOLER) in date.
    const itemId = uuidv7();
    const at = t.clock.now();
    const by = t.service.a['clinical-lead'].id;
    await t.db.insertInto('equipment_items').values({ id: itemId, catalogue_item_id: hoist, serial_number: 'MM-001', batch: null, store_id: store, status: 'in-store', last_inspected_on: '2026-09-01', next_inspection_due: '2027-03-01', created_at: at, created_by: by, updated_at: at, updated_by: by }).execute();

    // The therapist lends it: prescribed, then delivered and fitted at home.
    const prescribed = await therapist.post(`/api/episodes/${episodeId}/equipment-loans`, { catalogueItemId: hoist, reason: 'Cannot transfer bed to chair', assessmentNote: 'Transfers assessed with her daughter' });
    expect(prescribed.statusCode, prescribed.body).toBe(201);
    hoistLoan = prescribed.json().loan.id;
    const delivered = await therapist.post(`/api/equipment-loans/${hoistLoan}/delivery`, { version: 1, deliveredOn: ukDateOf(t.clock.now()), where: 'The patient’s home, bedroom', fitted: true, itemId });
    expect(delivered.statusCode, delivered.body).toBe(200);
    ({ loanId: stoolLoan } = await seedLoan(t, { patientId, episodeId, catalogueItemId: stool, storeId: store, quantity: 2 }));
  });
  afterAll(async () => t?.close());

  const episodeRow = () => t.db.selectFrom('episodes').select(['status', 'version', 'discharged_on']).where('id', '=', episodeId).executeTakeFirstOrThrow();
  const dischargeEvents = async () => (await t.db.selectFrom('episode_events').select('id').where('episode_id', '=', episodeId).where('kind', '=', 'discharged').execute()).length;
  const decideHref = () => `/episodes/${episodeId}/equipment/discharge`;
  const today = () => ukDateOf(t.clock.now()).split('-');
  const dischargeForm = (version: number) => {
    const [year, month, day] = today();
    return { version: String(version), outcome: 'goals-met', destination: 'home-with-family-support', 'dischargedOn-day': String(Number(day)), 'dischargedOn-month': String(Number(month)), 'dischargedOn-year': year!, note: 'Hoist transfers taught to her daughter Sarah' };
  };

  /** The warning the discharge form opens with: the items it names, or null when it has none. */
  const formWarning = async () => {
    const page = await therapist.get(`/episodes/${episodeId}/discharge`);
    expect(page.statusCode).toBe(200);
    const callout = /<div class="nhsuk-warning-callout" id="equipment-to-decide">([\s\S]*?)<\/div>/.exec(page.body);
    if (!callout) return null;
    expect(callout[1]).toContain(`<a href="${decideHref()}">Decide what happens to the equipment</a>`);
    return [...callout[1]!.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]).sort();
  };

  it('the discharge form names the equipment still to decide before anything is typed, with the link to decide it', async () => {
    expect(await formWarning()).toEqual(['Mobile hoist, serial MM-001', 'Perching stool (2)']);
  });

  it('refuses the discharge by the API with a 409 naming each undecided item, and changes nothing', async () => {
    const before = await episodeRow();
    expect(before.status).toBe('active');
    const res = await therapist.post(`/api/episodes/${episodeId}/discharge`, { outcome: 'goals-met', destination: 'home-with-family-support', dischargedOn: ukDateOf(t.clock.now()), version: before.version });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('version_conflict');
    expect(res.json().error.message).toBe('Decide what happens to each of the 2 items of equipment on loan before discharge');
    // In the order they were delivered: the stools the day before the hoist.
    expect(res.json().error.fields).toEqual([
      { path: `equipment.${stoolLoan}`, message: 'Decide what happens to the Perching stool (2) before discharge' },
      { path: `equipment.${hoistLoan}`, message: 'Decide what happens to the Mobile hoist, serial MM-001 before discharge' },
    ]);
    expect(await episodeRow()).toEqual(before);
    expect(await dischargeEvents()).toBe(0);
    // With a problem of the discharge's own too, every problem at once, in the 400 that bad input gets.
    const both = await therapist.post(`/api/episodes/${episodeId}/discharge`, { destination: 'home-with-family-support', dischargedOn: ukDateOf(t.clock.now()), version: before.version });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['outcome', `equipment.${stoolLoan}`, `equipment.${hoistLoan}`]);
    expect(await episodeRow()).toEqual(before);
  });

  it('refuses it on the page with the error summary linking to where each item is decided, and keeps what was typed', async () => {
    const before = await episodeRow();
    const page = await therapist.form(`/episodes/${episodeId}/discharge`, dischargeForm(before.version));
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('nhsuk-error-summary');
    expect(page.body).toContain('Decide what happens to the Mobile hoist, serial MM-001 before discharge');
    expect(page.body).toContain('Decide what happens to the Perching stool (2) before discharge');
    expect(page.body.split(`href="${decideHref()}"`).length - 1).toBeGreaterThanOrEqual(2);
    // What she typed is still there: the outcome, the destination and her note.
    expect(page.body).toMatch(/name="outcome" type="radio" value="goals-met" checked/);
    expect(page.body).toMatch(/name="destination" type="radio" value="home-with-family-support" checked/);
    expect(page.body).toContain('Hoist transfers taught to her daughter Sarah');
    expect(await episodeRow()).toEqual(before);
    expect(await dischargeEvents()).toBe(0);
    // The link leads to the page where the decision is made.
    expect((await therapist.get(decideHref())).statusCode).toBe(200);
  });

  it('with one item decided, still refuses, naming only the other', async () => {
    const version = (await t.db.selectFrom('equipment_loans').select('version').where('id', '=', hoistLoan).executeTakeFirstOrThrow()).version;
    const decided = await therapist.post(`/api/equipment-loans/${hoistLoan}/discharge-decision`, { version, decision: 'stays-with-patient' });
    expect(decided.statusCode, decided.body).toBe(200);
    const before = await episodeRow();
    const res = await therapist.post(`/api/episodes/${episodeId}/discharge`, { outcome: 'goals-met', destination: 'home-with-family-support', dischargedOn: ukDateOf(t.clock.now()), version: before.version });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ message: 'Decide what happens to the Perching stool (2) before discharge', fields: [{ path: `equipment.${stoolLoan}`, message: 'Decide what happens to the Perching stool (2) before discharge' }] });
    expect(await episodeRow()).toEqual(before);
    expect(await formWarning()).toEqual(['Perching stool (2)']);
  });

  it('a delivery and a discharge sent at the same moment never both go through', async () => {
    // Mr Ince, another patient of hers, with a hoist prescribed and about to be delivered as he is discharged.
    const other = await seedPatientWithEpisode(t, therapist, { givenName: 'Ivor', familyName: 'Ince' });
    const hoist = (await t.db.selectFrom('equipment_catalogue_items').select('id').where('code', '=', 'HOIST').executeTakeFirstOrThrow()).id;
    const store = (await t.db.selectFrom('equipment_stores').select('id').executeTakeFirstOrThrow()).id;
    const itemId = uuidv7();
    const at = t.clock.now();
    const by = t.service.a['clinical-lead'].id;
    await t.db.insertInto('equipment_items').values({ id: itemId, catalogue_item_id: hoist, serial_number: 'MM-002', batch: null, store_id: store, status: 'in-store', last_inspected_on: '2026-09-01', next_inspection_due: '2027-03-01', created_at: at, created_by: by, updated_at: at, updated_by: by }).execute();
    const prescribed = await therapist.post(`/api/episodes/${other.episodeId}/equipment-loans`, { catalogueItemId: hoist, reason: 'Cannot transfer bed to chair', assessmentNote: 'Transfers assessed' });
    expect(prescribed.statusCode, prescribed.body).toBe(201);
    const loanId = prescribed.json().loan.id as string;
    const version = (await t.db.selectFrom('episodes').select('version').where('id', '=', other.episodeId).executeTakeFirstOrThrow()).version;
    const [delivery, discharge] = await Promise.all([
      therapist.post(`/api/equipment-loans/${loanId}/delivery`, { version: 1, deliveredOn: ukDateOf(t.clock.now()), where: 'Home', fitted: true, itemId }),
      therapist.post(`/api/episodes/${other.episodeId}/discharge`, { outcome: 'goals-met', destination: 'home-no-support', dischargedOn: ukDateOf(t.clock.now()), version }),
    ]);
    const loan = await t.db.selectFrom('equipment_loans').select('status').where('id', '=', loanId).executeTakeFirstOrThrow();
    const episode = await t.db.selectFrom('episodes').select('status').where('id', '=', other.episodeId).executeTakeFirstOrThrow();
    // Never both, and never a hoist on loan in a discharged episode: the discharge is refused naming the
    // hoist whichever goes first (delivered with no decision yet, or still prescribed), and the delivery made.
    expect([delivery.statusCode, discharge.statusCode]).toEqual([200, 409]);
    expect([
      [{ path: `equipment.${loanId}`, message: 'Decide what happens to the Mobile hoist, serial MM-002 before discharge' }],
      // (no serial yet: the item is chosen at delivery)
      [{ path: `equipment.${loanId}`, message: 'The Mobile hoist is prescribed but not delivered: deliver it or cancel the prescription before discharge' }],
    ]).toContainEqual(discharge.json().error.fields);
    expect([loan.status, episode.status]).toEqual(['delivered', 'active']);
  });

  it('a prescription and a discharge sent at the same moment never leave a prescription in a discharged episode', async () => {
    // Mr Kay: a perching stool prescribed as he is discharged (on PostgreSQL the two really run at once).
    const kay = await seedPatientWithEpisode(t, therapist, { givenName: 'Ken', familyName: 'Kay' });
    const stool = (await t.db.selectFrom('equipment_catalogue_items').select('id').where('code', '=', 'STOOL').executeTakeFirstOrThrow()).id;
    for (let round = 0; round < 3; round++) {
      const version = (await t.db.selectFrom('episodes').select('version').where('id', '=', kay.episodeId).executeTakeFirstOrThrow()).version;
      const [prescription, discharge] = await Promise.all([
        therapist.post(`/api/episodes/${kay.episodeId}/equipment-loans`, { catalogueItemId: stool, reason: 'Cannot stand at the sink', assessmentNote: 'Kitchen assessed' }),
        therapist.post(`/api/episodes/${kay.episodeId}/discharge`, { outcome: 'goals-met', destination: 'home-no-support', dischargedOn: ukDateOf(t.clock.now()), version }),
      ]);
      const episode = await t.db.selectFrom('episodes').select('status').where('id', '=', kay.episodeId).executeTakeFirstOrThrow();
      const open = await t.db.selectFrom('equipment_loans').select('id').where('episode_id', '=', kay.episodeId).where('status', '=', 'prescribed').execute();
      // Never both: a discharged episode has no prescription waiting for delivery.
      expect([prescription.statusCode, discharge.statusCode]).not.toEqual([201, 200]);
      if (episode.status === 'discharged') {
        expect(open).toEqual([]);
        expect(prescription.json().error.message).toBe('This episode has been discharged. Equipment is prescribed within an open episode');
        return;
      }
      expect(discharge.statusCode, discharge.body).toBe(409);
      // Cancelled, for the next round's discharge to go through.
      for (const loan of open) expect((await therapist.post(`/api/equipment-loans/${loan.id}/cancellation`, { version: 1, reason: 'Sent twice' })).statusCode).toBe(200);
    }
  });

  it('refuses a discharge while equipment is prescribed and not delivered, says so before anything is typed, and goes through once the prescription is cancelled', async () => {
    // Mr Jones: a raised toilet seat prescribed, not yet delivered, and he is ready to go.
    const jones = await seedPatientWithEpisode(t, therapist, { givenName: 'Jack', familyName: 'Jones' });
    const seat = await seedCatalogueItem(t, { code: 'SEAT', name: 'Raised toilet seat', stockKind: 'stock', category: 'toileting' });
    const prescribed = await therapist.post(`/api/episodes/${jones.episodeId}/equipment-loans`, { catalogueItemId: seat, reason: 'Cannot rise from a low toilet', assessmentNote: 'Assessed in his bathroom' });
    expect(prescribed.statusCode, prescribed.body).toBe(201);
    const loanId = prescribed.json().loan.id as string;
    const equipmentHref = `/episodes/${jones.episodeId}/equipment`;
    const row = () => t.db.selectFrom('episodes').select(['status', 'version']).where('id', '=', jones.episodeId).executeTakeFirstOrThrow();

    // The form says so first, with the way to the equipment page (and the read of it is audited).
    const form = await therapist.get(`/episodes/${jones.episodeId}/discharge`);
    const callout = /<div class="nhsuk-warning-callout" id="equipment-prescribed">([\s\S]*?)<\/div>/.exec(form.body);
    expect(callout?.[1]).toContain('<li>Raised toilet seat</li>');
    expect(callout?.[1]).toContain(`<a href="${equipmentHref}">Deliver or cancel the equipment</a>`);
    const audited = await t.db.selectFrom('audit_events').select('detail').where('record_id', '=', jones.episodeId).where('action', '=', 'read').execute();
    expect(audited.map((a) => (typeof a.detail === 'string' ? JSON.parse(a.detail) : a.detail) as { list?: string; loanIds?: string[] })).toContainEqual(expect.objectContaining({ list: 'equipment-at-discharge', page: 'discharge', loanIds: [loanId] }));

    // Where a client asks what holds the discharge, the prescription is named too, and the page
    // for decisions at discharge says so with the same way to the equipment page; each read audited naming it.
    const atDischarge = await therapist.get(`/api/episodes/${jones.episodeId}/equipment/discharge`);
    expect(atDischarge.statusCode, atDischarge.body).toBe(200);
    expect(atDischarge.json().loans).toEqual([]);
    expect(atDischarge.json().prescribed).toEqual([expect.objectContaining({ id: loanId, itemName: 'Raised toilet seat', status: 'prescribed', dischargeDecision: null })]);
    const decidePage = await therapist.get(`/episodes/${jones.episodeId}/equipment/discharge`);
    expect(decidePage.statusCode).toBe(200);
    const decideCallout = /<div class="nhsuk-warning-callout" id="equipment-prescribed">([\s\S]*?)<\/div>/.exec(decidePage.body);
    expect(decideCallout?.[1]).toContain('<li>Raised toilet seat</li>');
    expect(decideCallout?.[1]).toContain(`<a href="${equipmentHref}">Deliver or cancel the equipment</a>`);
    const reads = await t.db.selectFrom('audit_events').select('detail').where('record_id', '=', jones.episodeId).where('action', '=', 'read').execute();
    const readDetails = reads.map((a) => (typeof a.detail === 'string' ? JSON.parse(a.detail) : a.detail) as { list?: string; page?: string; loanIds?: string[] });
    expect(readDetails.filter((d) => d.list === 'equipment-at-discharge' && d.page === undefined).map((d) => d.loanIds)).toEqual([[loanId], [loanId]]);

    // By the API: a 409 naming it, nothing changed.
    const before = await row();
    const message = 'The Raised toilet seat is prescribed but not delivered: deliver it or cancel the prescription before discharge';
    const res = await therapist.post(`/api/episodes/${jones.episodeId}/discharge`, { outcome: 'goals-met', destination: 'home-no-support', dischargedOn: ukDateOf(t.clock.now()), version: before.version });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'version_conflict', message, fields: [{ path: `equipment.${loanId}`, message }] });
    expect(await row()).toEqual(before);

    // On the page: the error summary links to the equipment page, where it is delivered or cancelled.
    const [year, month, day] = ukDateOf(t.clock.now()).split('-');
    const page = await therapist.form(`/episodes/${jones.episodeId}/discharge`, { version: String(before.version), outcome: 'goals-met', destination: 'home-no-support', 'dischargedOn-day': String(Number(day)), 'dischargedOn-month': String(Number(month)), 'dischargedOn-year': year!, note: 'Managing at home' });
    expect(page.statusCode).toBe(409);
    expect(page.body).toMatch(new RegExp(`<a href="${equipmentHref}">\\s*${message}\\s*</a>`));
    expect(page.body).toContain('Managing at home');
    expect(await row()).toEqual(before);

    // Not needed after all: the prescription is cancelled with its reason, and the discharge goes through.
    const cancelled = await therapist.post(`/api/equipment-loans/${loanId}/cancellation`, { version: 1, reason: 'He bought his own seat' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const done = await therapist.post(`/api/episodes/${jones.episodeId}/discharge`, { outcome: 'goals-met', destination: 'home-no-support', dischargedOn: ukDateOf(t.clock.now()), version: before.version });
    expect(done.statusCode, done.body).toBe(200);
    expect(await row()).toMatchObject({ status: 'discharged' });
  });

  it('once every item is decided (they stay with her), the discharge goes through', async () => {
    const version = (await t.db.selectFrom('equipment_loans').select('version').where('id', '=', stoolLoan).executeTakeFirstOrThrow()).version;
    expect((await therapist.post(`/api/equipment-loans/${stoolLoan}/discharge-decision`, { version, decision: 'stays-with-patient' })).statusCode).toBe(200);
    expect(await formWarning()).toBeNull();
    const before = await episodeRow();
    const res = await therapist.form(`/episodes/${episodeId}/discharge`, dischargeForm(before.version));
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe(`/episodes/${episodeId}?done=discharged`);
    expect(await episodeRow()).toMatchObject({ status: 'discharged', version: before.version + 1, discharged_on: ukDateOf(t.clock.now()) });
    expect(await dischargeEvents()).toBe(1);
    const loans = await t.db.selectFrom('equipment_loans').select(['id', 'status']).where('episode_id', '=', episodeId).orderBy('id').execute();
    expect(loans.map((l) => l.status)).toEqual(['stays-with-patient', 'stays-with-patient']);
  });
});

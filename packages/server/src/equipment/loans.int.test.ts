// Equipment on loan within an episode (issue 15 #3, #4): Mrs B's assistant practitioner prescribes a
// perching stool and a bath board, and is refused a hoist with the reason (a registered therapist
// prescribes it, which the therapist then does); bed rails wait for their risk assessment. The support
// worker delivers and fits them, each leaving its store in the same transaction (the last perching stool
// goes once: a second delivery is refused, nothing changed; the hoist already on loan cannot go out
// again); the daughter and the agency carer are taught, and the carer's equipment sheet is printed in
// standard and large print. Support workers do not prescribe; another team's therapist sees nothing;
// every refusal is audited, and bad input is a specific message with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { pdfBodyFontSize, pdfText } from '../../test/pdf-text.ts';
import { seedEpisode, seedSupervision } from '../../test/seed-episode.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';

type Kind = 'stock' | 'tracked';

describe('equipment on loan: prescribed within competence, delivered, taught, and the carer’s sheet', () => {
  let t: TestApp;
  let assistant: TestClient;
  let therapist: TestClient;
  let supportWorker: TestClient;
  let student: TestClient;
  let outsider: TestClient;
  let mrsB: string;
  let episode: string;
  let storeId: string;
  const items: Record<'stool' | 'board' | 'hoist' | 'rails', string> = { stool: '', board: '', hoist: '', rails: '' };
  let hoistItem: string;
  const loans = { stool: '', board: '', hoist: '', rails: '' };

  async function catalogueItem(o: { code: string; name: string; category: string; kind: Kind; prescriber: 'assistant' | 'registered'; loler?: boolean; risk?: boolean; instructions?: string }): Promise<string> {
    const id = uuidv7();
    const now = t.clock.now();
    const by = t.service.a['clinical-lead'].id;
    await t.db.insertInto('equipment_catalogue_items').values({
      id, code: o.code, name: o.name, category: o.category as 'bathing', make: 'Days', model: `${o.code}-M1`, stock_kind: o.kind, loler: o.loler ?? false,
      inspection_interval_months: o.loler ? 6 : null, needs_risk_assessment: o.risk ?? false, prescriber: o.prescriber, unit_cost_pence: 4500,
      instructions: o.instructions ?? '', created_at: now, created_by: by, updated_at: now, updated_by: by,
    }).execute();
    return id;
  }
  const stockOf = async (catalogueItemId: string) => (await t.db.selectFrom('equipment_stock_levels').select('quantity').where('catalogue_item_id', '=', catalogueItemId).executeTakeFirstOrThrow()).quantity;
  const loanRow = (id: string) => t.db.selectFrom('equipment_loans').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const countLoans = async () => (await t.db.selectFrom('equipment_loans').select('id').execute()).length;
  const formIdOf = (html: string) => /name="formId" value="([^"]+)"/.exec(html)?.[1] ?? '';

  beforeAll(async () => {
    t = await bootTestApp();
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    therapist = await t.signIn(t.service.a['registered-therapist']);
    supportWorker = await t.signIn(t.service.a['support-worker']);
    student = await t.signIn(t.service.a.student);
    outsider = await t.signIn(t.service.otherTeamTherapist);
    mrsB = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(760_151) }))).json().id;
    episode = await seedEpisode(t, { patientId: mrsB, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
    await seedSupervision(t, { episodeId: episode, staffId: t.service.a['support-worker'].id });
    await seedSupervision(t, { episodeId: episode, staffId: t.service.a.student.id });
    items.stool = await catalogueItem({ code: 'PS1', name: 'Perching stool', category: 'bathing', kind: 'stock', prescriber: 'assistant', instructions: 'Set the height so the hips are a little above the knees. Check all four feet touch the floor.' });
    items.board = await catalogueItem({ code: 'BB1', name: 'Bath board', category: 'bathing', kind: 'stock', prescriber: 'assistant', instructions: 'Check both clamps are tight against the bath before sitting.' });
    items.hoist = await catalogueItem({ code: 'MH1', name: 'Mobile hoist', category: 'transfers', kind: 'tracked', prescriber: 'registered', loler: true, instructions: 'Two people use the hoist. Check the sling loops are attached before lifting.' });
    items.rails = await catalogueItem({ code: 'BR1', name: 'Bed rails', category: 'beds-and-rails', kind: 'stock', prescriber: 'registered', risk: true });
    const now = t.clock.now();
    const by = t.service.a['clinical-lead'].id;
    storeId = uuidv7();
    await t.db.insertInto('equipment_stores').values({ id: storeId, name: 'Burslem base store', team_id: t.service.teamA, created_at: now, created_by: by, updated_at: now, updated_by: by }).execute();
    for (const [catalogueItemId, quantity] of [[items.stool, 1], [items.board, 3], [items.rails, 2]] as const) {
      await t.db.insertInto('equipment_stock_levels').values({ store_id: storeId, catalogue_item_id: catalogueItemId, quantity, created_at: now, created_by: by, updated_at: now, updated_by: by }).execute();
    }
    hoistItem = uuidv7();
    await t.db.insertInto('equipment_items').values({ id: hoistItem, catalogue_item_id: items.hoist, serial_number: 'HST-0001', batch: 'B7', store_id: storeId, last_inspected_on: '2026-09-01', next_inspection_due: '2027-03-01', created_at: now, created_by: by, updated_at: now, updated_by: by }).execute();
  });
  afterAll(async () => t?.close());

  it('the episode page links to its equipment, which carries the patient banner; reading it is audited', async () => {
    const page = await assistant.get(`/episodes/${episode}`);
    expect(page.body).toContain(`href="/episodes/${episode}/equipment"`);
    const equipment = await assistant.get(`/episodes/${episode}/equipment`);
    expect(equipment.statusCode).toBe(200);
    expect(equipment.body).toContain('Nothing is prescribed or on loan');
    expect(equipment.body).toContain('hw-patient-banner');
    const reads = await t.db.selectFrom('audit_events').select(['patient_id', 'record_kind']).where('record_kind', '=', 'equipment-loan').where('action', '=', 'read').where('staff_id', '=', t.service.a['assistant-practitioner'].id).execute();
    expect(reads).toEqual([{ patient_id: mrsB, record_kind: 'equipment-loan' }]);
  });

  it('the assistant practitioner prescribes a perching stool and a bath board from the page, each once however often the form is sent', async () => {
    const form = await assistant.get(`/episodes/${episode}/equipment/prescribe`);
    expect(form.statusCode).toBe(200);
    const fields = { formId: formIdOf(form.body), catalogueItemId: items.stool, quantity: '1', reason: 'Cannot stand at the sink long enough to wash', assessmentNote: 'Home assessment of washing, 23 November: stands 2 minutes' };
    const sent = await assistant.form(`/episodes/${episode}/equipment/prescribe`, fields);
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toMatch(new RegExp(`^/episodes/${episode}/equipment\\?done=prescribed&loan=`));
    const again = await assistant.form(`/episodes/${episode}/equipment/prescribe`, fields);
    expect(again.headers.location).toBe(sent.headers.location);
    loans.stool = /loan=([0-9a-f-]+)/.exec(sent.headers.location as string)![1]!;
    const board = await assistant.form(`/episodes/${episode}/equipment/prescribe`, { formId: uuidv7(), catalogueItemId: items.board, quantity: '1', reason: 'Cannot step into the bath', assessmentNote: 'Observed bath transfer: unsafe without a board' });
    loans.board = /loan=([0-9a-f-]+)/.exec(board.headers.location as string)![1]!;
    expect(await countLoans()).toBe(2);
    expect(await loanRow(loans.stool)).toMatchObject({ status: 'prescribed', patient_id: mrsB, team_id: t.service.teamA, prescribed_by: t.service.a['assistant-practitioner'].id, assessment_note: 'Home assessment of washing, 23 November: stands 2 minutes' });
    const page = await assistant.get(sent.headers.location as string);
    expect(page.body).toContain('Perching stool prescribed');
    expect(page.body).toContain('Cannot stand at the sink long enough to wash');
  });

  it('refuses the assistant practitioner a hoist with the reason, on the page and the API; nothing written, the refusal audited', async () => {
    const before = await countLoans();
    const page = await assistant.form(`/episodes/${episode}/equipment/prescribe`, { formId: uuidv7(), catalogueItemId: items.hoist, quantity: '1', reason: 'Cannot transfer bed to chair', assessmentNote: 'Transfers assessed: needs full hoist' });
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('There is a problem');
    expect(page.body).toContain('Mobile hoist must be prescribed by a registered therapist: ask a registered therapist to assess and prescribe it');
    const api = await assistant.post(`/api/episodes/${episode}/equipment-loans`, { catalogueItemId: items.hoist, reason: 'Cannot transfer bed to chair', assessmentNote: 'Transfers assessed' });
    expect(api.statusCode).toBe(403);
    expect(api.json().error.message).toBe('Mobile hoist must be prescribed by a registered therapist: ask a registered therapist to assess and prescribe it');
    expect(await countLoans()).toBe(before);
    const refused = await t.db.selectFrom('audit_events').select(['patient_id', 'detail']).where('record_kind', '=', 'equipment-loan').where('outcome', '=', 'refused').where('staff_id', '=', t.service.a['assistant-practitioner'].id).execute();
    expect(refused.length).toBe(2);
    expect(refused[0]).toMatchObject({ patient_id: mrsB, detail: { rule: 'registered-therapist-needed', change: 'prescribe' } });
  });

  it('the registered therapist prescribes the hoist through the API, once per Idempotency-Key, with a client-minted id', async () => {
    const id = uuidv7();
    const body = { id, catalogueItemId: items.hoist, reason: 'Cannot transfer bed to chair', assessmentNote: 'Transfers assessed: needs full hoist and two carers' };
    const first = await therapist.post(`/api/episodes/${episode}/equipment-loans`, body, { 'idempotency-key': 'hoist-1' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().loan).toMatchObject({ id, itemName: 'Mobile hoist', status: 'prescribed', stockKind: 'tracked', version: 1 });
    const replay = await therapist.post(`/api/episodes/${episode}/equipment-loans`, body, { 'idempotency-key': 'hoist-1' });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect((await t.db.selectFrom('equipment_loans').select('id').where('catalogue_item_id', '=', items.hoist).execute()).length).toBe(1);
    loans.hoist = id;
  });

  it('bed rails wait for their risk assessment, even from a registered therapist', async () => {
    const before = await countLoans();
    const without = await therapist.post(`/api/episodes/${episode}/equipment-loans`, { catalogueItemId: items.rails, reason: 'Rolls in her sleep', assessmentNote: 'Night-time observation by her daughter' });
    expect(without.statusCode).toBe(400);
    expect(without.json().error.fields).toEqual([{ path: 'riskAssessment', message: 'Bed rails needs a risk assessment recorded before it is prescribed' }]);
    expect(await countLoans()).toBe(before);
    const withIt = await therapist.post(`/api/episodes/${episode}/equipment-loans`, { catalogueItemId: items.rails, reason: 'Rolls in her sleep', assessmentNote: 'Night-time observation', riskAssessment: 'Gaps measured within limits with the bumpers; she is orientated and does not climb; protects from rolling out' });
    expect(withIt.statusCode).toBe(201);
    const row = await loanRow(withIt.json().loan.id);
    expect(row.risk_assessed_by).toBe(t.service.a['registered-therapist'].id);
    expect(row.risk_assessed_at).not.toBeNull();
    loans.rails = row.id;
  });

  it('a support worker, a student and another team’s therapist cannot prescribe; bad input is a specific message', async () => {
    const body = { catalogueItemId: items.stool, reason: 'x', assessmentNote: 'y' };
    const sw = await supportWorker.post(`/api/episodes/${episode}/equipment-loans`, body);
    expect(sw.statusCode).toBe(403);
    expect(sw.json().error.message).toContain('Only an assistant practitioner, registered therapist or clinical lead can prescribe equipment');
    expect((await student.post(`/api/episodes/${episode}/equipment-loans`, body)).statusCode).toBe(403);
    expect((await outsider.post(`/api/episodes/${episode}/equipment-loans`, body)).statusCode).toBe(403);
    expect((await outsider.get(`/api/episodes/${episode}/equipment-loans`)).statusCode).toBe(403);
    expect((await outsider.get(`/episodes/${episode}/equipment`)).statusCode).toBe(403);
    // The support worker is not offered the form.
    expect((await supportWorker.get(`/episodes/${episode}/equipment`)).body).not.toContain('/equipment/prescribe');
    const before = await countLoans();
    const badId = await assistant.post(`/api/episodes/${episode}/equipment-loans`, { catalogueItemId: 'not-a-uuid', reason: 'x', assessmentNote: 'y' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.fields[0].path).toBe('body.catalogueItemId');
    const noAssessment = await assistant.post(`/api/episodes/${episode}/equipment-loans`, { catalogueItemId: items.stool, reason: 'Cannot stand to wash' });
    expect(noAssessment.statusCode).toBe(400);
    expect(noAssessment.json().error.fields[0].path).toBe('assessmentNote');
    const twoHoists = await therapist.post(`/api/episodes/${episode}/equipment-loans`, { catalogueItemId: items.hoist, quantity: 2, reason: 'x', assessmentNote: 'y' });
    expect(twoHoists.json().error.fields).toEqual([{ path: 'quantity', message: 'A mobile hoist is lent one at a time: prescribe each one separately' }]);
    const unknownItem = await assistant.post(`/api/episodes/${episode}/equipment-loans`, { catalogueItemId: uuidv7(), reason: 'x', assessmentNote: 'y' });
    expect(unknownItem.statusCode).toBe(400);
    const emptyForm = await assistant.form(`/episodes/${episode}/equipment/prescribe`, { formId: uuidv7(), catalogueItemId: '', reason: '' });
    expect(emptyForm.statusCode).toBe(400);
    expect(emptyForm.body).toContain('Choose the equipment to prescribe');
    expect(await countLoans()).toBe(before);
  });

  it('the support worker records the delivery and fitting; each item leaves its store in the same transaction', async () => {
    const form = await supportWorker.get(`/equipment-loans/${loans.stool}/deliver`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Burslem base store (1 in stock)');
    const sent = await supportWorker.form(`/equipment-loans/${loans.stool}/deliver`, { version: '1', storeId, 'deliveredOn-day': '24', 'deliveredOn-month': '11', 'deliveredOn-year': '2026', where: 'The patient’s home, bathroom', fitted: 'yes', deliveredBy: t.service.a['support-worker'].id });
    expect(sent.statusCode, sent.body).toBe(303);
    expect(await loanRow(loans.stool)).toMatchObject({ status: 'delivered', store_id: storeId, delivered_by: t.service.a['support-worker'].id, fitted: true, delivered_where: 'The patient’s home, bathroom', version: 2 });
    expect(await stockOf(items.stool)).toBe(0);
    const moves = await t.db.selectFrom('equipment_stock_moves').select(['change', 'reason', 'loan_id']).where('catalogue_item_id', '=', items.stool).execute();
    expect(moves).toEqual([{ change: -1, reason: 'issued', loan_id: loans.stool }]);

    const hoist = await supportWorker.post(`/api/equipment-loans/${loans.hoist}/delivery`, { version: 1, deliveredOn: '2026-11-24', where: 'The patient’s home, bedroom', fitted: true, itemId: hoistItem });
    expect(hoist.statusCode, hoist.body).toBe(200);
    expect(hoist.json().loan).toMatchObject({ status: 'delivered', itemId: hoistItem, serialNumber: 'HST-0001', deliveredBy: t.service.a['support-worker'].id });
    expect((await t.db.selectFrom('equipment_items').select('status').where('id', '=', hoistItem).executeTakeFirstOrThrow()).status).toBe('on-loan');
  });

  it('the last perching stool goes once, the hoist on loan cannot go out again; a future day, a stale version: refused, nothing changed', async () => {
    const second = (await assistant.post(`/api/episodes/${episode}/equipment-loans`, { catalogueItemId: items.stool, reason: 'A second one for downstairs', assessmentNote: 'Kitchen assessment' })).json().loan.id;
    const none = await supportWorker.post(`/api/equipment-loans/${second}/delivery`, { version: 1, deliveredOn: '2026-11-24', where: 'Kitchen', fitted: false, storeId });
    expect(none.statusCode).toBe(409);
    expect(await loanRow(second)).toMatchObject({ status: 'prescribed', version: 1 });
    expect(await stockOf(items.stool)).toBe(0);

    const secondHoist = (await therapist.post(`/api/episodes/${episode}/equipment-loans`, { catalogueItemId: items.hoist, reason: 'Spare for the day centre', assessmentNote: 'Transfers' })).json().loan.id;
    const onLoan = await supportWorker.post(`/api/equipment-loans/${secondHoist}/delivery`, { version: 1, deliveredOn: '2026-11-24', where: 'Day centre', fitted: true, itemId: hoistItem });
    expect(onLoan.statusCode).toBe(409);
    expect(onLoan.json().error.message).toContain('HST-0001');
    expect(await loanRow(secondHoist)).toMatchObject({ status: 'prescribed', item_id: null });

    const future = await supportWorker.post(`/api/equipment-loans/${loans.board}/delivery`, { version: 1, deliveredOn: '2026-11-25', where: 'Home', fitted: true, storeId });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields[0]).toEqual({ path: 'deliveredOn', message: 'The day it was delivered cannot be in the future' });
    const stale = await supportWorker.post(`/api/equipment-loans/${loans.board}/delivery`, { version: 7, deliveredOn: '2026-11-24', where: 'Home', fitted: true, storeId });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ id: loans.board, version: 1 });
    const again = await supportWorker.post(`/api/equipment-loans/${loans.stool}/delivery`, { version: 2, deliveredOn: '2026-11-24', where: 'Home', fitted: true, storeId });
    expect(again.statusCode).toBe(409);
    expect(await stockOf(items.board)).toBe(3);

    const futurePage = await supportWorker.form(`/equipment-loans/${loans.board}/deliver`, { version: '1', storeId, 'deliveredOn-day': '30', 'deliveredOn-month': '2', 'deliveredOn-year': '2026', where: 'Home', fitted: 'yes' });
    expect(futurePage.statusCode).toBe(400);
    expect(futurePage.body).toContain('must be a real date');

    // Cancelled before delivery, with the reason; it stays in the episode.
    const cancel = await assistant.form(`/equipment-loans/${second}/cancel`, { version: '1', reason: 'She will carry the one from the bathroom' });
    expect(cancel.statusCode).toBe(303);
    expect(await loanRow(second)).toMatchObject({ status: 'cancelled', end_note: 'She will carry the one from the bathroom' });
    expect((await assistant.post(`/api/equipment-loans/${secondHoist}/cancellation`, { version: 1, reason: '' })).statusCode).toBe(400);
    expect((await therapist.post(`/api/equipment-loans/${secondHoist}/cancellation`, { version: 1, reason: 'Not needed' })).json().loan.status).toBe('cancelled');
  });

  it('training in safe use is recorded for each person taught, never before delivery; not understood needs a note', async () => {
    const early = await supportWorker.post(`/api/equipment-loans/${loans.board}/training`, { personKind: 'carer', personName: 'Sarah Brown', whatTaught: 'Clamps', understood: 'yes', taughtOn: '2026-11-24' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toContain('Record the delivery first');

    const form = await supportWorker.get(`/equipment-loans/${loans.stool}/training`);
    const sent = await supportWorker.form(`/equipment-loans/${loans.stool}/training`, { formId: formIdOf(form.body), personKind: 'carer', personName: 'Sarah Brown (daughter)', whatTaught: 'Setting the height; sitting back fully before washing', understood: 'yes', 'taughtOn-day': '24', 'taughtOn-month': '11', 'taughtOn-year': '2026' });
    expect(sent.statusCode, sent.body).toBe(303);

    const partly = await therapist.post(`/api/equipment-loans/${loans.hoist}/training`, { personKind: 'agency-staff', personName: 'Tom (Caring Hands)', whatTaught: 'Attaching the sling', understood: 'partly', taughtOn: '2026-11-24' });
    expect(partly.statusCode).toBe(400);
    expect(partly.json().error.fields[0].path).toBe('understandingNote');
    const badKind = await therapist.post(`/api/equipment-loans/${loans.hoist}/training`, { personKind: 'neighbour', personName: 'Tom', whatTaught: 'x', understood: 'yes', taughtOn: '2026-11-24' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.fields[0].path).toBe('body.personKind');
    const ok = await therapist.post(`/api/equipment-loans/${loans.hoist}/training`, { personKind: 'agency-staff', personName: 'Tom (Caring Hands)', whatTaught: 'Attaching the sling', understood: 'partly', understandingNote: 'Teach the loop colours again on Thursday', taughtOn: '2026-11-24' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().loan.training).toHaveLength(1);

    const rows = await t.db.selectFrom('equipment_training').select(['person_kind', 'person_name', 'understood', 'patient_id']).orderBy('taught_at').orderBy('id').execute();
    expect(rows).toEqual([
      { person_kind: 'carer', person_name: 'Sarah Brown (daughter)', understood: 'yes', patient_id: mrsB },
      { person_kind: 'agency-staff', person_name: 'Tom (Caring Hands)', understood: 'partly', patient_id: mrsB },
    ]);
    const page = await assistant.get(`/episodes/${episode}/equipment`);
    expect(page.body).toContain('Sarah Brown (daughter)');
    expect(page.body).toContain('Teach the loop colours again on Thursday');
  });

  it('prints the carer’s equipment sheet in standard and large print, with what is with the patient and how to use it; audited', async () => {
    const standard = await supportWorker.form(`/episodes/${episode}/equipment/carer-sheet`, { print: 'standard' });
    expect(standard.statusCode).toBe(200);
    expect(standard.headers['content-type']).toBe('application/pdf');
    const { text } = await pdfText(standard.rawPayload);
    expect(text).toContain('Your equipment and how to use it safely');
    expect(text).toContain('Perching stool');
    expect(text).toContain('Check all four feet touch the floor');
    expect(text).toContain('Mobile hoist');
    expect(text).toContain('HST-0001');
    expect(text).toContain('Sarah Brown (daughter)');
    expect(text).not.toContain('Bath board');
    expect(await pdfBodyFontSize(standard.rawPayload)).toBeLessThan(16);
    const large = await supportWorker.form(`/episodes/${episode}/equipment/carer-sheet`, { print: 'large' });
    expect(await pdfBodyFontSize(large.rawPayload)).toBeGreaterThanOrEqual(16);
    // In the order printed (seq): a query without an order has none to compare.
    const prints = await t.db.selectFrom('audit_events').select(['patient_id', 'detail']).where('action', '=', 'print').where('record_kind', '=', 'equipment-loan').orderBy('seq').execute();
    expect(prints.map((p) => (p.detail as { printSize: string }).printSize)).toEqual(['standard', 'large']);
    expect(prints[0]!.patient_id).toBe(mrsB);
    expect((await outsider.form(`/episodes/${episode}/equipment/carer-sheet`, { print: 'standard' })).statusCode).toBe(403);
  });

  it('two people delivering the last bath rail at once: one succeeds, the other is refused clearly, nothing half-done', async () => {
    const now = t.clock.now();
    const by = t.service.a['clinical-lead'].id;
    const rail = await catalogueItem({ code: 'GR1', name: 'Grab rail', category: 'minor-adaptations', kind: 'stock', prescriber: 'assistant' });
    await t.db.insertInto('equipment_stock_levels').values({ store_id: storeId, catalogue_item_id: rail, quantity: 1, created_at: now, created_by: by, updated_at: now, updated_by: by }).execute();
    const prescribe = async () => (await assistant.post(`/api/episodes/${episode}/equipment-loans`, { catalogueItemId: rail, reason: 'Steadying at the front door', assessmentNote: 'Access visit' })).json().loan.id as string;
    const [first, second] = [await prescribe(), await prescribe()];
    const deliver = (client: TestClient, id: string) => client.post(`/api/equipment-loans/${id}/delivery`, { version: 1, deliveredOn: '2026-11-24', where: 'Front door', fitted: true, storeId });
    const answers = await Promise.all([deliver(supportWorker, first), deliver(therapist, second)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.statusCode === 409)!.json().error.message).toMatch(/grab rail/i);
    const statuses = (await t.db.selectFrom('equipment_loans').select('status').where('catalogue_item_id', '=', rail).execute()).map((r) => r.status).sort();
    expect(statuses).toEqual(['delivered', 'prescribed']);
    expect(await stockOf(rail)).toBe(0);
    // Who delivered it must be one of the team's clinicians who visit.
    const byAdmin = await therapist.post(`/api/equipment-loans/${answers[0]!.statusCode === 409 ? first : second}/delivery`, { version: 1, deliveredOn: '2026-11-24', where: 'Front door', fitted: true, storeId, deliveredBy: t.service.a.administrator.id });
    expect(byAdmin.statusCode).toBe(400);
    expect(byAdmin.json().error.fields[0].path).toBe('deliveredBy');
  });

  it('lists the episode’s loans on the API, audited as read', async () => {
    const lastSeq = async () => Number((await t.db.selectFrom('audit_events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()).seq ?? 0);
    const readsSince = (seq: number) => t.db.selectFrom('audit_events').select(['action', 'outcome', 'record_kind', 'record_id', 'patient_id', 'staff_id', 'detail']).where('seq', '>', seq).where('action', '=', 'read').orderBy('seq').execute();
    const beforeList = await lastSeq();
    const res = await assistant.get(`/api/episodes/${episode}/equipment-loans`);
    expect(res.statusCode).toBe(200);
    const list = res.json().loans as { id: string; status: string }[];
    expect(list.find((l) => l.id === loans.stool)?.status).toBe('delivered');
    const assistantId = t.service.a['assistant-practitioner'].id;
    const listRead = await readsSince(beforeList);
    expect(listRead).toMatchObject([{ action: 'read', outcome: 'allowed', record_kind: 'equipment-loan', record_id: episode, patient_id: mrsB, staff_id: assistantId }]);
    expect((listRead[0]!.detail as { loanIds: string[] }).loanIds).toEqual(expect.arrayContaining(list.map((l) => l.id)));
    const beforeOne = await lastSeq();
    const one = await assistant.get(`/api/equipment-loans/${loans.hoist}`);
    expect(one.json().loan).toMatchObject({ id: loans.hoist, serialNumber: 'HST-0001', training: [{ personName: 'Tom (Caring Hands)' }] });
    expect(await readsSince(beforeOne)).toMatchObject([{ action: 'read', outcome: 'allowed', record_kind: 'equipment-loan', record_id: loans.hoist, patient_id: mrsB, staff_id: assistantId }]);
    expect((await assistant.get(`/api/equipment-loans/${uuidv7()}`)).statusCode).toBe(404);
  });

  describe('a stale form keeps what was typed, against the loan’s version now, and the next Save works', () => {
    async function prescribedBoard(): Promise<string> {
      await t.db.updateTable('equipment_stock_levels').set({ quantity: 5 }).where('catalogue_item_id', '=', items.board).execute();
      const sent = await assistant.form(`/episodes/${episode}/equipment/prescribe`, { formId: uuidv7(), catalogueItemId: items.board, quantity: '1', reason: 'Cannot step into the bath', assessmentNote: 'Observed bath transfer' });
      expect(sent.statusCode, sent.body.slice(0, 300)).toBe(303);
      return /loan=([0-9a-f-]+)/.exec(sent.headers.location as string)![1]!;
    }
    // Another tab or person changes the loan while the form is open.
    const changedElsewhere = (id: string) => t.db.updateTable('equipment_loans').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', id).execute();
    const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)![1]!;

    it('cancelling a prescription', async () => {
      const loan = await prescribedBoard();
      const shown = await assistant.get(`/equipment-loans/${loan}/cancel`);
      const version = versionIn(shown.body);
      await changedElsewhere(loan);
      const reason = 'She chose a bath lift instead, typed in a stale tab';
      const stale = await assistant.form(`/equipment-loans/${loan}/cancel`, { version, reason });
      expect(stale.statusCode).toBe(409);
      expect(stale.body).toMatch(/Someone (else )?changed this/);
      expect(stale.body).toContain(reason);
      expect(versionIn(stale.body)).toBe(String(Number(version) + 1));
      const again = await assistant.form(`/equipment-loans/${loan}/cancel`, { version: versionIn(stale.body), reason });
      expect(again.statusCode, again.body.slice(0, 300)).toBe(303);
      expect(await loanRow(loan)).toMatchObject({ status: 'cancelled' });
    });

    it('recording the delivery', async () => {
      const loan = await prescribedBoard();
      const shown = await supportWorker.get(`/equipment-loans/${loan}/deliver`);
      const version = versionIn(shown.body);
      await changedElsewhere(loan);
      const where = 'Upstairs bathroom, typed in a stale tab';
      const typed = { storeId, 'deliveredOn-day': '24', 'deliveredOn-month': '11', 'deliveredOn-year': '2026', where, fitted: 'yes', deliveredBy: t.service.a['support-worker'].id };
      const stale = await supportWorker.form(`/equipment-loans/${loan}/deliver`, { ...typed, version });
      expect(stale.statusCode).toBe(409);
      expect(stale.body).toMatch(/Someone (else )?changed this/);
      expect(stale.body).toContain(where);
      expect(versionIn(stale.body)).toBe(String(Number(version) + 1));
      const again = await supportWorker.form(`/equipment-loans/${loan}/deliver`, { ...typed, version: versionIn(stale.body) });
      expect(again.statusCode, again.body.slice(0, 300)).toBe(303);
      expect(await loanRow(loan)).toMatchObject({ status: 'delivered' });
    });
  });
});

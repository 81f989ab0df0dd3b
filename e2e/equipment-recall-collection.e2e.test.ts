// Recall and collection in a real browser, axe on every page state and each page at 1280, 768 and 390 px:
// a safety alert on the hoist model: the clinical lead searches the service for it and finds Mrs B,
// raises the recall (shown what is missing first), and the assistant practitioner works her action to
// the end; at discharge the therapist sees the hoist on the discharge summary page and books its
// collection as a visit; the collection is recorded and the hoist is back in store; the reports.
import { beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { checkAtEveryWidth, episodeAllocatedTo, expectNoAxeViolations, homewardInBrowser } from './browser.ts';
import { clickAndWait, errorLinks, flash, heading, submitExpectingErrors } from './record-pages.ts';

describe('equipment recall and collection', () => {
  const run = homewardInBrowser();
  let episodeId: string;
  const ids = { hoist: uuidv7(), store: uuidv7(), item: uuidv7(), loan: uuidv7() };

  beforeAll(async () => {
    let patientId: string;
    ({ episodeId, patientId } = await episodeAllocatedTo(run.home, run.home.service.a['assistant-practitioner']));
    const db = run.home.db;
    const now = run.home.clock.now();
    const by = run.home.service.a['registered-therapist'].id;
    const stamps = { created_at: now, created_by: by, updated_at: now, updated_by: by };
    await db.insertInto('equipment_catalogue_items').values({ id: ids.hoist, code: 'MH1', name: 'Mobile hoist', category: 'transfers', make: 'Oxford', model: 'Mini 180', stock_kind: 'tracked', loler: true, inspection_interval_months: 6, prescriber: 'registered', unit_cost_pence: 180000, ...stamps }).execute();
    await db.insertInto('equipment_stores').values({ id: ids.store, name: 'Burslem base store', team_id: run.home.service.teamA, ...stamps }).execute();
    await db.insertInto('equipment_items').values({ id: ids.item, catalogue_item_id: ids.hoist, serial_number: 'OX-4471', batch: 'B7', store_id: ids.store, status: 'on-loan', next_inspection_due: '2027-03-01', ...stamps }).execute();
    await db.insertInto('equipment_loans').values({
      id: ids.loan, patient_id: patientId, episode_id: episodeId, team_id: run.home.service.teamA, catalogue_item_id: ids.hoist, item_id: ids.item, store_id: ids.store, reason: 'Cannot transfer safely',
      status: 'delivered', prescribed_at: now, prescribed_by: by, delivered_at: now, delivered_by: by, delivered_where: 'Home', ...stamps,
    }).execute();
  });

  it('the lead finds who has the model and raises a recall', async () => {
    const lead = await run.pageFor(run.home.service.a['clinical-lead']);
    await lead.goto('/equipment/recalls');
    await expect(heading(lead)).resolves.toBe('Equipment recalls');
    await checkAtEveryWidth(lead, 'recalls (none)');
    await lead.getByLabel('Model').selectOption({ value: ids.hoist });
    await lead.getByLabel('Batch (optional)').fill('b7');
    await clickAndWait(lead, lead.getByRole('button', { name: 'Search' }), /catalogueItemId=/);
    await expect(lead.getByRole('table', { name: 'Patients you may see who have this model' }).textContent()).resolves.toContain('OX-4471');
    await checkAtEveryWidth(lead, 'recall search (found)');

    await clickAndWait(lead, lead.getByRole('button', { name: 'Raise a recall of this model' }), /\/equipment\/recalls\/new/);
    await expectNoAxeViolations(lead, 'raise recall (form)');
    expect(await submitExpectingErrors(lead, lead.getByRole('button', { name: 'Raise the recall' }))).toEqual(['Enter the reason for the recall (what the safety alert says is wrong)']);
    await checkAtEveryWidth(lead, 'raise recall (errors)');
    await lead.getByLabel('Reason').fill('Spreader bar weld may crack: inspect before the next lift');
    await clickAndWait(lead, lead.getByRole('button', { name: 'Raise the recall' }), /done=raised/);
    await expect(flash(lead)).resolves.toContain('Recall raised');
    await checkAtEveryWidth(lead, 'recall (raised)');
  });

  it('the assistant practitioner works the action to the end', async () => {
    const ap = await run.pageFor(run.home.service.a['assistant-practitioner']);
    const recall = await run.home.db.selectFrom('equipment_recalls').select('id').executeTakeFirstOrThrow();
    await ap.goto(`/equipment/recalls/${recall.id}`);
    await ap.getByRole('group', { name: 'What have you done?' }).getByLabel('Closed').check();
    expect(await submitExpectingErrors(ap, ap.getByRole('button', { name: 'Record the step' }))).toEqual(['Enter the outcome: what was found and done, so the recall can be closed']);
    await checkAtEveryWidth(ap, 'recall action (errors)');
    await ap.getByRole('group', { name: 'What have you done?' }).getByLabel('Inspected in the home').check();
    await ap.getByLabel('Outcome').fill('Weld inspected: sound');
    await clickAndWait(ap, ap.getByRole('button', { name: 'Record the step' }), /done=step/);
    await expect(flash(ap)).resolves.toContain('Step recorded');
    await ap.getByRole('group', { name: 'What have you done?' }).getByLabel('Closed').check();
    await ap.getByLabel('Outcome').fill('Weld sound; family told what to look for');
    await clickAndWait(ap, ap.getByRole('button', { name: 'Record the step' }), /done=step/);
    await expect(ap.locator('.nhsuk-caption-l').textContent()).resolves.toBe('Closed');
    await checkAtEveryWidth(ap, 'recall (closed)');
  });

  it('at discharge the hoist is listed and its collection booked as a visit, then recorded back in store', async () => {
    const ap = await run.pageFor(run.home.service.a['assistant-practitioner']);
    await ap.goto(`/episodes/${episodeId}/discharge-summary`);
    await expect(ap.getByRole('table', { name: 'Equipment on loan and what happens to it at discharge' }).textContent()).resolves.toContain('Not decided');
    await clickAndWait(ap, ap.getByRole('link', { name: 'Decide what happens to the equipment' }), `**/episodes/${episodeId}/equipment/discharge`);
    await expect(ap.getByRole('region', { name: 'Patient details' }).isVisible()).resolves.toBe(true);
    await checkAtEveryWidth(ap, 'equipment at discharge');
    await ap.getByRole('group', { name: 'What happens to it?' }).getByLabel('To collect').check();
    expect(await submitExpectingErrors(ap, ap.getByRole('button', { name: 'Save the decision' }))).toEqual(['Enter collection day']);
    await checkAtEveryWidth(ap, 'equipment at discharge (errors)');
    await ap.getByRole('group', { name: 'What happens to it?' }).getByLabel('To collect').check();
    await ap.getByLabel('Day', { exact: true }).fill('27');
    await ap.getByLabel('Month', { exact: true }).fill('11');
    await ap.getByLabel('Year', { exact: true }).fill('2026');
    await clickAndWait(ap, ap.getByRole('button', { name: 'Save the decision' }), /done=decided/);
    await expect(ap.locator('main').textContent()).resolves.toContain('collection booked 27 November 2026');
    const visit = await run.home.db.selectFrom('visits').select('purpose').where('episode_id', '=', episodeId).executeTakeFirstOrThrow();
    expect(visit.purpose).toBe('equipment');

    await ap.goto('/equipment/collections');
    await checkAtEveryWidth(ap, 'collections');
    await ap.getByRole('group', { name: 'What happened?' }).getByLabel('Returned to store').check();
    await ap.getByLabel('Condition it came back in').selectOption({ value: 'good' });
    await clickAndWait(ap, ap.getByRole('button', { name: 'Record the collection' }), /done=recorded/);
    await expect(flash(ap)).resolves.toContain('Collection recorded');
    expect((await run.home.db.selectFrom('equipment_items').select('status').where('id', '=', ids.item).executeTakeFirstOrThrow()).status).toBe('in-store');
    await checkAtEveryWidth(ap, 'collections (none left)');
  });

  it('shows the reports', async () => {
    const lead = await run.pageFor(run.home.service.a['clinical-lead']);
    await lead.goto('/equipment/reports');
    await checkAtEveryWidth(lead, 'reports');
    await clickAndWait(lead, lead.getByRole('link', { name: 'Loan durations' }), /\/equipment\/reports\/loan-durations$/);
    await checkAtEveryWidth(lead, 'report (loan durations)');
    expect(await errorLinks(lead)).toEqual([]);
  });

  it('met no problems on any page', () => {
    expect(run.problems()).toEqual([]);
    expect(run.externalRequests()).toEqual([]);
  });
});

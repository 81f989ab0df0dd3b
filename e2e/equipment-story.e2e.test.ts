// Issue 15's story end to end in a real browser, axe on every page state and each page at 1280, 768 and
// 390 px with nothing sideways: Mrs B's assistant practitioner prescribes a perching stool and a bath
// board and is refused a hoist (a registered therapist prescribes it); the registered therapist
// prescribes the hoist, records its delivery and teaches the daughter, and prints the carer's sheet; the
// hoist is on the inspection due list; the clinical lead's recall search for its model finds Mrs B; at
// discharge its collection is booked as a visit. The other equipment files test each part's refusals.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { addCalendarDays, ukDateOf } from '@homeward/clinical';
import { checkAtEveryWidth, episodeAllocatedTo, expectNoAxeViolations, homewardInBrowser } from './browser.ts';
import { clickAndWait, errorLinks, errorSummary, flash, heading } from './record-pages.ts';

describe('equipment on loan, the whole story: prescribed, refused, delivered, taught, printed, inspected, recalled, its collection booked', () => {
  const run = homewardInBrowser();
  let episodeId: string;
  let today: string;
  const ids = { stool: uuidv7(), board: uuidv7(), hoist: uuidv7(), store: uuidv7(), item: uuidv7() };

  beforeAll(async () => {
    ({ episodeId } = await episodeAllocatedTo(run.home, run.home.service.a['assistant-practitioner']));
    const db = run.home.db;
    const now = run.home.clock.now();
    today = ukDateOf(now);
    const by = run.home.service.a['clinical-lead'].id;
    const stamps = { created_at: now, created_by: by, updated_at: now, updated_by: by };
    // The store as the catalogue part leaves it: its stock and a hoist that passed its last examination
    // five months ago, so it is due within the due list's three months.
    await db.insertInto('equipment_catalogue_items').values([
      { id: ids.stool, code: 'PS1', name: 'Perching stool', category: 'bathing', make: 'Days', model: 'Adjustable', stock_kind: 'stock', prescriber: 'assistant', unit_cost_pence: 4500, ...stamps },
      { id: ids.board, code: 'BB1', name: 'Bath board', category: 'bathing', make: 'Days', model: 'Slatted', stock_kind: 'stock', prescriber: 'assistant', unit_cost_pence: 2500, ...stamps },
      { id: ids.hoist, code: 'MH1', name: 'Mobile hoist', category: 'transfers', make: 'Oxford', model: 'Mini 180', stock_kind: 'tracked', loler: true, inspection_interval_months: 6, prescriber: 'registered', unit_cost_pence: 180000, instructions: 'Check the sling before every lift.', ...stamps },
    ]).execute();
    await db.insertInto('equipment_stores').values({ id: ids.store, name: 'Burslem base store', team_id: run.home.service.teamA, ...stamps }).execute();
    await db.insertInto('equipment_stock_levels').values([
      { store_id: ids.store, catalogue_item_id: ids.stool, quantity: 4, ...stamps },
      { store_id: ids.store, catalogue_item_id: ids.board, quantity: 2, ...stamps },
    ]).execute();
    await db.insertInto('equipment_items').values({
      id: ids.item, catalogue_item_id: ids.hoist, serial_number: 'OX-4471', batch: 'B7', store_id: ids.store, status: 'in-store',
      last_inspected_on: addCalendarDays(today, -150), next_inspection_due: addCalendarDays(today, 30), ...stamps,
    }).execute();
  });

  async function prescribe(page: Page, item: string, reason: string, assessment: string): Promise<void> {
    await page.goto(`/episodes/${episodeId}/equipment/prescribe`);
    await page.getByLabel('Equipment', { exact: true }).selectOption({ value: item });
    await page.getByLabel('Why the patient needs it').fill(reason);
    await page.getByLabel('The assessment, in your words').fill(assessment);
  }

  it('the assistant practitioner prescribes a perching stool and a bath board, and is refused a hoist with the reason', async () => {
    const ap = await run.pageFor(run.home.service.a['assistant-practitioner']);
    await ap.goto(`/episodes/${episodeId}`);
    await clickAndWait(ap, ap.getByRole('link', { name: 'Equipment: prescribed and on loan' }), `**/episodes/${episodeId}/equipment`);
    await checkAtEveryWidth(ap, 'equipment (none)');

    await prescribe(ap, ids.stool, 'Cannot stand at the sink long enough to wash', 'Home assessment of washing: stands for 2 minutes');
    await checkAtEveryWidth(ap, 'prescribe (filled)');
    await clickAndWait(ap, ap.getByRole('button', { name: 'Prescribe' }), /\/equipment\?done=prescribed/);
    await expect(flash(ap)).resolves.toContain('Perching stool prescribed');

    await prescribe(ap, ids.board, 'Cannot step into the bath safely', 'Bath transfer assessed at home: sits to bathe with a board');
    await clickAndWait(ap, ap.getByRole('button', { name: 'Prescribe' }), /\/equipment\?done=prescribed/);
    await expect(flash(ap)).resolves.toContain('Bath board prescribed');
    await checkAtEveryWidth(ap, 'equipment (stool and board)');

    await prescribe(ap, ids.hoist, 'Cannot transfer from bed to chair', 'Transfers assessed at home: needs a full hoist');
    const [refused] = await Promise.all([ap.waitForResponse((r) => r.request().method() === 'POST'), ap.getByRole('button', { name: 'Prescribe' }).click()]);
    expect(refused.status()).toBe(403);
    await errorSummary(ap).waitFor();
    expect(await errorLinks(ap)).toEqual(['Mobile hoist must be prescribed by a registered therapist: ask a registered therapist to assess and prescribe it']);
    await checkAtEveryWidth(ap, 'prescribe (hoist refused)');
    const loans = await run.home.db.selectFrom('equipment_loans').select('catalogue_item_id').where('episode_id', '=', episodeId).execute();
    expect(loans.map((l) => l.catalogue_item_id).sort()).toEqual([ids.stool, ids.board].sort());
  });

  it('the registered therapist prescribes the hoist, records its delivery and the daughter’s training, and prints the carer’s sheet', async () => {
    const rt = await run.pageFor(run.home.service.a['registered-therapist']);
    await prescribe(rt, ids.hoist, 'Cannot transfer from bed to chair', 'Transfers assessed at home: needs a full hoist');
    await clickAndWait(rt, rt.getByRole('button', { name: 'Prescribe' }), /\/equipment\?done=prescribed/);
    await expect(flash(rt)).resolves.toContain('Mobile hoist prescribed');
    await checkAtEveryWidth(rt, 'equipment (hoist prescribed)');

    await clickAndWait(rt, rt.getByRole('link', { name: 'Record the delivery and fitting of the Mobile hoist' }), /\/equipment-loans\/[0-9a-f-]{36}\/deliver$/);
    await checkAtEveryWidth(rt, 'deliver the hoist (form)');
    await rt.getByLabel('Which one (serial number)').selectOption({ value: ids.item });
    await rt.getByLabel('Where it was delivered').fill('The patient’s home, bedroom');
    await rt.getByRole('group', { name: 'Was it fitted?' }).getByLabel('Yes, fitted and checked').check();
    await clickAndWait(rt, rt.getByRole('button', { name: 'Save the delivery' }), /\/equipment\?done=delivered/);
    await expect(flash(rt)).resolves.toContain('Mobile hoist delivered and fitted');
    expect((await run.home.db.selectFrom('equipment_items').select('status').where('id', '=', ids.item).executeTakeFirstOrThrow()).status).toBe('on-loan');

    await clickAndWait(rt, rt.getByRole('link', { name: 'Record training in safe use of the Mobile hoist' }), /\/equipment-loans\/[0-9a-f-]{36}\/training$/);
    await expectNoAxeViolations(rt, 'training (form)');
    await rt.getByRole('group', { name: 'Who was taught' }).getByLabel('A family member or unpaid carer').check();
    await rt.getByLabel('Their name').fill('Sarah Brown (daughter)');
    await rt.getByLabel('What was taught').fill('Fitting the sling; checking it before every lift; the emergency lowering');
    await rt.getByRole('group', { name: 'How well did they understand?' }).getByLabel('Understood and showed it safely').check();
    await checkAtEveryWidth(rt, 'training (filled)');
    await clickAndWait(rt, rt.getByRole('button', { name: 'Save the training' }), /\/equipment\?done=trained/);
    await expect(rt.getByRole('table', { name: 'Training in safe use of the Mobile hoist' }).textContent()).resolves.toContain('Sarah Brown (daughter)');
    await checkAtEveryWidth(rt, 'equipment (delivered and taught)');

    // The sheet is sent by the page's own form (its CSRF token and size), as the button sends it: the
    // browser's PDF viewer is not what is tested, the document is.
    await rt.getByRole('button', { name: 'Print the carer’s equipment sheet in standard print (PDF)' }).waitFor();
    const sheet = await rt.evaluate(async () => {
      const form = [...document.querySelectorAll('form')].find((f) => f.action.endsWith('/equipment/carer-sheet'))!;
      const res = await fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form) as unknown as Record<string, string>) });
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), start: String.fromCharCode(...bytes.slice(0, 5)), size: bytes.length };
    });
    expect(sheet.status).toBe(200);
    expect(sheet.type).toContain('application/pdf');
    expect(sheet.disposition).toContain('.pdf');
    expect(sheet.start).toBe('%PDF-');
    expect(sheet.size).toBeGreaterThan(1000);
  });

  it('the hoist is on the inspection due list, and the lead’s recall search for its model finds Mrs B', async () => {
    const lead = await run.pageFor(run.home.service.a['clinical-lead']);
    await lead.goto('/equipment');
    await checkAtEveryWidth(lead, 'equipment home (lead)');
    await clickAndWait(lead, lead.getByRole('link', { name: 'Inspections due' }), '**/equipment/inspections');
    await lead.getByRole('link', { name: 'Mobile hoist OX-4471', exact: true }).waitFor();
    await checkAtEveryWidth(lead, 'inspections due (hoist)');

    await lead.goto('/equipment');
    await clickAndWait(lead, lead.getByRole('link', { name: 'Recalls' }), '**/equipment/recalls');
    await expect(heading(lead)).resolves.toBe('Equipment recalls');
    await lead.getByLabel('Model').selectOption({ value: ids.hoist });
    await clickAndWait(lead, lead.getByRole('button', { name: 'Search' }), /catalogueItemId=/);
    const found = await lead.getByRole('table', { name: 'Patients you may see who have this model' }).textContent();
    expect(found).toContain('Bloor');
    expect(found).toContain('OX-4471');
    await checkAtEveryWidth(lead, 'recall search (Mrs B found)');
  });

  it('at discharge the hoist’s collection is booked as a visit', async () => {
    const ap = await run.pageFor(run.home.service.a['assistant-practitioner']);
    await ap.goto(`/episodes/${episodeId}/discharge-summary`);
    await expect(ap.getByRole('table', { name: 'Equipment on loan and what happens to it at discharge' }).textContent()).resolves.toContain('Mobile hoist');
    await checkAtEveryWidth(ap, 'discharge summary (equipment)');
    await clickAndWait(ap, ap.getByRole('link', { name: 'Decide what happens to the equipment' }), `**/episodes/${episodeId}/equipment/discharge`);
    await checkAtEveryWidth(ap, 'equipment at discharge');
    // The stool and the board were prescribed and never delivered: they hold the discharge too, and the page says where to deliver or cancel them.
    const prescribed = ap.locator('#equipment-prescribed');
    await expect(prescribed.locator('li').allTextContents()).resolves.toEqual(['Perching stool', 'Bath board']);
    await expect(prescribed.getByRole('link', { name: 'Deliver or cancel the equipment' }).getAttribute('href')).resolves.toBe(`/episodes/${episodeId}/equipment`);
    const hoistForm = ap.locator(`form[action$="/equipment/discharge/${await hoistLoanId()}"]`);
    await hoistForm.getByRole('group', { name: 'What happens to it?' }).getByLabel('To collect').check();
    const [year, month, day] = addCalendarDays(today, 3).split('-');
    await hoistForm.getByLabel('Day', { exact: true }).fill(String(Number(day)));
    await hoistForm.getByLabel('Month', { exact: true }).fill(String(Number(month)));
    await hoistForm.getByLabel('Year', { exact: true }).fill(year!);
    await checkAtEveryWidth(ap, 'equipment at discharge (to collect)');
    await clickAndWait(ap, hoistForm.getByRole('button', { name: 'Save the decision' }), /done=decided/);
    await expect(ap.locator('main').textContent()).resolves.toContain('collection booked');
    await checkAtEveryWidth(ap, 'equipment at discharge (collection booked)');
    const visits = await run.home.db.selectFrom('visits').select(['purpose']).where('episode_id', '=', episodeId).execute();
    expect(visits.map((v) => v.purpose)).toContain('equipment');

    await ap.goto('/equipment/collections');
    await expect(ap.locator('main').textContent()).resolves.toContain('OX-4471');
    await checkAtEveryWidth(ap, 'equipment to collect');
  });

  async function hoistLoanId(): Promise<string> {
    return (await run.home.db.selectFrom('equipment_loans').select('id').where('item_id', '=', ids.item).executeTakeFirstOrThrow()).id;
  }

  it('met no problems on any page', () => {
    expect(run.problems()).toEqual([]);
    expect(run.externalRequests()).toEqual([]);
  });
});

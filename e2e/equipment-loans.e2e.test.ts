// Equipment on loan in a real browser, axe on every page state and each page at 1280, 768 and 390 px:
// Mrs B's assistant practitioner opens the episode's equipment from the episode page, is shown what is
// missing on an empty prescription, is refused a hoist with the reason (a registered therapist prescribes
// it), and prescribes a perching stool; the support worker records its delivery and fitting from the
// store and teaches the daughter to use it, and the carer's equipment sheet is offered to print.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { uuidv7 } from 'uuidv7';
import { checkAtEveryWidth, episodeAllocatedTo, expectNoAxeViolations, homewardInBrowser } from './browser.ts';
import { signIn } from '../packages/server/test/test-app.ts';
import { clickAndWait, errorLinks, errorSummary, flash, heading, submitExpectingErrors } from './record-pages.ts';

describe('equipment on loan: prescribe within competence, deliver, teach', () => {
  const run = homewardInBrowser();
  let episodeId: string;
  let ap: Page;
  const ids = { stool: uuidv7(), hoist: uuidv7(), store: uuidv7() };

  beforeAll(async () => {
    ({ episodeId } = await episodeAllocatedTo(run.home, run.home.service.a['assistant-practitioner']));
    const therapist = await signIn(run.home.app, run.home.service.a['registered-therapist']);
    const supervised = await therapist.post(`/api/episodes/${episodeId}/supervision`, { staffId: run.home.service.a['support-worker'].id });
    if (supervised.statusCode !== 201) throw new Error(`supervision: ${supervised.statusCode} ${supervised.body}`);
    const db = run.home.db;
    const now = run.home.clock.now();
    const by = run.home.service.a['clinical-lead'].id;
    const stamps = { created_at: now, created_by: by, updated_at: now, updated_by: by };
    await db.insertInto('equipment_catalogue_items').values([
      { id: ids.stool, code: 'PS1', name: 'Perching stool', category: 'bathing', make: 'Days', model: 'Adjustable', stock_kind: 'stock', prescriber: 'assistant', unit_cost_pence: 4500, instructions: 'Set the height so the hips are a little above the knees.', ...stamps },
      { id: ids.hoist, code: 'MH1', name: 'Mobile hoist', category: 'transfers', make: 'Oxford', model: 'Mini 180', stock_kind: 'tracked', loler: true, inspection_interval_months: 6, prescriber: 'registered', unit_cost_pence: 180000, ...stamps },
    ]).execute();
    await db.insertInto('equipment_stores').values({ id: ids.store, name: 'Burslem base store', team_id: run.home.service.teamA, ...stamps }).execute();
    await db.insertInto('equipment_stock_levels').values({ store_id: ids.store, catalogue_item_id: ids.stool, quantity: 4, ...stamps }).execute();
  });

  it('the assistant practitioner finds the equipment from the episode, is shown what is missing, and is refused a hoist with the reason', async () => {
    ap = await run.pageFor(run.home.service.a['assistant-practitioner']);
    await ap.goto(`/episodes/${episodeId}`);
    await clickAndWait(ap, ap.getByRole('link', { name: 'Equipment: prescribed and on loan' }), `**/episodes/${episodeId}/equipment`);
    await expect(heading(ap)).resolves.toBe('Equipment');
    await expect(ap.getByRole('region', { name: 'Patient details' }).isVisible()).resolves.toBe(true);
    await checkAtEveryWidth(ap, 'equipment (none)');

    await clickAndWait(ap, ap.getByRole('link', { name: 'Prescribe equipment' }).first(), `**/episodes/${episodeId}/equipment/prescribe`);
    await expectNoAxeViolations(ap, 'prescribe (empty)');
    expect(await submitExpectingErrors(ap, ap.getByRole('button', { name: 'Prescribe' }))).toEqual([
      'Choose the equipment to prescribe',
      'Enter why the patient needs it, for example: cannot stand at the sink long enough to wash',
      'Choose the assessment the prescription rests on, or describe the assessment you made (for example a home assessment)',
    ]);
    await expectNoAxeViolations(ap, 'prescribe (errors)');

    await ap.getByLabel('Equipment', { exact: true }).selectOption({ value: ids.hoist });
    await ap.getByLabel('Why the patient needs it').fill('Cannot transfer from bed to chair');
    await ap.getByLabel('The assessment, in your words').fill('Transfers assessed at home: needs a full hoist');
    const [refused] = await Promise.all([ap.waitForResponse((r) => r.request().method() === 'POST'), ap.getByRole('button', { name: 'Prescribe' }).click()]);
    expect(refused.status()).toBe(403);
    await errorSummary(ap).waitFor();
    expect(await errorLinks(ap)).toEqual(['Mobile hoist must be prescribed by a registered therapist: ask a registered therapist to assess and prescribe it']);
    await checkAtEveryWidth(ap, 'prescribe (refused)');
    expect(await run.home.db.selectFrom('equipment_loans').select('id').execute()).toHaveLength(0);
  });

  it('prescribes a perching stool', async () => {
    await ap.getByLabel('Equipment', { exact: true }).selectOption({ value: ids.stool });
    await ap.getByLabel('Why the patient needs it').fill('Cannot stand at the sink long enough to wash');
    await ap.getByLabel('The assessment, in your words').fill('Home assessment of washing: stands for 2 minutes');
    await clickAndWait(ap, ap.getByRole('button', { name: 'Prescribe' }), /\/equipment\?done=prescribed/);
    await expect(flash(ap)).resolves.toContain('Perching stool prescribed');
    await checkAtEveryWidth(ap, 'equipment (prescribed)');
  });

  it('the support worker records the delivery and fitting, then teaches the daughter', async () => {
    const sw = await run.pageFor(run.home.service.a['support-worker']);
    await sw.goto(`/episodes/${episodeId}/equipment`);
    await clickAndWait(sw, sw.getByRole('link', { name: /^Record the delivery and fitting/ }), /\/equipment-loans\/[0-9a-f-]{36}\/deliver$/);
    await checkAtEveryWidth(sw, 'deliver (form)');
    await sw.getByLabel('The store it came from').selectOption({ label: 'Burslem base store (4 in stock)' });
    await sw.getByLabel('Where it was delivered').fill('The patient’s home, bathroom');
    await sw.getByRole('group', { name: 'Was it fitted?' }).getByLabel('Yes, fitted and checked').check();
    await clickAndWait(sw, sw.getByRole('button', { name: 'Save the delivery' }), /\/equipment\?done=delivered/);
    await expect(flash(sw)).resolves.toContain('Perching stool delivered and fitted');
    expect((await run.home.db.selectFrom('equipment_stock_levels').select('quantity').where('catalogue_item_id', '=', ids.stool).executeTakeFirstOrThrow()).quantity).toBe(3);

    await clickAndWait(sw, sw.getByRole('link', { name: /^Record training in safe use/ }), /\/equipment-loans\/[0-9a-f-]{36}\/training$/);
    await expectNoAxeViolations(sw, 'training (form)');
    expect(await submitExpectingErrors(sw, sw.getByRole('button', { name: 'Save the training' }))).toEqual(['Choose who was taught', 'Choose how well they understood']);
    await checkAtEveryWidth(sw, 'training (errors)');
    await sw.getByRole('group', { name: 'Who was taught' }).getByLabel('A family member or unpaid carer').check();
    await sw.getByLabel('Their name').fill('Sarah Brown (daughter)');
    await sw.getByLabel('What was taught').fill('Setting the height; sitting back fully before washing');
    await sw.getByRole('group', { name: 'How well did they understand?' }).getByLabel('Understood and showed it safely').check();
    await clickAndWait(sw, sw.getByRole('button', { name: 'Save the training' }), /\/equipment\?done=trained/);
    await expect(sw.getByRole('table', { name: 'Training in safe use of the Perching stool' }).textContent()).resolves.toContain('Sarah Brown (daughter)');
    await expect(sw.getByRole('button', { name: 'Print the carer’s equipment sheet in standard print (PDF)' }).isVisible()).resolves.toBe(true);
    await checkAtEveryWidth(sw, 'equipment (delivered and taught)');
  });

  it('met no problems on any page', () => {
    expect(run.problems()).toEqual([]);
    expect(run.externalRequests()).toEqual([]);
  });
});

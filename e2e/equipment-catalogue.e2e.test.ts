// Issue 15 #1, #2, #5, #8 in the browser: the clinical lead reaches Equipment from the header, adds a
// hoist to the catalogue and a store, the assistant practitioner adds a hoist by its serial number and
// prints its label, looks it up as a scanner does (the number typed and Enter), records an examination
// (a date in the future shown in the NHS.UK error summary first), and sees the due list. Each page fits
// 390 px and 768 px and is axe clean.
import { describe, expect, it } from 'vitest';
import { checkAtEveryWidth, followHeaderLink, homewardInBrowser } from './browser.ts';

describe('equipment: catalogue, store, a hoist, its label, the look-up and its examination', () => {
  const run = homewardInBrowser();

  it('the lead sets up a hoist and a store; the assistant adds one, prints its label, scans it and records its examination', async () => {
    const home = run.home;
    const lead = home.service.a['clinical-lead'];
    const assistant = home.service.a['assistant-practitioner'];

    const page = await run.pageFor(lead);
    await page.goto('/caseload');
    await Promise.all([page.waitForURL('**/equipment'), followHeaderLink(page, 'Equipment')]);
    await checkAtEveryWidth(page, 'equipment home', [768, 390]);
    await page.getByRole('link', { name: 'Catalogue' }).click();
    await page.getByRole('link', { name: 'Add an item to the catalogue' }).click();
    await page.getByLabel('Catalogue code').fill('TRF-HO-01');
    await page.getByLabel('Name', { exact: true }).fill('Mobile hoist');
    await page.getByLabel('Category').selectOption('transfers');
    await page.getByLabel('Make (optional)').fill('Arjo');
    await page.getByLabel('Model (optional)').fill('Maxi Move');
    await page.getByLabel('Tracked one by one, by serial number').check();
    await page.getByLabel('Lifting equipment under LOLER (hoists, slings, stair lifts)').check();
    await page.getByLabel('A registered therapist only').check();
    await page.getByLabel('Unit cost').fill('two thousand');
    await page.getByRole('button', { name: 'Add to the catalogue' }).click();
    await page.getByText('There is a problem').waitFor();
    await checkAtEveryWidth(page, 'catalogue form with problems', [768, 390]);
    await page.getByLabel('Months between examinations or services (optional)').fill('6');
    await page.getByLabel('Unit cost').fill('2850');
    await Promise.all([page.waitForURL('**?done=added'), page.getByRole('button', { name: 'Add to the catalogue' }).click()]);
    await checkAtEveryWidth(page, 'catalogue item', [768, 390]);
    await page.goto('/equipment/catalogue');
    await checkAtEveryWidth(page, 'catalogue', [768, 390]);
    await page.goto('/equipment/stores/new');
    await page.getByLabel('Name').fill('North base');
    await Promise.all([page.waitForURL('**?done=added'), page.getByRole('button', { name: 'Add the store' }).click()]);
    await checkAtEveryWidth(page, 'store', [768, 390]);

    const ap = await run.pageFor(assistant);
    await ap.setViewportSize({ width: 390, height: 844 });
    await ap.goto('/equipment/items/new');
    await ap.getByLabel('Item').selectOption({ label: 'Mobile hoist (Arjo Maxi Move)' });
    await ap.getByLabel('Serial number').fill('MM 4411-27');
    await ap.getByLabel('Asset number (optional)').fill('NB-0007');
    await ap.getByLabel('Store it is kept at').selectOption({ label: 'North base' });
    await Promise.all([ap.waitForURL('**?done=added'), ap.getByRole('button', { name: 'Add the item' }).click()]);
    await checkAtEveryWidth(ap, 'tracked item', [768, 390]);
    await Promise.all([ap.waitForURL('**/label'), ap.getByRole('link', { name: 'Print its label' }).click()]);
    await ap.getByRole('img', { name: 'Barcode of NB-0007' }).waitFor();
    await checkAtEveryWidth(ap, 'label', [768, 390]);

    // A scanner types the number and Enter.
    await ap.goto('/equipment/look-up');
    await checkAtEveryWidth(ap, 'look-up', [768, 390]);
    await ap.getByLabel('Serial or asset number').fill('ZZ-1');
    await ap.keyboard.press('Enter');
    await ap.getByText('No item has the serial or asset number ZZ-1').first().waitFor();
    await checkAtEveryWidth(ap, 'look-up not found', [768, 390]);
    await ap.getByLabel('Serial or asset number').fill('nb-0007');
    await Promise.all([ap.waitForURL(/\/equipment\/items\/[0-9a-f-]+$/), ap.keyboard.press('Enter')]);

    await Promise.all([ap.waitForURL('**/inspections/new'), ap.getByRole('link', { name: 'Record an examination or service' }).click()]);
    await ap.getByLabel('Day').fill('25');
    await ap.getByLabel('Month').fill('11');
    await ap.getByLabel('Year').fill('2026');
    await ap.getByLabel('Pass').check();
    await ap.getByRole('button', { name: 'Record the result' }).click();
    await ap.getByText('The date of the examination must be today or in the past').first().waitFor();
    await checkAtEveryWidth(ap, 'examination in the future', [768, 390]);
    await ap.getByLabel('Day').fill('24');
    await Promise.all([ap.waitForURL('**?done=inspected'), ap.getByRole('button', { name: 'Record the result' }).click()]);
    await expect(ap.getByText('24 May 2027').first().isVisible()).resolves.toBe(true);

    await Promise.all([ap.waitForURL('**/change'), ap.getByRole('link', { name: 'Change where it is kept, its condition, or whether it is in use' }).click()]);
    await checkAtEveryWidth(ap, 'change an item', [768, 390]);
    await ap.getByLabel('Fair').check();
    await Promise.all([ap.waitForURL('**?done=changed'), ap.getByRole('button', { name: 'Save changes' }).click()]);

    await ap.goto('/equipment/inspections?within=365');
    await ap.getByRole('link', { name: 'Mobile hoist MM 4411-27', exact: true }).waitFor();
    await checkAtEveryWidth(ap, 'inspections due', [768, 390]);
    await ap.goto('/equipment/items');
    await checkAtEveryWidth(ap, 'tracked items', [768, 390]);
    expect(run.problems()).toEqual([]);
  });
});

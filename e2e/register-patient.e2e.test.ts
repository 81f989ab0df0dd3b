// Registering a patient through the form, with the date of birth as day, month and year fields:
// every missing answer in the error summary, a birth date in the future refused, and a good form
// landing on the new patient's page.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { homewardInBrowser, type OpenedPage } from './browser.ts';
import { errorSummary, fillDate, flash } from './record-pages.ts';

describe('registering a patient through the form', () => {
  const run = homewardInBrowser();
  let opened: OpenedPage;
  let page: Page;

  beforeAll(async () => {
    opened = await run.open(run.home.service.a['registered-therapist']);
    page = opened.page;
  });

  const summaryLinks = () =>
    page.locator('.nhsuk-error-summary a').evaluateAll((links) => links.map((a) => ({ text: a.textContent?.trim() ?? '', href: a.getAttribute('href') ?? '' })));
  const group = (legend: string) => page.getByRole('group', { name: legend });

  it('an empty form lists every required answer in the error summary, each linked to its field', async () => {
    await page.goto('/patients/new');
    await page.getByRole('button', { name: 'Register patient' }).click();
    await errorSummary(page).waitFor();
    await expect(page.title()).resolves.toMatch(/^Error: Register a patient/);
    const links = await summaryLinks();
    // Every link leads somewhere on the page, and that field shows the same message beside it.
    for (const link of links) {
      const target = page.locator(link.href);
      expect(await target.count(), `target of "${link.text}"`).toBe(1);
      const formGroup = page.locator('.nhsuk-form-group--error', { has: target }).first();
      await expect(formGroup.locator('.nhsuk-error-message').textContent(), `field error for "${link.text}"`).resolves.toContain(link.text);
    }
    // All at once, so nobody has to submit twice to learn what else is missing.
    expect(links.map((l) => l.text).sort()).toEqual(
      [
        'Enter an NHS number',
        'Enter the given name',
        'Enter the family name',
        'Enter date of birth',
        'Select the patient’s sex',
        'Enter the first line of the address',
        'Enter the town or city',
        'Enter a postcode',
        'Select whether the patient lives alone',
        'Select whether there is a key safe',
      ].sort(),
    );
  });

  it('refuses a date of birth in the future, keeping what was typed', async () => {
    await page.goto('/patients/new');
    await page.getByLabel('NHS number', { exact: true }).fill('450 557 7104');
    await page.getByLabel('Given name').fill('Harold');
    await page.getByLabel('Family name').fill('Shenton');
    await fillDate(group('Date of birth'), '1', '1', '2030');
    await group('Sex').getByLabel('Male', { exact: true }).check();
    await page.getByLabel('Address line 1').fill('3 Moorland Road');
    await page.getByLabel('Town or city').fill('Burslem');
    await page.getByLabel('Postcode').fill('st6 1dt');
    await group('Does the patient live alone?').getByLabel('No', { exact: true }).check();
    await group('Is there a key safe?').getByLabel('Yes', { exact: true }).check();
    await group('Risk flags').getByLabel('Aggression').check();
    await page.getByRole('button', { name: 'Register patient' }).click();

    await errorSummary(page).waitFor();
    expect(await summaryLinks()).toEqual([{ text: 'The date of birth cannot be in the future', href: '#dateOfBirth-day' }]);
    await expect(page.locator('#dateOfBirth-error').textContent()).resolves.toContain('The date of birth cannot be in the future');
    await expect(group('Date of birth').getByLabel('Year').inputValue()).resolves.toBe('2030');
    await expect(page.getByLabel('NHS number', { exact: true }).inputValue()).resolves.toBe('450 557 7104');
    await expect(group('Risk flags').getByLabel('Aggression').isChecked()).resolves.toBe(true);
    const count = await run.home.db.selectFrom('patients').select('id').where('nhs_number', '=', '4505577104').execute();
    expect(count).toHaveLength(0);
  });

  it('registers the patient when the date is corrected, and shows their record', async () => {
    await group('Date of birth').getByLabel('Year').fill('1938');
    await page.getByRole('button', { name: 'Register patient' }).click();
    await page.waitForURL(/\/patients\/[0-9a-f-]{36}\?registered=1$/);
    await expect(flash(page)).resolves.toContain('Patient registered');
    const banner = page.getByRole('region', { name: 'Patient details' });
    await expect(banner.getByRole('heading', { name: 'SHENTON, Harold' }).isVisible()).resolves.toBe(true);
    await expect(banner.textContent()).resolves.toMatch(/NHS number:\s*450 557 7104/);
    await expect(banner.textContent()).resolves.toMatch(/Born:\s*1 January 1938/);
    await expect(banner.getByRole('list', { name: 'Risk flags' }).textContent()).resolves.toContain('Aggression');

    const id = new URL(page.url()).pathname.split('/')[2]!;
    const row = await run.home.db.selectFrom('patients').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ nhs_number: '4505577104', family_name: 'Shenton', sex: 'male', date_of_birth: '1938-01-01', postcode: 'ST6 1DT', lives_alone: false, key_safe: true, registered_team_id: run.home.service.teamA });
  });

  it('finds the new patient by name and date of birth through the search form', async () => {
    await page.goto('/patients/search');
    await page.getByLabel('Name', { exact: true }).fill('shenton');
    await fillDate(group('Date of birth (optional)'), '01', '1', '1938');
    await page.getByRole('button', { name: 'Search by name' }).click();
    await page.getByRole('heading', { name: '1 patient found' }).waitFor();
    await expect(page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'SHENTON, Harold' }) }).textContent()).resolves.toContain('450 557 7104');
  });

  it('raised no script errors, CSP refusals or missing assets', () => {
    expect(opened.problems).toEqual([]);
  });
});

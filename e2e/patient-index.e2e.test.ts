// The patient index, end to end in a real browser: a therapist finds a patient, corrects their
// details through the NHS.UK error pattern, checks the change history, signs out; then the privacy
// officer sees that access in the audit. One story, one browser session, steps in order.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { homewardInBrowser, registerPatientByApi, signInThroughPage, signOutThroughPage, type OpenedPage } from './browser.ts';
import { errorSummary, flash, heading } from './record-pages.ts';

describe('a therapist corrects a patient’s details and the privacy officer sees it', () => {
  const run = homewardInBrowser();
  let opened: OpenedPage;
  let page: Page;
  let patientId: string;
  const therapistName = 'Alex registered therapist';

  beforeAll(async () => {
    // Registered by the clinical lead, so everything the audit shows for the therapist is this story's.
    const patient = await registerPatientByApi(run.home, run.home.service.a['clinical-lead'], { riskFlags: ['visit-in-pairs', 'animals'] });
    patientId = patient.id;
    opened = await run.open();
    page = opened.page;
  });

  const main = () => page.locator('main');
  const banner = () => page.getByRole('region', { name: 'Patient details' });
  const summaryValue = (key: string) => page.locator('.nhsuk-summary-list__row', { has: page.locator('.nhsuk-summary-list__key', { hasText: key }) }).locator('.nhsuk-summary-list__value');

  it('signs in with the keyboard: type the email and password, press Enter', async () => {
    await signInThroughPage(page, run.home.service.a['registered-therapist']);
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.getByText(`Signed in as ${therapistName}`).isVisible()).resolves.toBe(true);
  });

  it('finds the patient by NHS number typed with spaces, and opens their record', async () => {
    await page.getByRole('link', { name: 'Find a patient' }).first().click();
    await page.waitForURL('**/patients/search');
    await page.getByLabel('NHS number').fill('943 476 5919');
    await page.getByRole('button', { name: 'Search by NHS number' }).click();
    await page.getByRole('heading', { name: '1 patient found' }).waitFor();
    const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'BLOOR, Betty' }) });
    await expect(row.textContent()).resolves.toContain('943 476 5919');
    await row.getByRole('link', { name: 'BLOOR, Betty' }).click();
    await page.waitForURL(`**/patients/${patientId}`);
  });

  it('shows the patient banner with the NHS number in 3 3 4 and the risk flags', async () => {
    await expect(heading(page)).resolves.toBe('Patient details');
    await expect(banner().getByRole('heading', { name: 'BLOOR, Betty' }).isVisible()).resolves.toBe(true);
    await expect(banner().textContent()).resolves.toContain('NHS number: 943 476 5919');
    await expect(banner().getByRole('list', { name: 'Risk flags' }).getByRole('listitem').allTextContents()).resolves.toEqual(['Visit in pairs', 'Animals']);
    await page.screenshot({ path: '/tmp/homeward-patient-page.png', fullPage: true });
  });

  it('refuses an invalid NHS number with the NHS.UK error summary, whose link takes you to the field', async () => {
    await page.getByRole('link', { name: 'Change patient details' }).click();
    await page.waitForURL(`**/patients/${patientId}/edit`);
    await expect(banner().textContent()).resolves.toContain('NHS number: 943 476 5919');
    const nhsNumber = page.getByLabel('NHS number', { exact: true });
    await expect(nhsNumber.inputValue()).resolves.toBe('9434765919');
    await nhsNumber.fill('943 476 5918'); // wrong check digit
    await page.getByRole('button', { name: 'Save changes' }).click();

    const summary = errorSummary(page);
    await summary.waitFor();
    await expect(page.title()).resolves.toMatch(/^Error: Change patient details/);
    await expect(summary.getByRole('heading').textContent()).resolves.toContain('There is a problem');
    const link = summary.getByRole('link', { name: 'Enter a valid NHS number' });
    await expect(link.getAttribute('href')).resolves.toBe('#nhsNumber');
    await link.click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('nhsNumber');

    // The field's own error, tied to the input so a screen reader reads it with the label.
    const fieldError = page.locator('#nhsNumber-error');
    await expect(fieldError.textContent()).resolves.toMatch(/Enter a valid NHS number/);
    await expect(nhsNumber.getAttribute('aria-describedby')).resolves.toContain('nhsNumber-error');
    await expect(nhsNumber.inputValue()).resolves.toBe('943 476 5918');
    // Nothing was saved: the banner still shows the stored number.
    await expect(banner().textContent()).resolves.toContain('NHS number: 943 476 5919');
    await page.screenshot({ path: '/tmp/homeward-edit-errors.png', fullPage: true });
  });

  it('saves a corrected NHS number and a new phone number', async () => {
    await page.getByLabel('NHS number', { exact: true }).fill('401 023 2137');
    await page.getByLabel('Phone number (optional)').fill('01632 960999');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(`**/patients/${patientId}?saved=1`);
    await expect(flash(page)).resolves.toContain('Changes saved');
    await expect(banner().textContent()).resolves.toContain('NHS number: 401 023 2137');
    await expect(summaryValue('NHS number').textContent()).resolves.toMatch(/^\s*401 023 2137\s*$/);
    await expect(summaryValue('Phone').textContent()).resolves.toMatch(/01632\s?960\s?999/);
    await expect(main().textContent()).resolves.toMatch(/Version 2,/);
  });

  it('shows version 2 in the history with the before and after of what changed', async () => {
    await page.getByRole('link', { name: 'See changes to these details' }).click();
    await page.waitForURL(`**/patients/${patientId}/history`);
    await expect(page.getByRole('heading', { level: 2, name: 'Version 2 (current)' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { level: 2, name: 'Version 1' }).isVisible()).resolves.toBe(true);
    const changes = page.getByRole('table', { name: 'What changed in version 2' });
    const rows = await changes.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent?.trim())));
    expect(rows.map((r) => r[0])).toEqual(['NHS number', 'Phone']);
    const [nhs, phone] = rows;
    expect(nhs?.slice(1).map((v) => v?.replace(/\s/g, ''))).toEqual(['9434765919', '4010232137']);
    expect(phone?.slice(1).map((v) => v?.replace(/\s/g, ''))).toEqual(['01632960123', '01632960999']);
    await expect(main().textContent()).resolves.toContain(`Changed by ${therapistName}`);
  });

  it('signs out', async () => {
    await signOutThroughPage(page);
    const res = await page.goto(`/patients/${patientId}`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(res?.status()).toBe(200);
  });

  it('the privacy officer finds the patient in the audit and sees the therapist’s access', async () => {
    await signInThroughPage(page, run.home.service.a['privacy-officer']);
    await page.getByRole('link', { name: 'Access audit' }).first().click();
    await page.waitForURL('**/audit');
    await page.getByLabel('NHS number').fill('401 023 2137');
    await page.getByRole('button', { name: 'Show access history' }).click();
    await page.waitForURL(`**/audit/patients/${patientId}`);
    await expect(banner().textContent()).resolves.toContain('NHS number: 401 023 2137');

    const events = await page.locator('main table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        // innerText: what the screen shows (each cell's column label is for phones, hidden on a desktop).
        const cells = Array.from(tr.querySelectorAll('td'), (td) => td.innerText.replace(/\s+/g, ' ').trim());
        return { who: cells[1] ?? '', action: cells[2] ?? '', outcome: cells[3] ?? '' };
      }),
    );
    const therapists = events.filter((e) => e.who.startsWith(therapistName));
    const actions = therapists.map((e) => /^[a-z-]+/.exec(e.action)?.[0]);
    // Newest first: the history, the record after saving, the save, the edit form, the record, and
    // the search that returned her.
    expect(actions).toEqual(['read', 'read', 'write', 'read', 'read', 'search']);
    expect(therapists.every((e) => e.outcome === 'Allowed')).toBe(true);
  });

  it('raised no script errors, CSP refusals or missing assets along the way', () => {
    expect(opened.problems).toEqual([]);
  });
});

describe('the change history shows only what changed', () => {
  const run = homewardInBrowser();
  let opened: OpenedPage;

  beforeAll(async () => {
    opened = await run.open(run.home.service.a['registered-therapist']);
  });

  it('saving the form with the risk flags untouched records no change to them', async () => {
    // Flags registered through the API in a different order from the form's checkboxes.
    const patient = await registerPatientByApi(run.home, run.home.service.a['registered-therapist'], { riskFlags: ['animals', 'visit-in-pairs'] });
    const page = opened.page;
    await page.goto(`/patients/${patient.id}/edit`);
    await page.getByLabel('Phone number (optional)').fill('01632 960999');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(`**/patients/${patient.id}?saved=1`);
    await page.goto(`/patients/${patient.id}/history`);
    const changed = await page.getByRole('table', { name: 'What changed in version 2' }).locator('tbody tr td:first-child').allTextContents();
    expect(changed).toEqual(['Phone']);
  });
});

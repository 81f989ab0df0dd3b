// Issue 11, items 1, 5 and 8, in a real browser at desktop, tablet (768 px) and phone (390 px) widths,
// axe on every page: the GP practice asked for at registration and on the referral, and a missing one
// said where discharge starts with the way to add it; the patient page as the hub of a patient's
// episodes, records and letters; finding a patient by part of a name.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkAtEveryWidth, expectNoAxeViolations, homewardInBrowser, referAndTriageByApi, registerPatientByApi } from './browser.ts';
import { clickAndWait, fillDate, flash, heading, squash } from './record-pages.ts';
import { seedEpisode } from '../packages/server/test/seed-episode.ts';


describe('the GP practice asked for up front (item 8), the patient page as the hub (item 1), finding by part of a name (item 5)', () => {
  const run = homewardInBrowser();
  let page: Page;
  let patientId: string;
  let episodeId: string;

  beforeAll(async () => {
    const therapist = run.home.service.a['registered-therapist'];
    const patient = await registerPatientByApi(run.home, therapist, { nhsNumber: '9434765870', givenName: 'Jan', familyName: 'Kowalski', gpPracticeCode: null, gpPracticeName: null });
    patientId = patient.id;
    ({ episodeId } = await referAndTriageByApi(run.home, therapist, patientId));
    page = await run.pageFor(therapist);
  });

  it('registration asks for the practice name and ODS code, and refuses half of one', async () => {
    await page.goto('/patients/new');
    const gp = page.getByRole('group', { name: 'GP practice' });
    await expect(gp.getByLabel('Practice name').isVisible()).resolves.toBe(true);
    await gp.getByLabel('Practice name').fill('Burslem Health Centre');
    await page.getByRole('button', { name: 'Register patient' }).click();
    await page.locator('.nhsuk-error-summary').waitFor();
    const link = page.locator('.nhsuk-error-summary').getByRole('link', { name: 'Enter the GP practice’s ODS code as well as its name, like M83001' });
    await expect(link.getAttribute('href')).resolves.toBe('#gpPracticeCode');
    await checkAtEveryWidth(page, 'register (GP practice half given)');
  });

  it('the referral form asks for it when none is recorded', async () => {
    await page.goto(`/patients/${patientId}/referrals/new`);
    const gp = page.getByRole('group', { name: 'The patient’s GP practice' });
    await expect(gp.getByLabel('Practice ODS code').isVisible()).resolves.toBe(true);
    await checkAtEveryWidth(page, 'referral form (GP practice asked)');
  });

  it('the discharge page says it is missing before anything is filled in, and takes you to add it and back', async () => {
    await page.goto(`/episodes/${episodeId}/discharge`);
    await expect(heading(page)).resolves.toBe('Discharge the patient');
    await expect(page.getByRole('heading', { name: 'No GP practice recorded' }).isVisible()).resolves.toBe(true);
    await checkAtEveryWidth(page, 'discharge form (no GP practice)');
    await clickAndWait(page, page.getByRole('link', { name: 'Add the GP practice to Jan Kowalski’s details' }), `**/patients/${patientId}/edit?next=*`);
    await expect(page.evaluate(() => location.hash)).resolves.toBe('#gpPracticeName');
    await checkAtEveryWidth(page, 'change details (from discharge)');
    await page.getByLabel('Practice name').fill('Burslem Health Centre');
    await page.getByLabel('Practice ODS code').fill('m83 001');
    await clickAndWait(page, page.getByRole('button', { name: 'Save changes' }), `**/episodes/${episodeId}/discharge?details=saved`);
    await expect(flash(page)).resolves.toContain('Patient details saved.');
    await expect(page.getByRole('heading', { name: 'No GP practice recorded' }).count()).resolves.toBe(0);
    await checkAtEveryWidth(page, 'discharge form (GP practice added)');
    const gp = await run.home.db.selectFrom('patients').select(['gp_practice_code', 'gp_practice_name']).where('id', '=', patientId).executeTakeFirstOrThrow();
    expect(gp).toEqual({ gp_practice_code: 'M83001', gp_practice_name: 'Burslem Health Centre' });
  });

  it('the patient page lists each episode with its status and the way into its record; another team’s in summary', async () => {
    await seedEpisode(run.home, { patientId, service: 'stroke-early-supported-discharge', allocatedTo: run.home.service.otherTeamTherapist.id, teamId: run.home.service.teamB, triagedBy: run.home.service.otherTeamTherapist.id });
    await page.goto(`/patients/${patientId}`);
    await expect(heading(page)).resolves.toBe('Patient details');
    const episodes = page.locator('.nhsuk-card');
    await expect(episodes.count()).resolves.toBe(2);
    const other = episodes.filter({ hasText: 'Stafford Therapies (another team)' });
    await expect(other.getByRole('link', { name: /^Clinical record/ }).count()).resolves.toBe(0);
    await expect(other.getByRole('link', { name: /^Emergency access/ }).count()).resolves.toBe(1);
    const own = episodes.filter({ hasText: 'North Staffs Therapies' });
    expect(squash(await own.textContent())).toContain('Waiting');
    await checkAtEveryWidth(page, 'patient page (hub)');
    await clickAndWait(page, own.getByRole('link', { name: /^Clinical record/ }), `**/episodes/${episodeId}/record`);
    await expect(heading(page)).resolves.toBe('Clinical record');
    await page.goBack();
    await clickAndWait(page, own.getByRole('link', { name: /^Timeline/ }), `**/episodes/${episodeId}/timeline`);
    await expectNoAxeViolations(page, 'timeline from the hub');
  });

  it('finds the patient by part of a name that sounds alike, with the year of birth, says why, and leads to the hub', async () => {
    await page.goto('/patients/search');
    await checkAtEveryWidth(page, 'find a patient (empty)');
    await page.getByLabel('Name', { exact: true }).fill('jan kowalsky');
    await fillDate(page.getByRole('group', { name: 'Date of birth (optional)' }), '', '', '1941');
    await clickAndWait(page, page.getByRole('button', { name: 'Search by name' }), /by=name/);
    await page.getByRole('heading', { name: '1 patient found' }).waitFor();
    const result = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'KOWALSKI, Jan' }) });
    expect(squash(await result.textContent())).toContain('Matched on: given name “jan”, family name sounds like “kowalsky”, born in 1941');
    await checkAtEveryWidth(page, 'find a patient (results)');
    await page.getByLabel('Name', { exact: true }).fill('');
    await page.getByLabel('Postcode (optional)').fill('XX');
    await page.getByRole('button', { name: 'Search by name' }).click();
    await page.locator('.nhsuk-error-summary').waitFor();
    await checkAtEveryWidth(page, 'find a patient (errors)');
    await page.goBack();
    await clickAndWait(page, page.getByRole('link', { name: 'KOWALSKI, Jan' }), `**/patients/${patientId}`);
    await expect(page.getByRole('heading', { name: 'Episodes of care' }).isVisible()).resolves.toBe(true);
  });

  it('raised no script errors, CSP refusals or missing assets', () => {
    expect(run.problems()).toEqual([]);
    expect(run.externalRequests()).toEqual([]);
  });
});

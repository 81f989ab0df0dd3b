// Issue 16 #2 and #3 in the browser, on a desktop, a tablet and a phone: the clinical lead signs off a
// therapist's hoist competence with its evidence and the last day it counts (a part-filled expiry date is
// refused with the NHS.UK error summary first); the therapist sees it due soon on her home page; she logs a
// CPD activity with day/month/year fields, sees it in her log, and downloads the CPD profile HCPC asks for.
// Every page fits 390 px and 768 px without sideways scrolling and is axe clean.
import { describe, expect, it } from 'vitest';
import { checkAtEveryWidth, followHeaderLink, homewardInBrowser } from './browser.ts';
import { clickAndWait, flash, heading, squash, submitExpectingErrors } from './record-pages.ts';

const widths = [390, 768] as const;

describe('competences with evidence and expiry, and a CPD log with its HCPC profile', () => {
  const run = homewardInBrowser();

  it('the lead signs off a hoist competence; the therapist sees it due, logs CPD and downloads her profile', async () => {
    const lead = run.home.service.a['clinical-lead'];
    const therapist = run.home.service.a['registered-therapist'];

    // The lead: the team's competences, every clinical role listed; a sign-off with a half-filled expiry, then right.
    const page = await run.pageFor(lead);
    await page.goto('/');
    await Promise.all([page.waitForURL('**/staff/competences'), followHeaderLink(page, 'Competences')]);
    await expect(heading(page)).resolves.toBe('Staff competences');
    await page.getByLabel('Who was assessed?').selectOption({ label: 'Alex registered therapist (registered therapist)' });
    await page.getByLabel('Competence', { exact: true }).selectOption({ label: 'Hoist transfers (moving and handling with a hoist)' });
    await page.locator('#assessedOn-day').fill('20');
    await page.locator('#assessedOn-month').fill('11');
    await page.locator('#assessedOn-year').fill('2026');
    await page.locator('#expiresOn-day').fill('10');
    await page.locator('#expiresOn-year').fill('2026');
    await page.getByLabel('Evidence').fill('Observed two hoist transfers with a Maxi Move');
    await expect(submitExpectingErrors(page, page.getByRole('button', { name: 'Record the competence' }))).resolves.toEqual(['Date it expires must include a month']);
    await checkAtEveryWidth(page, 'competences with an error', widths);
    await page.locator('#expiresOn-month').fill('12');
    await clickAndWait(page, page.getByRole('button', { name: 'Record the competence' }), '**/staff/competences?done=recorded**');
    await expect(flash(page)).resolves.toContain('Competence recorded');
    const row = squash(await page.locator(`#staff-${therapist.id} + table`).innerText());
    expect(row).toContain('Evidence: Observed two hoist transfers with a Maxi Move');
    expect(row).toContain('Counts until 10 December 2026');
    expect(row).toContain('Expires soon');
    await checkAtEveryWidth(page, 'competences', widths);

    // The therapist: due on her home page; a CPD activity logged; her log; the profile.
    const mine = await run.pageFor(therapist);
    await mine.goto('/');
    expect(squash(await mine.locator('main').innerText())).toContain('Your competence in hoist transfers (moving and handling with a hoist) expires on 10 December 2026');
    await checkAtEveryWidth(mine, 'home with a competence due', widths);
    await mine.goto('/cpd');
    expect(new URL(mine.url()).pathname).toBe(`/staff/${therapist.id}/cpd`);
    await expect(heading(mine)).resolves.toBe('Your CPD log');
    await checkAtEveryWidth(mine, 'an empty CPD log', widths);
    await clickAndWait(mine, mine.getByRole('button', { name: 'Add a CPD activity' }), '**/cpd/new');
    await mine.getByLabel('Activity', { exact: true }).fill('Falls prevention study day');
    await mine.locator('#doneOn-day').fill('14');
    await mine.locator('#doneOn-month').fill('10');
    await mine.locator('#doneOn-year').fill('2026');
    await mine.getByLabel('Hours', { exact: true }).fill('6.5');
    await mine.getByLabel('Formal or educational').check();
    await mine.getByLabel('What did you learn?').fill('Using the FRAT on a first visit');
    await mine.getByLabel('How has it changed your practice?').fill('I screen every new patient for falls risk');
    await mine.getByRole('checkbox', { name: /Standard 3/ }).check();
    await mine.getByRole('checkbox', { name: /Standard 4/ }).check();
    await checkAtEveryWidth(mine, 'CPD activity form', widths);
    await clickAndWait(mine, mine.getByRole('button', { name: 'Add to my log' }), /\/cpd\/[0-9a-f-]{36}\?done=logged$/);
    await expect(flash(mine)).resolves.toContain('CPD activity added to your log');
    await checkAtEveryWidth(mine, 'a CPD activity', widths);
    await clickAndWait(mine, mine.getByRole('link', { name: 'Back to the CPD log' }), /\/cpd$/);
    expect(squash(await mine.locator('main').innerText())).toContain('Falls prevention study day');
    await checkAtEveryWidth(mine, 'the CPD log', widths);
    await clickAndWait(mine, mine.getByRole('link', { name: 'CPD profile for an HCPC audit (PDF)' }), /\/cpd\/profile$/);
    await checkAtEveryWidth(mine, 'the CPD profile page', widths);
    await mine.getByLabel('Summary of practice').fill('I am an occupational therapist in a community rehabilitation team.');
    const [download] = await Promise.all([mine.waitForEvent('download'), mine.getByRole('button', { name: 'Download the CPD profile (PDF)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^cpd-profile-Alex-registered-therapist-2026-11-24\.pdf$/);

    // The lead sees the team's CPD, and her log from it.
    await page.goto('/cpd');
    await clickAndWait(page, page.getByRole('link', { name: 'The team’s CPD' }), '**/cpd/team');
    await checkAtEveryWidth(page, 'the team’s CPD', widths);
    await clickAndWait(page, page.getByRole('link', { name: 'Alex registered therapist' }), `**/staff/${therapist.id}/cpd`);
    await expect(heading(page)).resolves.toBe('Alex registered therapist: CPD log');
    expect(run.problems()).toEqual([]);
  });
});

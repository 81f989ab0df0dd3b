// Issue 16 #5's "Done when", in a real browser: the clinical lead imports an ESR-style CSV of training
// completions with two bad rows (someone not in the team, a date in the future), choosing the file ESR gave
// her (a file with the wrong columns first, refused with the error summary). The preview says exactly
// what will be added and lists the two rows with their reasons; nothing changes until she confirms; the
// team's compliance chart and its table then show it; the same file again changes nothing. Every page is
// checked at a phone's and a tablet's width, axe clean, without sideways scrolling.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signIn } from '../packages/server/test/test-app.ts';
import { checkAtEveryWidth, followHeaderLink, homewardInBrowser } from './browser.ts';
import { clickAndWait, errorSummary, flash, heading, squash } from './record-pages.ts';

const widths = [390, 768] as const;
// The file input itself: nhsuk-frontend's script puts a drop zone button in front of it, with its label.
const fileInput = (page: Page) => page.locator('input[type="file"][name="csvFile"]');

describe('importing training completions from ESR, with two bad rows', () => {
  const run = homewardInBrowser();

  it('previews, lists the bad rows with reasons, imports on confirmation, and the same file again changes nothing', async () => {
    const home = run.home;
    const a = home.service.a;
    const lead = await signIn(home.app, a['clinical-lead']);
    for (const course of [
      { code: 'CSTF-FIRE', name: 'Fire Safety', renewalMonths: 24, roles: ['registered-therapist', 'assistant-practitioner', 'support-worker', 'clinical-lead'] },
      { code: 'CSTF-BLS', name: 'Basic Life Support', renewalMonths: 12, roles: ['registered-therapist', 'assistant-practitioner'] },
    ]) expect((await lead.post('/api/training/courses', course)).statusCode).toBe(201);
    const csv = [
      'Employee Number,Full Name,Email Address,Competence Name,Achievement Date',
      `1001,Alex Therapist,${a['registered-therapist'].email},NHS|CSTF|Fire Safety|,03/03/2026`,
      `1001,Alex Therapist,${a['registered-therapist'].email},CSTF-BLS,01-DEC-2025`,
      `1002,Alex Assistant,${a['assistant-practitioner'].email},CSTF-BLS,10/01/2026`,
      `1003,Alex Support,${a['support-worker'].email},CSTF-FIRE,15/06/2025`,
      '1999,Sam Elsewhere,sam.elsewhere@test.example,CSTF-FIRE,03/03/2026',
      `1002,Alex Assistant,${a['assistant-practitioner'].email},CSTF-FIRE,01/01/2027`,
    ].join('\n');

    const page = await run.pageFor(a['clinical-lead']);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${home.baseUrl}/`);
    await followHeaderLink(page, 'Training and PDC');
    expect(await heading(page)).toBe('Your training');
    await clickAndWait(page, page.getByRole('link', { name: 'Import completions from ESR' }), /\/training\/imports\/new$/);
    await checkAtEveryWidth(page, 'the import form', widths);

    // The wrong export first: refused, said beside the file input, nothing stored.
    await fileInput(page).setInputFiles({ name: 'staff-list.csv', mimeType: 'text/csv', buffer: Buffer.from('Name,Course\nAlex,Fire') });
    await clickAndWait(page, page.getByRole('button', { name: 'Preview the import' }), /\/training\/imports\/new$/);
    expect(squash(await errorSummary(page).textContent())).toContain('The file has the wrong columns');
    await errorSummary(page).getByRole('link').first().click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('csvFile');
    await checkAtEveryWidth(page, 'the import form with its problem', widths);
    expect((await home.db.selectFrom('training_imports').select('id').execute()).length).toBe(0);

    const esrFile = { name: 'esr-november.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };
    await fileInput(page).setInputFiles(esrFile);
    await clickAndWait(page, page.getByRole('button', { name: 'Preview the import' }), /\/training\/imports\/[0-9a-f-]{36}$/);
    expect(await heading(page)).toBe('Check the import before confirming');
    expect(squash(await page.locator('main').textContent())).toContain('esr-november.csv');
    const summary = squash(await page.locator('#import-summary').textContent());
    expect(summary).toContain('4 completions will be added');
    expect(summary).toContain('2 rows cannot be used');
    const problems = page.getByRole('table').filter({ has: page.getByText('Why') }).first();
    expect(squash(await problems.textContent())).toContain('Nobody in your team has the email address sam.elsewhere@test.example');
    expect(squash(await problems.textContent())).toContain('01/01/2027 is in the future');
    await checkAtEveryWidth(page, 'the import preview', widths);
    // Nothing is imported yet.
    expect((await home.db.selectFrom('training_completions').select('id').execute()).length).toBe(0);

    await clickAndWait(page, page.getByRole('button', { name: 'Confirm and import 4 completions' }), /done=confirmed/);
    expect(await flash(page)).toContain('4 completions were added');
    expect((await home.db.selectFrom('training_completions').select('id').execute()).length).toBe(4);
    await checkAtEveryWidth(page, 'the import confirmed', widths);

    await clickAndWait(page, page.getByRole('link', { name: 'Team training compliance' }), /\/training\/team$/);
    expect(await page.locator('#compliance-chart-title').textContent()).toContain('of required training is in date');
    expect(squash(await page.getByRole('table').filter({ hasText: 'Compliance by course' }).textContent())).toContain('Basic Life Support');
    await checkAtEveryWidth(page, 'team training compliance', widths);

    // The same file again: everything already recorded, nothing to add.
    await page.goto(`${home.baseUrl}/training/imports/new`);
    await fileInput(page).setInputFiles(esrFile);
    await clickAndWait(page, page.getByRole('button', { name: 'Preview the import' }), /\/training\/imports\/[0-9a-f-]{36}$/);
    expect(squash(await page.locator('#import-summary').textContent())).toContain('0 completions will be added');
    expect(squash(await page.locator('main').textContent())).toContain('This very file was imported before');
    await clickAndWait(page, page.getByRole('button', { name: 'Confirm and import 0 completions' }), /done=confirmed/);
    expect((await home.db.selectFrom('training_completions').select('id').execute()).length).toBe(4);

    // The therapist's home page says what is due (her Basic Life Support expires on 1 December).
    const therapistPage = await run.pageFor(a['registered-therapist']);
    await therapistPage.goto(`${home.baseUrl}/`);
    expect(squash(await therapistPage.locator('#due').locator('..').textContent())).toContain('Basic Life Support: expires soon');
    await checkAtEveryWidth(therapistPage, 'the therapist’s home page', widths);
    expect(run.problems()).toEqual([]);
  });
});

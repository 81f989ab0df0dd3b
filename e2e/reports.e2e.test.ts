// Issue 18's reports in a real browser: the clinical lead opens Reports from the header, chooses the dates
// with day/month/year fields, and reads each report (SSNAP therapy, waiting, D2A, activity, outcomes):
// its chart with the figures in the table beside it, and the CSV link. A therapist records a Discharge
// Ready Date and a delay reason from the episode. Every page axe clean at a phone's and a tablet's width,
// without sideways scrolling. The figures themselves are proved in reports/reports.int.test.ts.
import { describe, expect, it } from 'vitest';
import { seedReportData } from '../packages/server/test/seed-report-data.ts';
import { checkAtEveryWidth, followHeaderLink, homewardInBrowser } from './browser.ts';
import { clickAndWait, fillDate, flash, squash } from './record-pages.ts';

const widths = [390, 768] as const;

describe('reports', () => {
  const run = homewardInBrowser();

  it('the lead reads each report for chosen dates, with its chart, table and CSV', async () => {
    const home = run.home;
    const data = await seedReportData(home);
    const lead = home.service.a['clinical-lead'];
    const page = await run.pageFor(lead);
    await page.goto('/');
    await followHeaderLink(page, 'Reports');
    await page.waitForURL(/\/reports$/);
    await checkAtEveryWidth(page, 'the reports', widths);

    await clickAndWait(page, page.getByRole('link', { name: 'SSNAP therapy' }), /\/reports\/ssnap$/);
    await fillDate(page.getByRole('group', { name: 'From' }), '1', '11', '2026');
    await fillDate(page.getByRole('group', { name: 'To' }), '23', '11', '2026');
    await clickAndWait(page, page.getByRole('button', { name: 'Show the report' }), /from-day=1/);
    expect(await page.locator('figure svg title').textContent()).toContain('for 2 stroke patients');
    const totals = squash(await page.locator('table').first().locator('tr', { hasText: 'All therapy' }).textContent());
    expect(totals).toContain('All therapy');
    expect(totals).toContain('160');
    await checkAtEveryWidth(page, 'the SSNAP report', widths);
    const query = new URL(page.url()).search;

    for (const [report, shows] of [
      ['waiting', 'Breaches'],
      ['d2a', 'Why discharges came after the ready date'],
      ['activity', 'By clinician'],
      ['outcomes', 'Goal attainment (GAS T-scores)'],
    ] as const) {
      await page.goto(`/reports/${report}${query}`);
      expect(squash(await page.locator('main').textContent())).toContain(squash(shows));
      expect(await page.locator('figure svg').count(), report).toBe(1);
      expect(await page.getByRole('link', { name: 'Download this report as a spreadsheet (CSV)' }).getAttribute('href')).toContain(`/reports/${report}.csv?`);
      await checkAtEveryWidth(page, `the ${report} report`, widths);
    }

    // Bad dates: the error summary, and no report.
    await fillDate(page.getByRole('group', { name: 'From' }), '31', '2', '2026');
    await clickAndWait(page, page.getByRole('button', { name: 'Show the report' }), /from-day=31/);
    expect(squash(await page.locator('.nhsuk-error-summary').textContent())).toContain(squash('The date from must be a real date'));
    await checkAtEveryWidth(page, 'a report with a bad date', widths);

    // A therapist records the Discharge Ready Date and why the patient is still at home with the team.
    const therapist = home.service.a['registered-therapist'];
    const tPage = await run.pageFor(therapist);
    await tPage.goto(`/episodes/${data.e1.episodeId}`);
    await clickAndWait(tPage, tPage.getByRole('link', { name: 'Discharge Ready Date and delays' }), /\/discharge-ready$/);
    await checkAtEveryWidth(tPage, 'the Discharge Ready Date', widths);
    await fillDate(tPage.getByRole('group', { name: 'Discharge Ready Date' }), '20', '11', '2026');
    await tPage.getByLabel('Waiting for a care home place (pathway 3)').check();
    await clickAndWait(tPage, tPage.getByRole('button', { name: 'Save' }), /done=recorded/);
    expect(await flash(tPage)).toContain('Discharge Ready Date recorded');
    expect(squash(await tPage.locator('main').textContent())).toContain(squash('Waiting for a care home place (pathway 3)'));
    await checkAtEveryWidth(tPage, 'the Discharge Ready Date recorded', widths);
  });
});

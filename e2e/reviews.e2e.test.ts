// Reviews and scores over time in a real browser, with axe on every page state: Mrs B's D2A pathway 1
// episode starts on 24 November (six weeks planned: half-way 15 December, end 5 January) with a baseline
// Barthel of 12 and Timed Up and Go of 15.2 s; at half-way her Barthel is 16. Her assistant practitioner
// sees the review and the assessments due on her caseload, reads the charts and their data tables,
// follows the prompt to record the Timed Up and Go at review, and records the half-way review, which
// extends the episode and moves the review date on the caseload.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { barthelAt12, barthelAt16, episodeAllocatedTo, expectNoAxeViolations, homewardInBrowser, useSession, type OpenedPage } from './browser.ts';
import { clickAndWait, fillDate, flash, heading, squash, submitExpectingErrors } from './record-pages.ts';

describe('reviews and scores over time', () => {
  const run = homewardInBrowser();
  let opened: OpenedPage;
  let ap: Page;
  let episodeId: string;

  beforeAll(async () => {
    const assistant = run.home.service.a['assistant-practitioner'];
    const allocated = await episodeAllocatedTo(run.home, assistant);
    ({ episodeId } = allocated);
    run.home.clock.set(new Date('2026-11-24T11:00:00Z'));
    let client = await run.home.signIn(assistant);
    const contact = await client.post(`/api/episodes/${episodeId}/first-contact`, { at: '2026-11-24T10:00:00Z', assessed: true, version: allocated.version });
    if (contact.statusCode !== 200) throw new Error(`could not record first contact: ${contact.statusCode} ${contact.body}`);
    const assess = async (instrumentId: string, timePoint: string, administeredAt: string, responses: Record<string, number>) => {
      const res = await client.post(`/api/episodes/${episodeId}/assessments`, { instrumentId, method: 'observed', timePoint, administeredAt, responses });
      if (res.statusCode !== 201) throw new Error(`could not record an assessment: ${res.statusCode} ${res.body}`);
    };
    await assess('barthel-index', 'baseline', '2026-11-24T10:10:00Z', barthelAt12);
    await assess('timed-up-and-go', 'baseline', '2026-11-24T10:20:00Z', { seconds: 15.2, aid: 4, assistance: 2 });
    run.home.clock.set(new Date('2026-12-15T10:00:00Z'));
    client = await run.home.signIn(assistant);
    await assess('barthel-index', 'review', '2026-12-15T09:00:00Z', barthelAt16);
    opened = await run.open(assistant);
    ap = opened.page;
  });

  const reviewCell = async (page: Page) => squash(await page.locator('table.hw-caseload tbody tr').first().locator('td').nth(4).textContent());

  it('her caseload shows Mrs B’s half-way review due and the assessments due, and filters to reviews due', async () => {
    await ap.goto('/caseload');
    await expect(heading(ap)).resolves.toBe('My caseload');
    const cell = await reviewCell(ap);
    expect(cell).toContain('15 December 2026');
    expect(cell).toContain('Review due');
    expect(cell).toContain('Assessments due');
    expect(cell).toContain('Timed Up and Go: review');
    await expectNoAxeViolations(ap, 'caseload (review due)');

    await ap.getByLabel('Only reviews due or overdue').check();
    await clickAndWait(ap, ap.getByRole('button', { name: 'Apply filters' }), /\/caseload\?.*reviewsDue=1/);
    await expect(ap.locator('table.hw-caseload tbody tr').count()).resolves.toBe(1);
    await expectNoAxeViolations(ap, 'caseload (reviews due filter)');
  });

  it('she reads the charts and their data tables, and follows the prompt to record the Timed Up and Go at review', async () => {
    await ap.goto(`/episodes/${episodeId}/record`);
    await clickAndWait(ap, ap.getByRole('link', { name: 'Assessments and scores over time' }), `**/episodes/${episodeId}/assessments`);
    await expect(heading(ap)).resolves.toBe('Assessments');
    const chart = ap.getByRole('img', { name: /^Barthel Index rose from 12 to 16 points between 24 Nov and 15 Dec: improved, and passes the minimal clinically important difference/ });
    await expect(chart.isVisible()).resolves.toBe(true);
    const table = ap.getByRole('table', { name: /^Barthel Index: every score/ });
    const review = squash(await table.locator('tbody tr').first().textContent());
    expect(review).toContain('Review');
    expect(review).toContain('16 points');
    expect(review).toContain('Up 4 points (improved)');
    expect(review).toMatch(/Yes$/);
    const callout = ap.locator('#assessments-due');
    await expect(callout.textContent()).resolves.toContain('Timed Up and Go: reassessment for the review, due 15 December 2026');
    await expectNoAxeViolations(ap, 'assessments with charts and prompts');

    await clickAndWait(ap, callout.getByRole('link', { name: /Record the Timed Up and Go/ }), /\/assessments\/new\?instrument=timed-up-and-go&timePoint=review$/);
    const when = ap.getByRole('group', { name: 'When in the episode was this done?' });
    await expect(when.getByLabel('Review', { exact: true }).isChecked()).resolves.toBe(true);
    await expectNoAxeViolations(ap, 'assessment form (review preselected)');
    await ap.getByLabel('Time (seconds)').fill('11.4');
    await ap.getByRole('group', { name: 'Walking aid used' }).getByLabel('Walking frame').check();
    await ap.getByRole('group', { name: 'Assistance' }).getByLabel('None', { exact: true }).check();
    await clickAndWait(ap, ap.getByRole('button', { name: 'Save the TUG' }), /\/assessments\?done=/);
    await expect(ap.locator('#assessments-due').count()).resolves.toBe(0);
    await expect(ap.getByRole('img', { name: /^Timed Up and Go fell from 15.2 to 11.4 seconds/ }).isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(ap, 'assessments (prompts answered)');
  });

  it('she records the half-way review, extending the episode; the review date moves on the caseload', async () => {
    await ap.goto(`/episodes/${episodeId}/record`);
    await clickAndWait(ap, ap.getByRole('link', { name: 'Reviews', exact: true }), `**/episodes/${episodeId}/reviews`);
    await expect(heading(ap)).resolves.toBe('Reviews');
    await expect(ap.getByText('No assessments are due').isVisible()).resolves.toBe(true);
    await expect(ap.getByText('No reviews held yet.').isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(ap, 'reviews (none held)');

    await clickAndWait(ap, ap.getByRole('link', { name: 'Record a review' }), `**/episodes/${episodeId}/reviews/new`);
    await expect(heading(ap)).resolves.toBe('Record a review');
    await expect(ap.getByRole('group', { name: 'Which review was this?' }).getByLabel('Half-way review').isChecked()).resolves.toBe(true);
    await expectNoAxeViolations(ap, 'review form (empty)');

    await ap.getByRole('group', { name: 'Decision' }).getByLabel('Extend the episode').check();
    expect(await submitExpectingErrors(ap, ap.getByRole('button', { name: 'Save the review' }))).toEqual([
      'Enter a summary of the review: progress against goals and the reasons for the decision',
      'Enter the new planned end of the episode: extending needs a new end date',
      'Enter the date of the next review',
    ]);
    await expectNoAxeViolations(ap, 'review form (errors)');

    await ap.getByLabel('Summary of the review').fill('Walking indoors with a frame; Barthel up 4. Stairs still need help: extend two weeks for stair practice.');
    await fillDate(ap.getByRole('group', { name: 'New planned end (only when extending)' }), '19', '1', '2027');
    await fillDate(ap.getByRole('group', { name: 'Date of the next review' }), '5', '1', '2027');
    await clickAndWait(ap, ap.getByRole('button', { name: 'Save the review' }), /\/reviews\?done=/);
    await expect(flash(ap)).resolves.toContain(
      'Half-way review recorded: extend the episode. Next review 5 January 2027. Planned end now 19 January 2027.',
    );
    const held = squash(await ap.getByRole('table', { name: 'Reviews held, most recent first' }).locator('tbody tr').first().textContent());
    expect(held).toContain('Half-way review: extend the episode');
    expect(held).toContain('Planned end moved to 19 January 2027');
    await expectNoAxeViolations(ap, 'reviews (review recorded)');

    await useSession(ap.context(), run.home, run.home.service.a['assistant-practitioner']);
    await ap.goto('/caseload');
    const cell = await reviewCell(ap);
    expect(cell).toContain('5 January 2027');
    expect(cell).not.toContain('Review due');
    expect(cell).not.toContain('Assessments due');
    await expectNoAxeViolations(ap, 'caseload (review moved)');
    expect(opened.problems).toEqual([]);
  });
});

// Issue 17 #1 in a real browser: a support worker reports a near miss on one short page (when it happened
// is filled in for her: she picks what it was, where and the harm, and says what happened), anonymously;
// the clinical lead triages it and closes it with the learning and what she will be told; she finds the
// outcome on her home page and reads it. Every page axe clean at a phone's and a tablet's width, without
// sideways scrolling.
import { describe, expect, it } from 'vitest';
import { checkAtEveryWidth, followHeaderLink, homewardInBrowser } from './browser.ts';
import { clickAndWait, flash, squash } from './record-pages.ts';

const widths = [390, 768] as const;

describe('a near miss reported in a minute, and its outcome seen by the reporter', () => {
  const run = homewardInBrowser();

  it('reports on one page, is triaged and closed by the lead, and the outcome reaches the reporter’s home page', async () => {
    const home = run.home;
    const supportWorker = home.service.a['support-worker'];
    const lead = home.service.a['clinical-lead'];

    // The support worker: Safety, then one page.
    const sPage = await run.pageFor(supportWorker);
    await sPage.goto('/');
    await followHeaderLink(sPage, 'Safety');
    await checkAtEveryWidth(sPage, 'the safety page', widths);
    await clickAndWait(sPage, sPage.getByRole('link', { name: 'Report an incident or near miss' }), /\/safety\/incidents\/new$/);
    await checkAtEveryWidth(sPage, 'reporting an incident', widths);
    // Sent with nothing chosen: the error summary, nothing written.
    await clickAndWait(sPage, sPage.getByRole('button', { name: 'Send the report' }), /\/safety\/incidents\/new$/);
    expect(squash(await sPage.locator('.nhsuk-error-summary').textContent())).toContain('Select whether it was an incident or a near miss');
    await checkAtEveryWidth(sPage, 'a report with problems', widths);
    await sPage.getByLabel('Near miss (it was caught before it happened)').check();
    await sPage.getByLabel('Where did it happen?').selectOption('patient-home');
    await sPage.getByLabel('Where exactly').fill('Bathroom');
    await sPage.getByLabel('What was it about?').selectOption('moving-and-handling');
    await sPage.getByLabel('What happened?').fill('The sling laid out was a size too small; I noticed before the transfer.');
    await sPage.getByLabel('A patient', { exact: true }).check();
    await sPage.getByLabel('What was done straight away?').fill('Fetched the right sling from the car');
    await sPage.getByLabel('No physical harm').check();
    await sPage.getByLabel('Yes, show my report as anonymous to colleagues').check();
    await clickAndWait(sPage, sPage.getByRole('button', { name: 'Send the report' }), /\/reported$/);
    const panel = squash(await sPage.locator('.nhsuk-panel').textContent());
    const reference = /INC-\d{6}/.exec(panel)![0];
    await checkAtEveryWidth(sPage, 'report sent', widths);

    // The lead: the team's incidents, the report (anonymous), triage, close.
    const page = await run.pageFor(lead);
    await page.goto('/');
    expect(squash(await page.locator('.hw-due').textContent())).toContain('One incident report is waiting for triage');
    await followHeaderLink(page, 'Safety');
    await clickAndWait(page, page.getByRole('link', { name: 'The team’s incidents' }), /\/safety\/incidents$/);
    await checkAtEveryWidth(page, 'the team’s incidents', widths);
    expect(squash(await page.locator('main').textContent())).toContain('Anonymous');
    await clickAndWait(page, page.getByRole('link', { name: reference }), /\/safety\/incidents\/[0-9a-f-]{36}$/);
    await checkAtEveryWidth(page, 'an incident for its handler', widths);
    await page.getByLabel('Local review by the team').check();
    await page.getByLabel('Triage note').fill('Local review with the stores lead');
    await clickAndWait(page, page.getByRole('button', { name: 'Record the triage' }), /done=triaged/);
    expect(await flash(page)).toContain('Triage recorded');
    await page.getByLabel('The learning', { exact: true }).last().fill('Label slings by size and check the label before each transfer');
    await page.getByLabel('What the person who reported it will be told').fill('Thank you. Every sling is now labelled by size.');
    await clickAndWait(page, page.getByRole('button', { name: 'Close the incident' }), /done=closed/);
    expect(await flash(page)).toContain('Incident closed');
    await checkAtEveryWidth(page, 'a closed incident', widths);

    // The reporter finds the outcome on her home page, and reads it.
    await sPage.goto('/');
    const due = sPage.locator('.hw-due');
    expect(squash(await due.textContent())).toContain(`The outcome of your report ${reference} is ready to read`);
    await checkAtEveryWidth(sPage, 'home with an outcome to read', widths);
    await clickAndWait(sPage, due.getByRole('link', { name: /The outcome of your report/ }), /\/safety\/incidents\/[0-9a-f-]{36}$/);
    expect(squash(await sPage.locator('#outcome').textContent())).toContain('Every sling is now labelled by size.');
    await checkAtEveryWidth(sPage, 'the outcome for the reporter', widths);
    await sPage.goto('/');
    expect(await sPage.locator('.hw-due').count() ? squash(await sPage.locator('.hw-due').textContent()) : '').not.toContain('ready to read');
    expect(run.problems()).toEqual([]);
  });
});

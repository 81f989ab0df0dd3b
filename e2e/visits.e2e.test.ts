// Issue 13 part 2 in a real browser at desktop, tablet (768 px) and phone (390 px) widths, axe on
// every page: the clinical lead records Mrs B's visit needs (a window that ends before it starts is
// refused with the error summary first), proposes the next 7 days from the team's visits, opens a
// visit, adds one by hand, and cancels it with the reason.
import { beforeAll, describe, expect, it } from 'vitest';
import { checkAtEveryWidth, episodeAllocatedTo, homewardInBrowser } from './browser.ts';
import { clickAndWait, errorLinks, fillDate, flash, heading, submitExpectingErrors } from './record-pages.ts';


describe('visits from the caseload, in the browser', () => {
  const run = homewardInBrowser();
  let episodeId: string;

  beforeAll(async () => {
    ({ episodeId } = await episodeAllocatedTo(run.home, run.home.service.a['assistant-practitioner']));
  });

  it('visit needs, a week proposed, a visit added and cancelled', async () => {
    const lead = await run.pageFor(run.home.service.a['clinical-lead']);
    await lead.goto(`/episodes/${episodeId}/visit-needs`);
    await expect(heading(lead)).resolves.toBe('Visit needs');
    await checkAtEveryWidth(lead, 'visit needs (defaults)');

    await lead.locator('#window-0-start').fill('10:00');
    await lead.locator('#window-0-end').fill('09:00');
    expect(await submitExpectingErrors(lead, lead.getByRole('button', { name: 'Save visit needs' }))).toEqual(['The window must end after it starts (10:00)']);
    await checkAtEveryWidth(lead, 'visit needs (errors)');
    await lead.locator('#window-0-start').fill('09:00');
    await lead.locator('#window-0-end').fill('10:30');
    await lead.getByRole('group', { name: 'Days the patient cannot be seen' }).getByLabel('Tuesday').check();
    await clickAndWait(lead, lead.getByRole('button', { name: 'Save visit needs' }), /saved=1/);
    await expect(flash(lead)).resolves.toContain('Visit needs saved');

    await lead.goto('/visits/week');
    await checkAtEveryWidth(lead, 'visits, 7 days (empty)');
    await clickAndWait(lead, lead.getByRole('button', { name: 'Propose visits for the next 7 days' }), /proposed=/);
    await expect(flash(lead)).resolves.toMatch(/\d+ visits? proposed for the next 7 days/);
    await checkAtEveryWidth(lead, 'visits, 7 days (proposed)');
    await clickAndWait(lead, lead.getByRole('link', { name: /Mrs|Betty/ }).first(), /\/visits\/[0-9a-f-]+$/);
    await checkAtEveryWidth(lead, 'a visit');

    await lead.goto(`/visits/new?episodeId=${episodeId}`);
    await expect(heading(lead)).resolves.toBe('Add a visit');
    await fillDate(lead.getByRole('group', { name: 'Date of the visit' }), '20', '11', '2026');
    expect(await submitExpectingErrors(lead, lead.getByRole('button', { name: 'Add the visit' }))).toEqual(['The date of the visit cannot be in the past (today is 24 November 2026)']);
    expect(await errorLinks(lead)).toHaveLength(1);
    await checkAtEveryWidth(lead, 'add a visit (errors)');
    await fillDate(lead.getByRole('group', { name: 'Date of the visit' }), '27', '11', '2026');
    await lead.getByLabel('Equipment').check();
    await clickAndWait(lead, lead.getByRole('button', { name: 'Add the visit' }), /done=added/);
    await expect(flash(lead)).resolves.toContain('Visit added.');

    await clickAndWait(lead, lead.getByRole('link', { name: 'Cancel the visit' }), /\/cancel$/);
    await checkAtEveryWidth(lead, 'cancel a visit');
    await lead.getByLabel('Why is the visit cancelled?').fill('Equipment delivery moved');
    await clickAndWait(lead, lead.getByRole('button', { name: 'Cancel the visit' }), /done=cancelled/);
    await expect(flash(lead)).resolves.toContain('Visit cancelled.');
    await lead.goto('/visits?date=2026-11-27');
    await lead.getByText('Equipment delivery moved').waitFor();
    await checkAtEveryWidth(lead, 'visits on a day (with a cancelled visit)');
  });
});

// Issue 16's "Done when" for supervision, in a real browser: the clinical lead names the assistant
// practitioner's supervisor (the form offers only registered staff; the rule's refusals are told in
// src/people/supervision.int.test.ts); the
// supervisor writes up a session from the home page's "Due for you" item (a case from the supervisee's
// caseload, an action for her); the supervisee finds it on her own home page, reads it, and confirms it
// with her comment; the action is on her home page until she marks it done; and the lead's team view
// shows her green. Every page at a phone's and a tablet's width, axe clean, without sideways scrolling.
import { describe, expect, it } from 'vitest';
import { seedEpisode } from '../packages/server/test/seed-episode.ts';
import { testNhsNumberForIndex } from '../packages/server/src/demo/generate-demo-data.ts';
import { checkAtEveryWidth, followHeaderLink, homewardInBrowser, registerPatientByApi } from './browser.ts';
import { clickAndWait, errorLinks, fillDate, flash, squash, summaryValue } from './record-pages.ts';

const widths = [390, 768] as const;

describe('clinical supervision: named, written up by the supervisor, confirmed by the supervisee', () => {
  const run = homewardInBrowser();

  it('a session recorded by the supervisor and confirmed by the supervisee', async () => {
    const home = run.home;
    const lead = home.service.a['clinical-lead'];
    const supervisor = home.service.a['registered-therapist'];
    const ap = home.service.a['assistant-practitioner'];
    const patient = await registerPatientByApi(home, supervisor, { nhsNumber: testNhsNumberForIndex(760_001), givenName: 'Betty', familyName: 'Bloor' });
    await seedEpisode(home, { patientId: patient.id, service: 'd2a-pathway-1', allocatedTo: ap.id });

    // The lead finds the assistant practitioner on the team's view and names the registered therapist (band 6) for her (band 4).
    const leadPage = await run.pageFor(lead);
    await leadPage.goto('/supervision');
    await checkAtEveryWidth(leadPage, 'the lead’s own supervision', widths);
    await clickAndWait(leadPage, leadPage.getByRole('link', { name: 'The team’s supervision' }), /\/supervision\/team$/);
    await checkAtEveryWidth(leadPage, 'the team’s supervision', widths);
    await clickAndWait(leadPage, leadPage.getByRole('link', { name: 'Alex assistant practitioner' }), /\/supervision\/people\/[0-9a-f-]+$/);
    await checkAtEveryWidth(leadPage, 'someone’s supervision, for the lead', widths);
    await clickAndWait(leadPage, leadPage.getByRole('link', { name: /^Name/ }), /\/supervisor$/);
    await checkAtEveryWidth(leadPage, 'naming a supervisor', widths);
    await leadPage.getByLabel('Supervisor').selectOption({ label: 'Alex registered therapist (Registered therapist, band 6)' });
    await fillDate(leadPage.getByRole('group', { name: 'From' }), '1', '11', '2026');
    await clickAndWait(leadPage, leadPage.getByRole('button', { name: 'Name the supervisor' }), /\?done=supervisor$/);
    expect(await flash(leadPage)).toContain('Supervisor named');
    expect(squash(await summaryValue(leadPage, 'Supervisor').textContent())).toContain('Alex registered therapist');

    // The supervisor's home page: her supervisee is overdue (no session on record); from there, the write-up.
    const page = await run.pageFor(supervisor);
    await page.goto('/');
    const due = page.getByRole('link', { name: 'Supervision for Alex assistant practitioner' });
    await clickAndWait(page, due, /\/supervision\/people\/[0-9a-f-]+$/);
    await clickAndWait(page, page.getByRole('button', { name: /Write up a session/ }), /\/sessions\/new$/);
    await checkAtEveryWidth(page, 'writing up a session', widths);
    // Sent with no themes and a date to come: the error summary, nothing saved.
    await fillDate(page.getByRole('group', { name: 'Date of the session' }), '30', '11', '2026');
    await page.getByRole('button', { name: 'Record the session' }).click();
    await page.locator('.nhsuk-error-summary').waitFor();
    expect(await errorLinks(page)).toEqual(['The date of the session must be today or in the past', 'Enter the themes you discussed']);
    await checkAtEveryWidth(page, 'a write-up with problems', widths);
    await fillDate(page.getByRole('group', { name: 'Date of the session' }), '20', '11', '2026');
    await page.getByLabel('Themes discussed').fill('Caseload and priorities; a fall at home');
    const case1 = page.getByRole('group', { name: 'Case 1' });
    await case1.getByLabel('Patient').selectOption({ label: `Betty Bloor (NHS ${patient.nhsNumber.replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3')})` });
    await case1.getByLabel('What was discussed').fill('Stairs practice: grade the steps');
    const action1 = page.getByRole('group', { name: 'Action 1' });
    await action1.getByLabel('Action').fill('Read the falls policy');
    await action1.getByLabel('Who owns it').selectOption({ label: 'Alex assistant practitioner' });
    await fillDate(action1.getByRole('group', { name: 'Due by' }), '4', '12', '2026');
    await clickAndWait(page, page.getByRole('button', { name: 'Record the session' }), /\/supervision\/sessions\/[0-9a-f-]+\?done=recorded$/);
    expect(await flash(page)).toContain('Session recorded');
    await checkAtEveryWidth(page, 'a session recorded, waiting for the supervisee', widths);

    // The supervisee: the action on her home page; the session from her supervision page; confirmed with her comment.
    const apPage = await run.pageFor(ap);
    await apPage.goto('/');
    await apPage.getByRole('link', { name: 'Supervision action: Read the falls policy' }).waitFor();
    await followHeaderLink(apPage, 'Supervision');
    await apPage.waitForURL(/\/supervision$/);
    await checkAtEveryWidth(apPage, 'the supervisee’s own supervision', widths);
    await clickAndWait(apPage, apPage.getByRole('link', { name: '20 November 2026' }), /\/supervision\/sessions\/[0-9a-f-]+$/);
    expect(await apPage.getByText('Stairs practice: grade the steps').isVisible()).toBe(true);
    await checkAtEveryWidth(apPage, 'a session to confirm', widths);
    await apPage.getByLabel('Your comment (optional)').fill('I would add: I asked for a joint visit first');
    await clickAndWait(apPage, apPage.getByRole('button', { name: 'Confirm the session' }), /\?done=confirmed$/);
    expect(await flash(apPage)).toContain('Session confirmed');
    expect(squash(await summaryValue(apPage, 'Status').textContent())).toContain('Confirmed');
    expect(squash(await summaryValue(apPage, 'Alex assistant practitioner’s comment').textContent())).toBe('I would add: I asked for a joint visit first');
    // No way to confirm it again: it is final.
    expect(await apPage.getByRole('button', { name: 'Confirm the session' }).count()).toBe(0);
    await clickAndWait(apPage, apPage.getByRole('button', { name: /Mark done/ }), /\?done=action-done/);
    await checkAtEveryWidth(apPage, 'a confirmed session, its action done', widths);
    await apPage.goto('/');
    expect(await apPage.getByRole('link', { name: 'Supervision action: Read the falls policy' }).count()).toBe(0);

    // The lead's team view: she is in date now.
    await leadPage.goto('/supervision/team');
    const row = leadPage.getByRole('row', { name: /Alex assistant practitioner/ });
    expect(squash(await row.textContent())).toContain('In date');
    expect(run.problems()).toEqual([]);
  });
});

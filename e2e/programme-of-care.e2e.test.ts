// Programme of care in a real browser, with axe on every page state: the registered therapist records
// the support worker's kitchen-practice competence on the staff competences page; Mrs B's assistant
// practitioner opens the programme from the record, is refused when she delegates stairs practice (the
// error summary says which competence is missing and who records it), then sets kitchen practice with
// the support worker twice a week; the support worker logs her visit, and the assistant practitioner
// sees it against what is expected, opens the stop-or-complete page and prints the carer's sheet.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { episodeAllocatedTo, expectNoAxeViolations, homewardInBrowser, useSession } from './browser.ts';
import { clickAndWait, fillDate, flash, heading, squash, submitExpectingErrors } from './record-pages.ts';

describe('programme of care: delegation within competence and completion logs', () => {
  const run = homewardInBrowser();
  const { pageFor } = run;
  let episodeId: string;
  let ap: Page;

  beforeAll(async () => {
    ({ episodeId } = await episodeAllocatedTo(run.home, run.home.service.a['assistant-practitioner']));
  });

  it('the registered therapist records the support worker’s kitchen-practice competence', async () => {
    const rt = await pageFor(run.home.service.a['registered-therapist']);
    await rt.goto('/staff/competences');
    await expect(heading(rt)).resolves.toBe('Staff competences');
    await expectNoAxeViolations(rt, 'competences (none)');
    expect(await submitExpectingErrors(rt, rt.getByRole('button', { name: 'Record the competence' }))).toEqual(['Choose the person whose competence you are recording', 'Choose the competence', 'Enter date they were assessed']);
    await expectNoAxeViolations(rt, 'competences (errors)');

    await rt.getByLabel('Who was assessed?').selectOption({ label: 'Alex support worker (support worker)' });
    await rt.getByLabel('Competence', { exact: true }).selectOption({ label: 'Kitchen practice (meal and hot drink preparation)' });
    await fillDate(rt.getByRole('group', { name: 'Date they were assessed as competent' }), '20', '11', '2026');
    await clickAndWait(rt, rt.getByRole('button', { name: 'Record the competence' }), /\/staff\/competences\?done=recorded/);
    await expect(flash(rt)).resolves.toContain('Competence recorded');
    const table = rt.getByRole('table', { name: 'Competences recorded for Alex support worker' });
    expect(squash(await table.locator('tbody tr').first().textContent())).toContain('Kitchen practice (meal and hot drink preparation)');
    await expectNoAxeViolations(rt, 'competences (one recorded)');
    await clickAndWait(rt, rt.getByRole('link', { name: /^Withdraw Kitchen practice/ }), /\/competences\/[0-9a-f-]{36}\/withdraw$/);
    await expectNoAxeViolations(rt, 'withdraw competence');
  });

  it('the assistant practitioner is refused delegating without a competence, then sets kitchen practice twice a week', async () => {
    ap = await pageFor(run.home.service.a['assistant-practitioner']);
    await ap.goto(`/episodes/${episodeId}/record`);
    await clickAndWait(ap, ap.getByRole('link', { name: 'Programme of care' }), `**/episodes/${episodeId}/programme`);
    await expect(heading(ap)).resolves.toBe('Programme of care');
    await expect(ap.getByRole('region', { name: 'Patient details' }).textContent()).resolves.toContain('943 476 5919');
    await expect(ap.getByText('No current activities.').isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(ap, 'programme (empty)');

    await clickAndWait(ap, ap.getByRole('link', { name: 'Set an activity' }).first(), `**/episodes/${episodeId}/programme/new`);
    await expect(heading(ap)).resolves.toBe('Set an activity');
    await expectNoAxeViolations(ap, 'activity form (empty)');
    expect(await submitExpectingErrors(ap, ap.getByRole('button', { name: 'Set the activity' }))).toEqual(['Choose the kind of activity', 'Enter how many times, for example 2', 'Choose who does or helps with the activity']);
    await expectNoAxeViolations(ap, 'activity form (errors)');
    expect(await run.home.db.selectFrom('programme_activities').select('id').execute()).toHaveLength(0);

    await ap.getByRole('group', { name: 'Kind of activity' }).getByLabel('Functional practice').check();
    await ap.getByLabel('Name of the activity').fill('Stairs practice');
    await ap.getByLabel('What to do').fill('Up and down the stairs with the rail, one step at a time.');
    await ap.getByLabel('Number of times').fill('2');
    await ap.getByRole('group', { name: 'Who does it or helps with it?' }).getByLabel('A member of the therapy team').check();
    await ap.getByLabel('Member of staff (if the therapy team delivers it)').selectOption({ label: 'Alex support worker (Therapy support worker)' });
    await ap.getByLabel('Competence it needs (if delegated to a support worker)').selectOption({ label: 'Stairs practice' });
    const [refused] = await submitExpectingErrors(ap, ap.getByRole('button', { name: 'Set the activity' }));
    expect(refused).toBe('Alex support worker has no current recorded competence for stairs practice. A registered therapist or clinical lead must assess them and record it on the staff competences page before this activity can be delegated to them');
    await expectNoAxeViolations(ap, 'activity form (delegation refused)');
    expect(await run.home.db.selectFrom('programme_activities').select('id').execute()).toHaveLength(0);

    await ap.getByLabel('Name of the activity').fill('Kitchen practice');
    await ap.getByLabel('What to do').fill('Make a hot drink and a simple lunch, carrying them to the table on the trolley.');
    await ap.getByLabel('Competence it needs (if delegated to a support worker)').selectOption({ label: 'Kitchen practice (meal and hot drink preparation)' });
    await clickAndWait(ap, ap.getByRole('button', { name: 'Set the activity' }), /\/programme\?done=set/);
    await expect(flash(ap)).resolves.toContain('Kitchen practice added to the programme: twice a week, delivered by Alex support worker (Therapy support worker)');
    const current = ap.getByRole('table', { name: 'Current activities, with the last 7 days against what is expected' });
    expect(squash(await current.locator('tbody tr').first().textContent())).toContain('Twice a week');
    await expectNoAxeViolations(ap, 'programme (one activity)');
  });

  it('the support worker logs her visit', async () => {
    run.home.clock.advanceMinutes(120);
    const sw = await pageFor(run.home.service.a['support-worker']);
    await sw.goto(`/episodes/${episodeId}/programme`);
    await expect(sw.getByRole('link', { name: 'Set an activity' }).count()).resolves.toBe(0);
    await expectNoAxeViolations(sw, 'programme (support worker)');
    await clickAndWait(sw, sw.getByRole('link', { name: 'Log a completion of Kitchen practice' }), /\/programme-activities\/[0-9a-f-]{36}\/log$/);
    await expect(heading(sw)).resolves.toBe('Log Kitchen practice');
    await expectNoAxeViolations(sw, 'log form');
    expect(await submitExpectingErrors(sw, sw.getByRole('button', { name: 'Log it' }))).toEqual(['Choose whether it was done, partly done or not done']);
    await expectNoAxeViolations(sw, 'log form (errors)');
    await sw.getByRole('group', { name: 'Was it done?' }).getByLabel('Done', { exact: true }).check();
    await expect(sw.getByRole('group', { name: 'Who says so?' }).getByLabel('I did it with the patient (staff visit)').isChecked()).resolves.toBe(true);
    await sw.getByLabel('Note (needed if it was not done)').fill('Made tea and beans on toast; carried them on the trolley');
    await clickAndWait(sw, sw.getByRole('button', { name: 'Log it' }), /\/programme\?done=logged/);
    await expect(flash(sw)).resolves.toContain('Logged: Kitchen practice, done on 24 November 2026');
    await expectNoAxeViolations(sw, 'programme (logged)');
    const logs = await run.home.db.selectFrom('programme_completions').select(['recorded_by', 'reported_by', 'outcome']).execute();
    expect(logs).toEqual([{ recorded_by: run.home.service.a['support-worker'].id, reported_by: 'staff', outcome: 'done' }]);
  });

  it('the assistant practitioner reviews the log, opens stop-or-complete and prints the carer’s sheet', async () => {
    // Later that day: she signs in again (her earlier session has timed out).
    await useSession(ap.context(), run.home, run.home.service.a['assistant-practitioner']);
    await ap.goto(`/episodes/${episodeId}/programme`);
    const current = ap.getByRole('table', { name: 'Current activities, with the last 7 days against what is expected' });
    expect(squash(await current.locator('tbody tr').first().textContent())).toContain('1 done of 1 expected');
    const logs = ap.getByRole('table', { name: 'Completion logs for Kitchen practice, most recent first' });
    expect(squash(await logs.locator('tbody tr').first().textContent())).toContain('Made tea and beans on toast');
    await expectNoAxeViolations(ap, 'programme (reviewing logs)');

    await clickAndWait(ap, ap.getByRole('link', { name: 'Stop or complete Kitchen practice' }), /\/programme-activities\/[0-9a-f-]{36}\/status$/);
    await expectNoAxeViolations(ap, 'stop or complete');
    expect(await submitExpectingErrors(ap, ap.getByRole('button', { name: 'Save' }))).toEqual(['Choose whether the activity is completed or stopped', 'Enter why']);
    await expectNoAxeViolations(ap, 'stop or complete (errors)');
    await ap.goto(`/episodes/${episodeId}/programme`);

    // Large print first, because the patient needs it; the form posts and the PDF comes back.
    const buttons = await ap.locator('.hw-button-group button').allTextContents();
    expect(buttons.map(squash)).toEqual(['Print the carer’s sheet in large print (PDF)', 'Print the carer’s sheet in standard print (PDF)']);
    const [pdf] = await Promise.all([
      ap.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/programme/carer-sheet')),
      ap.getByRole('button', { name: 'Print the carer’s sheet in large print (PDF)' }).click(),
    ]);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await run.home.db.selectFrom('letters').select(['kind', 'print_size']).execute())).toEqual([{ kind: 'carer-programme', print_size: 'large' }]);
  });

  it('raised no script errors, CSP refusals or missing assets along the way', () => {
    expect(run.problems()).toEqual([]);
  });
});

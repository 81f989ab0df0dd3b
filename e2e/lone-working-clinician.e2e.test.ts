// Issue 14, the clinician's side, in a real browser on a phone (390 px) and a tablet: axe on every page
// state and no sideways scrolling. The therapist checks in from her run sheet with the phone offline:
// the page says plainly that the check-in has not reached Homeward and keeps it with the time of the
// tap; back online it is sent, and Homeward keeps both times. She checks out from the session's page,
// sets her codes, and sees the emergency page.
import { beforeAll, describe, expect, it } from 'vitest';
import { seedPlannedVisit } from '../packages/server/test/seed-visit-plan.ts';
import { seedEpisode } from '../packages/server/test/seed-episode.ts';
import { testNhsNumberForIndex } from '../packages/server/src/demo/generate-demo-data.ts';
import { checkAtEveryWidth, homewardInBrowser, registerPatientByApi } from './browser.ts';
import { clickAndWait, heading, squash } from './record-pages.ts';

const widths = [390, 768] as const;

describe('lone working on a phone: an offline check-in kept and sent, a check-out, codes, the emergency page', () => {
  const run = homewardInBrowser();
  let visitId: string;

  beforeAll(async () => {
    const home = run.home;
    const therapist = home.service.a['registered-therapist'];
    const patient = await registerPatientByApi(home, therapist, { nhsNumber: testNhsNumberForIndex(714_001), givenName: 'Betty', familyName: 'Bloor' });
    const episodeId = await seedEpisode(home, { patientId: patient.id, service: 'd2a-pathway-1', allocatedTo: therapist.id });
    // The test clock is 09:00 on Tuesday 24 November 2026.
    visitId = await seedPlannedVisit(home, { episodeId, staffId: therapist.id, start: '09:00' });
  });

  it('checks in offline, is told it has not reached Homeward, and it is sent when the phone is back online', async () => {
    const { page } = await run.open(run.home.service.a['registered-therapist']);
    // The phone's clock: a few minutes after the service's, as phones are.
    await page.clock.setFixedTime(new Date('2026-11-24T09:02:00Z'));
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/run-sheet');
    const card = page.locator(`#visit-${visitId}`);
    await expect(card.getByRole('button', { name: /^Check in/ }).count()).resolves.toBe(1);
    await checkAtEveryWidth(page, 'run sheet with check-in', widths);

    await page.context().setOffline(true);
    await card.getByRole('button', { name: /^Check in/ }).click();
    await page.getByText('Your check-in has not reached Homeward').waitFor();
    // Kept for this tab only (sessionStorage), without the CSRF token; nothing in localStorage.
    const kept = await page.evaluate(() => ({ session: sessionStorage.getItem('hw-lone-working-queue'), local: localStorage.getItem('hw-lone-working-queue') }));
    expect(JSON.parse(kept.session ?? '[]')).toHaveLength(1);
    expect(kept.session).not.toContain('_csrf');
    expect(kept.local).toBeNull();
    const nothingYet = await run.home.db.selectFrom('lone_working_sessions').select('status').where('visit_id', '=', visitId).execute();
    expect(nothingYet).toEqual([]);

    run.home.clock.set(new Date('2026-11-24T09:20:00Z'));
    await Promise.all([page.waitForEvent('load'), page.context().setOffline(false)]);
    await page.getByText(/Checked in at 09:02 \(reached Homeward at 09:20\)/).waitFor();
    const row = await run.home.db.selectFrom('lone_working_sessions').select(['status', 'checked_in_at', 'checked_in_received_at', 'id']).where('visit_id', '=', visitId).executeTakeFirstOrThrow();
    expect([row.status, row.checked_in_at?.toISOString(), row.checked_in_received_at?.toISOString()]).toEqual(['checked-in', '2026-11-24T09:02:00.000Z', '2026-11-24T09:20:00.000Z']);
    expect(await page.evaluate(() => sessionStorage.getItem('hw-lone-working-queue'))).toBeNull();

    await clickAndWait(page, card.getByRole('link', { name: /Lone working for this visit/ }), new RegExp(`/lone-working/sessions/${row.id}$`));
    await checkAtEveryWidth(page, 'session checked in', widths);
    await page.clock.setFixedTime(new Date('2026-11-24T09:31:00Z'));
    run.home.clock.set(new Date('2026-11-24T09:31:00Z'));
    await clickAndWait(page, page.getByRole('button', { name: 'Check out' }), /\?done=out$/);
    expect(squash(await page.locator('[data-lone-working-status]').textContent())).toBe('Checked out at 09:31');
    await checkAtEveryWidth(page, 'session checked out', widths);

    await page.goto('/lone-working/codes');
    await checkAtEveryWidth(page, 'codes', widths);
    await page.getByLabel('Check-out code', { exact: true }).fill('2468');
    await page.getByLabel('Check-out code again').fill('2468');
    await page.getByLabel('Duress code', { exact: true }).fill('2468');
    await page.getByLabel('Duress code again').fill('2468');
    // The same address as the form: wait for the answer's error summary, not the address.
    await page.getByRole('button', { name: 'Set my codes' }).click();
    await page.locator('.nhsuk-error-summary').waitFor();
    await page.waitForLoadState('load');
    expect(squash(await page.locator('.nhsuk-error-summary').textContent())).toContain('Your duress code must be different');
    await checkAtEveryWidth(page, 'codes with errors', widths);

    await page.goto('/lone-working/amber');
    expect(squash(await heading(page))).toBe('Lone working');
    await checkAtEveryWidth(page, 'lone working (amber, red, by hand)', widths);
    await page.goto('/lone-working/red');
    await checkAtEveryWidth(page, 'emergency page', widths);
    await page.goto('/lone-working/sessions/new');
    await checkAtEveryWidth(page, 'a visit started by hand', widths);

    // Codes set: a check-out made offline carries the code, so it is kept in the page's memory only,
    // and the page says so; nothing on the phone's storage holds the code.
    await page.goto('/lone-working/codes');
    await page.getByLabel('Check-out code', { exact: true }).fill('2468');
    await page.getByLabel('Check-out code again').fill('2468');
    await page.getByLabel('Duress code', { exact: true }).fill('1357');
    await page.getByLabel('Duress code again').fill('1357');
    await clickAndWait(page, page.getByRole('button', { name: 'Set my codes' }), /\?done=codes$/);
    const startByHand = async (place: string) => {
      await page.goto('/lone-working/sessions/new');
      await page.getByLabel('Where are you?').fill(place);
      await page.getByLabel('When do you expect to leave?').fill('11:30');
      await clickAndWait(page, page.getByRole('button', { name: 'Start the visit' }), /\?done=started$/);
      return /sessions\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    };
    const byHand = await startByHand('Flat 1, 3 Mill Lane, Leek');
    // A wrong code online: the page the server answers with is shown in place, its error summary saying
    // why, and it still runs as JavaScript made it (the script that marks it so was refused by the page's
    // own Content-Security-Policy once, and the header's menu fell apart; a new user's walk found it).
    await page.getByLabel('Your check-out code').fill('9999');
    await page.getByRole('button', { name: 'Check out' }).click();
    await page.locator('.nhsuk-error-summary').waitFor();
    expect(await page.evaluate(() => document.body.classList.contains('js-enabled'))).toBe(true);
    // Focused as on a page load, so a screen reader reads out what went wrong.
    expect(await page.evaluate(() => document.activeElement?.closest('.nhsuk-error-summary') !== null)).toBe(true);
    await checkAtEveryWidth(page, 'check-out with a wrong code', widths);
    expect((await run.home.db.selectFrom('lone_working_sessions').select('status').where('id', '=', byHand).executeTakeFirstOrThrow()).status).toBe('checked-in');
    await page.context().setOffline(true);
    await page.getByLabel('Your check-out code').fill('2468');
    await page.getByRole('button', { name: 'Check out' }).click();
    await page.getByText('Your check-out has not reached Homeward. It will be sent when the phone is back online, but only while this page stays open').waitFor();
    await checkAtEveryWidth(page, 'check-out with a code kept in memory', widths);
    const storage = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
    expect(storage).not.toContain('2468');
    run.home.clock.set(new Date('2026-11-24T09:40:00Z'));
    await Promise.all([page.waitForEvent('load'), page.context().setOffline(false)]);
    expect((await run.home.db.selectFrom('lone_working_sessions').select('status').where('id', '=', byHand).executeTakeFirstOrThrow()).status).toBe('checked-out');

    // A kept tap that Homeward refuses when it is sent (the visit cancelled meanwhile) is not dropped
    // silently: the page says it did not go through, why, and what to do, and keeps saying so.
    await page.clock.setFixedTime(new Date('2026-11-24T09:41:00Z'));
    const cancelledMeanwhile = await startByHand('Flat 2, 3 Mill Lane, Leek');
    await page.context().setOffline(true);
    await page.getByLabel('Your check-out code').fill('2468');
    await page.getByRole('button', { name: 'Check out' }).click();
    await page.getByText('Check-out not sent yet').waitFor();
    await run.home.db.updateTable('lone_working_sessions').set({ status: 'cancelled', cancelled_reason: 'test' }).where('id', '=', cancelledMeanwhile).execute();
    await page.context().setOffline(false);
    await page.getByText(/Your check-out made at \d\d:\d\d did not go through: This visit is no longer on your plan/).waitFor();
    await checkAtEveryWidth(page, 'a kept tap refused', widths);
    await page.goto('/run-sheet');
    await page.getByText(/did not go through/).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('hw-lone-working-refused'))).not.toContain('2468');

    // Signing out forgets what the phone kept.
    await clickAndWait(page, page.getByRole('button', { name: 'Sign out' }), /\/sign-out$/);
    expect(await page.evaluate(() => [sessionStorage.getItem('hw-lone-working-queue'), sessionStorage.getItem('hw-lone-working-refused'), localStorage.getItem('hw-lone-working-responder')])).toEqual([null, null, null]);
    // The expected problems: the taps' own requests while the phone was offline, and the refused one.
    expect(run.problems().filter((p) => !/ERR_INTERNET_DISCONNECTED|^400 for \S+\/check-out /.test(p))).toEqual([]);
  });
});

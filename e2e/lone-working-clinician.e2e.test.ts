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
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('hw-lone-working-queue') ?? '[]').length)).toBe(1);
    const nothingYet = await run.home.db.selectFrom('lone_working_sessions').select('status').where('visit_id', '=', visitId).execute();
    expect(nothingYet).toEqual([]);

    run.home.clock.set(new Date('2026-11-24T09:20:00Z'));
    await Promise.all([page.waitForEvent('load'), page.context().setOffline(false)]);
    await page.getByText(/Checked in at 09:02 \(reached Homeward at 09:20\)/).waitFor();
    const row = await run.home.db.selectFrom('lone_working_sessions').select(['status', 'checked_in_at', 'checked_in_received_at', 'id']).where('visit_id', '=', visitId).executeTakeFirstOrThrow();
    expect([row.status, row.checked_in_at?.toISOString(), row.checked_in_received_at?.toISOString()]).toEqual(['checked-in', '2026-11-24T09:02:00.000Z', '2026-11-24T09:20:00.000Z']);
    expect(await page.evaluate(() => localStorage.getItem('hw-lone-working-queue'))).toBe('[]');

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
    // The one expected problem: the tap's own request while the phone was offline.
    expect(run.problems().filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p))).toEqual([]);
  });
});

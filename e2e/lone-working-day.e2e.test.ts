// Issue 14's "Done when", in a real browser on a phone: a clinician's day of home visits from check-in
// to check-out; an amber alert started and extended before a visit that worries her; a check-out she
// forgets, which the durable timers escalate (the clinician prompted, then the day's on-call responder,
// whose email is seen arriving at a real SMTP server), and the responder acknowledges and closes it; and
// a duress code, which her own screen shows exactly as a check-out and the lead's board shows as red.
// The timers run as they do in the app (the lone-working runner, on the test's clock); every page is
// checked at a phone's and a tablet's width, axe clean, without sideways scrolling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Page } from 'playwright-core';
import { seedEpisode } from '../packages/server/test/seed-episode.ts';
import { startLocalSmtpServer, unQuote, type ArrivedMail, type LocalSmtpServer } from '../packages/server/test/local-smtp-server.ts';
import { seedPlannedVisit } from '../packages/server/test/seed-visit-plan.ts';
import { testNhsNumberForIndex } from '../packages/server/src/demo/generate-demo-data.ts';
import { createLoneWorkingRunner } from '../packages/server/src/lone-working/lone-working-runner.ts';
import { loneWorkingSessionJobHandlers } from '../packages/server/src/lone-working/session-job-handlers.ts';
import type { JobRunner } from '../packages/server/src/platform/jobs.ts';
import { checkAtEveryWidth, homewardInBrowser, registerPatientByApi, useSession, type TestStaff } from './browser.ts';
import { clickAndWait, squash } from './record-pages.ts';
import { seedWorkingWeek } from '../packages/server/test/seed-lone-working.ts';

const widths = [390, 768] as const;


describe('a lone worker’s day on a phone: check-ins, an amber, a missed check-out escalated by email, a duress code', () => {
  let arrived: ArrivedMail[] = [];
  let smtp: LocalSmtpServer | undefined;
  const run = homewardInBrowser({
    config: async () => {
      smtp = await startLocalSmtpServer();
      arrived = smtp.arrived;
      return { smtpUrl: smtp.url, mailFrom: 'Homeward <alerts@homeward.test>', publicUrl: 'https://homeward.test' };
    },
  });
  afterAll(async () => {
    await runner?.stop();
    await smtp?.close();
  });

  let runner: JobRunner | undefined;
  const visit = { morning: '', late: '', afternoon: '' };

  const whoIsOn = new Map<Page, TestStaff>();
  /**
   * The service's clock and the phone's, together (a tap carries the time the phone made it). Hours pass
   * between visits, past the 30-minute idle sign-out: the phone is signed in again at the new time.
   */
  async function at(page: Page | null, iso: string): Promise<void> {
    run.home.clock.set(new Date(iso));
    if (!page) return;
    await page.clock.setFixedTime(new Date(iso));
    await useSession(page.context(), run.home, whoIsOn.get(page)!);
  }
  async function phoneOf(staff: TestStaff): Promise<Page> {
    const page = await run.pageFor(staff);
    await page.setViewportSize({ width: 390, height: 844 });
    whoIsOn.set(page, staff);
    return page;
  }
  /** Every timer now due, as the app's lone-working runner would run them. */
  async function runTimers(): Promise<void> {
    while (await runner!.runOnce()) {
      // one after another until none is due
    }
  }

  beforeAll(async () => {
    const home = run.home;
    const therapist = home.service.a['registered-therapist'];
    const responder = home.service.a['assistant-practitioner'];
    const lead = home.service.a['clinical-lead'];
    const now = home.clock.now();
    // Her working week on the rota (her work phone and car, for the responder), and today's on-call responder.
    await seedWorkingWeek(home, { staffId: therapist.id });
    await home.db.insertInto('rota_on_call').values({ id: uuidv7(), team_id: home.service.teamA, on_date: '2026-11-24', staff_id: responder.id, manager_staff_id: lead.id, created_at: now, created_by: lead.id, updated_at: now, updated_by: lead.id }).execute();
    const patient = await registerPatientByApi(home, therapist, { nhsNumber: testNhsNumberForIndex(740_001), givenName: 'Betty', familyName: 'Bloor', riskFlags: ['animals'] });
    const episodeId = await seedEpisode(home, { patientId: patient.id, service: 'd2a-pathway-1', allocatedTo: therapist.id });
    // The test clock is 09:00 on Tuesday 24 November 2026 (09:00 in London). Three half-hour home visits.
    visit.morning = await seedPlannedVisit(home, { episodeId, staffId: therapist.id, start: '09:00' });
    visit.late = await seedPlannedVisit(home, { episodeId, staffId: therapist.id, start: '11:00' });
    visit.afternoon = await seedPlannedVisit(home, { episodeId, staffId: therapist.id, start: '14:00' });
    runner = createLoneWorkingRunner({ db: home.db, config: home.config, now: home.clock.now, instanceId: 'e2e', moreHandlers: loneWorkingSessionJobHandlers({ db: home.db, config: home.config, now: home.clock.now }) });
  });

  it('checks in, starts and extends an amber, ends it safe and checks out; then forgets a check-out, which reaches the responder by email, who acknowledges and closes it', async () => {
    const home = run.home;
    const page = await phoneOf(home.service.a['registered-therapist']);
    await at(page, '2026-11-24T09:01:00Z');
    await page.goto('/run-sheet');
    const morning = page.locator(`#visit-${visit.morning}`);
    await morning.getByRole('button', { name: /^Check in/ }).click();
    await morning.getByRole('link', { name: /Lone working for this visit/ }).waitFor();
    await clickAndWait(page, morning.getByRole('link', { name: /Lone working for this visit/ }), /\/lone-working\/sessions\/[0-9a-f-]+$/);
    expect(squash(await page.locator('[data-lone-working-status]').textContent())).toBe('Checked in at 09:01, expected out by 09:30');
    await checkAtEveryWidth(page, 'a visit checked in', widths);

    // The son was aggressive on the phone: an amber alert for 30 minutes, then 15 more.
    await page.getByLabel('What worries you, and why').fill('Son was aggressive on the phone this morning');
    await page.getByLabel('For how many minutes').fill('30');
    await page.getByRole('button', { name: 'Start the amber alert' }).click();
    await page.getByRole('button', { name: 'Extend the amber alert' }).waitFor();
    await checkAtEveryWidth(page, 'an amber alert running', widths);
    const amber = () => home.db.selectFrom('lone_working_alerts').select(['id', 'status', 'due_at']).where('kind', '=', 'amber').where('staff_id', '=', home.service.a['registered-therapist'].id).executeTakeFirstOrThrow();
    expect((await amber()).due_at.toISOString()).toBe('2026-11-24T09:31:00.000Z');
    await at(page, '2026-11-24T09:25:00Z');
    await page.reload();
    await page.getByRole('button', { name: 'Extend the amber alert' }).click();
    await page.waitForLoadState('load');
    expect((await amber()).due_at.toISOString()).toBe('2026-11-24T09:46:00.000Z');
    // Its first end passes: extended, nothing is raised.
    await at(page, '2026-11-24T09:35:00Z');
    await runTimers();
    expect((await amber()).status).toBe('running');
    await page.reload();
    await page.getByRole('button', { name: 'End the amber alert: I am safe' }).click();
    await page.waitForLoadState('load');
    expect((await amber()).status).toBe('ended');
    await clickAndWait(page, page.getByRole('button', { name: 'Check out' }), /\?done=out$/);
    expect(squash(await page.locator('[data-lone-working-status]').textContent())).toBe('Checked out at 09:35');
    await checkAtEveryWidth(page, 'a visit checked out', widths);

    // The late morning visit: in at 11:00, and she forgets to check out (due 11:30, 15 minutes' grace).
    await at(page, '2026-11-24T11:00:00Z');
    await page.goto('/run-sheet');
    await page.locator(`#visit-${visit.late}`).getByRole('button', { name: /^Check in/ }).click();
    await page.locator(`#visit-${visit.late}`).getByRole('link', { name: /Lone working for this visit/ }).waitFor();
    await at(page, '2026-11-24T11:45:30Z');
    await runTimers();
    const missed = await home.db.selectFrom('lone_working_alerts').select(['id', 'kind', 'level', 'status']).where('kind', '=', 'missed-check-out').executeTakeFirstOrThrow();
    expect([missed.level, missed.status]).toEqual([1, 'raised']);
    // First her own prompt, in the app and by email.
    const therapistEmail = home.service.a['registered-therapist'].email;
    expect(arrived.filter((m) => m.to.includes(therapistEmail)).map((m) => unQuote(m.raw))).toEqual([expect.stringContaining('Subject: You have not checked out')]);
    // Ten minutes on, the day's on-call responder: the email arrives with where she is and what to do.
    await at(page, '2026-11-24T11:55:30Z');
    await runTimers();
    const responder = home.service.a['assistant-practitioner'];
    const toResponder = arrived.filter((m) => m.to.includes(responder.email)).map((m) => unQuote(m.raw));
    expect(toResponder).toHaveLength(1);
    expect(toResponder[0]).toContain('Subject: Missed check-out: Alex registered therapist');
    expect(toResponder[0]).toContain('07700 900123');
    expect(toResponder[0]).toContain('Blue Ford Fiesta AB12 CDE');
    expect(toResponder[0]).toContain('Call the clinician on their work phone');

    const responderPage = await phoneOf(responder);
    await at(responderPage, '2026-11-24T11:57:00Z');
    await responderPage.goto('/notifications');
    await checkAtEveryWidth(responderPage, 'the responder’s notifications', widths);
    await clickAndWait(responderPage, responderPage.getByRole('link', { name: /Missed check-out: Alex registered therapist/ }), new RegExp(`/lone-working/alerts/${missed.id}$`));
    await checkAtEveryWidth(responderPage, 'the alert, raised', widths);
    await clickAndWait(responderPage, responderPage.getByRole('button', { name: 'Acknowledge: I am dealing with this' }), /done=acknowledged$/);
    await responderPage.getByLabel('Outcome').fill('Called her work phone: she had left and forgot to check out. Safe.');
    await clickAndWait(responderPage, responderPage.getByRole('button', { name: 'Close the alert' }), /done=closed$/);
    await checkAtEveryWidth(responderPage, 'the alert, closed', widths);
    expect((await home.db.selectFrom('lone_working_alerts').select(['status', 'outcome']).where('id', '=', missed.id).executeTakeFirstOrThrow())).toEqual({ status: 'closed', outcome: 'Called her work phone: she had left and forgot to check out. Safe.' });
    // Closed at the responder rung: the manager is never called.
    await at(page, '2026-11-24T12:30:00Z');
    await runTimers();
    expect((await home.db.selectFrom('lone_working_alerts').select('level').where('id', '=', missed.id).executeTakeFirstOrThrow()).level).toBe(2);
    expect(run.problems()).toEqual([]);
  });

  it('a duress code checks out exactly as her check-out code does on her screen, and is a red alert on the lead’s board', async () => {
    const home = run.home;
    const page = await phoneOf(home.service.a['registered-therapist']);
    await at(page, '2026-11-24T13:00:00Z');
    await page.goto('/lone-working/codes');
    await page.getByLabel('Check-out code', { exact: true }).fill('2468');
    await page.getByLabel('Check-out code again').fill('2468');
    await page.getByLabel('Duress code', { exact: true }).fill('1357');
    await page.getByLabel('Duress code again').fill('1357');
    await page.getByRole('button', { name: 'Set my codes' }).click();
    await page.waitForLoadState('load');

    await at(page, '2026-11-24T14:00:00Z');
    await page.goto('/run-sheet');
    const afternoon = page.locator(`#visit-${visit.afternoon}`);
    await afternoon.getByRole('button', { name: /^Check in/ }).click();
    await afternoon.getByRole('link', { name: /Lone working for this visit/ }).waitFor();
    await clickAndWait(page, afternoon.getByRole('link', { name: /Lone working for this visit/ }), /\/lone-working\/sessions\/[0-9a-f-]+$/);
    await at(page, '2026-11-24T14:20:00Z');
    await page.reload();
    await page.getByLabel('Your check-out code').fill('1357');
    await clickAndWait(page, page.getByRole('button', { name: 'Check out' }), /\?done=out$/);
    // Nothing on her screen says anything but "checked out".
    expect(squash(await page.locator('[data-lone-working-status]').textContent())).toBe('Checked out at 14:20');
    const shown = (await page.locator('main').textContent()) ?? '';
    expect(shown).not.toMatch(/duress code used|alert raised|help is being called/i);
    await checkAtEveryWidth(page, 'checked out with the duress code', widths);
    await page.goto('/notifications');
    expect((await page.locator('main').textContent()) ?? '').not.toMatch(/duress code used|red alert/i);

    const board = await phoneOf(home.service.a['clinical-lead']);
    await board.goto('/lone-working');
    const first = board.locator('main').getByText(/duress code used/i).first();
    await first.waitFor();
    expect(squash(await first.textContent())).toMatch(/duress code used/i);
    await checkAtEveryWidth(board, 'the lead’s board with a duress alert', widths);
    expect(run.problems()).toEqual([]);
  });
});

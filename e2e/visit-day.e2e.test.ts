// Issue 13's "done when", as one visit day in a real browser. On a desktop the clinical lead sets a
// therapist's working week on the rota, plans tomorrow, waits for the planner, moves a visit with the
// keyboard and publishes. Next morning, on a phone (390 px), the therapist opens her run sheet, starts a
// contact note from her first visit (prefilled) and records no access at another, with the reason. At
// 10:00 she goes off sick: the lead re-plans the rest of the day and sees how many visits change before
// publishing. Axe on every page visited; no sideways scrolling on the phone.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { testNhsNumberForIndex } from '../packages/server/src/demo/generate-demo-data.ts';
import { createJobRunner } from '../packages/server/src/platform/jobs.ts';
import { visitPlanJobHandlers, type VisitDayPlan } from '../packages/server/src/visits/public.ts';
import { seedEpisode } from '../packages/server/test/seed-episode.ts';
import { signIn } from '../packages/server/test/test-app.ts';
import { expectNoAxeViolations, sidewaysOverflow, homewardInBrowser, registerPatientByApi, useSession, followHeaderLink } from './browser.ts';
import { clickAndWait, errorLinks, heading, squash } from './record-pages.ts';

const tomorrow = '2026-11-25';
const patients = [['Betty', 'Bloor'], ['Derek', 'Dale'], ['Edith', 'Evans'], ['Harry', 'Hulme'], ['Irene', 'Ingram'], ['Joan', 'Jervis']] as const;


/** Axe on the page as it is, and on a phone no sideways scrolling. */
async function check(page: Page, label: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 1280;
  if (width <= 390) {
    await expect(sidewaysOverflow(page), `${label}: sideways scrolling at ${width} px`).resolves.toBe(0);
  }
  await expectNoAxeViolations(page, `${label} (${width} px)`);
}

describe('a visit day: the rota, the plan, the run sheet on a phone, re-planning after a sickness', () => {
  const run = homewardInBrowser();
  const visitOf: Record<string, string> = {};

  beforeAll(async () => {
    const home = run.home;
    const { a } = home.service;
    // The team's base (no page sets it yet: a Trust's set-up) and the assistant practitioner's week.
    await home.db.updateTable('teams').set({ base_latitude: 53.0556, base_longitude: -2.1975 }).where('id', '=', home.service.teamA).execute();
    const lead = await signIn(home.app, a['clinical-lead']);
    const week = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:30', end: '16:30', breakMinutes: 30 }));
    const pattern = await lead.put(`/api/rota/staff/${a['assistant-practitioner'].id}/pattern`, { week, startsFrom: 'base', carDriver: true });
    expect(pattern.statusCode, pattern.body).toBe(200);
    // Six patients the therapist holds, around Burslem, each with their visit needs (her, for continuity) and a visit tomorrow.
    const therapist = await signIn(home.app, a['registered-therapist']);
    for (const [i, [givenName, familyName]] of patients.entries()) {
      const patient = await registerPatientByApi(home, a['registered-therapist'], { nhsNumber: testNhsNumberForIndex(730_001 + i), givenName, familyName, latitude: 53.03 + 0.008 * i, longitude: -2.21 + 0.006 * i });
      const episodeId = await seedEpisode(home, { patientId: patient.id, service: 'd2a-pathway-1', allocatedTo: a['registered-therapist'].id });
      const needs = await therapist.put(`/api/episodes/${episodeId}/visit-needs`, { version: null, durationMinutes: 45, place: 'home', windows: [], unavailableDays: [], staffNeeded: 1, staffNeededReason: null, registeredRequired: false, skills: [], preferredStaffId: a['registered-therapist'].id, notes: null });
      expect(needs.statusCode, needs.body).toBe(200);
      const visit = await lead.post('/api/visits', { episodeId, date: tomorrow, purpose: 'therapy' });
      expect(visit.statusCode, visit.body).toBe(201);
      visitOf[givenName] = (visit.json() as { id: string }).id;
    }
  });

  it('the lead sets the rota, plans tomorrow, moves a visit and publishes; the therapist works it on a phone; the lead re-plans after her sickness', async () => {
    const home = run.home;
    const { a } = home.service;
    const therapistName = 'Alex registered therapist';
    const runner = createJobRunner({ db: home.db, handlers: visitPlanJobHandlers({ db: home.db, config: home.config, iterationLimit: 200 }), now: home.clock.now, instanceId: 'e2e-visit-day' });
    const published = async (): Promise<VisitDayPlan> => (await home.db.selectFrom('visit_plans').select('published').where('on_date', '=', tomorrow).executeTakeFirstOrThrow()).published as VisitDayPlan;

    // Desktop, Tuesday 09:00: the lead sets the therapist's working week from the rota.
    const { page } = await run.open(a['clinical-lead']);
    await page.goto('/');
    await check(page, 'the lead’s home page');
    await Promise.all([page.waitForURL('**/rota'), followHeaderLink(page, 'Rota')]);
    await check(page, 'the rota’s week');
    await Promise.all([page.waitForURL(`**/rota/staff/${a['registered-therapist'].id}`), page.getByRole('link', { name: therapistName }).first().click()]);
    await check(page, 'the therapist’s working pattern');
    for (const day of [1, 2, 3, 4, 5]) {
      await page.locator(`#day-${day}-works`).check();
      await page.locator(`#day-${day}-start`).fill('08:30');
      await page.locator(`#day-${day}-end`).fill('16:30');
      await page.locator(`#day-${day}-break`).fill('30');
    }
    await page.locator('#startsFrom').check();
    await page.locator('#carDriver').check();
    await Promise.all([page.waitForURL('**?done=saved'), page.getByRole('button', { name: 'Save the working pattern' }).click()]);
    await page.getByText('Working pattern saved').waitFor();
    await check(page, 'the working pattern saved');

    // Plans tomorrow from the navigation, and waits for the planner.
    await Promise.all([page.waitForURL('**/visits/plan'), followHeaderLink(page, 'Visit plan')]);
    expect(squash(await heading(page))).toBe('Visit plan for Wednesday 25 November 2026');
    await check(page, 'a day not yet planned');
    await clickAndWait(page, page.getByRole('button', { name: 'Plan this day' }), /\/visits\/plan\/jobs\/[0-9a-f-]+$/);
    expect(squash(await heading(page))).toBe('Planning the visits');
    await check(page, 'the planner’s progress');
    expect((await runner.runOnce())?.status).toBe('done');
    // The progress page asks for the run's status itself and goes on to the plan once it is done.
    await page.waitForURL(/\/visits\/plan\?date=2026-11-25&planned=1$/, { timeout: 30_000 });
    await check(page, 'tomorrow’s plan');
    const main = squash(await page.locator('main').textContent());
    for (const [given, family] of patients) expect(main).toContain(`${given} ${family}`);

    // Moves Betty to whoever does not have her, with the keyboard only.
    const draft = (await home.db.selectFrom('visit_plans').select('draft').where('on_date', '=', tomorrow).executeTakeFirstOrThrow()).draft as VisitDayPlan;
    const bettyWith = draft.routes.find((r) => r.stops.some((s) => s.visitId === visitOf.Betty))?.staffId;
    const toStaff = bettyWith === a['registered-therapist'].id ? a['assistant-practitioner'] : a['registered-therapist'];
    const to = bettyWith === a['registered-therapist'].id ? 'Alex assistant practitioner' : therapistName;
    await page.locator('#move-visit').focus();
    await page.locator('#move-visit').selectOption({ label: 'Betty Bloor' });
    await page.locator('#move-staff').selectOption({ label: to });
    await page.locator('#move-staff').press('Tab');
    await Promise.all([page.waitForURL(/changed=1/), page.keyboard.press('Enter')]);
    expect(squash(await page.locator('main').textContent())).toContain('The plan was changed');
    await check(page, 'the plan after the move');
    const moved = (await home.db.selectFrom('visit_plans').select('draft').where('on_date', '=', tomorrow).executeTakeFirstOrThrow()).draft as VisitDayPlan;
    expect(moved.routes.find((r) => r.stops.some((s) => s.visitId === visitOf.Betty))?.staffId).toBe(toStaff.id);

    // Publishes, after the confirmation of what changes.
    await clickAndWait(page, page.getByRole('link', { name: 'Publish the plan' }), /\/visits\/plan\/publish\?date=2026-11-25$/);
    expect(squash(await heading(page))).toBe('Publish the plan for Wednesday 25 November 2026?');
    await check(page, 'the publish confirmation');
    await clickAndWait(page, page.getByRole('button', { name: 'Publish the plan' }), /published=1$/);
    expect(squash(await page.locator('main').textContent())).toContain('The plan was published');
    await check(page, 'the plan published');

    // Wednesday 08:00, on a phone: the therapist's run sheet.
    home.clock.set(new Date('2026-11-25T08:00:00Z'));
    const mine = (await published()).routes.find((r) => r.staffId === a['registered-therapist'].id)!;
    expect(mine.stops.length, 'the therapist has visits tomorrow').toBeGreaterThanOrEqual(2);
    const phone = await run.pageFor(a['registered-therapist']);
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto('/');
    await check(phone, 'the therapist’s home page');
    await phone.goto('/run-sheet');
    expect(squash(await heading(phone))).toBe('Your run sheet Wednesday 25 November 2026 (today)');
    await expect(phone.locator('.hw-run-sheet-stop').count()).resolves.toBe(mine.stops.length);
    await check(phone, 'the therapist’s run sheet');

    // Starts a contact note from her first visit: its time, place and staff are filled in.
    const [first, second] = mine.stops;
    await clickAndWait(phone, phone.locator(`#visit-${first!.visitId}`).getByRole('button', { name: /Start contact note/ }), /\/contact-notes\/new\?visit=/);
    await expect(phone.locator('#occurredAtTime').inputValue()).resolves.toBe(first!.start);
    await expect(phone.locator('#place').inputValue()).resolves.toBe('Patient’s home');
    await expect(phone.locator('#staffPresent').inputValue()).resolves.toBe(therapistName);
    await check(phone, 'a contact note started from a visit');

    // Nobody in at the second: no access, the reason first missed, then recorded.
    await phone.goto('/run-sheet');
    await clickAndWait(phone, phone.locator(`#visit-${second!.visitId}`).getByRole('link', { name: /^No access/ }), /\/outcome\?outcome=no-access$/);
    expect(squash(await heading(phone))).toBe('No access: record it and rebook');
    await check(phone, 'the no-access form');
    await clickAndWait(phone, phone.getByRole('button', { name: 'Record no access' }), /\/outcome$/);
    expect(await errorLinks(phone)).toEqual(['Choose why there was no access']);
    await check(phone, 'the no-access form with its error');
    await phone.getByLabel('No answer at the door').check();
    await phone.getByLabel('More about the reason').fill('Key safe empty, no answer on the phone');
    await clickAndWait(phone, phone.getByRole('button', { name: 'Record no access' }), /\/outcome\/done$/);
    expect(squash(await phone.locator('.nhsuk-panel').textContent())).toMatch(/^No access recorded/);
    await check(phone, 'no access recorded');
    await clickAndWait(phone, phone.getByRole('link', { name: 'Back to the run sheet' }).last(), /\/run-sheet\?date=2026-11-25$/);
    expect(squash(await phone.locator(`#visit-${second!.visitId}`).textContent())).toContain('No access: No answer at the door: Key safe empty, no answer on the phone');
    await check(phone, 'the run sheet after no access');

    // 10:00: the therapist goes off sick. The lead re-plans the rest of the day.
    home.clock.set(new Date('2026-11-25T10:00:00Z'));
    const later = mine.stops.filter((s) => s.start >= '10:00');
    await useSession(page.context(), home, a['clinical-lead']);
    await page.goto(`/visits/plan?date=${tomorrow}`);
    await check(page, 'today’s published plan');
    await clickAndWait(page, page.getByRole('link', { name: 'Re-plan the rest of this day' }), /\/visits\/plan\/replan\?date=2026-11-25$/);
    await check(page, 'the re-plan form');
    await expect(page.locator('#from').inputValue()).resolves.toBe('10:00');
    const off = page.locator(`input[name="offStaffId"][value="${a['registered-therapist'].id}"]`);
    expect(squash(await page.locator(`label[for="${await off.getAttribute('id')}"]`).textContent())).toMatch(new RegExp(`^${therapistName} \\(08:30`));
    await off.check();
    await clickAndWait(page, page.getByRole('button', { name: 'Re-plan the rest of the day' }), /\/visits\/plan\/jobs\/[0-9a-f-]+$/);
    await check(page, 'the re-planner’s progress');
    expect((await runner.runOnce())?.status).toBe('done');
    await page.waitForURL(/\/visits\/plan\?date=2026-11-25/, { timeout: 30_000 });
    await check(page, 'the re-planned day');

    // How many visits change, before publishing: at least the therapist's from 10:00.
    await clickAndWait(page, page.getByRole('link', { name: 'Publish the plan' }), /\/visits\/plan\/publish\?date=2026-11-25$/);
    const changed = Number(/(\d+) visits? will change/.exec(squash(await page.locator('main').textContent()))?.[1]);
    expect(changed).toBeGreaterThanOrEqual(Math.max(1, later.length));
    await check(page, 'the re-plan’s publish confirmation');
    await clickAndWait(page, page.getByRole('button', { name: 'Publish the plan' }), /published=1$/);
    await check(page, 'the re-plan published');
    // What she had done or under way stays hers; nothing from 10:00 is left with her.
    const after = (await published()).routes.find((r) => r.staffId === a['registered-therapist'].id);
    expect(after?.stops.map((s) => s.visitId) ?? []).toEqual(expect.arrayContaining([first!.visitId, second!.visitId]));
    expect((after?.stops ?? []).filter((s) => s.start >= '10:00')).toEqual([]);

    await runner.stop();
    expect(run.problems()).toEqual([]);
  }, 300_000);
});

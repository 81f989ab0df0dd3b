// Issue 13 #3 and #5 in a real browser, at 390, 768 and 1280 px: axe on every page state and no
// sideways scrolling. The clinical lead plans tomorrow (the progress page, then each person's day and
// the visit no one is qualified for), moves a visit with the keyboard, meets an error on the pin form,
// publishes after the confirmation, and opens the re-plan form.
import { beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { seedEpisode } from '../packages/server/test/seed-episode.ts';
import { testNhsNumberForIndex } from '../packages/server/src/demo/generate-demo-data.ts';
import { createJobRunner } from '../packages/server/src/platform/jobs.ts';
import { visitPlanJobHandlers } from '../packages/server/src/visits/public.ts';
import { checkAtEveryWidth, homewardInBrowser, registerPatientByApi } from './browser.ts';
import { clickAndWait, errorLinks, heading, squash } from './record-pages.ts';

// Phone first: each check leaves the page at a phone's width.
const widths = [390, 768, 1280] as const;
const date = '2026-11-25';


describe('the visit plan: plan tomorrow, move a visit, publish, re-plan', () => {
  const run = homewardInBrowser();
  const visits: Record<string, string> = {};

  beforeAll(async () => {
    const home = run.home;
    const now = home.clock.now();
    await home.db.updateTable('teams').set({ base_latitude: 53.0, base_longitude: -2.18 }).where('id', '=', home.service.teamA).execute();
    const week = JSON.stringify([1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:30', end: '16:30', breakMinutes: 30 })));
    for (const role of ['clinical-lead', 'registered-therapist', 'assistant-practitioner'] as const) {
      const s = home.service.a[role];
      await home.db.insertInto('rota_patterns').values({ id: uuidv7(), staff_id: s.id, team_id: home.service.teamA, week, starts_from: 'base', car_driver: true, created_at: now, created_by: s.id, updated_at: now, updated_by: s.id }).execute();
    }
    const therapist = home.service.a['registered-therapist'];
    const names = [['Betty', 'Bloor'], ['Derek', 'Dale'], ['Edith', 'Evans'], ['Harry', 'Hulme']] as const;
    for (const [i, [given, family]] of names.entries()) {
      const patient = await registerPatientByApi(home, therapist, { nhsNumber: testNhsNumberForIndex(720_001 + i), givenName: given, familyName: family, latitude: 53.0 + 0.01 * i, longitude: -2.19 });
      const episodeId = await seedEpisode(home, { patientId: patient.id, service: 'd2a-pathway-1', allocatedTo: therapist.id });
      const id = uuidv7();
      const by = home.service.a['clinical-lead'].id;
      await home.db.insertInto('visits').values({
        id, team_id: home.service.teamA, episode_id: episodeId, patient_id: patient.id, on_date: date, purpose: 'therapy', duration_minutes: 45, place: 'home',
        window_start: null, window_end: null, staff_needed: 1, registered_required: false, skills: JSON.stringify(given === 'Harry' ? ['bariatric-hoist'] : []),
        preferred_staff_id: null, origin: 'proposed', created_at: now, created_by: by, updated_at: now, updated_by: by,
      }).execute();
      visits[given] = id;
    }
  });

  it('the lead plans tomorrow, moves a visit with the keyboard, publishes, and opens the re-plan form', async () => {
    const home = run.home;
    const { page } = await run.open(home.service.a['clinical-lead']);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/visits/plan');
    expect(squash(await heading(page))).toBe('Visit plan for Wednesday 25 November 2026');
    await checkAtEveryWidth(page, 'a day not yet planned', widths);

    await clickAndWait(page, page.getByRole('button', { name: 'Plan this day' }), /\/visits\/plan\/jobs\/[0-9a-f-]+$/);
    expect(squash(await heading(page))).toBe('Planning the visits');
    await checkAtEveryWidth(page, 'the planner’s progress', widths);
    const runner = createJobRunner({ db: home.db, handlers: visitPlanJobHandlers({ db: home.db, config: home.config, iterationLimit: 200 }), now: home.clock.now, instanceId: 'e2e' });
    await runner.runOnce();
    // The page asks for the run's status itself and goes on to the plan once it is done.
    await page.waitForURL(/\/visits\/plan\?date=2026-11-25&planned=1$/, { timeout: 30_000 });
    expect(squash(await page.locator('#unplanned').textContent())).toBe('Not planned (1)');
    expect(squash(await page.locator('main').textContent())).toContain('bariatric-hoist');
    await checkAtEveryWidth(page, 'the plan', widths);

    // Move Betty to the assistant practitioner, with the keyboard only.
    await page.locator('#move-visit').focus();
    await page.keyboard.press('End');
    await page.locator('#move-visit').selectOption({ label: 'Betty Bloor' });
    await page.locator('#move-staff').selectOption({ label: 'Alex assistant practitioner' });
    await page.locator('#move-staff').press('Tab');
    await Promise.all([page.waitForURL(/changed=1/), page.keyboard.press('Enter')]);
    expect(squash(await page.locator('#staff-' + home.service.a['assistant-practitioner'].id).textContent())).toBe('Alex assistant practitioner');
    expect(squash(await page.locator('main').textContent())).toContain('The plan was changed');

    // A pin with a time that is not one: the error summary, nothing saved.
    await page.locator('#pin-visit').selectOption({ label: 'Derek Dale' });
    await page.locator('#pin-start').fill('25:99');
    await clickAndWait(page, page.getByRole('button', { name: 'Pin the visit' }), /\/visits\/plan\/adjust$/);
    expect(await errorLinks(page)).toEqual(['Enter the time as 24-hour clock, for example 09:30']);
    await checkAtEveryWidth(page, 'the plan with an error on the pin form', widths);

    await page.goto(`/visits/plan?date=${date}`);
    await clickAndWait(page, page.getByRole('link', { name: 'Publish the plan' }), /\/visits\/plan\/publish\?date=2026-11-25$/);
    expect(squash(await heading(page))).toBe('Publish the plan for Wednesday 25 November 2026?');
    await checkAtEveryWidth(page, 'publish confirmation', widths);
    await clickAndWait(page, page.getByRole('button', { name: 'Publish the plan' }), /published=1$/);
    expect(squash(await page.locator('main').textContent())).toContain('The plan was published');

    await clickAndWait(page, page.getByRole('link', { name: 'Re-plan the rest of this day' }), /\/visits\/plan\/replan\?date=2026-11-25$/);
    await checkAtEveryWidth(page, 'the re-plan form', widths);
    await page.locator('#from').fill('nonsense');
    await clickAndWait(page, page.getByRole('button', { name: 'Re-plan the rest of the day' }), /\/visits\/plan\/replan$/);
    expect(await errorLinks(page)).toEqual(['Enter the time to re-plan from, for example 10:00']);
    await checkAtEveryWidth(page, 'the re-plan form with an error', widths);
    await runner.stop();
    expect(run.problems()).toEqual([]);
  });
});

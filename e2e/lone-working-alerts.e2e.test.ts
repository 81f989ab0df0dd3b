// Issue 14 #5 in the browser: the responder opens a red alert on a phone (where, the patient's risk
// flags, the clinician's phone and car, what to do), acknowledges it, records what they did and closes
// it with the outcome; the lead's list of open alerts, the ladder settings with a mistake shown in the
// NHS.UK error summary, and the notifications page. Each page fits 390 px and 768 px and is axe clean.
import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { systemActor } from '../packages/server/src/platform/actor.ts';
import { raiseAlert } from '../packages/server/src/lone-working/raise-alert.ts';
import { checkAtEveryWidth, homewardInBrowser, registerPatientByApi } from './browser.ts';
import { seedWorkingWeek } from '../packages/server/test/seed-lone-working.ts';

describe('lone working: the responder’s side', () => {
  const run = homewardInBrowser();

  it('a responder acknowledges, acts on and closes a red alert on a phone; the lead sees the list and sets the ladder', async () => {
    const home = run.home;
    const therapist = home.service.a['registered-therapist'];
    const responder = home.service.a['assistant-practitioner'];
    const lead = home.service.a['clinical-lead'];
    const now = home.clock.now();
    await seedWorkingWeek(home, { staffId: therapist.id });
    await home.db.insertInto('rota_on_call').values({ id: uuidv7(), team_id: home.service.teamA, on_date: now.toISOString().slice(0, 10), staff_id: responder.id, manager_staff_id: null, created_at: now, created_by: lead.id, updated_at: now, updated_by: lead.id }).execute();
    const patient = await registerPatientByApi(home, therapist, { riskFlags: ['animals', 'aggression'] });
    const sessionId = uuidv7();
    await home.db.insertInto('lone_working_sessions').values({ id: sessionId, team_id: home.service.teamA, staff_id: therapist.id, on_date: now.toISOString().slice(0, 10), origin: 'by-hand', patient_id: patient.id, place: '12 Waterloo Road, Burslem ST6 3HR', expected_start: now, expected_end: new Date(now.getTime() + 3600_000), created_at: now, created_by: therapist.id, updated_at: now, updated_by: therapist.id }).execute();
    const { alertId } = await home.db.transaction().execute((trx) => raiseAlert(trx, { actor: systemActor({ config: home.config, via: 'e2e', now }), kind: 'red', teamId: home.service.teamA, staffId: therapist.id, sessionId }));

    const page = await run.pageFor(responder);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/notifications');
    await checkAtEveryWidth(page, 'notifications', [768, 390]);
    await Promise.all([page.waitForURL(`**/lone-working/alerts/${alertId}`), page.getByRole('link', { name: /Red alert: Alex registered therapist/ }).click()]);
    await expect(page.getByText('12 Waterloo Road, Burslem ST6 3HR').first().isVisible()).resolves.toBe(true);
    await expect(page.getByText('Blue Ford Fiesta AB12 CDE').isVisible()).resolves.toBe(true);
    await checkAtEveryWidth(page, 'alert (raised)', [768, 390]);
    await Promise.all([page.waitForURL('**?done=acknowledged'), page.getByRole('button', { name: 'Acknowledge: I am dealing with this' }).click()]);
    await page.getByLabel('What did you do?').fill('Called the clinician, no answer');
    await Promise.all([page.waitForURL('**?done=action'), page.getByRole('button', { name: 'Record the action' }).click()]);
    await page.getByRole('button', { name: 'Close the alert' }).click();
    await page.getByText('There is a problem').waitFor();
    await checkAtEveryWidth(page, 'alert close without an outcome', [768, 390]);
    await page.getByLabel('Outcome').fill('Reached her on the house phone: safe');
    await Promise.all([page.waitForURL('**?done=closed'), page.getByRole('button', { name: 'Close the alert' }).click()]);
    await expect(page.getByText('Closed by Alex assistant practitioner: Reached her on the house phone: safe').isVisible()).resolves.toBe(true);
    await checkAtEveryWidth(page, 'alert closed', [768, 390]);

    const leadPage = await run.pageFor(lead);
    await home.db.transaction().execute((trx) => raiseAlert(trx, { actor: systemActor({ config: home.config, via: 'e2e', now }), kind: 'duress', teamId: home.service.teamA, staffId: therapist.id, sessionId: null }));
    await leadPage.goto('/lone-working/alerts');
    await checkAtEveryWidth(leadPage, 'open alerts', [768, 390]);
    await leadPage.goto('/lone-working/settings');
    await checkAtEveryWidth(leadPage, 'ladder settings', [768, 390]);
    await leadPage.locator('#rung-1-who').selectOption('manager');
    await leadPage.getByRole('button', { name: 'Save the ladder' }).click();
    await leadPage.getByText('The ladder needs a responder rung').first().waitFor();
    await checkAtEveryWidth(leadPage, 'ladder settings with a problem', [768, 390]);
    expect(run.problems()).toEqual([]);
  });
});

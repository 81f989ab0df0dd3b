// A red alert says whom it tells, and that is whom the climb tells. Alex, the registered therapist, is
// today's on-call responder herself: her red alert cannot go to her, so it goes to the clinical lead
// working today, and both the emergency page and the "alert raised" page name the lead (a new user's walk
// found them naming her: "Alex, today's responder, has been told", when she was the one in trouble). The
// lead's is the first rung's notification. The assistant practitioner's alert the same day goes to Alex,
// today's responder, and carries the assistant's work phone and car, which the rota records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedWorkingWeek } from '../../test/seed-lone-working.ts';
import { createLoneWorkingRunner } from './lone-working-runner.ts';

describe('a red alert names whom it tells', () => {
  let t: TestApp;
  let therapist: TestClient;
  let assistant: TestClient;

  beforeAll(async () => {
    t = await bootTestApp();
    const lead = t.service.a['clinical-lead'];
    const now = t.clock.now();
    await seedWorkingWeek(t, { staffId: t.service.a['registered-therapist'].id, workPhone: null, car: null });
    await seedWorkingWeek(t, { staffId: t.service.a['assistant-practitioner'].id });
    await seedWorkingWeek(t, { staffId: lead.id, workPhone: '07700 900456', car: null });
    await t.db.insertInto('rota_on_call').values({ id: uuidv7(), team_id: t.service.teamA, on_date: '2026-11-24', staff_id: t.service.a['registered-therapist'].id, manager_staff_id: null, created_at: now, created_by: lead.id, updated_at: now, updated_by: lead.id }).execute();
    therapist = await t.signIn(t.service.a['registered-therapist']);
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
  });
  afterAll(async () => t?.close());

  /** Raises a red alert from the emergency page as a tap does; returns the "alert raised" page and the alert's id. */
  const raiseRed = async (client: TestClient) => {
    const page = await client.get('/lone-working/red');
    expect(page.statusCode).toBe(200);
    const formId = /name="formId" value="([^"]+)"/.exec(page.body)![1]!;
    const red = await client.form('/lone-working/red', { formId });
    expect(red.statusCode, red.body).toBe(303);
    const raised = await client.get(red.headers.location as string);
    expect(raised.statusCode).toBe(200);
    const alert = await t.db.selectFrom('lone_working_alerts').select('id').where('kind', '=', 'red').where('staff_id', '=', client.staff.id).executeTakeFirstOrThrow();
    return { before: page.body, raised: raised.body, alertId: alert.id };
  };
  const runTimers = async () => {
    const runner = createLoneWorkingRunner({ db: t.db, config: t.config, now: t.clock.now, instanceId: 'test' });
    while (await runner.runOnce());
  };
  const toldAbout = async (alertId: string) =>
    (await t.db.selectFrom('notifications').select('staff_id').where('alert_id', '=', alertId).execute()).map((n) => n.staff_id).sort();

  it('the responder’s own alert names the clinical lead working today, who is the one told', async () => {
    const { before, raised, alertId } = await raiseRed(therapist);
    expect(before).toContain('One tap tells Alex clinical lead, the clinical lead working today, at once');
    expect(before).not.toContain('Alex registered therapist, today’s responder');
    // She has no work phone or car on the rota today, so the page does not say they were sent.
    expect(raised).toContain('Alex clinical lead, the clinical lead working today, has been told now, with where you are and the visit’s risk flags.');
    expect(raised).not.toContain('Alex registered therapist, today’s responder');
    expect(raised).toContain('<a href="tel:07700900456">07700 900456</a>');
    await runTimers();
    expect(await toldAbout(alertId)).toEqual([t.service.a['clinical-lead'].id]);
  });

  it('anyone else’s alert names today’s responder, with their own work phone and car', async () => {
    const { before, raised, alertId } = await raiseRed(assistant);
    expect(before).toContain('One tap tells Alex registered therapist, today’s responder, at once');
    expect(raised).toContain('Alex registered therapist, today’s responder, has been told now, with where you are, the visit’s risk flags, your work phone and your car.');
    // The responder has no work phone on the rota: no number to offer.
    expect(raised).not.toContain('tel:');
    await runTimers();
    expect(await toldAbout(alertId)).toEqual([t.service.a['registered-therapist'].id]);
  });
});

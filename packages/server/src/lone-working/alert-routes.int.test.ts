// The responder's side as pages: who may see and act on an alert (the people it was sent to, the team's
// leads and service managers; not the clinician it is about, not anyone else), acknowledge, actions,
// close with an outcome (required), every change version-checked; the team's open alerts; the ladder
// settings and their rules; each person's notifications.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { HomewardRole } from '@homeward/clinical';
import { bootTestApp, patientDetails, type TestApp, type TestClient, type TestStaff } from '../../test/test-app.ts';
import { systemActor } from '../platform/actor.ts';
import { raiseAlert } from './raise-alert.ts';
import { readTeamLadder } from './read-team-ladder.ts';
import { seedWorkingWeek } from '../../test/seed-lone-working.ts';

describe('the responder’s alert pages', () => {
  let t: TestApp;
  let alertId: string;
  let patientId: string;
  const clients = new Map<string, TestClient>();
  const as = async (who: TestStaff) => {
    const existing = clients.get(who.id);
    if (existing) return existing;
    const c = await t.signIn(who);
    clients.set(who.id, c);
    return c;
  };
  const version = async () => (await t.db.selectFrom('lone_working_alerts').select('version').where('id', '=', alertId).executeTakeFirstOrThrow()).version;

  beforeAll(async () => {
    t = await bootTestApp();
    const therapist = t.service.a['registered-therapist'];
    const responder = t.service.a['assistant-practitioner'];
    const lead = t.service.a['clinical-lead'];
    const now = t.clock.now();
    await seedWorkingWeek(t, { staffId: therapist.id });
    await t.db.insertInto('rota_on_call').values({ id: uuidv7(), team_id: t.service.teamA, on_date: '2026-11-24', staff_id: responder.id, manager_staff_id: null, created_at: now, created_by: lead.id, updated_at: now, updated_by: lead.id }).execute();
    const created = await (await as(therapist)).post('/api/patients', patientDetails({ riskFlags: ['animals', 'aggression'] }));
    expect(created.statusCode, created.body).toBe(201);
    patientId = (created.json() as { id: string }).id;
    const sessionId = uuidv7();
    await t.db.insertInto('lone_working_sessions').values({ id: sessionId, team_id: t.service.teamA, staff_id: therapist.id, on_date: '2026-11-24', origin: 'by-hand', patient_id: patientId, place: '12 Waterloo Road, Burslem ST6 3HR', expected_start: now, expected_end: new Date(now.getTime() + 3600_000), created_at: now, created_by: therapist.id, updated_at: now, updated_by: therapist.id }).execute();
    ({ alertId } = await t.db.transaction().execute((trx) => raiseAlert(trx, { actor: systemActor({ config: t.config, via: 'test', now }), kind: 'red', teamId: t.service.teamA, staffId: therapist.id, sessionId })));
  });
  afterAll(async () => t?.close());

  it('shows the alert to those it was sent to and the team’s leads and managers, and refuses everyone else', async () => {
    const allowed: HomewardRole[] = ['assistant-practitioner', 'clinical-lead', 'service-manager'];
    for (const role of Object.keys(t.service.a) as HomewardRole[]) {
      const res = await (await as(t.service.a[role])).get(`/lone-working/alerts/${alertId}`);
      expect(res.statusCode, role).toBe(allowed.includes(role) ? 200 : 403);
    }
    // Another team's alert is not theirs to know of: no such alert, as for any id; the refusal is audited all the same.
    const otherTeam = await (await as(t.service.otherTeamTherapist)).get(`/lone-working/alerts/${alertId}`);
    expect(otherTeam.statusCode).toBe(404);
    const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
    expect(titleOf(otherTeam.body)).toBe(titleOf((await (await as(t.service.otherTeamTherapist)).get(`/lone-working/alerts/${uuidv7()}`)).body));
    const refused = await t.db.selectFrom('audit_events').select(['staff_id', 'detail']).where('record_id', '=', alertId).where('outcome', '=', 'refused').execute();
    expect(refused.length).toBe(Object.keys(t.service.a).length - allowed.length + 1);
    expect(refused.find((r) => r.staff_id === t.service.otherTeamTherapist.id)?.detail).toMatchObject({ rule: 'another-team' });
    // Nor may they act.
    const own = await (await as(t.service.a['registered-therapist'])).form(`/lone-working/alerts/${alertId}/close`, { version: String(await version()), outcome: 'I am fine' });
    expect(own.statusCode).toBe(403);
    expect((await t.db.selectFrom('lone_working_alerts').select('status').where('id', '=', alertId).executeTakeFirstOrThrow()).status).toBe('raised');
  });

  it('shows what the responder acts on: where, the patient’s risk flags, the phone and car, the instructions; and audits the read', async () => {
    const res = await (await as(t.service.a['assistant-practitioner'])).get(`/lone-working/alerts/${alertId}`);
    expect(res.body).toContain('12 Waterloo Road, Burslem ST6 3HR');
    expect(res.body).toContain('Animals');
    expect(res.body).toContain('Aggression');
    expect(res.body).toContain('tel:07700900123');
    expect(res.body).toContain('Blue Ford Fiesta AB12 CDE');
    expect(res.body).toContain('Call the clinician on their work phone');
    // "Call the house": the patient's phone, and the risk flags in words.
    expect(res.body).toMatch(/Call the house[\s\S]*?<a href="tel:01632960123">/);
    expect(res.body).toMatch(/Patient’s risk flags[\s\S]*?Animals, Aggression/);
    const reads = await t.db.selectFrom('audit_events').select(['patient_id']).where('record_id', '=', alertId).where('action', '=', 'read').where('outcome', '=', 'allowed').where('staff_id', '=', t.service.a['assistant-practitioner'].id).execute();
    expect(reads.length).toBeGreaterThan(0);
    expect(reads[0]!.patient_id).not.toBeNull();
  });

  it('acknowledges, records an action, refuses a close without an outcome or with an old version, closes with one', async () => {
    const responder = await as(t.service.a['assistant-practitioner']);
    const v1 = await version();
    const ack = await responder.form(`/lone-working/alerts/${alertId}/acknowledge`, { version: String(v1) });
    expect(ack.statusCode, ack.body).toBe(303);
    const stale = await responder.form(`/lone-working/alerts/${alertId}/actions`, { version: String(v1), text: 'Called the clinician, no answer' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('There is a problem');
    const action = await responder.form(`/lone-working/alerts/${alertId}/actions`, { version: String(await version()), text: 'Called the clinician, no answer' });
    expect(action.statusCode, action.body).toBe(303);
    const empty = await responder.form(`/lone-working/alerts/${alertId}/close`, { version: String(await version()), outcome: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter the outcome');
    const closed = await responder.form(`/lone-working/alerts/${alertId}/close`, { version: String(await version()), outcome: 'Reached her on the house phone: safe, her phone had died' });
    expect(closed.statusCode, closed.body).toBe(303);
    const page = await responder.get(`/lone-working/alerts/${alertId}`);
    expect(page.body).toContain('Acknowledged by Alex assistant practitioner');
    expect(page.body).toContain('Alex assistant practitioner: Called the clinician, no answer');
    expect(page.body).toContain('Closed by Alex assistant practitioner: Reached her on the house phone');
    const events = await t.db.selectFrom('lone_working_alert_events').select(['kind', 'by_staff_id']).where('alert_id', '=', alertId).orderBy('at').orderBy('id').execute();
    expect(events.map((e) => e.kind)).toEqual(['raised', 'escalated', 'acknowledged', 'action', 'closed']);
    const again = await responder.form(`/lone-working/alerts/${alertId}/close`, { version: String(await version()), outcome: 'again' });
    expect(again.statusCode).toBe(409);
  });

  it('lists the team’s open alerts for its leads only', async () => {
    const therapist = t.service.a['registered-therapist'];
    const { alertId: open } = await t.db.transaction().execute((trx) => raiseAlert(trx, { actor: systemActor({ config: t.config, via: 'test', now: t.clock.now() }), kind: 'duress', teamId: t.service.teamA, staffId: therapist.id, sessionId: null }));
    const list = await (await as(t.service.a['clinical-lead'])).get('/lone-working/alerts');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/lone-working/alerts/${open}`);
    expect(list.body).not.toContain(`/lone-working/alerts/${alertId}`);
    expect((await (await as(therapist)).get('/lone-working/alerts')).statusCode).toBe(403);
    expect((await (await as(t.service.otherTeamTherapist)).get('/lone-working/alerts')).statusCode).toBe(403);
  });

  it('leaves a lead’s own duress alert off her alerts list and page (her own red alert she may see); her service manager sees both', async () => {
    const leadStaff = t.service.a['clinical-lead'];
    const raise = (kind: 'red' | 'duress') => t.db.transaction().execute((trx) => raiseAlert(trx, { actor: systemActor({ config: t.config, via: 'test', now: t.clock.now() }), kind, teamId: t.service.teamA, staffId: leadStaff.id, sessionId: null }));
    const duress = (await raise('duress')).alertId;
    const red = (await raise('red')).alertId;
    const lead = await as(leadStaff);
    const list = await lead.get('/lone-working/alerts');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(duress);
    expect(list.body).toContain(`/lone-working/alerts/${red}`);
    // Asked for by its id, it is no alert at all (audited as refused).
    const page = await lead.get(`/lone-working/alerts/${duress}`);
    expect(page.statusCode).toBe(404);
    expect(page.body).not.toContain('duress code');
    const refused = await t.db.selectFrom('audit_events').select(['detail']).where('record_id', '=', duress).where('staff_id', '=', leadStaff.id).where('outcome', '=', 'refused').execute();
    expect(refused.map((r) => r.detail)).toEqual([expect.objectContaining({ rule: 'own-duress-alert' })]);
    const manager = await (await as(t.service.a['service-manager'])).get('/lone-working/alerts');
    expect(manager.body).toContain(`/lone-working/alerts/${duress}`);
    expect(manager.body).toContain(`/lone-working/alerts/${red}`);
    // The lead has no work phone on the rota: said, not left out (the instructions ask for it).
    expect((await (await as(t.service.a['service-manager'])).get(`/lone-working/alerts/${red}`)).body).toMatch(/Work phone[\s\S]*?No work phone recorded/);
    // Out of the way of the later stories.
    for (const id of [duress, red]) {
      const v = (await t.db.selectFrom('lone_working_alerts').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
      expect((await (await as(t.service.a['service-manager'])).form(`/lone-working/alerts/${id}/close`, { version: String(v), outcome: 'Test: safe' })).statusCode).toBe(303);
    }
  });

  it('lets a lead set the ladder within its rules, and nobody else', async () => {
    const lead = await as(t.service.a['clinical-lead']);
    expect((await lead.get('/lone-working/settings')).statusCode).toBe(200);
    expect((await (await as(t.service.a['registered-therapist'])).get('/lone-working/settings')).statusCode).toBe(403);
    const noResponder = await lead.form('/lone-working/settings', { version: '', graceMinutes: '10', 'rung-0-who': 'clinician', 'rung-0-minutes': '0', 'rung-0-instructions': 'Check out', 'rung-1-who': 'manager', 'rung-1-minutes': '20', 'rung-1-instructions': 'Call' });
    expect(noResponder.statusCode).toBe(400);
    expect(noResponder.body).toContain('The ladder needs a responder rung');
    const backwards = await lead.form('/lone-working/settings', { version: '', graceMinutes: '10', 'rung-0-who': 'clinician', 'rung-0-minutes': '10', 'rung-0-instructions': 'Check out', 'rung-1-who': 'responder', 'rung-1-minutes': '5', 'rung-1-instructions': 'Call' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('each rung must come later than the one before');
    // The clinician prompted after the responder (so after a red alert or a duress code): refused, on the error summary, linked to that row.
    const promptAfter = await lead.form('/lone-working/settings', { version: '', graceMinutes: '10', 'rung-0-who': 'clinician', 'rung-0-minutes': '0', 'rung-0-instructions': 'Check out', 'rung-1-who': '', 'rung-2-who': 'responder', 'rung-2-minutes': '5', 'rung-2-instructions': 'Call', 'rung-3-who': 'clinician', 'rung-3-minutes': '10', 'rung-3-instructions': 'Check out now' });
    expect(promptAfter.statusCode).toBe(400);
    expect(promptAfter.body).toMatch(/class="nhsuk-error-summary"[\s\S]*<a href="#rung-3-who">\s*Rung 3: the clinician can only be prompted before the responder is told\s*<\/a>/);
    expect(await readTeamLadder(t.db, t.service.teamA)).toMatchObject({ version: null });
    const saved = await lead.form('/lone-working/settings', { version: '', graceMinutes: '10', 'rung-0-who': 'clinician', 'rung-0-minutes': '0', 'rung-0-instructions': 'Check out now', 'rung-1-who': 'responder', 'rung-1-minutes': '5', 'rung-1-instructions': 'Call them', 'rung-2-who': 'manager', 'rung-2-minutes': '15', 'rung-2-instructions': 'Call the police' });
    expect(saved.statusCode, saved.body).toBe(303);
    expect(await readTeamLadder(t.db, t.service.teamA)).toMatchObject({ graceSeconds: 600, version: 1, rungs: [{ level: 1, who: 'clinician', afterSeconds: 0 }, { level: 2, who: 'responder', afterSeconds: 300 }, { level: 3, who: 'manager', afterSeconds: 900 }] });
    const stale = await lead.form('/lone-working/settings', { version: '', graceMinutes: '20', 'rung-0-who': 'responder', 'rung-0-minutes': '0', 'rung-0-instructions': 'Call' });
    expect(stale.statusCode).toBe(409);
  });

  it('lists a person’s notifications, and marks them read', async () => {
    const responder = await as(t.service.a['assistant-practitioner']);
    // Every page's account bar says how many are unread (here another context's page), the API does not.
    const caseload = await responder.get('/caseload');
    expect(caseload.body).toMatch(/<a href="\/notifications">Notifications <strong class="hw-unread">\(\d+ unread\)<\/strong><\/a>/);
    const readsBefore = await t.db.selectFrom('audit_events').select('id').where('staff_id', '=', responder.staff.id).where('record_kind', '=', 'notifications').execute();
    const page = await responder.get('/notifications');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Red alert: Alex registered therapist');
    // How the email went, in words (no email service in the tests), and the way back.
    expect(page.body).toContain('email not sent (Homeward has no service set up to send it)');
    expect(page.body).not.toContain('not-configured');
    expect(page.body).toMatch(/<a class="nhsuk-back-link" href="\/">\s*Home\s*<\/a>|class="nhsuk-back-link"[^>]*href="\/"/);
    // The notification names where the clinician is (the patient's address): a read of that patient, audited once.
    const reads = await t.db.selectFrom('audit_events').select(['patient_id', 'action', 'outcome']).where('staff_id', '=', responder.staff.id).where('record_kind', '=', 'notifications').execute();
    expect(reads.length - readsBefore.length).toBe(1);
    expect(reads.at(-1)).toEqual({ patient_id: patientId, action: 'read', outcome: 'allowed' });
    const { countUnreadNotifications } = await import('./notification-queries.ts');
    expect(await countUnreadNotifications(t.db, responder.staff.id)).toBeGreaterThan(0);
    expect((await responder.form('/notifications', {})).statusCode).toBe(303);
    expect(await countUnreadNotifications(t.db, responder.staff.id)).toBe(0);
    expect((await responder.get('/caseload')).body).toContain('<a href="/notifications">Notifications</a>');
    expect(await countUnreadNotifications(t.db, t.service.a['service-manager'].id)).toBe(0);
  });

  it('through the API: the responder reads the alert (audited), acknowledges once however often it is sent, a stale or blank change is refused with nothing written, and closes it', async () => {
    const therapist = t.service.a['registered-therapist'];
    const now = t.clock.now();
    const sessionId = uuidv7();
    await t.db.insertInto('lone_working_sessions').values({ id: sessionId, team_id: t.service.teamA, staff_id: therapist.id, on_date: '2026-11-24', origin: 'by-hand', patient_id: patientId, place: '12 Waterloo Road, Burslem ST6 3HR', expected_start: now, expected_end: new Date(now.getTime() + 3600_000), created_at: now, created_by: therapist.id, updated_at: now, updated_by: therapist.id }).execute();
    const { alertId: id } = await t.db.transaction().execute((trx) => raiseAlert(trx, { actor: systemActor({ config: t.config, via: 'test', now }), kind: 'red', teamId: t.service.teamA, staffId: therapist.id, sessionId }));
    const responder = await as(t.service.a['assistant-practitioner']);
    const events = () => t.db.selectFrom('lone_working_alert_events').select('kind').where('alert_id', '=', id).where('kind', 'in', ['acknowledged', 'action', 'closed']).execute();

    const read = await responder.get(`/api/lone-working/alerts/${id}`);
    expect(read.statusCode, read.body).toBe(200);
    const body = read.json();
    expect(body.alert).toMatchObject({ id, kind: 'red', status: 'raised' });
    const v = body.alert.version as number;
    expect(body.patient).toMatchObject({ id: patientId, riskFlags: ['animals', 'aggression'] });
    expect(body.clinician).toEqual({ name: 'Alex registered therapist', workPhone: '07700 900123', carDescription: 'Blue Ford Fiesta AB12 CDE' });
    const audited = await t.db.selectFrom('audit_events').select(['patient_id', 'action']).where('record_id', '=', id).where('staff_id', '=', responder.staff.id).where('outcome', '=', 'allowed').execute();
    expect(audited).toEqual([{ patient_id: patientId, action: 'read' }]);
    expect((await (await as(t.service.a['support-worker'])).get(`/api/lone-working/alerts/${id}`)).statusCode).toBe(403);
    expect((await (await as(t.service.otherTeamTherapist)).get(`/api/lone-working/alerts/${id}`)).statusCode).toBe(404);

    const ack = await responder.post(`/api/lone-working/alerts/${id}/acknowledgement`, { version: v }, { 'idempotency-key': `ack-${id}` });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json().alert).toMatchObject({ status: 'acknowledged', version: v + 1 });
    const again = await responder.post(`/api/lone-working/alerts/${id}/acknowledgement`, { version: v }, { 'idempotency-key': `ack-${id}` });
    expect([again.statusCode, again.headers['idempotent-replayed']]).toEqual([200, 'true']);
    const stale = await responder.post(`/api/lone-working/alerts/${id}/actions`, { version: v, text: 'Called her work phone' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ status: 'acknowledged', version: v + 1 });
    const blank = await responder.post(`/api/lone-working/alerts/${id}/closure`, { version: v + 1, outcome: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.fields).toEqual([{ path: 'outcome', message: 'Enter the outcome' }]);
    const notANumber = await responder.post(`/api/lone-working/alerts/${id}/closure`, { version: 'two', outcome: 'Safe' });
    expect(notANumber.statusCode).toBe(400);
    expect(await events()).toEqual([{ kind: 'acknowledged' }]);

    const closed = await responder.post(`/api/lone-working/alerts/${id}/closure`, { version: v + 1, outcome: 'Reached her on the house phone: safe' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().alert).toMatchObject({ status: 'closed', outcome: 'Reached her on the house phone: safe' });
    expect(await events()).toEqual([{ kind: 'acknowledged' }, { kind: 'closed' }]);
  });
});

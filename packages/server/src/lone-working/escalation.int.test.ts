// The escalation engine on a real database, with the test's clock and two job runners (two instances):
// a missed check-out climbs clinician -> responder -> manager at the ladder's times, each rung once
// however the runners race; a runner that dies mid-job is taken over; acknowledgement stops the climb;
// a late check-out never closes an alert; a day with nobody on call skips to the manager and was
// flagged to the lead the day before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, type TestApp } from '../../test/test-app.ts';
import { testEngine } from '../../test/test-database.ts';
import { seedPublishedPlan } from '../../test/seed-published-plan.ts';
import type { Database } from '../db/schema.ts';
import { systemActor } from '../platform/actor.ts';
import { claimDueJob, type JobRunner } from '../platform/jobs.ts';
import { startRotaGapChecks } from './job-handlers.ts';
import { createLoneWorkingRunner } from './lone-working-runner.ts';
import { loneWorkingJobKinds } from './lone-working-types.ts';
import { noteLateCheck } from './note-late-check.ts';
import { raiseAlert } from './raise-alert.ts';
import { scheduleSessionChecks } from './schedule-session-checks.ts';
import { startAmberAlert } from './start-amber-alert.ts';
import { extendAmberAlert } from './extend-amber-alert.ts';
import { endAmberAlert } from './end-amber-alert.ts';
import { acknowledgeAlert } from './acknowledge-alert.ts';
import { closeAlert } from './close-alert.ts';
import { tellRotaGaps } from './tell-rota-gaps.ts';
import { seedWorkingWeek } from '../../test/seed-lone-working.ts';

const kinds = Object.values(loneWorkingJobKinds).filter((k) => k !== loneWorkingJobKinds.planPublished);

describe('the escalation engine', () => {
  let t: TestApp;
  let second: Kysely<Database>;
  let closeSecond: () => Promise<void> = async () => {};
  let runners: JobRunner[];

  beforeAll(async () => {
    t = await bootTestApp();
    if (testEngine === 'postgres') {
      const other = await t.testDb.open();
      second = other.db;
      closeSecond = () => other.close();
    } else second = t.db;
    const clinician = t.service.a['registered-therapist'];
    await seedWorkingWeek(t, { staffId: clinician.id });
    // Two instances: each its own runner with its own database handle (PGlite in memory has one).
    runners = [t.db, second].map((db, i) => createLoneWorkingRunner({ db, config: t.config, now: t.clock.now, instanceId: `instance-${i}` }));
  });
  afterAll(async () => {
    for (const r of runners ?? []) await r.stop();
    await closeSecond();
    await t?.close();
  });

  /** Both instances take every due timer, racing, until none is left. */
  async function runDue(): Promise<void> {
    for (;;) {
      const ran = await Promise.all(runners.map((r) => r.runOnce()));
      if (ran.every((j) => j === null)) return;
    }
  }
  const at = (iso: string) => t.clock.set(new Date(iso));

  async function session(o: { start: string; end: string; staffId?: string }): Promise<string> {
    const id = uuidv7();
    const staffId = o.staffId ?? t.service.a['registered-therapist'].id;
    await t.db.insertInto('lone_working_sessions').values({ id, team_id: t.service.teamA, staff_id: staffId, on_date: o.start.slice(0, 10), origin: 'by-hand', place: '12 Mill Lane, Leek ST13 5AA', expected_start: new Date(o.start), expected_end: new Date(o.end), created_at: t.clock.now(), created_by: staffId, updated_at: t.clock.now(), updated_by: staffId }).execute();
    await t.db.transaction().execute((trx) => scheduleSessionChecks(trx, { sessionId: id, now: t.clock.now() }));
    return id;
  }
  const events = (alertId: string) => t.db.selectFrom('lone_working_alert_events').select(['kind', 'level', 'at', 'due_at', 'detail']).where('alert_id', '=', alertId).orderBy('at').orderBy('id').execute();
  const rungEvents = async (alertId: string) => (await events(alertId)).filter((e) => ['raised', 'escalated', 'skipped-level'].includes(e.kind)).map((e) => `${e.kind}:${e.level}`);
  const alertOf = (sessionId: string) => t.db.selectFrom('lone_working_alerts').selectAll().where('session_id', '=', sessionId).executeTakeFirst();
  const toldOf = (alertId: string) => t.db.selectFrom('notifications').select(['staff_id', 'title']).where('alert_id', '=', alertId).orderBy('created_at').orderBy('id').execute();
  async function onCall(date: string, staffId: string, managerStaffId: string | null = null) {
    const lead = t.service.a['clinical-lead'].id;
    await t.db.insertInto('rota_on_call').values({ id: uuidv7(), team_id: t.service.teamA, on_date: date, staff_id: staffId, manager_staff_id: managerStaffId, created_at: t.clock.now(), created_by: lead, updated_at: t.clock.now(), updated_by: lead }).execute();
  }

  it('a missed check-out climbs clinician, responder, manager at the ladder’s times, each rung once across two racing instances', async () => {
    at('2026-11-24T09:00:00Z');
    const responder = t.service.a['assistant-practitioner'].id;
    await onCall('2026-11-24', responder);
    const s = await session({ start: '2026-11-24T09:30:00Z', end: '2026-11-24T10:30:00Z' });
    at('2026-11-24T09:35:00Z');
    await t.db.updateTable('lone_working_sessions').set({ status: 'checked-in', checked_in_at: t.clock.now(), checked_in_received_at: t.clock.now() }).where('id', '=', s).execute();
    at('2026-11-24T09:45:30Z');
    await runDue();
    expect(await alertOf(s), 'checked in: the check-in timer does nothing').toBeUndefined();
    at('2026-11-24T10:44:59Z');
    await runDue();
    expect(await alertOf(s), 'not yet overdue by the grace').toBeUndefined();
    at('2026-11-24T10:45:00Z');
    await runDue();
    const alert = (await alertOf(s))!;
    expect(alert).toMatchObject({ kind: 'missed-check-out', status: 'raised', level: 1 });
    expect(await rungEvents(alert.id)).toEqual(['raised:0', 'escalated:1']);
    const clinician = t.service.a['registered-therapist'].id;
    expect((await toldOf(alert.id)).map((n) => n.staff_id)).toEqual([clinician]);
    at('2026-11-24T10:54:59Z');
    await runDue();
    expect(await rungEvents(alert.id)).toEqual(['raised:0', 'escalated:1']);
    at('2026-11-24T10:55:00Z');
    await runDue();
    await runDue();
    expect(await rungEvents(alert.id)).toEqual(['raised:0', 'escalated:1', 'escalated:2']);
    expect((await toldOf(alert.id)).map((n) => n.staff_id)).toEqual([clinician, responder]);
    at('2026-11-24T11:10:00Z');
    await runDue();
    expect(await rungEvents(alert.id)).toEqual(['raised:0', 'escalated:1', 'escalated:2', 'escalated:3']);
    expect((await toldOf(alert.id)).map((n) => n.staff_id)).toEqual([clinician, responder, t.service.a['service-manager'].id]);
    // Each rung's due time is kept, so lateness can be measured; here none was late.
    const rungs = (await events(alert.id)).filter((e) => e.due_at !== null);
    expect(rungs.map((e) => new Date(e.at).getTime() - new Date(e.due_at!).getTime())).toEqual([0, 0, 0, 0]);
    // The responder's notification has what they act on: the place, the phone, the car, what to do.
    const body = (await t.db.selectFrom('notifications').select('body').where('alert_id', '=', alert.id).where('staff_id', '=', responder).executeTakeFirstOrThrow()).body;
    expect(body).toContain('12 Mill Lane, Leek ST13 5AA');
    expect(body).toContain('07700 900123');
    expect(body).toContain('Blue Ford Fiesta');
    expect(body).toContain('Call the clinician on their work phone');
    // A late check-out arrives (the phone was offline): recorded, and the alert stays raised.
    at('2026-11-24T11:12:00Z');
    await t.db.transaction().execute((trx) => noteLateCheck(trx, { actor: systemActor({ config: t.config, via: 'test', now: t.clock.now() }), sessionId: s, check: 'out', madeAt: new Date('2026-11-24T10:31:00Z'), receivedAt: t.clock.now() }));
    expect((await alertOf(s))!.status).toBe('raised');
    const late = (await events(alert.id)).find((e) => e.kind === 'late-check-out')!;
    expect(late.detail).toEqual({ madeAt: '2026-11-24T10:31:00.000Z', receivedAt: '2026-11-24T11:12:00.000Z' });
    const heard = await t.db.selectFrom('notifications').select(['staff_id', 'title']).where('alert_id', '=', alert.id).where('kind', '=', 'lone-working-late-check').orderBy('staff_id').execute();
    expect(heard.map((n) => n.staff_id).sort()).toEqual([responder, t.service.a['service-manager'].id].sort());
    // Nothing left to fire, however long we wait.
    at('2026-11-24T13:00:00Z');
    await runDue();
    expect(await rungEvents(alert.id)).toEqual(['raised:0', 'escalated:1', 'escalated:2', 'escalated:3']);
  });

  it('a timer whose instance died mid-job is taken over once its lease runs out, and fires once', async () => {
    at('2026-11-24T13:00:00Z');
    const s = await session({ start: '2026-11-24T13:10:00Z', end: '2026-11-24T13:40:00Z' });
    at('2026-11-24T13:25:00Z');
    const dead = await claimDueJob(t.db, { kinds, instanceId: 'killed', now: t.clock.now(), leaseMs: 15_000 });
    expect(dead?.kind).toBe(loneWorkingJobKinds.checkDue);
    await runDue();
    expect(await alertOf(s), 'the killed instance still holds it').toBeUndefined();
    at('2026-11-24T13:25:16Z');
    await runDue();
    const alert = (await alertOf(s))!;
    expect(alert.kind).toBe('missed-check-in');
    expect(await rungEvents(alert.id)).toEqual(['raised:0', 'escalated:1']);
    const rungs = (await events(alert.id)).filter((e) => e.due_at !== null);
    expect(new Date(rungs[0]!.at).getTime() - new Date(rungs[0]!.due_at!).getTime()).toBe(16_000);
    // A restart (a deploy): one instance stops mid-climb, a new one starts; the next rungs still fire, once.
    await runners[0]!.stop();
    runners[0] = createLoneWorkingRunner({ db: t.db, config: t.config, now: t.clock.now, instanceId: 'instance-0-restarted' });
    at('2026-11-24T13:35:16Z');
    await runDue();
    at('2026-11-24T13:50:16Z');
    await runDue();
    expect(await rungEvents(alert.id)).toEqual(['raised:0', 'escalated:1', 'escalated:2', 'escalated:3']);
    // The raise was 16 s late; the rungs above keep the ladder's times from when it was due, not carrying the 16 s.
    const dues = (await events(alert.id)).filter((e) => e.kind === 'escalated').map((e) => new Date(e.due_at!).toISOString());
    expect(dues).toEqual(['2026-11-24T13:25:00.000Z', '2026-11-24T13:35:00.000Z', '2026-11-24T13:50:00.000Z']);
  });

  it('acknowledgement stops the climb', async () => {
    at('2026-11-24T14:00:00Z');
    const s = await session({ start: '2026-11-24T14:00:00Z', end: '2026-11-24T14:30:00Z' });
    at('2026-11-24T14:15:00Z');
    await runDue();
    at('2026-11-24T14:25:00Z');
    await runDue();
    const alert = (await alertOf(s))!;
    expect(alert.level).toBe(2);
    const responder = t.service.a['assistant-practitioner'];
    await t.db.transaction().execute(async (trx) =>
      acknowledgeAlert(trx, { actor: { ...systemActor({ config: t.config, via: 'test', now: t.clock.now() }), kind: 'staff', staff: { staffId: responder.id, name: 'Alex', role: responder.role, teamId: t.service.teamA } }, alertId: alert.id, version: alert.version }),
    );
    at('2026-11-24T15:00:00Z');
    await runDue();
    expect(await rungEvents(alert.id)).toEqual(['raised:0', 'escalated:1', 'escalated:2']);
    expect((await alertOf(s))!.status).toBe('acknowledged');
  });

  it('with nobody on call and no lead working, the responder rung is skipped and the manager told at once; the lead was told the day before', async () => {
    // A Wednesday with visits published and nobody on call: the lead hears on Tuesday afternoon.
    at('2026-11-24T14:00:00Z');
    const lead = t.service.a['clinical-lead'].id;
    const therapist = t.service.a['registered-therapist'].id;
    await seedPublishedPlan(t, { date: '2026-11-25', patients: { p: { givenName: 'Edith', familyName: 'Shaw', nhsIndex: 1401, at: null } }, routes: [{ staffId: therapist, stops: [['p', '10:00', '11:00']] }] });
    // The check for Wednesday waits until Tuesday 14:00, runs once, and leaves Thursday's behind it.
    at('2026-11-24T13:59:00Z');
    await startRotaGapChecks(t.db, t.clock.now());
    await runDue();
    expect(await t.db.selectFrom('notifications').select('id').where('kind', '=', 'lone-working-rota-gap').execute()).toEqual([]);
    at('2026-11-24T14:00:00Z');
    await runDue();
    await startRotaGapChecks(t.db, t.clock.now());
    await runDue();
    const next = await t.db.selectFrom('jobs').select(['key', 'run_at']).where('kind', '=', loneWorkingJobKinds.rotaGaps).where('status', '=', 'queued').execute();
    expect(next.map((j) => [j.key, new Date(j.run_at).toISOString()])).toEqual([['2026-11-26', '2026-11-25T14:00:00.000Z']]);
    // Asked again (a restart re-runs it), nobody is told twice.
    const again = await t.db.transaction().execute((trx) => tellRotaGaps(trx, { actor: systemActor({ config: t.config, via: 'test', now: t.clock.now() }), date: '2026-11-25' }));
    expect(again).toEqual([t.service.teamA]);
    const gaps = await t.db.selectFrom('notifications').select(['staff_id', 'title']).where('kind', '=', 'lone-working-rota-gap').execute();
    expect(gaps).toEqual([{ staff_id: lead, title: 'Nobody on call on 2026-11-25 for lone working' }]);
    at('2026-11-25T10:00:00Z');
    const s = await session({ start: '2026-11-25T10:00:00Z', end: '2026-11-25T11:00:00Z' });
    at('2026-11-25T10:15:00Z');
    await runDue();
    at('2026-11-25T10:25:00Z');
    await runDue();
    const alert = (await alertOf(s))!;
    expect(await rungEvents(alert.id)).toEqual(['raised:0', 'escalated:1', 'skipped-level:2', 'escalated:3']);
    expect((await toldOf(alert.id)).map((n) => n.staff_id)).toEqual([therapist, t.service.a['service-manager'].id]);
  });

  it('a red alert goes straight to the responder; an amber raises when it runs out unless ended, and not at a time it was extended past', async () => {
    at('2026-11-24T15:00:00Z');
    const actor = () => systemActor({ config: t.config, via: 'test', now: t.clock.now() });
    const therapist = t.service.a['registered-therapist'].id;
    const red = await t.db.transaction().execute((trx) => raiseAlert(trx, { actor: actor(), kind: 'duress', teamId: t.service.teamA, staffId: therapist, sessionId: null }));
    expect(await rungEvents(red.alertId)).toEqual(['raised:0', 'escalated:2']);
    const amber = await t.db.transaction().execute((trx) => startAmberAlert(trx, { actor: actor(), teamId: t.service.teamA, staffId: therapist, sessionId: null, note: 'Son known to be aggressive', minutes: 30 }));
    at('2026-11-24T15:20:00Z');
    const extended = await t.db.transaction().execute((trx) => extendAmberAlert(trx, { actor: actor(), alertId: amber.alertId, version: 1, minutes: 20 }));
    expect(extended.dueAt.toISOString()).toBe('2026-11-24T15:50:00.000Z');
    at('2026-11-24T15:30:00Z');
    await runDue();
    expect(await rungEvents(amber.alertId)).toEqual([]);
    at('2026-11-24T15:50:00Z');
    await runDue();
    expect(await rungEvents(amber.alertId)).toEqual(['raised:0', 'escalated:1']);
    await expect(t.db.transaction().execute((trx) => endAmberAlert(trx, { actor: actor(), alertId: amber.alertId, version: extended.version + 1 }))).rejects.toMatchObject({ code: 'version_conflict' });
    const safe = await t.db.transaction().execute((trx) => startAmberAlert(trx, { actor: actor(), teamId: t.service.teamA, staffId: therapist, sessionId: null, note: 'New referral, unknown house', minutes: 10 }));
    await t.db.transaction().execute((trx) => endAmberAlert(trx, { actor: actor(), alertId: safe.alertId, version: 1 }));
    at('2026-11-24T16:30:00Z');
    await runDue();
    expect(await rungEvents(safe.alertId)).toEqual([]);
  });

  it('a clinician who never checked in is one alert, even when the check-in timer is held up past the check-out’s (a killed instance, an outage)', async () => {
    at('2026-11-26T09:00:00Z');
    await runDue(); // the earlier stories' timers, out of the way
    const s = await session({ start: '2026-11-26T09:10:00Z', end: '2026-11-26T09:30:00Z' });
    // Earlier stories' check-out timers still covered by an open alert come back every grace period: run them first.
    at('2026-11-26T09:24:00Z');
    await runDue();
    // 09:25: the check-in timer is due, and an instance takes it and dies holding it for half an hour.
    at('2026-11-26T09:25:01Z');
    const held = await claimDueJob(t.db, { kinds, instanceId: 'killed', now: t.clock.now(), leaseMs: 30 * 60_000 });
    expect(held?.payload).toMatchObject({ sessionId: s, check: 'in' });
    // 09:45: the check-out timer is due and runs first: she never checked in, so that is the alert it raises.
    at('2026-11-26T09:45:01Z');
    await runDue();
    const alerts = () => t.db.selectFrom('lone_working_alerts').select(['kind']).where('session_id', '=', s).execute();
    expect(await alerts()).toEqual([{ kind: 'missed-check-in' }]);
    // The held check-in timer is taken over when its lease runs out, and finds the alert already raised.
    at('2026-11-26T09:56:00Z');
    await runDue();
    expect(await alerts()).toEqual([{ kind: 'missed-check-in' }]);
  });
  const responderActor = () => {
    const r = t.service.a['assistant-practitioner'];
    return { ...systemActor({ config: t.config, via: 'test', now: t.clock.now() }), kind: 'staff' as const, staff: { staffId: r.id, name: 'Alex', role: r.role, teamId: t.service.teamA } };
  };
  const alertsOf = (sessionId: string) => t.db.selectFrom('lone_working_alerts').select(['id', 'kind', 'status', 'due_at', 'version']).where('session_id', '=', sessionId).orderBy('created_at').orderBy('id').execute();

  it('a check-out timer covered by an open missed check-in comes back: once that alert is closed with the clinician still out, the missed check-out is raised', async () => {
    at('2026-11-27T09:00:00Z');
    await runDue();
    const s = await session({ start: '2026-11-27T09:30:00Z', end: '2026-11-27T10:00:00Z' });
    at('2026-11-27T09:45:00Z');
    await runDue();
    const [missedIn] = await alertsOf(s);
    expect(missedIn).toMatchObject({ kind: 'missed-check-in', status: 'raised' });
    // 09:50: her check-in arrives late; 10:15 the check-out timer finds the missed check-in still open.
    at('2026-11-27T09:50:00Z');
    await t.db.updateTable('lone_working_sessions').set({ status: 'checked-in', checked_in_at: t.clock.now(), checked_in_received_at: t.clock.now() }).where('id', '=', s).execute();
    at('2026-11-27T10:15:00Z');
    await runDue();
    expect((await alertsOf(s)).map((a) => a.kind)).toEqual(['missed-check-in']);
    // 10:20: the responder closes it; she is still checked in, and at 12:00 still has not checked out.
    at('2026-11-27T10:20:00Z');
    const current = (await alertsOf(s))[0]!;
    await t.db.transaction().execute((trx) => closeAlert(trx, { actor: responderActor(), alertId: current.id, version: current.version, outcome: 'Spoke to her: safe, her phone had no signal' }));
    at('2026-11-27T12:00:00Z');
    await runDue();
    const after = await alertsOf(s);
    expect(after.map((a) => [a.kind, a.status])).toEqual([['missed-check-in', 'closed'], ['missed-check-out', 'raised']]);
    // Raised one grace period after the check-out timer found it covered, not later.
    expect(new Date(after[1]!.due_at).toISOString()).toBe('2026-11-27T10:30:00.000Z');
    // And only once, however long she stays out.
    at('2026-11-27T14:00:00Z');
    await runDue();
    expect((await alertsOf(s)).length).toBe(2);
  });

  it('a check-in timer for a session with an open missed check-out alert is covered by it', async () => {
    at('2026-11-28T09:00:00Z');
    await runDue();
    const s = await session({ start: '2026-11-28T09:30:00Z', end: '2026-11-28T10:00:00Z' });
    const raisedAt = new Date('2026-11-28T09:31:00Z');
    await t.db.insertInto('lone_working_alerts').values({ id: uuidv7(), team_id: t.service.teamA, staff_id: t.service.a['registered-therapist'].id, session_id: s, kind: 'missed-check-out', status: 'raised', due_at: raisedAt, raised_at: raisedAt, level: 2, created_at: raisedAt, updated_at: raisedAt }).execute();
    at('2026-11-28T09:45:00Z');
    await runDue();
    expect((await alertsOf(s)).map((a) => a.kind)).toEqual(['missed-check-out']);
  });

  it('a session moved after its missed check-in was closed raises a new missed check-in at its new time', async () => {
    at('2026-11-29T12:00:00Z');
    await runDue();
    const s = await session({ start: '2026-11-29T13:00:00Z', end: '2026-11-29T13:30:00Z' });
    at('2026-11-29T13:15:00Z');
    await runDue();
    const first = (await alertsOf(s))[0]!;
    expect(first.kind).toBe('missed-check-in');
    at('2026-11-29T13:20:00Z');
    await t.db.transaction().execute((trx) => closeAlert(trx, { actor: responderActor(), alertId: first.id, version: first.version, outcome: 'Postponed to 15:00' }));
    // Re-publication moves the visit to 15:00.
    await t.db.updateTable('lone_working_sessions').set({ expected_start: new Date('2026-11-29T15:00:00Z'), expected_end: new Date('2026-11-29T15:30:00Z') }).where('id', '=', s).execute();
    await t.db.transaction().execute((trx) => scheduleSessionChecks(trx, { sessionId: s, now: t.clock.now() }));
    at('2026-11-29T15:14:59Z');
    await runDue();
    expect((await alertsOf(s)).length).toBe(1);
    at('2026-11-29T15:15:00Z');
    await runDue();
    const after = await alertsOf(s);
    expect(after.map((a) => [a.kind, a.status, new Date(a.due_at).toISOString()])).toEqual([
      ['missed-check-in', 'closed', '2026-11-29T13:15:00.000Z'],
      ['missed-check-in', 'raised', '2026-11-29T15:15:00.000Z'],
    ]);
    // Its check-out timer, still never checked in: covered by the new alert, no third.
    at('2026-11-29T15:45:00Z');
    await runDue();
    expect((await alertsOf(s)).length).toBe(2);
  });
  it('an on-call responder off sick, or no longer working, is not counted: a lead working that day is told instead, and the lead heard of it the day before', async () => {
    at('2026-11-30T08:00:00Z');
    await runDue();
    const lead = t.service.a['clinical-lead'];
    const sick = t.service.a['assistant-practitioner'];
    const therapist = t.service.a['registered-therapist'].id;
    const week = JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:30', end: '16:30', breakMinutes: 30 })));
    for (const who of [lead, sick]) {
      await t.db.insertInto('rota_patterns').values({ id: uuidv7(), staff_id: who.id, team_id: t.service.teamA, week, starts_from: 'base', car_driver: true, work_phone: null, car_description: null, created_at: t.clock.now(), created_by: lead.id, updated_at: t.clock.now(), updated_by: lead.id }).execute();
    }
    await t.db.insertInto('rota_exceptions').values({ id: uuidv7(), staff_id: sick.id, team_id: t.service.teamA, kind: 'sickness', starts_on: '2026-12-01', ends_on: '2026-12-01', created_at: t.clock.now(), created_by: lead.id, updated_at: t.clock.now(), updated_by: lead.id }).execute();
    await onCall('2026-12-01', sick.id);
    await onCall('2026-12-02', sick.id);
    // The day before: visits published for Tuesday, and the one on call is off sick that day.
    await seedPublishedPlan(t, { date: '2026-12-01', patients: { p: { givenName: 'Ivy', familyName: 'Bold', nhsIndex: 1402, at: null } }, routes: [{ staffId: therapist, stops: [['p', '13:00', '13:30']] }] });
    const gaps = await t.db.transaction().execute((trx) => tellRotaGaps(trx, { actor: systemActor({ config: t.config, via: 'test', now: t.clock.now() }), date: '2026-12-01' }));
    expect(gaps).toEqual([t.service.teamA]);
    const told = await t.db.selectFrom('notifications').select(['staff_id', 'body']).where('kind', '=', 'lone-working-rota-gap').where('link', '=', '/rota?date=2026-12-01').execute();
    expect(told.map((n) => n.staff_id)).toEqual([lead.id]);
    expect(told[0]!.body).toContain('is set on call but is off sick that day');
    // On the day: a missed check-in's responder rung goes to the lead working, not to the one off sick.
    at('2026-12-01T09:00:00Z');
    await runDue();
    const s = await session({ start: '2026-12-01T09:00:00Z', end: '2026-12-01T09:30:00Z' });
    at('2026-12-01T09:15:00Z');
    await runDue();
    at('2026-12-01T09:25:00Z');
    await runDue();
    const alert = (await alertOf(s))!;
    expect(await rungEvents(alert.id)).toEqual(['raised:0', 'escalated:1', 'escalated:2']);
    expect((await toldOf(alert.id)).map((n) => n.staff_id)).toEqual([therapist, lead.id]);
    const rung2 = (await events(alert.id)).find((e) => e.kind === 'escalated' && e.level === 2)!;
    expect(rung2.detail).toMatchObject({ because: 'clinical-lead', passedOver: [{ staffId: sick.id, as: 'responder', because: 'sickness' }] });
    // Wednesday: back from sickness but deactivated meanwhile: not counted either.
    await t.db.updateTable('staff').set({ active: false }).where('id', '=', sick.id).execute();
    try {
      at('2026-12-02T09:00:00Z');
      await runDue();
      const s2 = await session({ start: '2026-12-02T09:00:00Z', end: '2026-12-02T09:30:00Z' });
      at('2026-12-02T09:25:00Z');
      await runDue();
      const alert2 = (await alertOf(s2))!;
      expect((await toldOf(alert2.id)).map((n) => n.staff_id)).toEqual([therapist, lead.id]);
    } finally {
      await t.db.updateTable('staff').set({ active: true }).where('id', '=', sick.id).execute();
    }
  });
  it('an alert where every rung was skipped goes at once to the team’s leads and service managers rather than sitting raised', async () => {
    at('2026-12-03T08:00:00Z');
    await runDue();
    const lead = t.service.a['clinical-lead'];
    const manager = t.service.a['service-manager'];
    const therapist = t.service.a['registered-therapist'].id;
    // Thursday: nobody on call, the lead on leave, the service manager gone: no rung can tell anybody.
    await t.db.insertInto('rota_exceptions').values({ id: uuidv7(), staff_id: lead.id, team_id: t.service.teamA, kind: 'annual-leave', starts_on: '2026-12-03', ends_on: '2026-12-03', created_at: t.clock.now(), created_by: lead.id, updated_at: t.clock.now(), updated_by: lead.id }).execute();
    await t.db.updateTable('staff').set({ active: false }).where('id', '=', manager.id).execute();
    try {
      at('2026-12-03T10:00:00Z');
      const red = await t.db.transaction().execute((trx) => raiseAlert(trx, { actor: systemActor({ config: t.config, via: 'test', now: t.clock.now() }), kind: 'red', teamId: t.service.teamA, staffId: therapist, sessionId: null }));
      at('2026-12-03T10:15:00Z');
      await runDue();
      expect(await rungEvents(red.alertId)).toEqual(['raised:0', 'skipped-level:2', 'skipped-level:3']);
      // The lead, on leave or not, is told at once; the history says why.
      expect((await toldOf(red.alertId)).map((n) => [n.staff_id, n.title])).toEqual([[lead.id, 'Nobody on the rota to respond: Red alert: Alex registered therapist']]);
      const fallback = (await events(red.alertId)).find((e) => e.kind === 'action')!;
      expect(fallback.detail).toMatchObject({ nobodyOnTheLadder: true, told: [{ staffId: lead.id }] });
    } finally {
      await t.db.updateTable('staff').set({ active: true }).where('id', '=', manager.id).execute();
    }
  });
});

// The demo on a first start, seeded once for these stories (each used to seed the whole demo again,
// on both databases): the visit day, the MDT year, incidents, safeguarding and the Discharge Ready Dates. Each story
// below says what it checks; each written through its context's rules, so audited.
//
// The demo's MDT year on a first start, on both databases: fortnightly meetings for a year for each team,
// written through the mdt context's rules (so audited), this week's with its agenda from the caseload,
// decisions in the timelines and actions, some open on their owners' home pages; next week's with two
// flagged episodes on its agenda. A second run adds nothing.
//
// The demo's incidents on a first start, on both databases: a near miss reported anonymously and closed
// (its outcome waiting on the reporter's home page), a fall linked to a patient under review with an
// action, a staff injury waiting for triage; each written through the incident rules, so audited. A
// second run adds nothing.
//
// The demo's safeguarding on a first start, on both databases: a safeguarding lead named by the service
// manager, a concern raised three hours ago waiting for her decision (on her home page), one referred to
// the local authority, all written through the safety context's rules (so audited). A second run adds nothing.
//
// The demo's Discharge Ready Dates on a first start, on both databases: recent D2A discharges get a ready
// date, some with the reasons they waited, written through recordDischargeReady as the team's clinical lead
// (so each is an episode event and audited); the D2A report then shows them. A second run adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays } from '@homeward/clinical';
import { bootTestApp, type TestApp } from '../../test/test-app.ts';
import type { DemoSeed } from './seed-demo-data.ts';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import { loadConfig } from '../config.ts';
import { visitPlanJobKind, type VisitDayPlan } from '../visits/public.ts';
import { demoPassword } from './generate-demo-data.ts';
import { seedDemoIncidents } from './seed-demo-incidents.ts';
import { seedDemoMdt } from './seed-demo-mdt.ts';
import { seedDemoReports } from './seed-demo-reports.ts';
import { seedDemoSafeguarding } from './seed-demo-safeguarding.ts';
import { seedDemoService } from './seed-demo-service.ts';
import { seedDemoVisitDay, type SeededVisitDay } from './seed-demo-visit-day.ts';

// A Tuesday, mid-morning.
const now = new Date('2026-11-24T10:30:00Z');
const today = '2026-11-24';
const config = loadConfig({}, { now: () => now });

describe('the demo on a first start', () => {
  let testDb: TestDatabase;
  let demo: DemoSeed;
  let visitDay: SeededVisitDay;
  let t: TestApp | undefined;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    ({ demo, visitDay } = await seedDemoService(testDb.database.db, { seed: 20261124, now, config, patients: 120, openEpisodes: 24, plannerIterations: 200 }));
  }, 300_000);
  afterAll(async () => {
    await t?.close();
    await testDb?.drop();
  });

  // A first start's visit day: the teams' bases, the rota kept through the rota's rules, every open
  // episode's visit needs, the next 7 days proposed, and today planned and published, so a clinician
  // signed in with the demo password finds today's visits on her run sheet. A second run adds nothing.
  describe('the demo’s visit day on a first start', () => {
    it('puts each team at its community hospital and everyone who visits on the rota, with leave, weekend cover and on call', async () => {
      const db = testDb.database.db;
      const teams = await db.selectFrom('teams').select(['id', 'base_latitude', 'base_longitude']).execute();
      for (const team of teams) expect([team.base_latitude, team.base_longitude], team.id).not.toContain(null);
      const patterns = await db.selectFrom('rota_patterns').select(['staff_id', 'created_by']).execute();
      const visiting = demo.staff.filter((s) => ['clinical-lead', 'registered-therapist', 'assistant-practitioner', 'support-worker', 'student'].includes(s.homewardRole));
      expect(patterns.map((p) => p.staff_id).sort()).toEqual(visiting.map((s) => s.id).sort());
      // Kept by each team's clinical lead, through the rota's audited writes.
      const leads = new Set(demo.staff.filter((s) => s.homewardRole === 'clinical-lead').map((s) => s.id));
      for (const p of patterns) expect(leads.has(p.created_by)).toBe(true);
      const audited = await db.selectFrom('audit_events').select('record_id').where('record_kind', '=', 'rota-pattern').execute();
      expect(audited).toHaveLength(patterns.length);
      const exceptions = await db.selectFrom('rota_exceptions').select(['kind', 'starts_on']).execute();
      expect(exceptions.filter((e) => e.kind === 'annual-leave')).toHaveLength(1);
      expect(exceptions.filter((e) => e.kind === 'extra-shift').length).toBeGreaterThan(0);
      const onCall = await db.selectFrom('rota_on_call').select(['team_id', 'on_date']).execute();
      expect(onCall).toHaveLength(teams.length * 7);
    });

    it('records every open episode’s visit needs and proposes the next 7 days', async () => {
      const db = testDb.database.db;
      const open = await db.selectFrom('episodes').select('id').where('status', 'in', ['active', 'waiting']).execute();
      const needs = await db.selectFrom('visit_needs').select('episode_id').execute();
      expect(needs.map((n) => n.episode_id).sort()).toEqual(open.map((e) => e.id).sort());
      const visits = await db.selectFrom('visits').select(['on_date']).execute();
      expect(visits.length).toBe(visitDay.teams.reduce((n, team) => n + team.proposed, 0));
      const dates = visits.map((v) => String(v.on_date).slice(0, 10));
      expect(Math.min(...dates.map((d) => Date.parse(d)))).toBeGreaterThanOrEqual(Date.parse(today));
      expect(Math.max(...dates.map((d) => Date.parse(d)))).toBeLessThanOrEqual(Date.parse(addCalendarDays(today, 6)));
    });

    it('plans and publishes today for each team, with visits on it', async () => {
      const db = testDb.database.db;
      expect(visitDay.date).toBe(today);
      expect(visitDay.teams.map((team) => team.problem ?? null)).toEqual(demo.teams.map(() => null));
      const plans = await db.selectFrom('visit_plans').select(['team_id', 'on_date', 'published', 'published_by']).execute();
      expect(plans).toHaveLength(demo.teams.length);
      for (const plan of plans) {
        expect(String(plan.on_date).slice(0, 10)).toBe(today);
        const published = plan.published as VisitDayPlan;
        expect(published.routes.flatMap((r) => r.stops).length, plan.team_id).toBeGreaterThan(0);
        expect(demo.staff.find((s) => s.id === plan.published_by)?.homewardRole).toBe('clinical-lead');
      }
      const publications = await db.selectFrom('visit_plan_publications').select('id').execute();
      expect(publications).toHaveLength(demo.teams.length);
      // The planner's run for each team, and lone working's sessions from each publication, all done.
      const jobs = await db.selectFrom('jobs').select(['kind', 'status']).where('kind', 'in', ['lone-working-plan-published', visitPlanJobKind]).orderBy('kind').execute();
      expect(jobs.map((j) => `${j.kind} ${j.status}`).sort()).toEqual(demo.teams.flatMap(() => ['lone-working-plan-published done', `${visitPlanJobKind} done`]).sort());
      const sessions = await db.selectFrom('lone_working_sessions').select(['id', 'on_date', 'status']).execute();
      expect(sessions.length).toBeGreaterThan(0);
      // Each session's check-in and check-out timers wait in the database, to fire even after a restart.
      const timers = await db.selectFrom('jobs').select(['payload']).where('kind', '=', 'lone-working-check-due').where('status', '=', 'queued').execute();
      const timed = new Set(timers.map((j) => `${(j.payload as { sessionId: string }).sessionId} ${(j.payload as { check: string }).check}`));
      for (const s of sessions) expect([timed.has(`${s.id} in`), timed.has(`${s.id} out`)], s.id).toEqual([true, true]);
      // The morning so far was checked in and out as it happened, so no alert waits for a visit already made.
      const started = await db.selectFrom('lone_working_sessions').select(['status', 'expected_end', 'checked_in_at', 'expected_start']).where('expected_start', '<=', now).execute();
      expect(started.length).toBeGreaterThan(0);
      for (const s of started) {
        expect(s.status).toBe(new Date(s.expected_end) <= now ? 'checked-out' : 'checked-in');
        expect(s.checked_in_at).toEqual(new Date(s.expected_start));
      }
      expect(await db.selectFrom('lone_working_sessions').select('id').where('expected_start', '>', now).where('status', '<>', 'expected').execute()).toEqual([]);
    });

    it('shows a clinician on today’s plan her visits on her run sheet', async () => {
      const db = testDb.database.db;
      const plan = (await db.selectFrom('visit_plans').select('published').where('team_id', '=', demo.teams[0]!.id).executeTakeFirstOrThrow()).published as VisitDayPlan;
      const route = plan.routes.find((r) => r.stops.length > 0)!;
      const clinician = demo.staff.find((s) => s.id === route.staffId)!;
      t = await bootTestApp({ testDb, seed: false, config: { now: () => now } });
      const signedIn = await t.app.inject({ method: 'POST', url: '/api/sessions', payload: { email: clinician.email, password: demoPassword } });
      expect(signedIn.statusCode).toBe(201);
      const cookie = `hw_session=${signedIn.cookies.find((c) => c.name === 'hw_session')!.value}`;
      const page = await t.app.inject({ method: 'GET', url: '/run-sheet', headers: { cookie } });
      expect(page.statusCode).toBe(200);
      const first = route.stops[0]!;
      const patient = await db.selectFrom('visits').innerJoin('patients', 'patients.id', 'visits.patient_id').select(['patients.family_name']).where('visits.id', '=', first.visitId).executeTakeFirstOrThrow();
      expect(page.body).toContain(patient.family_name.replace(/'/g, '&#39;'));
    });

    it('adds nothing when run again', async () => {
      const db = testDb.database.db;
      const count = async (table: 'rota_patterns' | 'rota_exceptions' | 'rota_on_call' | 'visit_needs' | 'visits' | 'visit_plans' | 'visit_plan_publications' | 'jobs') =>
        Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      const tables = ['rota_patterns', 'rota_exceptions', 'rota_on_call', 'visit_needs', 'visits', 'visit_plans', 'visit_plan_publications', 'jobs'] as const;
      const before = await Promise.all(tables.map(count));
      await seedDemoVisitDay(db, { demo, now, config, plannerIterations: 200 });
      expect(await Promise.all(tables.map(count))).toEqual(before);
    });
  });

  describe('the demo’s MDT meetings on a first start', () => {

    it('holds a year of fortnightly meetings for each team, with who attended, and schedules next week’s', async () => {
      const db = testDb.database.db;
      for (const team of demo.teams) {
        const meetings = await db.selectFrom('mdt_meetings').select(['id', 'status', 'starts_at']).where('team_id', '=', team.id).orderBy('starts_at').execute();
        expect(meetings.length).toBe(28);
        expect(meetings.filter((m) => m.status === 'held').length).toBe(27);
        expect(meetings.at(-1)!.status).toBe('scheduled');
        expect(new Date(meetings.at(-1)!.starts_at).getTime()).toBeGreaterThan(now.getTime());
        const attended = await db.selectFrom('mdt_attendees').select('meeting_id').where('meeting_id', 'in', meetings.map((m) => m.id)).execute();
        expect(new Set(attended.map((a) => a.meeting_id)).size).toBe(27);
      }
    });

    it('discusses this week’s patients: decisions in their timelines, actions open and closed, written as the staff who did it', async () => {
      const db = testDb.database.db;
      const decided = await db.selectFrom('mdt_agenda_items').select(['episode_id', 'decision']).where('decision', 'is not', null).execute();
      expect(decided.length).toBeGreaterThan(0);
      const events = await db.selectFrom('episode_events').select('episode_id').where('kind', '=', 'mdt-decision').execute();
      expect(new Set(events.map((e) => e.episode_id))).toEqual(new Set(decided.map((d) => d.episode_id)));
      const actions = await db.selectFrom('mdt_actions').select(['status', 'owner_id']).execute();
      expect(actions.some((a) => a.status === 'open')).toBe(true);
      expect(actions.some((a) => a.status === 'closed')).toBe(true);
      const audited = await db.selectFrom('audit_events').select('id').where('record_kind', '=', 'mdt-action').where('action', '=', 'write').execute();
      expect(audited.length).toBe(actions.length + actions.filter((a) => a.status === 'closed').length);
    });

    it('puts two flagged episodes on next week’s agenda, and adds nothing when run again', async () => {
      const db = testDb.database.db;
      const next = await db.selectFrom('mdt_meetings').select('id').where('status', '=', 'scheduled').execute();
      const items = await db.selectFrom('mdt_agenda_items').select('reasons').where('meeting_id', 'in', next.map((m) => m.id)).execute();
      expect(items.filter((i) => (i.reasons as string[]).includes('flagged')).length).toBeGreaterThanOrEqual(2);
      const before = await db.selectFrom('mdt_meetings').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      await seedDemoMdt(db, { demo, now, config, seed: 20261124 });
      const after = await db.selectFrom('mdt_meetings').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      expect(after.n).toBe(before.n);
    });
  });

  describe('the demo’s incidents on a first start', () => {

    it('closes the loop on one, reviews one about a patient, and leaves one to triage; each audited', async () => {
      const db = testDb.database.db;
      const rows = await db.selectFrom('incidents').select(['id', 'status', 'reporter_anonymous', 'patient_id', 'outcome_seen_at', 'kind']).orderBy('created_at').execute();
      expect(rows.map((r) => [r.kind, r.status])).toEqual([['near-miss', 'closed'], ['incident', 'under-review'], ['incident', 'reported']]);
      expect(rows[0]).toMatchObject({ reporter_anonymous: true, outcome_seen_at: null });
      expect(rows[1]!.patient_id).not.toBeNull();
      expect(await db.selectFrom('incident_actions').select('status').execute()).toEqual([{ status: 'open' }]);
      const written = await db.selectFrom('audit_events').select('record_id').where('record_kind', '=', 'incident').where('action', '=', 'write').execute();
      expect(new Set(written.map((w) => w.record_id))).toEqual(new Set(rows.map((r) => r.id)));
      const notified = await db.selectFrom('notifications').select('kind').where('kind', '=', 'incident-outcome').execute();
      expect(notified.length).toBe(1);
    });

    it('adds nothing when run again', async () => {
      const db = testDb.database.db;
      await seedDemoIncidents(db, { demo, now, config });
      expect((await db.selectFrom('incidents').select('id').execute()).length).toBe(3);
    });
  });

  describe('the demo’s safeguarding on a first start', () => {

    it('names the first team’s clinical lead as safeguarding lead, with one concern waiting for her decision and one referred', async () => {
      const db = testDb.database.db;
      const [designation] = await db.selectFrom('safety_designations').innerJoin('staff', 'staff.id', 'safety_designations.staff_id').select(['staff.homeward_role', 'staff.team_id', 'safety_designations.ends_on']).execute();
      expect(designation).toMatchObject({ homeward_role: 'clinical-lead', team_id: demo.teams[0]!.id, ends_on: null });
      const concerns = await db.selectFrom('safeguarding_concerns').select(['status', 'decision', 'decision_due_at', 'local_authority_reference']).orderBy('raised_at').execute();
      expect(concerns.map((c) => c.status)).toEqual(['decided', 'open']);
      expect(concerns[0]).toMatchObject({ decision: 'refer-to-local-authority', local_authority_reference: 'STAFFS-CS-40921' });
      expect(new Date(concerns[1]!.decision_due_at).getTime() - now.getTime()).toBe(21 * 3_600_000);
      const audited = await db.selectFrom('audit_events').select('action').where('record_kind', '=', 'safeguarding-concern').where('outcome', '=', 'allowed').execute();
      expect(audited.length).toBe(3);
    });

    it('adds nothing when run again', async () => {
      const db = testDb.database.db;
      await seedDemoSafeguarding(db, { demo, now, config });
      expect(await db.selectFrom('safeguarding_concerns').select('id').execute()).toHaveLength(2);
      expect(await db.selectFrom('safety_designations').select('id').execute()).toHaveLength(1);
    });
  });

  describe('the demo’s Discharge Ready Dates on a first start', () => {

    it('records ready dates on recent D2A discharges, some with delay reasons, through the rule and audited', async () => {
      const db = testDb.database.db;
      const ready = await db.selectFrom('episodes').select(['id', 'discharged_on', 'discharge_ready_on']).where('discharge_ready_on', 'is not', null).execute();
      expect(ready.length).toBeGreaterThan(0);
      for (const e of ready) expect(String(e.discharge_ready_on).slice(0, 10) <= String(e.discharged_on).slice(0, 10)).toBe(true);
      const events = await db.selectFrom('episode_events').select('episode_id').where('kind', '=', 'discharge-ready').execute();
      expect(events.length).toBe(ready.length);
      const delays = await db.selectFrom('episode_delays').select('episode_id').execute();
      expect(delays.length).toBeGreaterThan(0);
      const audited = await db.selectFrom('audit_events').select('record_id').where('record_kind', '=', 'episode').where('action', '=', 'write').where('record_id', 'in', ready.map((r) => r.id)).execute();
      expect(new Set(audited.map((a) => a.record_id)).size).toBe(ready.length);
    });

    it('adds nothing on a second start', async () => {
      const db = testDb.database.db;
      const before = await db.selectFrom('episode_delays').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      await seedDemoReports(db, { demo, now, config });
      const after = await db.selectFrom('episode_delays').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });
  });
});

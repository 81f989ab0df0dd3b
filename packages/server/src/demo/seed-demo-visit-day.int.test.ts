// A first start's visit day, on both databases: the teams' bases, the rota kept through the rota's
// rules, every open episode's visit needs, the next 7 days proposed, and today planned and published,
// so a clinician signed in with the demo password finds today's visits on her run sheet. A second run
// adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays } from '@homeward/clinical';
import { bootTestApp, type TestApp } from '../../test/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.ts';
import { loadConfig } from '../config.ts';
import { visitPlanJobKind, type VisitDayPlan } from '../visits/public.ts';
import { demoPassword } from './generate-demo-data.ts';
import type { DemoSeed } from './seed-demo-data.ts';
import { seedDemoService } from './seed-demo-service.ts';
import { seedDemoVisitDay, type SeededVisitDay } from './seed-demo-visit-day.ts';

// A Tuesday, mid-morning.
const now = new Date('2026-11-24T10:30:00Z');
const today = '2026-11-24';
const config = loadConfig({}, { now: () => now });

describe('the demo’s visit day on a first start', () => {
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

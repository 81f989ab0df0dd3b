// Planning the team's visit day (issue 13 #3 and #5): the lead plans tomorrow as a durable job, a
// visit no one is qualified for is unplanned with its reason, the lead moves and pins, a stale move is
// a 409 with the plan as it is, the lead publishes; a support worker is refused; re-planning after a
// sickness keeps the morning; two app instances starting the same plan job run it once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { buildApp } from '../app.ts';
import type { Database } from '../db/schema.ts';
import type { Kysely } from 'kysely';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { createJobRunner, type Job, type JobHandler } from '../platform/jobs.ts';
import { bootTestApp, patientDetails, signIn, type TestApp, type TestClient } from '../../test/test-app.ts';
import { testEngine } from '../../test/test-database.ts';
import { seedEpisode } from '../../test/seed-episode.ts';
import { visitPlanJobHandlers } from './plan-job.ts';
import type { VisitDayPlan } from './visit-day-types.ts';

const date = '2026-11-25'; // tomorrow by the test clock (Tuesday 24 November 2026)
const base = { lat: 53.0, lon: -2.18 };

type PlanBody = { id: string | null; version: number | null; draft: VisitDayPlan | null; published: VisitDayPlan | null; visits: { visitId: string; patientName: string; episodeId: string }[]; changedVisitsSincePublished: number };

describe('planning the visit day', () => {
  let t: TestApp;
  let lead: TestClient;
  let runner: ReturnType<typeof createJobRunner>;
  const visitIds: Record<string, string> = {};
  const week = JSON.stringify([1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:30', end: '16:30', breakMinutes: 30 })));

  async function addVisit(name: string, i: number, o: { latitude?: number | null; skills?: string[]; registered?: boolean; window?: [string, string]; preferred?: string; on?: string; minutes?: number } = {}) {
    const therapist = await t.signIn(t.service.a['registered-therapist']);
    const created = await therapist.post('/api/patients', patientDetails({
      nhsNumber: testNhsNumberForIndex(100 + i), givenName: name, familyName: 'Plantest',
      latitude: o.latitude === null ? null : (o.latitude ?? base.lat + 0.01 * (i % 4)), longitude: o.latitude === null ? null : base.lon - 0.012 * (i % 3),
    }));
    expect(created.statusCode).toBe(201);
    const patientId = (created.json() as { id: string }).id;
    const episodeId = await seedEpisode(t, { patientId, service: 'community-rehab', allocatedTo: t.service.a['registered-therapist'].id });
    const id = uuidv7();
    const now = t.clock.now();
    const by = t.service.a['clinical-lead'].id;
    await t.db.insertInto('visits').values({
      id, team_id: t.service.teamA, episode_id: episodeId, patient_id: patientId, on_date: o.on ?? date, purpose: 'therapy', duration_minutes: o.minutes ?? 45, place: 'home',
      window_start: o.window?.[0] ?? null, window_end: o.window?.[1] ?? null, staff_needed: 1, registered_required: o.registered ?? false,
      skills: JSON.stringify(o.skills ?? []), preferred_staff_id: o.preferred ?? null, origin: 'proposed',
      created_at: now, created_by: by, updated_at: now, updated_by: by,
    }).execute();
    visitIds[name] = id;
  }

  beforeAll(async () => {
    t = await bootTestApp();
    await t.db.updateTable('teams').set({ base_latitude: base.lat, base_longitude: base.lon }).where('id', '=', t.service.teamA).execute();
    const now = t.clock.now();
    for (const role of ['clinical-lead', 'registered-therapist', 'assistant-practitioner', 'support-worker'] as const) {
      const s = t.service.a[role];
      await t.db.insertInto('rota_patterns').values({ id: uuidv7(), staff_id: s.id, team_id: t.service.teamA, week, starts_from: 'base', car_driver: true, created_at: now, created_by: s.id, updated_at: now, updated_by: s.id }).execute();
    }
    let i = 0;
    for (const name of ['Ada', 'Bert', 'Cyril', 'Dora', 'Edna', 'Fred']) await addVisit(name, i++);
    await addVisit('Gwen', i++, { window: ['10:00', '11:00'], preferred: t.service.a['registered-therapist'].id });
    await addVisit('Harold', i++, { registered: true });
    await addVisit('Ivy', i++, { skills: ['bariatric-hoist'] }); // no one holds it
    await addVisit('Jack', i++, { latitude: null }); // never placed on the map
    lead = await t.signIn(t.service.a['clinical-lead']);
    runner = createJobRunner({ db: t.db, handlers: visitPlanJobHandlers({ db: t.db, config: t.config, iterationLimit: 300 }), now: t.clock.now, instanceId: 'test' });
  });
  afterAll(async () => {
    await runner?.stop();
    await t?.close();
  });

  const plan = async (): Promise<PlanBody> => {
    const res = await lead.get(`/api/visits/plans/${date}`);
    expect(res.statusCode).toBe(200);
    return res.json() as PlanBody;
  };
  const routeOf = (p: VisitDayPlan, staffId: string) => p.routes.find((r) => r.staffId === staffId)?.stops.map((s) => s.visitId) ?? [];
  const staffOf = (p: VisitDayPlan, visitId: string) => p.routes.filter((r) => r.stops.some((s) => s.visitId === visitId)).map((r) => r.staffId);

  it('refuses planning to everyone but the team’s lead and service manager, and audits the refusal', async () => {
    for (const role of ['support-worker', 'registered-therapist', 'assistant-practitioner', 'student', 'administrator'] as const) {
      const who = await t.signIn(t.service.a[role]);
      expect((await who.get(`/visits/plan?date=${date}`)).statusCode, role).toBe(403);
      expect((await who.get(`/api/visits/plans/${date}`)).statusCode, role).toBe(403);
      expect((await who.post('/api/visits/plans/jobs', { date }, { 'content-type': 'application/json' })).statusCode, role).toBe(403);
    }
    const other = await t.signIn(t.service.otherTeamTherapist);
    expect((await other.get(`/visits/plan?date=${date}`)).statusCode).toBe(403);
    const refused = await t.db.selectFrom('audit_events').select('staff_id').where('record_kind', '=', 'visit-plan').where('outcome', '=', 'refused').execute();
    expect(refused.map((r) => r.staff_id)).toContain(t.service.a['support-worker'].id);
    const manager = await t.signIn(t.service.a['service-manager']);
    const managerPage = await manager.get(`/visits/plan?date=${date}`);
    expect(managerPage.statusCode).toBe(200);
    // Offered in the navigation to those the routes let through, and to no one else.
    expect(managerPage.body).toContain('href="/visits/plan"');
    const therapist = await t.signIn(t.service.a['registered-therapist']);
    expect((await therapist.get('/caseload')).body).not.toContain('href="/visits/plan"');
  });

  it('the lead plans tomorrow: a job with a progress page, then each person’s day and the unplanned visits with their reasons', async () => {
    const page = await lead.get('/visits/plan');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Wednesday 25 November 2026');
    expect(page.body).toContain('has not been planned yet');

    const start = await lead.form('/visits/plan/start', { date, version: '', days: '1' });
    expect(start.statusCode).toBe(303);
    const progressUrl = start.headers.location as string;
    expect(progressUrl).toMatch(/^\/visits\/plan\/jobs\/[0-9a-f-]{36}$/);
    const waiting = await lead.get(progressUrl);
    expect(waiting.statusCode).toBe(200);
    expect(waiting.body).toContain('/static/plan-progress.js');
    expect(waiting.body).toContain('check again now');
    // Pressing again while it waits gets the same run, not a second one.
    const again = await lead.form('/visits/plan/start', { date, version: '', days: '1' });
    expect(again.headers.location).toBe(progressUrl);

    const ran = await runner.runOnce();
    expect(ran!.status).toBe('done');
    const finished = await lead.get(progressUrl);
    expect(finished.statusCode).toBe(303);
    expect(finished.headers.location).toBe(`/visits/plan?date=${date}&planned=1`);

    const p = await plan();
    const draft = p.draft!;
    expect(p.version).toBe(1);
    const reasons = Object.fromEntries(draft.unplanned.map((u) => [u.visitId, u.reason]));
    expect(reasons[visitIds.Ivy!]).toBe('no-one-qualified');
    expect(reasons[visitIds.Jack!]).toBe('no-location');
    expect(draft.totals.visitsPlanned).toBe(8);
    expect(draft.travel).toEqual({ model: 'road', note: null });
    // Harold needs a registered therapist: the lead or the therapist, never the AP or support worker.
    expect([t.service.a['clinical-lead'].id, t.service.a['registered-therapist'].id]).toContain(staffOf(draft, visitIds.Harold!)[0]);
    const gwen = draft.routes.flatMap((r) => r.stops).find((s) => s.visitId === visitIds.Gwen)!;
    expect(gwen.start >= '10:00' && gwen.start <= '11:00').toBe(true);

    const shown = await lead.get(`/visits/plan?date=${date}&planned=1`);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('The plan is ready');
    expect(shown.body).toContain('Ada Plantest');
    expect(shown.body).toContain('No one qualified');
    expect(shown.body).toContain('No location');
    expect(shown.body).toContain('bariatric-hoist');
    // The draft's routes on a map drawn on the server (no network), with its table.
    expect(shown.body).toContain('Map of the draft’s routes');
    expect(shown.body).toMatch(/<svg[^>]*role="img"/);
    // The patients listed are audited, as a list read of their episodes.
    const audited = await t.db.selectFrom('audit_events').select(['detail']).where('record_kind', '=', 'visit-plan').where('outcome', '=', 'allowed').where('action', '=', 'read').execute();
    const listed = audited.flatMap((a) => ((a.detail as { episodeIds?: string[] }).episodeIds ?? []));
    expect(new Set(listed).size).toBe(10);
  });

  it('the lead moves a visit and pins another; a stale move is a 409 with the plan as it is, nothing lost', async () => {
    const before = await plan();
    const ap = t.service.a['assistant-practitioner'].id;
    const ada = visitIds.Ada!;
    const target = staffOf(before.draft!, ada)[0] === ap ? t.service.a['support-worker'].id : ap;
    const moved = await lead.post(`/api/visits/plans/${date}/adjustments`, { version: before.version, change: { kind: 'move', visitId: ada, toStaffId: target } });
    expect(moved.statusCode).toBe(200);
    const after = moved.json() as PlanBody;
    expect(after.version).toBe(before.version! + 1);
    expect(routeOf(after.draft!, target)).toContain(ada);
    expect(after.draft!.objective).toBeNull();

    // The second lead's form still says the old version: 409, and the plan as it is now comes back.
    const stale = await lead.post(`/api/visits/plans/${date}/adjustments`, { version: before.version, change: { kind: 'move', visitId: visitIds.Bert!, toStaffId: target } });
    expect(stale.statusCode).toBe(409);
    const current = (stale.json() as { error: { code: string; current: { version: number; draft: VisitDayPlan } } }).error;
    expect(current.code).toBe('version_conflict');
    expect(current.current.version).toBe(after.version);
    expect(routeOf(current.current.draft, target)).toContain(ada);
    const stalePage = await lead.form('/visits/plan/adjust', { date, version: String(before.version), action: 'move', visitId: visitIds.Bert!, toStaffId: target });
    expect(stalePage.statusCode).toBe(409);
    expect(stalePage.body).toContain('Someone else changed this plan');
    expect(stalePage.body).toContain(`name="version" value="${after.version}"`);

    // Pin Bert to the therapist at 14:00 through the page's form: kept on the visit for re-optimising.
    const rt = t.service.a['registered-therapist'].id;
    const pinned = await lead.form('/visits/plan/adjust', { date, version: String(after.version), action: 'pin', visitId: visitIds.Bert!, staffId: rt, start: '14:00' });
    expect(pinned.statusCode).toBe(303);
    const visit = await t.db.selectFrom('visits').select(['pinned_staff_id', 'pinned_start']).where('id', '=', visitIds.Bert!).executeTakeFirstOrThrow();
    expect(visit).toEqual({ pinned_staff_id: rt, pinned_start: '14:00' });
    const p = await plan();
    // By hand it goes into the therapist's day by its time (no earlier than the pin; re-optimising makes it exact).
    const bert = p.draft!.routes.find((r) => r.staffId === rt)!.stops.find((s) => s.visitId === visitIds.Bert)!;
    expect(bert.start >= '14:00').toBe(true);
    // Bad input re-shows the form with the problem, nothing saved.
    const bad = await lead.form('/visits/plan/adjust', { date, version: String(p.version), action: 'pin', visitId: visitIds.Cyril!, staffId: '', start: '25:99' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('24-hour clock');
    expect((await plan()).version).toBe(p.version);
  });

  it('re-optimising keeps the pins', async () => {
    const p = await plan();
    const start = await lead.post('/api/visits/plans/jobs', { date, version: p.version }, { 'idempotency-key': 'reoptimise-1' });
    expect(start.statusCode).toBe(202);
    await runner.runOnce();
    const q = await plan();
    const rt = t.service.a['registered-therapist'].id;
    const bert = q.draft!.routes.find((r) => r.staffId === rt)!.stops.find((s) => s.visitId === visitIds.Bert)!;
    expect(bert.start).toBe('14:00');
    expect(q.draft!.objective).not.toBeNull();
  });

  it('the lead publishes after a confirmation; a publication is kept with its changes', async () => {
    const p = await plan();
    const confirm = await lead.get(`/visits/plan/publish?date=${date}`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('first publication');
    const published = await lead.form('/visits/plan/publish', { date, version: String(p.version) });
    expect(published.statusCode).toBe(303);
    const q = await plan();
    expect(q.published).toEqual(p.draft);
    expect(q.changedVisitsSincePublished).toBe(0);
    const rows = await t.db.selectFrom('visit_plan_publications').selectAll().where('plan_id', '=', p.id!).execute();
    expect(rows).toHaveLength(1);
    expect((rows[0]!.changes as unknown[]).length).toBe(q.draft!.routes.reduce((n, r) => n + r.stops.length, 0));
    // The caseload's "Next:" for each planned episode is now its visit's start on the day (London time).
    const bertStop = q.published!.routes.flatMap((r) => r.stops).find((s) => s.visitId === visitIds.Bert)!;
    const bertVisit = await t.db.selectFrom('visits').select('episode_id').where('id', '=', visitIds.Bert!).executeTakeFirstOrThrow();
    const episode = await t.db.selectFrom('episodes').select('next_contact_at').where('id', '=', bertVisit.episode_id).executeTakeFirstOrThrow();
    expect(episode.next_contact_at?.toISOString()).toBe(new Date(`${date}T${bertStop.start}:00Z`).toISOString()); // November: London is UTC
    const ivyVisit = await t.db.selectFrom('visits').select('episode_id').where('id', '=', visitIds.Ivy!).executeTakeFirstOrThrow();
    const unplanned = await t.db.selectFrom('episodes').select('next_contact_at').where('id', '=', ivyVisit.episode_id).executeTakeFirstOrThrow();
    expect(unplanned.next_contact_at).toBeNull();
  });

  it('the re-plan page asks who is off and from when; a time that is not one is refused on the form, nothing started', async () => {
    const page = await lead.get(`/visits/plan/replan?date=${date}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Who is off (sick or called away)?');
    const p = await plan();
    const jobsBefore = (await t.db.selectFrom('jobs').select('id').execute()).length;
    const bad = await lead.form('/visits/plan/replan', { date, version: String(p.version), offStaffId: '', from: '25:00' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('nhsuk-error-summary');
    expect((await t.db.selectFrom('jobs').select('id').execute()).length).toBe(jobsBefore);
    // A stale publish form: 409, the confirmation again with what publishing now would change.
    const stale = await lead.form('/visits/plan/publish', { date, version: String(p.version! - 1) });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed this plan');
  });

  it('refuses to re-plan around someone not in the team: a 400 on offStaffId, no run, nothing on anyone’s rota', async () => {
    const p = await plan();
    const jobsBefore = (await t.db.selectFrom('jobs').select('id').execute()).length;
    const stranger = t.service.otherTeamTherapist.id;
    const res = await lead.post('/api/visits/plans/replan', { date, from: '12:00', offStaffId: stranger, version: p.version });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'offStaffId', message: 'Choose someone in your team' }]);
    expect((await t.db.selectFrom('jobs').select('id').execute()).length).toBe(jobsBefore);
    expect(await t.db.selectFrom('rota_exceptions').select('id').where('staff_id', '=', stranger).execute()).toEqual([]);
  });

  it('re-plans after a sickness from 12:00: the morning stays, the afternoon moves off the sick clinician, and the changes are counted', async () => {
    const p = await plan();
    const rt = t.service.a['registered-therapist'].id;
    const start = await lead.post('/api/visits/plans/replan', { date, from: '12:00', offStaffId: rt, version: p.version });
    expect(start.statusCode).toBe(202);
    // The sickness is on the rota from 12:00, so a later re-optimise does not bring her back.
    const off = await t.db.selectFrom('rota_exceptions').select(['kind', 'starts_on', 'start_time', 'cancelled_at']).where('staff_id', '=', rt).execute();
    expect(off).toEqual([{ kind: 'sickness', starts_on: date, start_time: '12:00', cancelled_at: null }]);
    expect((await runner.runOnce())!.status).toBe('done');
    const q = await plan();
    const published = q.published!;
    const draft = q.draft!;
    // The morning: every visit before 12:00 is where it was, at the same time.
    for (const r of published.routes) {
      for (const s of r.stops.filter((x) => x.start < '12:00')) {
        expect(draft.routes.find((d) => d.staffId === r.staffId)!.stops.find((x) => x.visitId === s.visitId)!.start).toBe(s.start);
      }
    }
    const rtAfternoon = draft.routes.find((r) => r.staffId === rt)?.stops.filter((s) => s.start >= '12:00') ?? [];
    expect(rtAfternoon).toEqual([]);
    // Bert was pinned to the sick therapist at 14:00: unplanned, and it says why.
    expect(draft.unplanned.find((u) => u.visitId === visitIds.Bert)?.reason).toBe('no-one-working');
    expect(q.changedVisitsSincePublished).toBeGreaterThan(0);
    const confirm = await lead.get(`/visits/plan/publish?date=${date}`);
    expect(confirm.body).toContain(`<strong>${q.changedVisitsSincePublished} visit`);
    // Published through the API, once: a repeat with the same key replays.
    const once = await lead.post(`/api/visits/plans/${date}/publication`, { version: q.version }, { 'idempotency-key': 'publish-replan' });
    expect(once.statusCode).toBe(200);
    const twice = await lead.post(`/api/visits/plans/${date}/publication`, { version: q.version }, { 'idempotency-key': 'publish-replan' });
    expect(twice.statusCode).toBe(200);
    expect(twice.headers['idempotent-replayed']).toBe('true');
    expect((await t.db.selectFrom('visit_plan_publications').select('id').execute()).length).toBe(2);
    expect((once.json() as { changedVisits: number }).changedVisits).toBe(q.changedVisitsSincePublished);
  });

  it('an urgent visit (within two hours) arrives: re-planning from 13:00 with no one off fits it in', async () => {
    const p = await plan();
    const now = t.clock.now();
    const urgent = visitIds.Urgent = uuidv7();
    const ada = await t.db.selectFrom('visits').select(['episode_id', 'patient_id']).where('id', '=', visitIds.Ada!).executeTakeFirstOrThrow();
    const by = t.service.a['clinical-lead'].id;
    await t.db.insertInto('visits').values({
      id: urgent, team_id: t.service.teamA, episode_id: ada.episode_id, patient_id: ada.patient_id, on_date: date, purpose: 'other', duration_minutes: 30, place: 'home',
      window_start: '13:00', window_end: '15:00', staff_needed: 1, registered_required: false, skills: '[]', preferred_staff_id: null, origin: 'urgent',
      created_at: now, created_by: by, updated_at: now, updated_by: by,
    }).execute();
    expect((await lead.post('/api/visits/plans/replan', { date, from: '13:00', offStaffId: null, version: p.version })).statusCode).toBe(202);
    expect((await runner.runOnce())!.status).toBe('done');
    const q = await plan();
    const stop = q.draft!.routes.flatMap((r) => r.stops).find((s) => s.visitId === urgent);
    expect(stop).toBeDefined();
    expect(stop!.start >= '13:00' && stop!.start <= '15:00').toBe(true);
    expect(q.changedVisitsSincePublished).toBeGreaterThanOrEqual(1);
  });

  it('says why the planner left a visit out with the team’s names for who could have gone, never their ids', async () => {
    // A 470-minute visit on a day of 08:30-16:30 with a half-hour break: nobody's day can hold it.
    const day = '2026-12-08';
    await addVisit('Kit', 20, { on: day, minutes: 470 });
    expect((await lead.post('/api/visits/plans/jobs', { date: day })).statusCode).toBe(202);
    expect((await runner.runOnce())!.status).toBe('done');
    const res = await lead.get(`/api/visits/plans/${day}`);
    const left = (res.json() as PlanBody).draft!.unplanned.find((u) => u.visitId === visitIds.Kit);
    expect(left?.reason).toBe('no-time');
    const named = await t.db.selectFrom('staff').select(['given_name', 'family_name']).where('id', '=', t.service.a['clinical-lead'].id).executeTakeFirstOrThrow();
    expect(left!.detail).toContain(`${named.given_name} ${named.family_name}`);
    expect(left!.detail).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    // The lead's page shows the same sentence under "Why".
    const page = await lead.get(`/visits/plan?date=${day}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Kit Plantest');
    expect(page.body).toContain(left!.detail.replaceAll("'", '&#39;'));
  });

  it('plans the week: one plan per date, in one run', async () => {
    const res = await lead.post('/api/visits/plans/jobs', { date: '2026-11-30', days: 7 });
    expect(res.statusCode).toBe(202);
    const ran = await runner.runOnce();
    expect(ran!.status).toBe('done');
    const days = (ran!.result as { days: { date: string; conflict: boolean }[] }).days;
    expect(days.map((d) => d.date)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    const stored = await t.db.selectFrom('visit_plans').select('on_date').where('team_id', '=', t.service.teamA).where('on_date', '>=', '2026-11-30').where('on_date', '<=', '2026-12-06').execute();
    expect(stored).toHaveLength(7);
  });

  it('bad input is a 400 naming the field, never a 500', async () => {
    expect((await lead.get('/api/visits/plans/2026-13-45')).statusCode).toBe(400);
    expect((await lead.post('/api/visits/plans/jobs', { date, days: 9 })).statusCode).toBe(400);
    expect((await lead.post(`/api/visits/plans/${date}/adjustments`, { version: 1, change: { kind: 'teleport' } })).statusCode).toBe(400);
    expect((await lead.get('/visits/plan?date=not-a-date')).statusCode).toBe(400);
    expect((await lead.get('/visits/plan/jobs/nope')).statusCode).toBe(404);
    // Re-planning a day nothing was planned for: said at once, no run started.
    const nothing = await lead.post('/api/visits/plans/replan', { date: '2026-12-20', from: '10:00', version: 1 });
    expect(nothing.statusCode).toBe(400);
    expect((nothing.json() as { error: { fields: { path: string }[] } }).error.fields[0]!.path).toBe('date');
  });

  it('two app instances starting the same plan job: one job, run once', async () => {
    const otherDb: Kysely<Database> = testEngine === 'postgres' ? (await t.testDb.open()).db : t.db;
    const second: FastifyInstance = await buildApp({ db: otherDb, config: t.config, logger: false });
    await second.ready();
    try {
      const leadThere = await signIn(second, t.service.a['clinical-lead']);
      const day = '2026-11-26';
      const [a, b] = await Promise.all([
        lead.post('/api/visits/plans/jobs', { date: day }),
        leadThere.post('/api/visits/plans/jobs', { date: day }),
      ]);
      expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
      const ja = (a.json() as { job: { id: string } }).job.id;
      expect((b.json() as { job: { id: string } }).job.id).toBe(ja);
      const runs: string[] = [];
      const counting = (instance: string, db: Kysely<Database>): Record<string, JobHandler> => {
        const real = visitPlanJobHandlers({ db, config: t.config, iterationLimit: 100 });
        return Object.fromEntries(Object.entries(real).map(([kind, handler]) => [kind, async (job: Job, context: Parameters<JobHandler>[1]) => {
          runs.push(instance);
          return handler(job, context);
        }]));
      };
      const one = createJobRunner({ db: t.db, handlers: counting('one', t.db), now: t.clock.now, instanceId: 'one' });
      const two = createJobRunner({ db: otherDb, handlers: counting('two', otherDb), now: t.clock.now, instanceId: 'two' });
      const claimed = await Promise.all([one.runOnce(), two.runOnce()]);
      expect(claimed.filter((j) => j !== null)).toHaveLength(1);
      expect(runs).toHaveLength(1);
      const job = await t.db.selectFrom('jobs').selectAll().where('id', '=', ja).executeTakeFirstOrThrow();
      expect(job.status).toBe('done');
      expect(job.attempts).toBe(1);
      const status = await leadThere.get(`/api/visits/plans/jobs/${ja}`);
      expect((status.json() as { status: string }).status).toBe('done');
      await Promise.all([one.stop(), two.stop()]);
    } finally {
      await second.close();
    }
  });
});

// A planner run for the week that dies part-way is retried by the job runner: the days it had already
// saved are its own, not "a change made meanwhile", and are not planned again. And one run per team:
// a different run asked for meanwhile is refused, not silently folded into the one under way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { findJob, type JobContext } from '../platform/jobs.ts';
import { bootTestApp, patientDetails, type TestApp } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';
import { visitPlanJobHandlers, visitPlanJobKind, type VisitPlanJobResult } from './plan-job.ts';

const dates = ['2026-11-25', '2026-11-26'];

describe('a week’s planner run, attempted again', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
    await t.db.updateTable('teams').set({ base_latitude: 53.0, base_longitude: -2.18 }).where('id', '=', t.service.teamA).execute();
    const now = t.clock.now();
    const therapist = t.service.a['registered-therapist'];
    const week = JSON.stringify([1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:30', end: '16:30', breakMinutes: 30 })));
    await t.db.insertInto('rota_patterns').values({ id: uuidv7(), staff_id: therapist.id, team_id: t.service.teamA, week, starts_from: 'base', car_driver: true, created_at: now, created_by: therapist.id, updated_at: now, updated_by: therapist.id }).execute();
    const writer = await t.signIn(therapist);
    const created = await writer.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(931), latitude: 53.01, longitude: -2.19 }));
    const patientId = (created.json() as { id: string }).id;
    const episodeId = await seedEpisode(t, { patientId, service: 'community-rehab', allocatedTo: therapist.id });
    for (const on_date of dates) {
      await t.db.insertInto('visits').values({
        id: uuidv7(), team_id: t.service.teamA, episode_id: episodeId, patient_id: patientId, on_date, purpose: 'therapy', duration_minutes: 45, place: 'home',
        staff_needed: 1, registered_required: false, skills: '[]', origin: 'proposed', created_at: now, created_by: therapist.id, updated_at: now, updated_by: therapist.id,
      }).execute();
    }
  });
  afterAll(async () => t?.close());

  it('keeps the days the first attempt saved as its own, and plans them once', async () => {
    const lead = await t.signIn(t.service.a['clinical-lead']);
    const started = await lead.post('/api/visits/plans/jobs', { date: dates[0], days: 2 });
    expect(started.statusCode, started.body).toBe(202);
    const job = (await findJob(t.db, (started.json() as { job: { id: string } }).job.id))!;
    const handler = visitPlanJobHandlers({ db: t.db, config: t.config, iterationLimit: 50 })[visitPlanJobKind]!;
    const context: JobContext = { instanceId: 'test', reportProgress: async () => {}, signal: new AbortController().signal };
    const first = (await handler(job, context)) as VisitPlanJobResult;
    expect(first.days.map((d) => d.conflict)).toEqual([false, false]);
    // The runner's retry after the first attempt died after saving (here: after both days).
    const again = (await handler(job, context)) as VisitPlanJobResult;
    expect(again.days).toEqual(first.days);
    const plans = await t.db.selectFrom('visit_plans').select(['on_date', 'version']).orderBy('on_date').execute();
    expect(plans).toEqual(dates.map((on_date) => ({ on_date, version: 1 })));
  });

  it('refuses a re-plan while another run for the team is under way, recording nothing; the same request again joins it', async () => {
    const lead = await t.signIn(t.service.a['clinical-lead']);
    const version = (await t.db.selectFrom('visit_plans').select('version').where('on_date', '=', dates[0]!).executeTakeFirstOrThrow()).version;
    const week = await lead.post('/api/visits/plans/jobs', { date: dates[0], days: 2 });
    expect(week.statusCode, week.body).toBe(202);
    const again = await lead.post('/api/visits/plans/jobs', { date: dates[0], days: 2 });
    expect(again.json().job.id).toBe(week.json().job.id);
    const therapist = t.service.a['registered-therapist'].id;
    const replan = await lead.post('/api/visits/plans/replan', { date: dates[0], from: '12:00', offStaffId: therapist, version });
    expect(replan.statusCode, replan.body).toBe(409);
    expect(replan.json().error).toMatchObject({ code: 'planner_busy' });
    expect(await t.db.selectFrom('rota_exceptions').select('id').where('staff_id', '=', therapist).execute()).toEqual([]);
    const page = await lead.form('/visits/plan/replan', { date: dates[0]!, version: String(version), offStaffId: therapist, from: '12:00' });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('The planner is already running for your team');
    expect(await t.db.selectFrom('rota_exceptions').select('id').where('staff_id', '=', therapist).execute()).toEqual([]);
  });
});

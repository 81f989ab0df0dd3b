// A member of staff working but with no start point anywhere (no base or home on the rota, and the
// team's base not placed) cannot be given a route: the plan page says who and why, never a silent drop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { createJobRunner } from '../platform/jobs.ts';
import { bootTestApp, patientDetails, type TestApp } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';
import { visitPlanJobHandlers } from './plan-job.ts';
import type { VisitDayPlan } from './visit-day-types.ts';

const date = '2026-11-25'; // tomorrow by the test clock

describe('a clinician the planner cannot place', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
    const now = t.clock.now();
    const week = JSON.stringify([1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:30', end: '16:30', breakMinutes: 30 })));
    const therapist = t.service.a['registered-therapist'];
    // Starts from base, but neither the pattern nor the team has a base on the map.
    await t.db.insertInto('rota_patterns').values({ id: uuidv7(), staff_id: therapist.id, team_id: t.service.teamA, week, starts_from: 'base', car_driver: true, created_at: now, created_by: therapist.id, updated_at: now, updated_by: therapist.id }).execute();
    const writer = await t.signIn(therapist);
    const created = await writer.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(901), latitude: 53.0, longitude: -2.18 }));
    expect(created.statusCode).toBe(201);
    const patientId = (created.json() as { id: string }).id;
    const episodeId = await seedEpisode(t, { patientId, service: 'community-rehab', allocatedTo: therapist.id });
    await t.db.insertInto('visits').values({
      id: uuidv7(), team_id: t.service.teamA, episode_id: episodeId, patient_id: patientId, on_date: date, purpose: 'therapy', duration_minutes: 45, place: 'home',
      staff_needed: 1, registered_required: false, skills: '[]', origin: 'proposed', created_at: now, created_by: therapist.id, updated_at: now, updated_by: therapist.id,
    }).execute();
  });
  afterAll(async () => t?.close());

  it('is named on the plan page with the reason and the way to fix it', async () => {
    const lead = await t.signIn(t.service.a['clinical-lead']);
    expect((await lead.post('/api/visits/plans/jobs', { date })).statusCode).toBe(202);
    const runner = createJobRunner({ db: t.db, handlers: visitPlanJobHandlers({ db: t.db, config: t.config, iterationLimit: 50 }), now: t.clock.now, instanceId: 'test' });
    expect((await runner.runOnce())!.status).toBe('done');
    await runner.stop();
    const plan = (await lead.get(`/api/visits/plans/${date}`)).json() as { draft: VisitDayPlan };
    const therapist = t.service.a['registered-therapist'];
    expect(plan.draft.staffLeftOut?.map((s) => s.staffId)).toEqual([therapist.id]);
    const page = await lead.get(`/visits/plan?date=${date}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Working but left out of the plan');
    expect(page.body).toContain(`/rota/staff/${therapist.id}`);
  });
});

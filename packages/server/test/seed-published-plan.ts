// A team's published visit plan for a day, written straight to the database, for tests of what shows a
// plan (the map, run sheets) without running the planner: each patient registered with an episode and
// a visit, the routes given as [staffId, [patient key, start, end]...].
import { uuidv7 } from 'uuidv7';
import { testNhsNumberForIndex } from '../src/demo/generate-demo-data.ts';
import type { VisitDayPlan } from '../src/visits/visit-day-types.ts';
import { signIn, patientDetails, type TestApp } from './test-app.ts';
import { seedEpisode } from './seed-episode.ts';

export type PlanPatient = { givenName: string; familyName: string; nhsIndex: number; at: { latitude: number; longitude: number } | null };
export type SeededPlanPatient = { id: string; episodeId: string; visitId: string };

export async function seedPublishedPlan<K extends string>(
  t: TestApp,
  o: {
    date: string;
    patients: Record<K, PlanPatient>;
    routes: Array<{ staffId: string; stops: Array<[K, string, string]> }>;
    travel?: VisitDayPlan['travel'];
  },
): Promise<Record<K, SeededPlanPatient>> {
  const lead = t.service.a['clinical-lead'];
  const client = await signIn(t.app, lead);
  const now = t.clock.now();
  const seeded = {} as Record<K, SeededPlanPatient>;
  for (const key of Object.keys(o.patients) as K[]) {
    const p = o.patients[key];
    const res = await client.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(p.nhsIndex), givenName: p.givenName, familyName: p.familyName, latitude: p.at?.latitude ?? null, longitude: p.at?.longitude ?? null }));
    if (res.statusCode !== 201) throw new Error(`could not register ${p.givenName}: ${res.statusCode} ${res.body}`);
    const id = res.json().id as string;
    const episodeId = await seedEpisode(t, { patientId: id, service: 'd2a-pathway-1', allocatedTo: t.service.a['registered-therapist'].id });
    const visitId = uuidv7();
    await t.db
      .insertInto('visits')
      .values({
        id: visitId, team_id: t.service.teamA, episode_id: episodeId, patient_id: id, on_date: o.date, purpose: 'therapy', duration_minutes: 45, place: 'home',
        window_start: null, window_end: null, staff_needed: 1, registered_required: false, skills: '[]', preferred_staff_id: null, due_by: null, origin: 'proposed',
        pinned_staff_id: null, pinned_start: null, outcome_reason: null, rebooked_from: null, contact_note_id: null, started_at: null, finished_at: null,
        created_at: now, created_by: lead.id, updated_at: now, updated_by: lead.id,
      })
      .execute();
    seeded[key] = { id, episodeId, visitId };
  }
  const routes = o.routes.map((r) => {
    const stops = r.stops.map(([key, start, end]) => ({ visitId: seeded[key].visitId, arrival: start, start, end, travelMinutes: 11, distanceKm: 4.2, lateMinutes: 0, withStaffId: null }));
    return { staffId: r.staffId, leave: '08:45', return: '16:30', stops, breaks: [], travelMinutes: 11 * stops.length + 11, distanceKm: 4.2 * (stops.length + 1) };
  });
  const planned = routes.reduce((n, r) => n + r.stops.length, 0);
  const plan: VisitDayPlan = {
    teamId: t.service.teamA, date: o.date, madeAt: now.toISOString(), jobId: null, routes, unplanned: [],
    totals: { travelMinutes: routes.reduce((n, r) => n + r.travelMinutes, 0), distanceKm: 0, visitsPlanned: planned, visitsUnplanned: 0, visitsPerPerson: planned / Math.max(1, routes.length), continuityPercent: null, inWindowPercent: null },
    objective: null,
    ...(o.travel ? { travel: o.travel } : {}),
  };
  await t.db
    .insertInto('visit_plans')
    .values({ id: uuidv7(), team_id: t.service.teamA, on_date: o.date, draft: null, published: JSON.stringify(plan), published_at: now, published_by: lead.id, created_at: now, created_by: lead.id, updated_at: now, updated_by: lead.id })
    .execute();
  return seeded;
}

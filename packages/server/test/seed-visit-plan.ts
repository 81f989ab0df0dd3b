// A visit on a published plan, written straight to the database, for tests of run sheets and what
// happens on a visit without running the planner: the visit row, and the team's published plan for
// the day with the visit on the member of staff's route (added to the plan already there, if any).
import { uuidv7 } from 'uuidv7';
import type { VisitDayPlan } from '../src/visits/visit-day-types.ts';
import type { TestApp } from './test-app.ts';

export type SeedPlannedVisitOptions = { episodeId: string; staffId: string; date?: string; start?: string; teamId?: string };

export async function seedPlannedVisit(t: TestApp, o: SeedPlannedVisitOptions): Promise<string> {
  const teamId = o.teamId ?? t.service.teamA;
  const date = o.date ?? '2026-11-24';
  const start = o.start ?? '09:30';
  const by = t.service.a['clinical-lead'].id;
  const at = t.clock.now();
  const episode = await t.db.selectFrom('episodes').select('patient_id').where('id', '=', o.episodeId).executeTakeFirstOrThrow();
  const id = uuidv7();
  await t.db.insertInto('visits').values({
    id, team_id: teamId, episode_id: o.episodeId, patient_id: episode.patient_id, on_date: date, purpose: 'therapy', duration_minutes: 30, place: 'home',
    staff_needed: 1, registered_required: false, skills: '[]', origin: 'proposed', created_at: at, created_by: by, updated_at: at, updated_by: by,
  }).execute();
  const existing = await t.db.selectFrom('visit_plans').select(['id', 'published']).where('team_id', '=', teamId).where('on_date', '=', date).executeTakeFirst();
  const plan: VisitDayPlan = (existing?.published as VisitDayPlan | null | undefined) ?? {
    teamId, date, madeAt: at.toISOString(), jobId: null, objective: null, unplanned: [], routes: [],
    totals: { travelMinutes: 0, distanceKm: 0, visitsPlanned: 0, visitsUnplanned: 0, visitsPerPerson: 0, continuityPercent: null, inWindowPercent: null },
  };
  let route = plan.routes.find((r) => r.staffId === o.staffId);
  if (!route) {
    route = { staffId: o.staffId, leave: '08:30', return: '16:30', stops: [], breaks: [], travelMinutes: 0, distanceKm: 0 };
    plan.routes.push(route);
  }
  const [h, m] = start.split(':').map(Number);
  const end = `${String(h! + Math.floor((m! + 30) / 60)).padStart(2, '0')}:${String((m! + 30) % 60).padStart(2, '0')}`;
  route.stops.push({ visitId: id, arrival: start, start, end, travelMinutes: 10, distanceKm: 4, lateMinutes: 0, withStaffId: null });
  const json = JSON.stringify(plan);
  if (existing) await t.db.updateTable('visit_plans').set({ draft: json, published: json, published_at: at }).where('id', '=', existing.id).execute();
  else await t.db.insertInto('visit_plans').values({ id: uuidv7(), team_id: teamId, on_date: date, draft: json, published: json, published_at: at, published_by: by, created_at: at, created_by: by, updated_at: at, updated_by: by }).execute();
  return id;
}

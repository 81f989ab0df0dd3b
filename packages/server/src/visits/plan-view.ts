// The plan for a day as the lead sees it (page and API): the stored draft and publication, who works,
// the day's visits with the patients' names, and how many visits the draft changes against what was
// published. Patient names are patient data: showing them is audited, one event for the list.
import type { Kysely } from 'kysely';
import { auditListRead } from '../caseload/public.ts';
import type { Database } from '../db/schema.ts';
import type { StaffDay } from '../staff/public.ts';
import { changedVisitCount, planChanges } from './plan-changes.ts';
import type { PlanningAccess } from './plan-access.ts';
import { readStaffDaysForPlan, readVisitsForPlan } from './plan-sources.ts';
import { readVisitPlan, type StoredVisitPlan } from './read-visit-plan.ts';
import type { VisitToPlan } from './visit-day-types.ts';

export type PlanView = {
  plan: StoredVisitPlan | null;
  staffDays: StaffDay[];
  visits: VisitToPlan[];
  changedVisitsSincePublished: number;
};

export async function readPlanView(db: Kysely<Database>, o: { access: PlanningAccess; date: string; purpose: string }): Promise<PlanView> {
  const { teamId, actor } = o.access;
  const plan = await readVisitPlan(db, { teamId, date: o.date });
  const staffDays = await readStaffDaysForPlan(db, { teamId, dates: [o.date] });
  const visits = await readVisitsForPlan(db, { teamId, date: o.date });
  await auditListRead(db, { actor, recordKind: 'visit-plan', episodeIds: [...new Set(visits.map((v) => v.episodeId))], detail: { date: o.date, planId: plan?.id ?? null, purpose: o.purpose } });
  const changed = plan?.draft ? changedVisitCount(planChanges(plan.published, plan.draft)) : 0;
  return { plan, staffDays, visits, changedVisitsSincePublished: changed };
}

export function planViewResponse(view: PlanView, date: string) {
  return {
    id: view.plan?.id ?? null,
    date,
    version: view.plan?.version ?? null,
    draft: view.plan?.draft ?? null,
    published: view.plan?.published ?? null,
    publishedAt: view.plan?.publishedAt ?? null,
    staff: view.staffDays.map((d) => ({ staffId: d.staffId, name: d.name, working: d.shift !== null, shift: d.shift ? { start: d.shift.start, end: d.shift.end } : null })),
    visits: view.visits.map((v) => ({
      visitId: v.id, patientId: v.patientId, episodeId: v.episodeId, patientName: v.patientName, purpose: v.purpose, durationMinutes: v.durationMinutes, window: v.window, pinnedStaffId: v.pinnedStaffId, pinnedStart: v.pinnedStart,
    })),
    changedVisitsSincePublished: view.changedVisitsSincePublished,
  };
}

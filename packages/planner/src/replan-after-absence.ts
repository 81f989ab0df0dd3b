// Re-planning the rest of a day when a member of staff goes off (sick at 10:00): turns the published
// plan and the day's problem into the re-planning problem. What is done or under way is fixed; every
// other planned visit keeps its published staff and start as `current`, so the search starts from the
// published plan and pays for each change; the absent person keeps only what they have done.
import type { PlanResult } from './plan-result.ts';
import type { PlanningProblem, Visit } from './problem.ts';

export type ReplanAfterAbsenceOptions = {
  /** Who has gone off. */
  staffId: string;
  /** When (minutes, the problem's unit). */
  now: number;
};

export function replanAfterAbsence(problem: PlanningProblem, published: PlanResult, options: ReplanAfterAbsenceOptions): PlanningProblem {
  const { staffId, now } = options;
  const next = structuredClone(problem);
  next.now = now;
  const byId = new Map<string, Visit>(next.visits.map((v) => [v.id, v]));
  const seen = new Set<string>();
  for (const plan of published.plans) {
    for (const stop of plan.stops) {
      const visit = byId.get(stop.visitId);
      if (visit === undefined) continue;
      // Started: done or under way. Anyone else already on their way to a visit keeps it too.
      const started = stop.start < now;
      const underWay = plan.staffId !== staffId && stop.arrival - stop.travelMinutes < now;
      if (!seen.has(visit.id)) {
        seen.add(visit.id);
        visit.current = { staffId: plan.staffId, start: stop.start };
        if (stop.withStaffId !== undefined) visit.current.secondStaffId = stop.withStaffId;
      }
      if (started || underWay) visit.fixed = true;
    }
  }
  // What the absent person keeps: every fixed visit on their published day, counted once all are
  // known. A pair another person has set off to is fixed with both of them (it stays exactly as
  // published) though the absent person had not started it, and its fixing may come from a plan
  // read after theirs; counting only their own started stops left them no room for it.
  const absentPlan = published.plans.find((p) => p.staffId === staffId);
  const fixedForAbsent = absentPlan === undefined ? 0 : absentPlan.stops.filter((s) => byId.get(s.visitId)?.fixed === true).length;
  for (const visit of next.visits) {
    // A pin to the absent person cannot be kept for what they have not started.
    if (visit.fixed !== true && visit.pinned?.staffId === staffId) delete visit.pinned.staffId;
  }
  const absent = next.staff.find((s) => s.id === staffId);
  if (absent !== undefined) {
    absent.shift.end = Math.max(absent.shift.start, Math.min(absent.shift.end, now));
    absent.maxVisits = fixedForAbsent;
    // Off for the rest of the day: no break left to place.
    delete absent.breaks;
  }
  return next;
}

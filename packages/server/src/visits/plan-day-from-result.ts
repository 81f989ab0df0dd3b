// The planner's answer as the team's plan for the day (VisitDayPlan: wall-clock times, km, totals,
// and each unplanned visit with a reason a lead can act on). Pure.
import { timeOf } from '@homeward/clinical';
import type { PlanResult, UnplannedReasonCode } from '@homeward/planner';
import type { PlannedVisit, StaffRoute, UnplannedReason, VisitDayPlan, VisitToPlan } from './visit-day-types.ts';
import type { UnplannedEntry } from './build-planning-problem.ts';

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The planner's reason code as the plan's reason. */
export function reasonOf(code: UnplannedReasonCode): UnplannedReason {
  const reasons: Record<UnplannedReasonCode, UnplannedReason> = {
    'no-one-qualified': 'no-one-qualified',
    'no-pair': 'no-one-qualified',
    'window-outside-shifts': 'window-outside-shifts',
    'no-time': 'no-time',
    deferred: 'no-time',
    'over-capacity': 'other',
  };
  return reasons[code];
}

const reasonWords: Record<UnplannedReason, string> = {
  'no-one-qualified': 'No one working that day is qualified for this visit',
  'no-time': 'No one qualified has time for it within the visit’s window and their hours',
  'window-outside-shifts': 'The time the patient can be seen is outside the hours of everyone who could go',
  'no-location': 'The patient has not been placed on the map',
  'no-one-working': 'No one is working who could take it',
  other: 'It could not be placed',
};

export function planTotals(routes: StaffRoute[], unplanned: VisitDayPlan['unplanned'], visits: ReadonlyMap<string, VisitToPlan>): VisitDayPlan['totals'] {
  const staffOf = new Map<string, Set<string>>();
  const startOf = new Map<string, string>();
  let stops = 0;
  for (const r of routes) {
    for (const s of r.stops) {
      stops++;
      const set = staffOf.get(s.visitId) ?? new Set<string>();
      set.add(r.staffId);
      staffOf.set(s.visitId, set);
      startOf.set(s.visitId, s.start);
    }
  }
  let preferred = 0;
  let kept = 0;
  let windowed = 0;
  let inWindow = 0;
  for (const [visitId, staff] of staffOf) {
    const v = visits.get(visitId);
    if (!v) continue;
    if (v.preferredStaffId) {
      preferred++;
      if (staff.has(v.preferredStaffId)) kept++;
    }
    if (v.window) {
      windowed++;
      const start = startOf.get(visitId)!;
      if (start >= v.window.start && start <= v.window.end) inWindow++;
    }
  }
  const withStops = routes.filter((r) => r.stops.length > 0).length;
  return {
    travelMinutes: Math.round(routes.reduce((n, r) => n + r.travelMinutes, 0)),
    distanceKm: round1(routes.reduce((n, r) => n + r.distanceKm, 0)),
    visitsPlanned: staffOf.size,
    visitsUnplanned: unplanned.length,
    visitsPerPerson: withStops ? round1(stops / withStops) : 0,
    continuityPercent: preferred ? Math.round((100 * kept) / preferred) : null,
    inWindowPercent: windowed ? Math.round((100 * inWindow) / windowed) : null,
  };
}

/**
 * The planner's reason as a sentence for the lead: it names staff and visits by their ids (UUIDs here),
 * so each becomes the person's name or the patient's visit, and it starts with a capital.
 */
export function inTheTeamsWords(reason: string, staffNames: ReadonlyMap<string, string>, visits: ReadonlyMap<string, VisitToPlan>): string {
  const words = new Map<string, string>([...[...visits.values()].map((v) => [v.id, `the visit to ${v.patientName}`] as const), ...staffNames]);
  const text = reason.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, (id) => words.get(id) ?? 'someone no longer on this day');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export type DayPlanFromResultOptions = {
  teamId: string;
  date: string;
  jobId: string | null;
  madeAt: Date;
  result: PlanResult;
  visits: VisitToPlan[];
  /** What was not sent to the planner, with its reason. */
  notSent: UnplannedEntry[];
  /** Each member of staff's name by id: the planner's reasons name people by id, a lead knows them by name. */
  staffNames: ReadonlyMap<string, string>;
  /** Re-planning: each person's visits already done or under way, kept first in their day as they were. */
  kept?: Record<string, { leave: string; stops: PlannedVisit[]; breaks: StaffRoute['breaks'] }>;
};

export function dayPlanFromResult(o: DayPlanFromResultOptions): VisitDayPlan {
  const byId = new Map(o.visits.map((v) => [v.id, v]));
  const routes = new Map<string, StaffRoute>();
  for (const [staffId, k] of Object.entries(o.kept ?? {})) {
    const last = k.stops.at(-1);
    routes.set(staffId, {
      staffId,
      leave: k.leave,
      return: last?.end ?? k.leave,
      stops: k.stops,
      breaks: k.breaks,
      travelMinutes: k.stops.reduce((n, s) => n + s.travelMinutes, 0),
      distanceKm: round1(k.stops.reduce((n, s) => n + s.distanceKm, 0)),
    });
  }
  for (const p of o.result.plans) {
    const stops: PlannedVisit[] = p.stops.map((s) => ({
      visitId: s.visitId,
      arrival: timeOf(s.arrival),
      start: timeOf(s.start),
      end: timeOf(s.end),
      travelMinutes: Math.round(s.travelMinutes),
      distanceKm: round1(s.distance),
      lateMinutes: Math.round(s.lateMinutes),
      withStaffId: s.withStaffId ?? null,
    }));
    const before = routes.get(p.staffId);
    const breaks = p.breaks.map((b) => ({ start: timeOf(b.start), end: timeOf(b.end) }));
    routes.set(p.staffId, {
      staffId: p.staffId,
      leave: before?.leave ?? timeOf(p.leave),
      return: timeOf(p.return),
      stops: [...(before?.stops ?? []), ...stops],
      breaks: [...(before?.breaks ?? []), ...breaks],
      travelMinutes: Math.round((before?.travelMinutes ?? 0) + p.travelMinutes),
      distanceKm: round1((before?.distanceKm ?? 0) + p.distance),
    });
  }
  const unplanned: VisitDayPlan['unplanned'] = [
    ...o.notSent,
    ...o.result.unplanned.map((u) => {
      const reason = reasonOf(u.code);
      return { visitId: u.visitId, reason, detail: u.reason ? inTheTeamsWords(u.reason, o.staffNames, byId) : reasonWords[reason] };
    }),
  ];
  const ordered = [...routes.values()].sort((a, b) => a.leave.localeCompare(b.leave) || a.staffId.localeCompare(b.staffId));
  return {
    teamId: o.teamId,
    date: o.date,
    madeAt: o.madeAt.toISOString(),
    jobId: o.jobId,
    routes: ordered,
    unplanned,
    totals: planTotals(ordered, unplanned, byId),
    objective: Math.round(o.result.cost.total * 10) / 10,
  };
}

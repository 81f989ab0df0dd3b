// The lead's hand on the plan: move a visit to someone (at a place in their day), swap two visits,
// pin a visit to a person and/or a time. Each person's day whose stops changed is timed again with the
// same road model as the planner (travel, windows, pinned starts, their break), so the page shows
// what the day now looks like. Pure.
import { minutesOf, timeOf } from '@homeward/clinical';
import { defaultCircuityFactor, defaultSpeedBands, greatCircleKm, roadMinutes } from '@homeward/planner';
import type { GeoPoint, StaffDay } from '../staff/public.ts';
import type { PlannedVisit, StaffRoute, VisitDayPlan, VisitToPlan } from './visit-day-types.ts';
import { planTotals } from './plan-day-from-result.ts';
import { HomewardError } from '../platform/homeward-error.ts';

export type PlanAdjustment =
  | { kind: 'move'; visitId: string; toStaffId: string; beforeVisitId?: string | null }
  | { kind: 'swap'; visitId: string; otherVisitId: string }
  | { kind: 'pin'; visitId: string; staffId: string | null; start: string | null };

export type AdjustContext = {
  staffDays: StaffDay[];
  visits: VisitToPlan[];
  teamBase: GeoPoint | null;
  now: Date;
};

const round1 = (n: number) => Math.round(n * 10) / 10;

function travel(a: GeoPoint | null, b: GeoPoint | null): { minutes: number; km: number } {
  if (!a || !b) return { minutes: 0, km: 0 };
  const km = greatCircleKm(a, b) * defaultCircuityFactor;
  return { minutes: roadMinutes(km, defaultSpeedBands), km };
}

/** Times a day again in its new order: travel, the earliest start each window or pin allows, and the break. */
export function retimeRoute(route: StaffRoute, visitIds: string[], o: AdjustContext): StaffRoute {
  const day = o.staffDays.find((d) => d.staffId === route.staffId);
  const visits = new Map(o.visits.map((v) => [v.id, v]));
  const home = day?.start ?? o.teamBase;
  const end = day?.end ?? home;
  const shiftStart = day?.shift ? minutesOf(day.shift.start) : minutesOf(route.leave);
  const pendingBreaks = route.breaks.map((b) => ({ at: minutesOf(b.start), minutes: minutesOf(b.end) - minutesOf(b.start) }));
  const breakMinutes = day?.shift?.breakMinutes ?? 0;
  if (pendingBreaks.length === 0 && breakMinutes > 0 && day?.shift) {
    pendingBreaks.push({ at: Math.round((shiftStart + minutesOf(day.shift.end) - breakMinutes) / 2), minutes: breakMinutes });
  }
  const breaks: StaffRoute['breaks'] = [];
  const previous = new Map(route.stops.map((s) => [s.visitId, s]));
  let t = shiftStart;
  let at = home;
  const stops: PlannedVisit[] = [];
  const takeBreaksBefore = (moment: number) => {
    while (pendingBreaks.length && pendingBreaks[0]!.at <= moment) {
      const b = pendingBreaks.shift()!;
      const start = Math.max(t, b.at);
      breaks.push({ start: timeOf(start), end: timeOf(start + b.minutes) });
      t = start + b.minutes;
    }
  };
  for (const visitId of visitIds) {
    const v = visits.get(visitId);
    const leg = travel(at, v?.location ?? null);
    takeBreaksBefore(t + leg.minutes);
    const arrival = t + leg.minutes;
    const earliest = v?.pinnedStart ? minutesOf(v.pinnedStart) : v?.window ? minutesOf(v.window.start) : arrival;
    const start = Math.max(arrival, earliest);
    const late = v?.window ? Math.max(0, start - minutesOf(v.window.end)) : 0;
    const duration = v?.durationMinutes ?? 30;
    stops.push({
      visitId,
      arrival: timeOf(arrival),
      start: timeOf(start),
      end: timeOf(start + duration),
      travelMinutes: Math.round(leg.minutes),
      distanceKm: round1(leg.km),
      lateMinutes: Math.round(late),
      withStaffId: previous.get(visitId)?.withStaffId ?? null,
    });
    t = start + duration;
    at = v?.location ?? at;
  }
  takeBreaksBefore(Number.POSITIVE_INFINITY);
  const back = travel(at, end);
  return {
    staffId: route.staffId,
    leave: timeOf(shiftStart),
    return: timeOf(t + back.minutes),
    stops,
    breaks,
    travelMinutes: Math.round(stops.reduce((n, s) => n + s.travelMinutes, 0) + back.minutes),
    distanceKm: round1(stops.reduce((n, s) => n + s.distanceKm, 0) + back.km),
  };
}

function refuse(message: string, path = 'visitId'): never {
  throw new HomewardError('validation_failed', message, { fields: [{ path, message }] });
}

/** The plan with the lead's change made, every changed day timed again, totals anew, objective cleared. */
export function adjustPlan(plan: VisitDayPlan, change: PlanAdjustment, o: AdjustContext): VisitDayPlan {
  const order = new Map(plan.routes.map((r) => [r.staffId, r.stops.map((s) => s.visitId)]));
  const visits = new Map(o.visits.map((v) => [v.id, v]));
  let unplanned = plan.unplanned;
  const touched = new Set<string>();
  const where = (visitId: string): { staffId: string; index: number } | null => {
    for (const [staffId, ids] of order) {
      const index = ids.indexOf(visitId);
      if (index >= 0) return { staffId, index };
    }
    return null;
  };
  const working = (staffId: string) => {
    const day = o.staffDays.find((d) => d.staffId === staffId);
    if (!day?.shift) refuse(`${day?.name ?? 'That person'} is not working on ${plan.date}`, 'toStaffId');
  };
  const inPlan = (visitId: string) => {
    if (!visits.has(visitId)) refuse('That visit is not one of this day’s visits');
  };
  const startOf = (visitId: string, staffId: string) =>
    plan.routes.find((r) => r.staffId === staffId)?.stops.find((s) => s.visitId === visitId)?.start;
  const moveTo = (visitId: string, toStaffId: string, beforeVisitId: string | null | undefined) => {
    working(toStaffId);
    const from = where(visitId);
    if (from) {
      order.get(from.staffId)!.splice(from.index, 1);
      touched.add(from.staffId);
    }
    unplanned = unplanned.filter((u) => u.visitId !== visitId);
    const target = order.get(toStaffId) ?? [];
    order.set(toStaffId, target);
    let index = target.length;
    if (beforeVisitId) {
      index = target.indexOf(beforeVisitId);
      if (index < 0) refuse('The visit to put it before is not in that person’s day', 'beforeVisitId');
    } else {
      // In time order: before the first visit that starts later than this one can.
      const v = visits.get(visitId);
      const wanted = v?.pinnedStart ?? v?.window?.start ?? (from ? startOf(visitId, from.staffId) : undefined);
      if (wanted) {
        const later = target.findIndex((id) => (startOf(id, toStaffId) ?? '99:99') > wanted);
        if (later >= 0) index = later;
      }
    }
    target.splice(index, 0, visitId);
    touched.add(toStaffId);
  };

  // Two staff must arrive together (a hoist, a risk flag): a hand move or swap times one person's day
  // only, so the pair would come apart. The lead pins it instead, and re-optimising times both.
  const twoStaff = (visitId: string) => {
    const v = visits.get(visitId);
    if (v?.staffNeeded === 2) refuse(`${v.patientName}’s visit needs two staff arriving together: pin it to the person and time you want, then re-optimise around the pins, so both days are timed together`);
  };
  if (change.kind === 'move') {
    inPlan(change.visitId);
    twoStaff(change.visitId);
    if (change.beforeVisitId === change.visitId) refuse('A visit cannot go before itself', 'beforeVisitId');
    moveTo(change.visitId, change.toStaffId, change.beforeVisitId);
  } else if (change.kind === 'swap') {
    inPlan(change.visitId);
    inPlan(change.otherVisitId);
    const a = where(change.visitId);
    const b = where(change.otherVisitId);
    if (!a || !b) refuse('Both visits must be in someone’s day to swap them', !a ? 'visitId' : 'otherVisitId');
    if (change.visitId === change.otherVisitId) refuse('Choose two different visits to swap', 'otherVisitId');
    twoStaff(change.visitId);
    twoStaff(change.otherVisitId);
    order.get(a.staffId)![a.index] = change.otherVisitId;
    order.get(b.staffId)![b.index] = change.visitId;
    touched.add(a.staffId);
    touched.add(b.staffId);
  } else {
    inPlan(change.visitId);
    const at = where(change.visitId);
    const staffId = change.staffId ?? at?.staffId ?? null;
    if (visits.get(change.visitId)?.staffNeeded === 2) {
      // The pin is kept on the visit; the draft waits for re-optimising, which places both staff together.
    } else if (staffId && (staffId !== at?.staffId || change.start)) {
      // Pinned to a time: placed in the day by that time.
      moveTo(change.visitId, staffId, null);
    } else if (!staffId && change.start) {
      refuse('Choose who will go, or plan the visit first, to pin it to a time', 'staffId');
    }
  }

  const byStaff = new Map(plan.routes.map((r) => [r.staffId, r]));
  const routes: StaffRoute[] = [];
  for (const [staffId, ids] of order) {
    const before = byStaff.get(staffId) ?? { staffId, leave: '00:00', return: '00:00', stops: [], breaks: [], travelMinutes: 0, distanceKm: 0 };
    const route = touched.has(staffId) ? retimeRoute(before, ids, o) : before;
    if (route.stops.length) routes.push(route);
  }
  // A two-person visit's partner follows whoever now has the other half.
  const staffOfVisit = new Map<string, string[]>();
  for (const r of routes) for (const s of r.stops) staffOfVisit.set(s.visitId, [...(staffOfVisit.get(s.visitId) ?? []), r.staffId]);
  const fixed = routes.map((r) => ({
    ...r,
    stops: r.stops.map((s) => (s.withStaffId === null ? s : { ...s, withStaffId: (staffOfVisit.get(s.visitId) ?? []).find((id) => id !== r.staffId) ?? null })),
  }));
  fixed.sort((a, b) => a.leave.localeCompare(b.leave) || a.staffId.localeCompare(b.staffId));
  return { ...plan, madeAt: o.now.toISOString(), routes: fixed, unplanned, totals: planTotals(fixed, unplanned, visits), objective: null };
}

// An independent check of a plan against its problem, sharing nothing with the solver but the
// travel model: walks each staff member's reported timeline and recomputes the cost from scratch.
import { unplannedReasonCodes } from './plan-result.ts';
import type { PlanCost, PlanResult, VisitChange } from './plan-result.ts';
import { defaultObjective } from './problem.ts';
import type { PlanningProblem, Visit } from './problem.ts';
import { buildTravelModel } from './travel-model.ts';

export type SolutionCheck = { ok: boolean; violations: string[]; cost: PlanCost };

const eps = 1e-6;

/** Whole minutes allow for rounding error in sums of travel times. */
const isWhole = (x: number) => Math.abs(x - Math.round(x)) <= eps;

export function checkSolution(problem: PlanningProblem, result: PlanResult): SolutionCheck {
  const violations: string[] = [];
  const fail = (message: string) => {
    if (violations.length < 100) violations.push(message);
  };
  const weights = { ...defaultObjective, ...problem.objective };
  const { model, locationIndex } = buildTravelModel(problem);
  const visitById = new Map(problem.visits.map((v) => [v.id, v]));
  const staffById = new Map(problem.staff.map((s) => [s.id, s]));
  const attendances = new Map<string, { staffId: string; start: number; end: number }[]>();
  let travel = 0;
  let lateness = 0;
  let maxLate = 0;
  let continuity = 0;
  let change = 0;
  const now = problem.now ?? Number.NEGATIVE_INFINITY;
  const isFixed = (visit: Visit | undefined) => visit?.fixed === true && visit.current?.start !== undefined;
  // Whole minutes (the default): leave, return, arrivals, starts and breaks; a given start (fixed or
  // pinned) is kept as given, and an end is a start plus the visit's duration.
  const wholeMinutes = problem.wholeMinutes !== false;
  const notWhole = (x: number) => wholeMinutes && !isWhole(x);

  const seenStaff = new Set<string>();
  for (const plan of result.plans) {
    const staff = staffById.get(plan.staffId);
    if (staff === undefined) {
      fail(`plan for unknown staff "${plan.staffId}"`);
      continue;
    }
    if (seenStaff.has(staff.id)) fail(`staff "${staff.id}" has two plans`);
    seenStaff.add(staff.id);
    const who = `staff "${staff.id}"`;
    const skills = new Set(staff.skills ?? []);
    // A fixed visit (done or under way) may have been before the shift: then the day starts with it.
    const firstFixed = plan.stops.length > 0 && isFixed(visitById.get(plan.stops[0]!.visitId));
    if (plan.leave < staff.shift.start - eps && !firstFixed) fail(`${who} leaves at ${plan.leave}, before the shift starts at ${staff.shift.start}`);
    // Re-planning: nobody sets off to a visit that is not fixed before now (nor before the shift).
    // (The shift's start matters here only for a day that starts with a fixed visit; otherwise leaving is checked.)
    const open = Math.max(firstFixed ? staff.shift.start : Number.NEGATIVE_INFINITY, now);
    let latestReturn = staff.shift.end;
    if (notWhole(plan.leave)) fail(`${who} leaves at ${plan.leave}, not a whole minute`);
    if (notWhole(plan.return)) fail(`${who} returns at ${plan.return}, not a whole minute`);
    // The timeline: stops and breaks in order of start.
    type Event = { kind: 'stop'; index: number; start: number } | { kind: 'break'; index: number; start: number };
    const events: Event[] = [
      ...plan.stops.map((s, index): Event => ({ kind: 'stop', index, start: s.start })),
      ...plan.breaks.map((b, index): Event => ({ kind: 'break', index, start: b.start })),
    ].sort((a, b) => a.start - b.start || (a.kind === 'break' ? -1 : 1));
    let time = plan.leave;
    let loc = locationIndex(staff.start);
    let load = 0;
    let stopsSeen = 0;
    for (const event of events) {
      if (event.kind === 'break') {
        const b = plan.breaks[event.index]!;
        if (notWhole(b.start)) fail(`${who}: break at ${b.start}, not a whole minute`);
        if (b.start < time - eps) fail(`${who}: break at ${b.start} overlaps the previous visit or travel (free from ${time})`);
        time = Math.max(time, b.end);
        continue;
      }
      const stop = plan.stops[event.index]!;
      if (event.index !== stopsSeen) fail(`${who}: stops are not listed in time order`);
      stopsSeen++;
      const visit = visitById.get(stop.visitId);
      if (visit === undefined) {
        fail(`${who}: unknown visit "${stop.visitId}"`);
        continue;
      }
      const where = `${who}, visit "${visit.id}"`;
      const fixed = isFixed(visit);
      if (!fixed) time = Math.max(time, open);
      const given = fixed || visit.pinned?.start !== undefined;
      if (!given && notWhole(stop.start)) fail(`${where}: starts at ${stop.start}, not a whole minute`);
      if (!given && notWhole(stop.arrival)) fail(`${where}: arrives at ${stop.arrival}, not a whole minute`);
      const vloc = locationIndex(visit.location);
      const minutes = model.duration(loc, vloc);
      travel += weights.travelMinute * minutes + weights.travelDistance * model.distance(loc, vloc);
      if (stop.arrival < time + minutes - eps) fail(`${where}: arrives at ${stop.arrival}, but cannot arrive before ${time + minutes}`);
      if (stop.start < stop.arrival - eps) fail(`${where}: starts at ${stop.start}, before arriving at ${stop.arrival}`);
      const duration = visit.durationByStaff?.[staff.id] ?? visit.duration;
      if (Math.abs(stop.end - stop.start - duration) > eps) fail(`${where}: lasts ${stop.end - stop.start} minutes, not ${duration}`);
      if (fixed) {
        // Done or under way: where and when it happened, whatever the windows said.
        if (Math.abs(stop.start - visit.current!.start!) > eps) fail(`${where}: fixed at ${visit.current!.start}, starts at ${stop.start}`);
        if (staff.id !== visit.current!.staffId && staff.id !== visit.current!.secondStaffId) fail(`${where}: fixed with "${visit.current!.staffId}", given to "${staff.id}"`);
        // (in whole minutes, the next whole minute after getting back)
        const back = stop.end + model.duration(vloc, locationIndex(staff.end));
        latestReturn = Math.max(latestReturn, wholeMinutes ? Math.ceil(back - eps) : back);
      } else if (visit.pinned?.start !== undefined) {
        // A pinned start replaces the visit's windows: the README's "a pinned start becomes a
        // zero-width hard window", which is how the engine compiles it. The README is the contract,
        // and a pin is the team's own decision on the time, so the visit's requested windows no longer
        // judge it: never late, never outside them. Keeping to the pin is checked below.
      } else {
        const late = windowLateness(visit, stop.start);
        if (late === undefined) fail(`${where}: starts at ${stop.start}, outside its hard time windows`);
        else {
          lateness += late.minutes * late.costPerMinute * weights.lateness;
          maxLate = Math.max(maxLate, late.minutes);
        }
      }
      const current = visit.current;
      if (current !== undefined && current.staffId !== staff.id && current.secondStaffId !== staff.id) change += weights.changeCost;
      if (visit.pinned?.start !== undefined && Math.abs(stop.start - visit.pinned.start) > eps) fail(`${where}: pinned to start at ${visit.pinned.start}, starts at ${stop.start}`);
      if (visit.preferredStaff !== undefined && visit.preferredStaff.length > 0 && !visit.preferredStaff.includes(staff.id)) {
        continuity += weights.continuityCost;
      }
      load += visit.demand ?? 0;
      const list = attendances.get(visit.id) ?? [];
      list.push({ staffId: staff.id, start: stop.start, end: stop.end });
      attendances.set(visit.id, list);
      // Skills: the lead needs requiredSkills; a second person secondStaffSkills if given.
      const isSecond = list.length === 2;
      const required = isSecond && visit.secondStaffSkills !== undefined ? visit.secondStaffSkills : visit.requiredSkills ?? [];
      const lacking = required.filter((s) => !skills.has(s));
      // For a two-person visit either attendee may be the lead: check the combination at the end.
      if ((visit.staffNeeded ?? 1) === 1 && lacking.length > 0 && !fixed) fail(`${where}: lacks the required skills ${lacking.join(', ')}`);
      time = stop.end;
      loc = vloc;
    }
    if (plan.stops.length > 0) {
      const endLoc = locationIndex(staff.end);
      const minutes = model.duration(loc, endLoc);
      travel += weights.travelMinute * minutes + weights.travelDistance * model.distance(loc, endLoc);
      if (plan.return < time + minutes - eps) fail(`${who}: returns at ${plan.return}, but cannot before ${time + minutes}`);
      if (plan.return > latestReturn + eps) fail(`${who}: returns at ${plan.return}, after the shift ends at ${staff.shift.end}`);
      if (staff.maxWorkingMinutes !== undefined && plan.return - plan.leave > staff.maxWorkingMinutes + eps) {
        fail(`${who}: works ${plan.return - plan.leave} minutes, more than ${staff.maxWorkingMinutes}`);
      }
      if (staff.maxVisits !== undefined && plan.stops.length > staff.maxVisits) fail(`${who}: ${plan.stops.length} visits, more than ${staff.maxVisits}`);
      if (staff.capacity !== undefined && load > staff.capacity + eps) fail(`${who}: load ${load} exceeds capacity ${staff.capacity}`);
      // Every break rule is honoured once, within its window.
      // Re-planning: a break that had to start before now is past.
      const rules = (staff.breaks ?? []).filter((b) => b.latestStart >= now);
      if (plan.breaks.length !== rules.length) fail(`${who}: ${plan.breaks.length} breaks placed, ${rules.length} required`);
      const sorted = [...plan.breaks].sort((a, b) => a.start - b.start);
      rules.forEach((rule, i) => {
        const b = sorted[i];
        if (b === undefined) return;
        if (b.start < rule.earliestStart - eps || b.start > rule.latestStart + eps) fail(`${who}: break at ${b.start} is outside ${rule.earliestStart}-${rule.latestStart}`);
        if (b.end - b.start < rule.duration - eps) fail(`${who}: break of ${b.end - b.start} minutes, ${rule.duration} required`);
      });
    }
  }

  // Each visit planned with the right number of staff, or reported unplanned, never both.
  const unplannedIds = new Set<string>();
  let unplannedCost = 0;
  for (const u of result.unplanned) {
    const visit = visitById.get(u.visitId);
    if (visit === undefined) fail(`unplanned list names unknown visit "${u.visitId}"`);
    else if (unplannedIds.has(u.visitId)) fail(`visit "${u.visitId}" is listed unplanned twice`);
    else {
      unplannedCost += (visit.unplannedPenalty ?? weights.unplannedPenalty) * (visit.priority ?? 1);
      if (u.reason.trim() === '') fail(`visit "${u.visitId}" is unplanned without a reason`);
    }
    unplannedIds.add(u.visitId);
  }
  for (const visit of problem.visits) {
    const list = attendances.get(visit.id) ?? [];
    const needed = visit.staffNeeded ?? 1;
    if (unplannedIds.has(visit.id)) {
      if (list.length > 0) fail(`visit "${visit.id}" is both planned and unplanned`);
      if (isFixed(visit)) fail(`fixed visit "${visit.id}" is unplanned`);
      continue;
    }
    if (list.length !== needed) {
      fail(`visit "${visit.id}" is attended by ${list.length} staff, needs ${needed}`);
      continue;
    }
    if (visit.pinned?.staffId !== undefined && list[0]!.staffId !== visit.pinned.staffId && list[1]?.staffId !== visit.pinned.staffId) {
      fail(`visit "${visit.id}" is pinned to "${visit.pinned.staffId}" but given to ${list.map((a) => a.staffId).join(' and ')}`);
    }
    if (needed === 2) {
      const [a, b] = [list[0]!, list[1]!];
      if (a.staffId === b.staffId) fail(`two-person visit "${visit.id}" has the same person twice`);
      if (Math.abs(a.start - b.start) > eps) fail(`two-person visit "${visit.id}" starts at ${a.start} and ${b.start}: not together`);
      const holds = (staffId: string, skills: string[] | undefined) => (skills ?? []).every((s) => (staffById.get(staffId)?.skills ?? []).includes(s));
      const secondSkills = visit.secondStaffSkills ?? visit.requiredSkills;
      const ok = (holds(a.staffId, visit.requiredSkills) && holds(b.staffId, secondSkills)) || (holds(b.staffId, visit.requiredSkills) && holds(a.staffId, secondSkills));
      const pinnedLeadOk = visit.pinned?.staffId === undefined || holds(visit.pinned.staffId, visit.requiredSkills);
      if ((!ok || !pinnedLeadOk) && !isFixed(visit)) fail(`two-person visit "${visit.id}": the pair lacks the required skills`);
    }
  }
  for (const p of problem.precedences ?? []) {
    const a = attendances.get(p.before)?.[0];
    const b = attendances.get(p.after)?.[0];
    if (a === undefined || b === undefined) continue;
    const fromStart = p.from === 'start';
    const gap = b.start - (fromStart ? a.start : a.end);
    const what = `visit "${p.after}" starts ${gap} minutes after "${p.before}" ${fromStart ? 'starts' : 'ends'}`;
    if (gap < (p.minGap ?? 0) - eps) fail(`${what}, less than ${p.minGap ?? 0}`);
    if (p.maxGap !== undefined && gap > p.maxGap + eps) fail(`${what}, more than ${p.maxGap}`);
  }

  for (const [a, b] of problem.differentStaff ?? []) {
    const onB = new Set((attendances.get(b) ?? []).map((x) => x.staffId));
    const shared = (attendances.get(a) ?? []).find((x) => onB.has(x.staffId));
    if (shared !== undefined) fail(`visits "${a}" and "${b}" must have different staff, but "${shared.staffId}" is on both`);
  }

  // Re-planning: moved starts, and the changes the plan reports, recomputed from the stops.
  const tolerance = weights.moveToleranceMinutes;
  const expected: VisitChange[] = [];
  for (const visit of problem.visits) {
    const current = visit.current;
    if (current === undefined) continue;
    const list = attendances.get(visit.id) ?? [];
    const before = { staffIds: current.secondStaffId === undefined ? [current.staffId] : [current.staffId, current.secondStaffId], start: current.start ?? null };
    if (list.length === 0) {
      expected.push({ visitId: visit.id, kind: 'unplanned', before, after: null });
      continue;
    }
    const start = list[0]!.start;
    if (current.start !== undefined) change += Math.max(0, Math.abs(start - current.start) - tolerance) * weights.moveMinuteCost;
    const after = { staffIds: list.map((a) => a.staffId), start };
    if (after.staffIds.some((id) => !before.staffIds.includes(id))) expected.push({ visitId: visit.id, kind: 'staff', before, after });
    else if (current.start !== undefined && Math.abs(start - current.start) > tolerance) expected.push({ visitId: visit.id, kind: 'time', before, after });
  }
  checkChanges(expected, result.changes ?? [], fail);
  checkReasons(problem, result, fail);

  const maxLateness = weights.maxLateness * maxLate;
  const cost: PlanCost = { total: travel + lateness + maxLateness + unplannedCost + continuity + change, travel, lateness, maxLateness, unplanned: unplannedCost, continuity, change };
  const close = (x: number, y: number) => Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(x), Math.abs(y));
  for (const key of ['total', 'travel', 'lateness', 'maxLateness', 'unplanned', 'continuity', 'change'] as const) {
    if (!close(cost[key], result.cost[key])) fail(`cost.${key} is reported as ${result.cost[key]}, recomputed as ${cost[key]}`);
  }
  return { ok: violations.length === 0, violations, cost };
}

/** The reported changes are exactly the recomputed ones: same visits, kinds, people and starts. */
function checkChanges(expected: VisitChange[], reported: VisitChange[], fail: (message: string) => void): void {
  const byVisit = new Map(reported.map((c) => [c.visitId, c]));
  if (byVisit.size !== reported.length) fail('a visit is listed twice among the changes');
  for (const e of expected) {
    const r = byVisit.get(e.visitId);
    byVisit.delete(e.visitId);
    if (r === undefined) {
      fail(`visit "${e.visitId}" changed (${e.kind}) but is not listed among the changes`);
      continue;
    }
    if (r.kind !== e.kind) fail(`visit "${e.visitId}" is listed as a ${r.kind} change, but is a ${e.kind} change`);
    const same = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
    if (!same(r.before.staffIds, e.before.staffIds) || r.before.start !== e.before.start) fail(`visit "${e.visitId}": the change misstates the published plan`);
    if ((r.after === null) !== (e.after === null) || (r.after !== null && e.after !== null && (!same(r.after.staffIds, e.after.staffIds) || Math.abs(r.after.start - e.after.start) > eps))) {
      fail(`visit "${e.visitId}": the change misstates the new plan`);
    }
  }
  for (const id of byVisit.keys()) fail(`visit "${id}" is listed among the changes but did not change`);
}

/** Each unplanned visit has a known code, and the codes that make a claim about the staff are true. */
function checkReasons(problem: PlanningProblem, result: PlanResult, fail: (message: string) => void): void {
  const visitById = new Map(problem.visits.map((v) => [v.id, v]));
  for (const u of result.unplanned) {
    const visit = visitById.get(u.visitId);
    if (visit === undefined) continue;
    if (!unplannedReasonCodes.includes(u.code)) {
      fail(`visit "${u.visitId}" is unplanned with an unknown reason code "${String(u.code)}"`);
      continue;
    }
    const holds = (skills: string[] | undefined) => problem.staff.filter((s) => (skills ?? []).every((k) => (s.skills ?? []).includes(k)));
    const qualified = holds(visit.requiredSkills).filter((s) => visit.pinned?.staffId === undefined || s.id === visit.pinned.staffId);
    if (u.code === 'no-one-qualified' && qualified.length > 0) fail(`visit "${u.visitId}" is unplanned as no-one-qualified, but ${qualified[0]!.id} holds the skills`);
    if (u.code !== 'no-one-qualified' && qualified.length === 0 && visit.fixed !== true) fail(`visit "${u.visitId}" is unplanned as ${u.code}, but nobody holds the skills`);
    if (u.code === 'deferred' && visit.mayLeaveUnplanned !== true) fail(`visit "${u.visitId}" is deferred, but may not wait for another day`);
    if (u.code === 'no-pair' && (visit.staffNeeded ?? 1) !== 2) fail(`visit "${u.visitId}" is unplanned as no-pair, but needs one person`);
  }
}

/** Minutes late starting at `start` (0 inside a window) and their cost per minute, or undefined if no window allows it. */
function windowLateness(visit: Visit, start: number): { minutes: number; costPerMinute: number } | undefined {
  const windows = visit.windows ?? [];
  const onTime = { minutes: 0, costPerMinute: 0 };
  if (windows.length === 0) return onTime;
  if (windows.some((w) => start >= w.start - eps && start <= w.end + eps)) return onTime;
  // Late after every window: lateness counts from the last soft window.
  const lastSoft = windows.findLast((w) => w.soft === true && start >= w.start - eps);
  if (lastSoft === undefined || windows.some((w) => w.start > start)) return undefined;
  return { minutes: start - lastSoft.end, costPerMinute: lastSoft.latenessCostPerMinute ?? 1 };
}

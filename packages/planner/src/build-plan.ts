// Turns the solver's routes into the JSON plan: times from a fresh simulation of each route,
// breaks, unplanned visits with reasons, and the cost broken down.
import type { CompiledProblem } from './compile-problem.ts';
import { GeneralEngine } from './general-engine.ts';
import type { ScheduleRecord } from './general-engine.ts';
import type { PlanResult, PlannedStop, StaffPlan, UnplannedVisit } from './plan-result.ts';
import { defaultObjective } from './problem.ts';
import type { RouteState } from './route-state.ts';

export function buildPlan(cp: CompiledProblem, state: RouteState, stats: PlanResult['stats']): PlanResult {
  const problem = cp.problem;
  const weights = { ...defaultObjective, ...problem.objective };
  const T = cp.taskCount;
  const m = cp.staffCount;
  const L = cp.locationCount;
  const engine = new GeneralEngine(cp);
  const record: ScheduleRecord = {
    arrival: new Float64Array(T),
    start: new Float64Array(T),
    end: new Float64Array(T),
    late: new Float64Array(T),
    lateCost: new Float64Array(T),
    breaks: [],
  };
  const costs = new Float64Array(m);
  const feasible = engine.evaluateLinked(state, -1, null, 0, costs, record) !== Number.POSITIVE_INFINITY;
  // The search only keeps feasible routes; if the simulation disagrees, drop the offending routes' visits
  // rather than print an infeasible plan (the checker would catch it either way).
  const unplannedReason = new Map<number, string>();
  if (!feasible) {
    for (let r = 0; r < m; r++) {
      const seq = state.tasks.subarray(r * state.stride, (r + 1) * state.stride);
      if (engine.simulate(r, seq, state.len[r]!) === Number.POSITIVE_INFINITY) {
        for (let p = 1; p <= state.len[r]!; p++) state.taskRoute[state.tasks[r * state.stride + p]!] = -1;
        state.compact(r);
      }
    }
    engine.evaluateLinked(state, -1, null, 0, costs, record);
  }

  let travel = 0;
  let lateness = 0;
  let continuity = 0;
  const plans: StaffPlan[] = [];
  for (let r = 0; r < m; r++) {
    const n = state.len[r]!;
    if (n === 0) continue;
    const staff = problem.staff[r]!;
    const base = r * state.stride;
    const stops: PlannedStop[] = [];
    let loc = cp.staffStart[r]!;
    let minutes = 0;
    let distance = 0;
    let load = 0;
    for (let p = 1; p <= n; p++) {
      const t = state.tasks[base + p]!;
      const tl = cp.taskLocation[t]!;
      const stop: PlannedStop = {
        visitId: problem.visits[cp.taskVisit[t]!]!.id,
        arrival: record.arrival[t]!,
        start: record.start[t]!,
        end: record.end[t]!,
        travelMinutes: cp.travelTime[loc * L + tl]!,
        distance: cp.travelDistance[loc * L + tl]!,
        lateMinutes: record.late[t]!,
      };
      const partner = cp.partner[t]!;
      if (partner >= 0 && state.taskRoute[partner]! >= 0) stop.withStaffId = problem.staff[state.taskRoute[partner]!]!.id;
      stops.push(stop);
      travel += cp.travelCost[loc * L + tl]!;
      continuity += cp.continuity[t * m + r]!;
      lateness += record.lateCost[t]!;
      minutes += stop.travelMinutes;
      distance += stop.distance;
      load += cp.demand[t]!;
      loc = tl;
    }
    const endLoc = cp.staffEnd[r]!;
    travel += cp.travelCost[loc * L + endLoc]!;
    minutes += cp.travelTime[loc * L + endLoc]!;
    distance += cp.travelDistance[loc * L + endLoc]!;
    const last = stops.at(-1)!;
    const breaks = record.breaks[r] ?? [];
    const afterLast = Math.max(last.end, ...breaks.map((b) => b.end));
    const first = stops[0]!;
    // Leave as late as the first visit allows, unless a break comes first.
    let leave = cp.shiftStart[r]!;
    if (!breaks.some((b) => b.start < first.start)) {
      leave = Math.max(leave, first.start - first.travelMinutes);
      first.arrival = leave + first.travelMinutes;
    }
    plans.push({
      staffId: staff.id,
      leave,
      return: afterLast + cp.travelTime[loc * L + endLoc]!,
      stops,
      breaks,
      travelMinutes: minutes,
      distance,
      load,
    });
  }

  const unplanned: UnplannedVisit[] = [];
  let unplannedCost = 0;
  problem.visits.forEach((v, i) => {
    const excluded = cp.excluded[i];
    const partner = cp.partner[i]!;
    const planned = excluded === null && state.taskRoute[i]! >= 0 && (partner < 0 || state.taskRoute[partner]! >= 0);
    if (planned) return;
    unplannedCost += (v.unplannedPenalty ?? weights.unplannedPenalty) * (v.priority ?? 1);
    const reason = excluded
      ?? unplannedReason.get(i)
      ?? (v.mayLeaveUnplanned === true
        ? 'left for another day: no feasible place in anyone\'s day, or fitting it in costs more than its unplanned penalty'
        : 'no feasible place found in any staff member\'s day (windows, shifts, breaks, capacity or a second person)');
    unplanned.push({ visitId: v.id, reason });
  });
  const cost = { total: travel + lateness + unplannedCost + continuity, travel, lateness, unplanned: unplannedCost, continuity };
  return { plans, unplanned, cost, stats };
}

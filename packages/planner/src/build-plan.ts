// Turns the solver's routes into the JSON plan: times from a fresh simulation of each route,
// breaks, unplanned visits with reasons, changes against the published plan, and the cost broken down.
import { clock, differentStaffClash, nameList, timeEpsilon } from './compile-problem.ts';
import type { CompiledProblem, Exclusion } from './compile-problem.ts';
import { GeneralEngine, wholeMinute } from './general-engine.ts';
import type { ScheduleRecord } from './general-engine.ts';
import type { Insertion } from './insertion-engine.ts';
import type { PlanResult, PlannedStop, StaffPlan, UnplannedVisit, VisitChange } from './plan-result.ts';
import { defaultObjective } from './problem.ts';
import type { Visit } from './problem.ts';
import { createRandom } from './random.ts';
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
  // Whole minutes: the simulation already rounded starts, breaks and returns up; an arrival after a
  // fractional drive is shown at the next whole minute (never after the start, which is whole).
  const shown = (arrival: number, start: number) => (cp.wholeMinutes ? Math.min(start, wholeMinute(arrival)) : arrival);
  const feasible = engine.evaluateLinked(state, -1, null, 0, costs, record) !== Number.POSITIVE_INFINITY;
  // The search only keeps feasible routes; if the simulation disagrees, drop the offending routes' visits
  // rather than print an infeasible plan (the checker would catch it either way).
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
  let change = 0;
  let maxLate = 0;
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
        arrival: shown(record.arrival[t]!, record.start[t]!),
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
      change += cp.change[t * m + r]!;
      const published = cp.currentStart[t]!;
      if (published === published) change += Math.max(0, Math.abs(stop.start - published) - cp.moveTolerance) * cp.moveMinuteCost;
      lateness += record.lateCost[t]!;
      maxLate = Math.max(maxLate, record.late[t]!);
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
    // Leave as late as the first visit allows, unless a break comes first; not before now for a visit
    // that is not fixed.
    let leave = cp.fixed[state.tasks[base + 1]!] === 1 ? cp.shiftStart[r]! : Math.max(cp.shiftStart[r]!, cp.routeOpen[r]!);
    if (!breaks.some((b) => b.start < first.start)) {
      const latest = first.start - first.travelMinutes;
      leave = Math.max(leave, cp.wholeMinutes ? Math.floor(latest + timeEpsilon) : latest);
      first.arrival = shown(leave + first.travelMinutes, first.start);
    }
    plans.push({
      staffId: staff.id,
      leave,
      return: cp.wholeMinutes ? wholeMinute(afterLast + cp.travelTime[loc * L + endLoc]!) : afterLast + cp.travelTime[loc * L + endLoc]!,
      stops,
      breaks,
      travelMinutes: minutes,
      distance,
      load,
    });
  }

  const unplanned: UnplannedVisit[] = [];
  let unplannedCost = 0;
  engine.refresh(state, Array.from({ length: m }, (_, r) => r));
  const probe: Insertion = { route: -1, position: -1, delta: 0 };
  const random = createRandom(1);
  // The same model without the differentStaff pairs, made only if a visit with pairs is left out.
  let unpaired: GeneralEngine | undefined;
  const withoutPairs = () => {
    if (unpaired === undefined) {
      unpaired = new GeneralEngine({ ...cp, differentOffset: new Int32Array(cp.differentOffset.length) });
      unpaired.refresh(state, Array.from({ length: m }, (_, r) => r));
    }
    return unpaired;
  };
  problem.visits.forEach((v, i) => {
    const excluded = cp.excluded[i];
    const partner = cp.partner[i]!;
    const planned = excluded === null && state.taskRoute[i]! >= 0 && (partner < 0 || state.taskRoute[partner]! >= 0);
    if (planned) return;
    unplannedCost += (v.unplannedPenalty ?? weights.unplannedPenalty) * (v.priority ?? 1);
    unplanned.push({ visitId: v.id, ...(excluded ?? afterSearch(cp, state, engine, withoutPairs, probe, random, i)) });
  });
  const changes = listChanges(cp, state, record);
  const maxLateness = weights.maxLateness * maxLate;
  const cost = { total: travel + lateness + maxLateness + unplannedCost + continuity + change, travel, lateness, maxLateness, unplanned: unplannedCost, continuity, change };
  return { plans, unplanned, cost, changes, stats };
}

/**
 * Why the search left out a visit it could in principle do: the qualified staff who work when it can be
 * done are full; or (a visit that may wait) it would fit, but costs more than leaving it for another day;
 * or the only days with room have another visit of one of its differentStaff pairs.
 */
function afterSearch(
  cp: CompiledProblem,
  state: RouteState,
  engine: GeneralEngine,
  withoutPairs: () => GeneralEngine,
  probe: Insertion,
  random: () => number,
  i: number,
): Exclusion {
  const m = cp.staffCount;
  const v = cp.problem.visits[i]!;
  const who: string[] = [];
  for (let s = 0; s < m; s++) if (cp.compatible[i * m + s] === 1) who.push(cp.problem.staff[s]!.id);
  if (v.fixed === true) {
    return { code: 'no-time', reason: `it is fixed with ${v.current!.staffId} at ${clock(v.current!.start!)}, but their day cannot also hold the other fixed visits, breaks and travel` };
  }
  const mayWait = v.mayLeaveUnplanned === true ? ' (it can wait for another day)' : '';
  if (cp.partner[i]! < 0) {
    // Position with the least extra cost in the final plan (blinks off): found means room, just not worth it.
    engine.bestInsertion(state, i, random, 0, probe);
    if (probe.route >= 0 && v.mayLeaveUnplanned === true) {
      return {
        code: 'deferred',
        reason: `it can wait for another day: fitting it into ${cp.problem.staff[probe.route]!.id}'s day would cost ${probe.delta.toFixed(0)}, more than leaving it (${penaltyOf(cp, v)})`,
      };
    }
    // No room anywhere it may go; if a day would have room but for a differentStaff pair, say whose.
    // Still no-time (the days it may go are full), but the sentence names what to move.
    if (probe.route < 0) {
      const clashes = pairClashes(cp, state, withoutPairs, probe, random, i);
      if (clashes.length > 0) {
        const others = [...new Set(clashes.flatMap((c) => c.visitIds))];
        const days = clashes.map((c) => `${c.staffId}'s, who does ${andList(c.visitIds)}`);
        const where = days.length === 1 ? `day with room for it is ${days[0]!}` : `days with room for it are ${days.slice(0, -1).join(', ')}, and ${days.at(-1)!}`;
        return { code: 'no-time', reason: `it must have different staff from ${andList(others)}, and the only ${where}${mayWait}` };
      }
    }
  }
  const when = v.windows === undefined || v.windows.length === 0 ? '' : ` during its time window`;
  const pair = cp.partner[i]! >= 0 ? ' for a two-person visit' : '';
  return {
    code: 'no-time',
    reason: `${nameList(who)} ${who.length === 1 ? 'is' : 'are'} qualified and working${when}, but no day has room for it${pair}${mayWait}`,
  };
}

/**
 * The days that would have room for one-person visit i but for its differentStaff pairs: each such
 * staff member, with the visits of its pairs they already do (probed on the model without the pairs).
 */
function pairClashes(cp: CompiledProblem, state: RouteState, withoutPairs: () => GeneralEngine, probe: Insertion, random: () => number, i: number): { staffId: string; visitIds: string[] }[] {
  const m = cp.staffCount;
  const out: { staffId: string; visitIds: string[] }[] = [];
  for (let r = 0; r < m; r++) {
    if (cp.compatible[i * m + r] === 0 || !differentStaffClash(cp, state.taskRoute, i, r)) continue;
    withoutPairs().bestInsertion(state, i, random, 0, probe, r);
    if (probe.route < 0) continue;
    const visitIds: string[] = [];
    for (let k = cp.differentOffset[i]!; k < cp.differentOffset[i + 1]!; k++) {
      const u = cp.differentVisit[k]!;
      const second = cp.partner[u]!;
      if (state.taskRoute[u] === r || (second >= 0 && state.taskRoute[second] === r)) visitIds.push(cp.problem.visits[u]!.id);
    }
    out.push({ staffId: cp.problem.staff[r]!.id, visitIds });
  }
  return out;
}

/** "a", "a and b", "a, b and c". */
function andList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}

function penaltyOf(cp: CompiledProblem, v: Visit): number {
  return (v.unplannedPenalty ?? { ...defaultObjective, ...cp.problem.objective }.unplannedPenalty) * (v.priority ?? 1);
}

/** Each visit with a published assignment that now has other people, a start moved beyond the tolerance, or no place. */
function listChanges(cp: CompiledProblem, state: RouteState, record: ScheduleRecord): VisitChange[] {
  const changes: VisitChange[] = [];
  const staff = cp.problem.staff;
  cp.problem.visits.forEach((v, i) => {
    const current = v.current;
    if (current === undefined) return;
    const before = { staffIds: current.secondStaffId === undefined ? [current.staffId] : [current.staffId, current.secondStaffId], start: current.start ?? null };
    const partner = cp.partner[i]!;
    const routes = partner >= 0 ? [state.taskRoute[i]!, state.taskRoute[partner]!] : [state.taskRoute[i]!];
    if (cp.excluded[i] !== null || routes.some((r) => r < 0)) {
      changes.push({ visitId: v.id, kind: 'unplanned', before, after: null });
      return;
    }
    const after = { staffIds: routes.map((r) => staff[r]!.id), start: record.start[i]! };
    if (after.staffIds.some((id) => !before.staffIds.includes(id))) changes.push({ visitId: v.id, kind: 'staff', before, after });
    else if (current.start !== undefined && Math.abs(after.start - current.start) > cp.moveTolerance) changes.push({ visitId: v.id, kind: 'time', before, after });
  });
  return changes;
}

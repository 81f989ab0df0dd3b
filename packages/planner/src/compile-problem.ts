// Turns a validated PlanningProblem into flat typed arrays for the solver, and finds the visits
// that cannot be planned at all (with the reason) before any search starts.
//
// Tasks: visit i is task i; the second person of a two-person visit is an extra task (n + k).
import { defaultObjective } from './problem.ts';
import type { PlanningProblem, TimeWindow, Visit } from './problem.ts';
import { buildTravelModel } from './travel-model.ts';

export const timeEpsilon = 1e-6;

export type CompiledProblem = {
  problem: PlanningProblem;
  visitCount: number;
  taskCount: number;
  staffCount: number;
  locationCount: number;
  /** Travel minutes, distance and weighted travel cost, locationCount x locationCount. */
  travelTime: Float64Array;
  travelDistance: Float64Array;
  travelCost: Float64Array;
  taskVisit: Int32Array;
  taskLocation: Int32Array;
  /** The other task of a two-person visit, or -1. */
  partner: Int32Array;
  /** Service minutes per task and staff member (taskCount x staffCount). */
  service: Float64Array;
  /** Windows of task t: indices windowOffset[t] .. windowOffset[t+1]-1. */
  windowOffset: Int32Array;
  windowStart: Float64Array;
  windowEnd: Float64Array;
  windowLateCost: Float64Array;
  /** 1 if soft. */
  windowSoft: Uint8Array;
  /** Single-window view for the fast path: earliest and latest start (hard). */
  open: Float64Array;
  close: Float64Array;
  demand: Float64Array;
  /** Cost if the task is left unplanned; carried by a visit's first task only. */
  penalty: Float64Array;
  /** 1 for the first task of a visit that may not be left unplanned. */
  required: Uint8Array;
  /** 1 if staff s may do task t (skills, pinning, and a direct trip fits the shift), taskCount x staffCount. */
  compatible: Uint8Array;
  continuity: Float64Array;
  staffStart: Int32Array;
  staffEnd: Int32Array;
  shiftStart: Float64Array;
  shiftEnd: Float64Array;
  capacity: Float64Array;
  maxVisits: Float64Array;
  maxWorking: Float64Array;
  breakOffset: Int32Array;
  breakEarliest: Float64Array;
  breakLatest: Float64Array;
  breakDuration: Float64Array;
  /** Precedences between first tasks: after starts within [min, max] minutes of before's end. */
  precedenceBefore: Int32Array;
  precedenceAfter: Int32Array;
  precedenceMin: Float64Array;
  precedenceMax: Float64Array;
  /** 1 if the task's start depends on another route (two-person or precedence). */
  linked: Uint8Array;
  /** Staff with identical attributes share a class, so only one empty route per class is tried. */
  staffClass: Int32Array;
  /** True when O(1) time-window checks are exact: one hard window per task, no breaks, links or limits. */
  simple: boolean;
  /** Tasks the search may plan. */
  plannable: Int32Array;
  /** Why a visit cannot be planned at all (by visit index), or null. */
  excluded: (string | null)[];
};

function staffNeeded(v: Visit): number {
  return v.staffNeeded ?? 1;
}

function hasAll(skills: Set<string>, required: string[] | undefined): boolean {
  return (required ?? []).every((s) => skills.has(s));
}

export function compileProblem(problem: PlanningProblem): CompiledProblem {
  const weights = { ...defaultObjective, ...problem.objective };
  const { model, locationIndex } = buildTravelModel(problem);
  const L = model.locationCount;
  const travelTime = new Float64Array(L * L);
  const travelDistance = new Float64Array(L * L);
  const travelCost = new Float64Array(L * L);
  for (let i = 0; i < L; i++) {
    for (let j = 0; j < L; j++) {
      const t = model.duration(i, j);
      const d = model.distance(i, j);
      travelTime[i * L + j] = t;
      travelDistance[i * L + j] = d;
      travelCost[i * L + j] = weights.travelMinute * t + weights.travelDistance * d;
    }
  }
  const visits = problem.visits;
  const staff = problem.staff;
  const n = visits.length;
  const m = staff.length;
  const seconds: number[] = [];
  visits.forEach((v, i) => {
    if (staffNeeded(v) === 2) seconds.push(i);
  });
  const T = n + seconds.length;
  const taskVisit = new Int32Array(T);
  const partner = new Int32Array(T).fill(-1);
  for (let i = 0; i < n; i++) taskVisit[i] = i;
  seconds.forEach((vi, k) => {
    taskVisit[n + k] = vi;
    partner[vi] = n + k;
    partner[n + k] = vi;
  });
  const taskLocation = new Int32Array(T);
  const service = new Float64Array(T * m);
  const demand = new Float64Array(T);
  const penalty = new Float64Array(T);
  const required = new Uint8Array(T);
  const continuity = new Float64Array(T * m);
  const compatible = new Uint8Array(T * m);

  // Windows: a pinned start replaces the visit's windows; no window means "any time".
  const windowsOf = (v: Visit): TimeWindow[] => {
    if (v.pinned?.start !== undefined) return [{ start: v.pinned.start, end: v.pinned.start }];
    if (v.windows === undefined || v.windows.length === 0) return [{ start: Number.NEGATIVE_INFINITY, end: Number.POSITIVE_INFINITY }];
    return v.windows;
  };
  const windowOffset = new Int32Array(T + 1);
  const ws: number[] = [];
  const we: number[] = [];
  const wl: number[] = [];
  const wsoft: number[] = [];
  const open = new Float64Array(T);
  const close = new Float64Array(T);
  let simple = seconds.length === 0 && (problem.precedences ?? []).length === 0;

  let maxEdge = 0;
  for (let i = 0; i < L * L; i++) maxEdge = Math.max(maxEdge, travelCost[i]!);
  const mandatoryPenalty = Math.max(1e6, 1000 * (maxEdge + weights.continuityCost + 1) * 2);

  for (let t = 0; t < T; t++) {
    const v = visits[taskVisit[t]!]!;
    const isSecond = t >= n;
    taskLocation[t] = locationIndex(v.location);
    demand[t] = v.demand ?? 0;
    if (!isSecond) {
      penalty[t] = v.mayLeaveUnplanned === true ? (v.unplannedPenalty ?? weights.unplannedPenalty) * (v.priority ?? 1) : mandatoryPenalty;
      required[t] = v.mayLeaveUnplanned === true ? 0 : 1;
    }
    windowOffset[t] = ws.length;
    const windows = windowsOf(v);
    for (const w of windows) {
      ws.push(w.start);
      we.push(w.end);
      wsoft.push(w.soft === true ? 1 : 0);
      wl.push((w.latenessCostPerMinute ?? 1) * weights.lateness);
    }
    if (windows.length !== 1 || windows[0]!.soft === true) simple = false;
    open[t] = windows[0]!.start;
    close[t] = windows.at(-1)!.end;
    const skills = isSecond && v.secondStaffSkills !== undefined ? v.secondStaffSkills : v.requiredSkills;
    for (let s = 0; s < m; s++) {
      const st = staff[s]!;
      const d = v.durationByStaff?.[st.id] ?? v.duration;
      if (v.durationByStaff !== undefined) simple = false;
      service[t * m + s] = d;
      const preferred = v.preferredStaff;
      continuity[t * m + s] = preferred !== undefined && preferred.length > 0 && !preferred.includes(st.id) ? weights.continuityCost : 0;
      let ok = hasAll(new Set(st.skills ?? []), skills);
      if (!isSecond && v.pinned?.staffId !== undefined && v.pinned.staffId !== st.id) ok = false;
      compatible[t * m + s] = ok ? 1 : 0;
    }
  }
  windowOffset[T] = ws.length;

  const staffStart = new Int32Array(m);
  const staffEnd = new Int32Array(m);
  const shiftStart = new Float64Array(m);
  const shiftEnd = new Float64Array(m);
  const capacity = new Float64Array(m);
  const maxVisits = new Float64Array(m);
  const maxWorking = new Float64Array(m);
  const breakOffset = new Int32Array(m + 1);
  const be: number[] = [];
  const bl: number[] = [];
  const bd: number[] = [];
  staff.forEach((s, i) => {
    staffStart[i] = locationIndex(s.start);
    staffEnd[i] = locationIndex(s.end);
    shiftStart[i] = s.shift.start;
    shiftEnd[i] = s.shift.end;
    capacity[i] = s.capacity ?? Number.POSITIVE_INFINITY;
    maxVisits[i] = s.maxVisits ?? Number.POSITIVE_INFINITY;
    maxWorking[i] = s.maxWorkingMinutes ?? Number.POSITIVE_INFINITY;
    if (s.maxVisits !== undefined || s.maxWorkingMinutes !== undefined) simple = false;
    breakOffset[i] = be.length;
    for (const b of s.breaks ?? []) {
      be.push(b.earliestStart);
      bl.push(b.latestStart);
      bd.push(b.duration);
      simple = false;
    }
  });
  breakOffset[m] = be.length;

  // Reasons a visit can never be planned; also drops staff for whom a direct trip cannot fit.
  const excluded: (string | null)[] = new Array<string | null>(n).fill(null);
  const fitsDirectTrip = (t: number, s: number): boolean => {
    const loc = taskLocation[t]!;
    const arrive = shiftStart[s]! + travelTime[staffStart[s]! * L + loc]!;
    for (let k = windowOffset[t]!; k < windowOffset[t + 1]!; k++) {
      const start = Math.max(arrive, ws[k]!);
      if (start > we[k]! + timeEpsilon && wsoft[k] === 0) continue;
      if (start + service[t * m + s]! + travelTime[loc * L + staffEnd[s]!]! <= shiftEnd[s]! + timeEpsilon) return true;
    }
    return false;
  };
  for (let i = 0; i < n; i++) {
    const v = visits[i]!;
    const tasks = partner[i]! >= 0 ? [i, partner[i]!] : [i];
    const skilled = tasks.map((t) => countCompatible(compatible, t, m));
    if (skilled.some((c) => c === 0)) {
      const skills = [...(v.requiredSkills ?? []), ...(v.secondStaffSkills ?? [])];
      excluded[i] = v.pinned?.staffId !== undefined
        ? `pinned to staff "${v.pinned.staffId}", who does not hold the required skills (${skills.join(', ') || 'none'})`
        : `no staff member holds the required skills (${skills.join(', ')})`;
      continue;
    }
    for (const t of tasks) {
      for (let s = 0; s < m; s++) {
        if (compatible[t * m + s] === 1 && (!fitsDirectTrip(t, s) || demand[t]! > capacity[s]! + timeEpsilon)) compatible[t * m + s] = 0;
      }
    }
    if (tasks.some((t) => countCompatible(compatible, t, m) === 0)) {
      const tooBig = tasks.some((t) => staff.every((_, s) => demand[t]! > capacity[s]! + timeEpsilon));
      excluded[i] = tooBig
        ? 'its demand exceeds every staff member\'s capacity'
        : 'no time window falls within the shift of a staff member who could attend (allowing travel from and back to base)';
      continue;
    }
    if (tasks.length === 2) {
      let pairs = 0;
      for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) if (a !== b && compatible[i * m + a] === 1 && compatible[tasks[1]! * m + b] === 1) pairs++;
      if (pairs === 0) excluded[i] = 'it needs two staff members with the skills and shifts to attend together, and there are not two';
    }
  }
  const plannable: number[] = [];
  for (let t = 0; t < T; t++) if (excluded[taskVisit[t]!] === null) plannable.push(t);

  const visitIndex = new Map(visits.map((v, i) => [v.id, i]));
  const precedences = problem.precedences ?? [];
  const precedenceBefore = new Int32Array(precedences.length);
  const precedenceAfter = new Int32Array(precedences.length);
  const precedenceMin = new Float64Array(precedences.length);
  const precedenceMax = new Float64Array(precedences.length);
  const linked = new Uint8Array(T);
  precedences.forEach((p, k) => {
    precedenceBefore[k] = visitIndex.get(p.before)!;
    precedenceAfter[k] = visitIndex.get(p.after)!;
    precedenceMin[k] = p.minGap ?? 0;
    precedenceMax[k] = p.maxGap ?? Number.POSITIVE_INFINITY;
    linked[precedenceBefore[k]!] = 1;
    linked[precedenceAfter[k]!] = 1;
  });
  for (let t = 0; t < T; t++) if (partner[t]! >= 0) linked[t] = 1;

  // Staff classes: same places, shift, capacity, limits, breaks, skills and no per-staff visit data.
  const staffClass = new Int32Array(m);
  const perStaffData = visits.some((v) => v.durationByStaff !== undefined || (v.preferredStaff?.length ?? 0) > 0 || v.pinned?.staffId !== undefined);
  const classKeys = new Map<string, number>();
  staff.forEach((s, i) => {
    const key = perStaffData
      ? `#${i}`
      : JSON.stringify([staffStart[i], staffEnd[i], s.shift, s.capacity, s.maxVisits, s.maxWorkingMinutes, s.breaks, [...(s.skills ?? [])].sort()]);
    if (!classKeys.has(key)) classKeys.set(key, classKeys.size);
    staffClass[i] = classKeys.get(key)!;
  });

  return {
    problem,
    visitCount: n,
    taskCount: T,
    staffCount: m,
    locationCount: L,
    travelTime,
    travelDistance,
    travelCost,
    taskVisit,
    taskLocation,
    partner,
    service,
    windowOffset,
    windowStart: Float64Array.from(ws),
    windowEnd: Float64Array.from(we),
    windowLateCost: Float64Array.from(wl),
    windowSoft: Uint8Array.from(wsoft),
    open,
    close,
    demand,
    penalty,
    required,
    compatible,
    continuity,
    staffStart,
    staffEnd,
    shiftStart,
    shiftEnd,
    capacity,
    maxVisits,
    maxWorking,
    breakOffset,
    breakEarliest: Float64Array.from(be),
    breakLatest: Float64Array.from(bl),
    breakDuration: Float64Array.from(bd),
    precedenceBefore,
    precedenceAfter,
    precedenceMin,
    precedenceMax,
    linked,
    staffClass,
    simple,
    plannable: Int32Array.from(plannable),
    excluded,
  };
}

function countCompatible(compatible: Uint8Array, t: number, m: number): number {
  let c = 0;
  for (let s = 0; s < m; s++) c += compatible[t * m + s]!;
  return c;
}

// Turns a validated PlanningProblem into flat typed arrays for the solver, and finds the visits
// that cannot be planned at all (with the reason) before any search starts.
//
// Tasks: visit i is task i; the second person of a two-person visit is an extra task (n + k).
import type { UnplannedReasonCode } from './plan-result.ts';
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
  /** Re-planning: cost of staff s doing task t when the published plan had others on it (taskCount x staffCount). */
  change: Float64Array;
  /** What the engines charge for staff s doing task t: continuity plus change (taskCount x staffCount). */
  assignment: Float64Array;
  /** 1 for the tasks of a fixed (done or under way) visit. */
  fixed: Uint8Array;
  /** The published start a visit's first task is charged for moving from (NaN when none, or moves are free). */
  currentStart: Float64Array;
  moveMinuteCost: number;
  moveTolerance: number;
  /** objective.maxLateness: cost per minute of the largest lateness of any visit. */
  maxLatenessWeight: number;
  staffStart: Int32Array;
  staffEnd: Int32Array;
  /** The day's span: the shift, stretched to cover fixed visits (and the way to and from them). */
  shiftStart: Float64Array;
  shiftEnd: Float64Array;
  /** Nobody sets off to a visit that is not fixed before this: the shift's start, or `now` if later. */
  routeOpen: Float64Array;
  capacity: Float64Array;
  maxVisits: Float64Array;
  maxWorking: Float64Array;
  breakOffset: Int32Array;
  breakEarliest: Float64Array;
  breakLatest: Float64Array;
  breakDuration: Float64Array;
  /** Precedences between first tasks: after starts within [min, max] minutes of before's end (or start, when precedenceFromStart is 1). */
  precedenceBefore: Int32Array;
  precedenceAfter: Int32Array;
  precedenceMin: Float64Array;
  precedenceMax: Float64Array;
  precedenceFromStart: Uint8Array;
  /** Visits that must have other staff than visit i (differentStaff): differentVisit[differentOffset[i] .. differentOffset[i+1]-1]. */
  differentOffset: Int32Array;
  differentVisit: Int32Array;
  /** 1 if the task's start depends on another route (two-person or precedence). */
  linked: Uint8Array;
  /** Staff with identical attributes share a class, so only one empty route per class is tried. */
  staffClass: Int32Array;
  /** Times in whole minutes (problem.wholeMinutes, default true): starts, breaks and returns rounded up. */
  wholeMinutes: boolean;
  /** 1 for a task whose start is given (fixed, or a pinned start): kept exactly, even if not a whole minute. */
  givenStart: Uint8Array;
  /** True when O(1) time-window checks are exact: one hard window per task, no breaks, links or limits. */
  simple: boolean;
  /** Tasks the search may plan. */
  plannable: Int32Array;
  /** Why a visit cannot be planned at all (by visit index), or null. */
  excluded: (Exclusion | null)[];
};

export type Exclusion = { code: UnplannedReasonCode; reason: string };

/** Minutes from midnight as 09:05 (times beyond two days, or not finite, as plain minutes). */
export function clock(minutes: number): string {
  if (!Number.isFinite(minutes) || minutes < 0 || minutes >= 2880) return String(minutes);
  const m = Math.round(minutes) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Up to five names, then how many more. */
export function nameList(names: string[]): string {
  return names.length <= 5 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`;
}

function windowText(windows: TimeWindow[] | undefined): string {
  if (windows === undefined || windows.length === 0) return 'any time';
  return windows.map((w) => `${clock(w.start)}-${clock(w.end)}`).join(' or ');
}

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
  let travelWhole = true;
  for (let i = 0; i < L; i++) {
    for (let j = 0; j < L; j++) {
      const t = model.duration(i, j);
      const d = model.distance(i, j);
      travelTime[i * L + j] = t;
      if (!Number.isInteger(t)) travelWhole = false;
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
  const change = new Float64Array(T * m);
  const assignment = new Float64Array(T * m);
  const fixed = new Uint8Array(T);
  const givenStart = new Uint8Array(T);
  const wholeMinutes = problem.wholeMinutes !== false;
  // Whole minutes cost nothing to keep when every input time is whole: then the fast model's exact
  // times are whole too. Otherwise the general model rounds as it simulates.
  const whole = (x: number) => !Number.isFinite(x) || Number.isInteger(x);
  let integral = travelWhole && whole(problem.now ?? 0);
  const currentStart = new Float64Array(T).fill(Number.NaN);
  const compatible = new Uint8Array(T * m);

  // Windows: a fixed or pinned start replaces the visit's windows; no window means "any time".
  // When re-planning, a visit that is not fixed cannot start before now: windows are cut at now, and
  // a hard window (or pinned start) that has passed goes (a soft one stays, late from now).
  const now = problem.now ?? Number.NEGATIVE_INFINITY;
  const passed = new Uint8Array(n);
  const windowsOf = (v: Visit, i: number): TimeWindow[] => {
    if (v.fixed === true && v.current?.start !== undefined) return [{ start: v.current.start, end: v.current.start }];
    let windows: TimeWindow[];
    if (v.pinned?.start !== undefined) windows = [{ start: v.pinned.start, end: v.pinned.start }];
    else if (v.windows === undefined || v.windows.length === 0) windows = [{ start: Number.NEGATIVE_INFINITY, end: Number.POSITIVE_INFINITY }];
    else windows = v.windows;
    if (now === Number.NEGATIVE_INFINITY || windows.every((w) => w.start >= now)) return windows;
    const open = windows.filter((w) => w.end >= now || w.soft === true).map((w) => (w.start >= now ? w : { ...w, start: now }));
    if (open.length > 0) return open;
    passed[i] = 1;
    return windows;
  };
  const windowOffset = new Int32Array(T + 1);
  const ws: number[] = [];
  const we: number[] = [];
  const wl: number[] = [];
  const wsoft: number[] = [];
  const open = new Float64Array(T);
  const close = new Float64Array(T);
  // Re-planning needs the general model: starts held back to now, days stretched around fixed visits,
  // and the cost of moving a start all depend on the simulated times.
  let simple = seconds.length === 0 && (problem.precedences ?? []).length === 0 && problem.now === undefined;

  let maxEdge = 0;
  for (let i = 0; i < L * L; i++) maxEdge = Math.max(maxEdge, travelCost[i]!);
  const mandatoryPenalty = Math.max(1e6, 1000 * (maxEdge + weights.continuityCost + 2 * weights.changeCost + 1) * 2);

  for (let t = 0; t < T; t++) {
    const v = visits[taskVisit[t]!]!;
    const isSecond = t >= n;
    taskLocation[t] = locationIndex(v.location);
    demand[t] = v.demand ?? 0;
    if (!isSecond) {
      penalty[t] = v.mayLeaveUnplanned === true ? (v.unplannedPenalty ?? weights.unplannedPenalty) * (v.priority ?? 1) : mandatoryPenalty;
      required[t] = v.mayLeaveUnplanned === true ? 0 : 1;
    }
    const isFixed = v.fixed === true && v.current?.start !== undefined;
    fixed[t] = isFixed ? 1 : 0;
    givenStart[t] = isFixed || v.pinned?.start !== undefined ? 1 : 0;
    // The search starts from the published plan, which needs the general model's feasibility check.
    if (v.current !== undefined) simple = false;
    // Moving a start is charged once per visit, on its first task.
    if (!isSecond && v.current?.start !== undefined && weights.moveMinuteCost > 0) {
      currentStart[t] = v.current.start;
      simple = false;
    }
    windowOffset[t] = ws.length;
    const windows = windowsOf(v, taskVisit[t]!);
    for (const w of windows) {
      integral &&= whole(w.start) && whole(w.end);
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
      integral &&= whole(d);
      const preferred = v.preferredStaff;
      continuity[t * m + s] = preferred !== undefined && preferred.length > 0 && !preferred.includes(st.id) ? weights.continuityCost : 0;
      const current = v.current;
      change[t * m + s] = current !== undefined && current.staffId !== st.id && current.secondStaffId !== st.id ? weights.changeCost : 0;
      assignment[t * m + s] = continuity[t * m + s]! + change[t * m + s]!;
      let ok = hasAll(new Set(st.skills ?? []), skills);
      if (!isSecond && v.pinned?.staffId !== undefined && v.pinned.staffId !== st.id) ok = false;
      // A fixed visit was done by whoever did it, skills or not.
      if (isFixed) ok = st.id === (isSecond ? current!.secondStaffId : current!.staffId);
      compatible[t * m + s] = ok ? 1 : 0;
    }
  }
  windowOffset[T] = ws.length;

  const staffStart = new Int32Array(m);
  const staffEnd = new Int32Array(m);
  const shiftStart = new Float64Array(m);
  const shiftEnd = new Float64Array(m);
  const routeOpen = new Float64Array(m);
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
    // In whole minutes the day is rounded inwards: nobody leaves before the shift or returns after it.
    shiftStart[i] = wholeMinutes ? Math.ceil(s.shift.start - timeEpsilon) : s.shift.start;
    shiftEnd[i] = wholeMinutes ? Math.floor(s.shift.end + timeEpsilon) : s.shift.end;
    routeOpen[i] = wholeMinutes ? Math.ceil(Math.max(s.shift.start, now) - timeEpsilon) : Math.max(s.shift.start, now);
    integral &&= whole(s.shift.start) && whole(s.shift.end);
    capacity[i] = s.capacity ?? Number.POSITIVE_INFINITY;
    maxVisits[i] = s.maxVisits ?? Number.POSITIVE_INFINITY;
    maxWorking[i] = s.maxWorkingMinutes ?? Number.POSITIVE_INFINITY;
    if (s.maxVisits !== undefined || s.maxWorkingMinutes !== undefined) simple = false;
    breakOffset[i] = be.length;
    for (const b of s.breaks ?? []) {
      // Re-planning: a break that had to start before now has been taken (or missed); either way it is past.
      if (b.latestStart < now) continue;
      be.push(b.earliestStart);
      bl.push(b.latestStart);
      bd.push(b.duration);
      integral &&= whole(b.earliestStart) && whole(b.latestStart) && whole(b.duration);
      simple = false;
    }
  });
  breakOffset[m] = be.length;
  // Fixed visits happened when they happened: stretch the day to reach them from the start point and
  // get back from them, even outside the shift.
  for (let t = 0; t < T; t++) {
    if (fixed[t] === 0) continue;
    for (let s = 0; s < m; s++) {
      if (compatible[t * m + s] === 0) continue;
      const loc = taskLocation[t]!;
      const from = open[t]! - travelTime[staffStart[s]! * L + loc]!;
      const back = open[t]! + service[t * m + s]! + travelTime[loc * L + staffEnd[s]!]!;
      shiftStart[s] = Math.min(shiftStart[s]!, wholeMinutes ? Math.floor(from + timeEpsilon) : from);
      shiftEnd[s] = Math.max(shiftEnd[s]!, wholeMinutes ? Math.ceil(back - timeEpsilon) : back);
    }
  }

  // Reasons a visit can never be planned; also drops staff for whom a direct trip cannot fit.
  const excluded: (Exclusion | null)[] = new Array<Exclusion | null>(n).fill(null);
  const fitsDirectTrip = (t: number, s: number): boolean => {
    const loc = taskLocation[t]!;
    const arrive = Math.max(shiftStart[s]!, routeOpen[s]!) + travelTime[staffStart[s]! * L + loc]!;
    for (let k = windowOffset[t]!; k < windowOffset[t + 1]!; k++) {
      const start = Math.max(arrive, ws[k]!);
      if (start > we[k]! + timeEpsilon && wsoft[k] === 0) continue;
      if (start + service[t * m + s]! + travelTime[loc * L + staffEnd[s]!]! <= shiftEnd[s]! + timeEpsilon) return true;
    }
    return false;
  };
  // Whether the shift and a window overlap enough to do the visit, ignoring travel.
  const shiftCovers = (t: number, s: number): boolean => {
    for (let k = windowOffset[t]!; k < windowOffset[t + 1]!; k++) {
      const start = Math.max(routeOpen[s]!, ws[k]!);
      if (start > we[k]! + timeEpsilon && wsoft[k] === 0) continue;
      if (start + service[t * m + s]! <= shiftEnd[s]! + timeEpsilon) return true;
    }
    return false;
  };
  const staffWith = (t: number): number[] => {
    const out: number[] = [];
    for (let s = 0; s < m; s++) if (compatible[t * m + s] === 1) out.push(s);
    return out;
  };
  const names = (list: number[]) => nameList(list.map((s) => staff[s]!.id));
  const distinctPair = (a: number[], b: number[]) => a.some((x) => b.some((y) => x !== y));
  for (let i = 0; i < n; i++) {
    const v = visits[i]!;
    if (v.fixed === true && v.current?.start !== undefined) continue;
    const tasks = partner[i]! >= 0 ? [i, partner[i]!] : [i];
    const pinnedTo = v.pinned?.staffId;
    const skills = (v.requiredSkills ?? []).join(', ') || 'none';
    if (passed[i] === 1) {
      excluded[i] = {
        code: 'window-outside-shifts',
        reason: v.pinned?.start !== undefined
          ? `it is pinned to start at ${clock(v.pinned.start)}, which has passed (re-planning from ${clock(now)})`
          : `its time window (${windowText(v.windows)}) has passed (re-planning from ${clock(now)})`,
      };
      continue;
    }
    const leads = staffWith(i);
    if (leads.length === 0) {
      excluded[i] = {
        code: 'no-one-qualified',
        reason: pinnedTo !== undefined
          ? `it is pinned to ${pinnedTo}, who does not hold the skills it needs (${skills})`
          : `nobody working holds the skills it needs (${skills})`,
      };
      continue;
    }
    const secondSkills = (v.secondStaffSkills ?? v.requiredSkills ?? []).join(', ') || 'none';
    if (tasks.length === 2) {
      const seconds = staffWith(tasks[1]!);
      if (!distinctPair(leads, seconds)) {
        excluded[i] = {
          code: 'no-pair',
          reason: `it needs two staff at once (one with ${skills}, one with ${secondSkills}), and only ${names([...new Set([...leads, ...seconds])])} working could go`,
        };
        continue;
      }
    }
    const covered = tasks.map((t) => staffWith(t).filter((s) => shiftCovers(t, s)));
    for (const t of tasks) {
      for (let s = 0; s < m; s++) {
        if (compatible[t * m + s] === 1 && (!fitsDirectTrip(t, s) || demand[t]! > capacity[s]! + timeEpsilon)) compatible[t * m + s] = 0;
      }
    }
    const fit = tasks.map((t) => staffWith(t));
    if (fit[0]!.length === 0) {
      const tooBig = staff.every((_, s) => demand[i]! > capacity[s]! + timeEpsilon);
      if (tooBig) excluded[i] = { code: 'over-capacity', reason: 'its demand exceeds every staff member\'s capacity' };
      else if (covered[0]!.length === 0) {
        excluded[i] = {
          code: 'window-outside-shifts',
          reason: pinnedTo !== undefined
            ? `it is pinned to ${pinnedTo}, whose shift does not cover its time (${windowText(windowsOf(v, i))})`
            : `nobody qualified (${names(leads)}) works during its time window (${windowText(v.windows)})`,
        };
      } else {
        excluded[i] = {
          code: 'no-time',
          reason: `${names(covered[0]!)} ${covered[0]!.length === 1 ? 'works' : 'work'} during its time window, but even an empty day leaves no time to travel there, do the ${v.duration}-minute visit and get back within the shift`,
        };
      }
      continue;
    }
    if (tasks.length === 2 && !distinctPair(fit[0]!, fit[1]!)) {
      excluded[i] = {
        code: 'no-pair',
        reason: `it needs two staff at once, and only ${names([...new Set([...fit[0]!, ...fit[1]!])])} of those qualified can get there during its time window (${windowText(v.windows)})`,
      };
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
  const precedenceFromStart = new Uint8Array(precedences.length);
  const linked = new Uint8Array(T);
  precedences.forEach((p, k) => {
    precedenceBefore[k] = visitIndex.get(p.before)!;
    precedenceAfter[k] = visitIndex.get(p.after)!;
    precedenceMin[k] = p.minGap ?? 0;
    precedenceMax[k] = p.maxGap ?? Number.POSITIVE_INFINITY;
    precedenceFromStart[k] = p.from === 'start' ? 1 : 0;
    linked[precedenceBefore[k]!] = 1;
    linked[precedenceAfter[k]!] = 1;
  });
  for (let t = 0; t < T; t++) if (partner[t]! >= 0) linked[t] = 1;
  const others: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of problem.differentStaff ?? []) {
    const ia = visitIndex.get(a)!;
    const ib = visitIndex.get(b)!;
    others[ia]!.push(ib);
    others[ib]!.push(ia);
    simple = false;
  }
  const differentOffset = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) differentOffset[i + 1] = differentOffset[i]! + others[i]!.length;
  const differentVisit = Int32Array.from(others.flat());

  // Staff classes: same places, shift, capacity, limits, breaks, skills and no per-staff visit data.
  const staffClass = new Int32Array(m);
  const perStaffData = visits.some((v) => v.durationByStaff !== undefined || (v.preferredStaff?.length ?? 0) > 0 || v.pinned?.staffId !== undefined || v.current !== undefined);
  const classKeys = new Map<string, number>();
  staff.forEach((s, i) => {
    const key = perStaffData
      ? `#${i}`
      : JSON.stringify([staffStart[i], staffEnd[i], s.shift, s.capacity, s.maxVisits, s.maxWorkingMinutes, s.breaks, [...(s.skills ?? [])].sort()]);
    if (!classKeys.has(key)) classKeys.set(key, classKeys.size);
    staffClass[i] = classKeys.get(key)!;
  });

  if (wholeMinutes && !integral) simple = false;

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
    change,
    assignment,
    fixed,
    currentStart,
    moveMinuteCost: weights.moveMinuteCost,
    moveTolerance: weights.moveToleranceMinutes,
    maxLatenessWeight: weights.maxLateness,
    staffStart,
    staffEnd,
    shiftStart,
    shiftEnd,
    routeOpen,
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
    precedenceFromStart,
    differentOffset,
    differentVisit,
    linked,
    staffClass,
    wholeMinutes,
    givenStart,
    simple,
    plannable: Int32Array.from(plannable),
    excluded,
  };
}

/** Whether staff member r already has a visit that must be done by someone other than task t's (differentStaff). */
export function differentStaffClash(cp: CompiledProblem, taskRoute: Int32Array, t: number, r: number): boolean {
  const v = cp.taskVisit[t]!;
  for (let k = cp.differentOffset[v]!; k < cp.differentOffset[v + 1]!; k++) {
    const u = cp.differentVisit[k]!;
    if (taskRoute[u] === r) return true;
    const second = cp.partner[u]!;
    if (second >= 0 && taskRoute[second] === r) return true;
  }
  return false;
}

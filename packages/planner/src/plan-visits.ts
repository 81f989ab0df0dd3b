// The solver: slack induction by string removals (SISR, Christiaens and Vanden Berghe 2020):
// ruin adjacent strings of visits across nearby routes, recreate by greedy insertion with blinks,
// accept by simulated annealing. Anytime (returns the best found), deterministic for a seed and an
// iteration limit, cancellable, with progress callbacks.
import { compileProblem, differentStaffClash } from './compile-problem.ts';
import type { CompiledProblem } from './compile-problem.ts';
import { FastEngine } from './fast-engine.ts';
import { GeneralEngine } from './general-engine.ts';
import { improveRoutes } from './improve-routes.ts';
import type { Insertion, InsertionEngine } from './insertion-engine.ts';
import { buildPlan } from './build-plan.ts';
import type { PlanProgress, PlanResult } from './plan-result.ts';
import type { PlanningProblem } from './problem.ts';
import { createRandom } from './random.ts';
import type { Random } from './random.ts';
import { RouteState } from './route-state.ts';
import { planWithGeneticSearch } from './hgs/plan-with-genetic-search.ts';
import { vrptwFromCompiled } from './hgs/vrptw-from-compiled.ts';

export type { PlanProgress } from './plan-result.ts';

export type PlanOptions = {
  seed?: number;
  /** Stop after this many seconds (default 2 when no iteration limit is given). */
  timeLimitSeconds?: number;
  /** Stop after this many ruin-and-recreate iterations; with a seed this makes the result reproducible. */
  iterationLimit?: number;
  onProgress?: (progress: PlanProgress) => void;
  progressIntervalSeconds?: number;
  signal?: AbortSignal;
  /** Polled like `signal`, for callers (a worker) that cannot deliver an abort during a synchronous run. */
  shouldStop?: () => boolean;
  /** Polish each new best with relocate and 2-opt* moves (fast route model only; default true). */
  localSearch?: boolean;
  /** Use the general route model even when the fast one applies (for testing). */
  forceGeneral?: boolean;
  /** Tuning: mean number of visits removed per iteration, maximum string length, blink rate. */
  meanRemoved?: number;
  maxStringLength?: number;
  blinkRate?: number;
  /** Annealing temperatures as fractions of the mean travel cost per stop of the first solution. */
  initialTemperature?: number;
  finalTemperature?: number;
  /** Iterations in the first annealing cycle (each next one is twice as long; default 10 per visit, at least 500). */
  firstCycleIterations?: number;
  /**
   * Which search: `ruin-and-recreate` (the default; any day) or `genetic`, the hybrid genetic search
   * (hgs/), for a day that is a plain VRPTW (vrptwFromCompiled says when; any other day, or one where it
   * finds no plan within every window and capacity, goes to ruin and recreate). Not the default: in
   * TypeScript it does about a tenth of the C++ implementation's iterations, and at 2 s, 10 s and 30 s
   * ruin and recreate planned the benchmarks better (README, "The hybrid genetic search"). With the
   * genetic search `iterationLimit` counts its offspring.
   */
  engine?: 'genetic' | 'ruin-and-recreate';
};

/** On a day whose required visits do not all fit at first, the optional ones join after this many iterations. */
const optionalJoinIteration = 64;

type Search = {
  cp: CompiledProblem;
  engine: InsertionEngine;
  random: Random;
  adjacency: Int32Array;
  adjacencyWidth: number;
  /** The plannable first tasks (a two-person visit's second task travels with its first). */
  leaders: Int32Array;
  removed: number[];
  ruinedRoutes: Uint8Array;
  insertion: Insertion;
  /** Whether insertion order puts required and two-person visits first (only matters when there are such differences). */
  tiered: boolean;
  /** Whether any task is linked to another route (two-person or precedence). */
  linked: boolean;
  /** The required visit the last ruin made room for (recreated first), or -1. */
  target: number;
  /** First phase on days with optional visits: plan the required visits alone until they all fit. */
  requiredOnly: boolean;
  /** Building the first plan (a required visit that fits nowhere is squeezed in two moves deep). */
  constructing: boolean;
  options: Required<Pick<PlanOptions, 'meanRemoved' | 'maxStringLength' | 'blinkRate'>>;
};

export function planVisits(problem: PlanningProblem, options: PlanOptions = {}): PlanResult {
  const began = performance.now();
  const cp = compileProblem(problem);
  const seed = options.seed ?? 1;
  const timeLimit = options.timeLimitSeconds ?? (options.iterationLimit === undefined ? 2 : Number.POSITIVE_INFINITY);
  const iterationLimit = options.iterationLimit ?? Number.POSITIVE_INFINITY;
  const stopped = () => options.signal?.aborted === true || options.shouldStop?.() === true;
  const vrptw = options.engine === 'genetic' && options.forceGeneral !== true ? vrptwFromCompiled(cp) : null;
  if (vrptw !== null) {
    const planned = planWithGeneticSearch(cp, vrptw, { seed, timeLimitSeconds: timeLimit, iterationLimit, shouldStop: stopped, progressIntervalSeconds: options.progressIntervalSeconds ?? 0.25, began, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
    if (planned !== null) return planned;
  }
  const random = createRandom(seed);
  const fast = cp.simple && options.forceGeneral !== true;
  const engine: InsertionEngine = fast ? new FastEngine(cp) : new GeneralEngine(cp);
  const polish = fast && options.localSearch !== false;

  const leaders = cp.plannable.filter((t) => t < cp.visitCount);
  const { adjacency, width } = buildAdjacency(cp);
  const search: Search = {
    cp,
    engine,
    random,
    adjacency,
    adjacencyWidth: width,
    leaders,
    removed: [],
    ruinedRoutes: new Uint8Array(cp.staffCount),
    insertion: { route: -1, position: -1, delta: 0 },
    tiered: leaders.some((t) => cp.required[t] === 0 || cp.partner[t]! >= 0),
    target: -1,
    linked: cp.linked.includes(1),
    requiredOnly: leaders.some((t) => cp.required[t] === 0) && leaders.some((t) => cp.required[t] === 1),
    constructing: true,
    options: {
      meanRemoved: options.meanRemoved ?? 10,
      maxStringLength: options.maxStringLength ?? 10,
      blinkRate: options.blinkRate ?? 0.01,
    },
  };

  const current = new RouteState(cp.staffCount, cp.taskCount);
  engine.refresh(current, allRoutes(cp.staffCount));
  // Re-planning starts from the published plan, so the search begins with nothing changed.
  keepPublishedPlan(search, current);
  search.removed = Array.from(leaders).filter((t) => current.taskRoute[t] === -1);
  recreate(search, current);
  search.constructing = false;
  if (polish) improveRoutes(cp, engine, current, random);
  const firstPlanSeconds = (performance.now() - began) / 1000;
  let currentCost = totalCost(cp, current);
  const best = new RouteState(cp.staffCount, cp.taskCount);
  best.copyFrom(current);
  let bestCost = currentCost;
  let bestIteration = 0;
  let bestSeconds = firstPlanSeconds;
  let requiredPlannedAt: number | null = requiredUnplanned(cp, best, leaders) === 0 ? firstPlanSeconds : null;
  const candidate = new RouteState(cp.staffCount, cp.taskCount);

  const assigned = leaders.length > 0 ? countAssigned(current, leaders) : 0;
  const scale = assigned > 0 ? current.routedCost() / (assigned + usedRoutes(current)) : 1;
  const t0 = (options.initialTemperature ?? 2) * scale;
  const tf = (options.finalTemperature ?? 0.01) * scale;
  // The annealing runs in cycles of iterations, each twice as long as the one before and each starting
  // again from the best plan. The schedule depends on the iteration only, never on the limit, so a
  // longer run is a shorter one continued: with a seed, more time never returns a worse plan.
  const firstCycle = options.firstCycleIterations ?? Math.max(500, 10 * leaders.length);
  let cycleStart = 0;
  let cycleLength = firstCycle;

  const progressEvery = (options.progressIntervalSeconds ?? 0.25) * 1000;
  let lastProgress = began;
  let iteration = 0;
  while (leaders.length > 0 && iteration < iterationLimit) {
    const now = performance.now();
    const elapsed = (now - began) / 1000;
    if (elapsed >= timeLimit || ((iteration & 15) === 0 && stopped())) break;
    if (iteration - cycleStart >= cycleLength) {
      cycleStart = iteration;
      cycleLength *= 2;
      current.copyFrom(best);
      currentCost = bestCost;
    }
    const temperature = t0 * Math.pow(tf / t0, (iteration - cycleStart) / cycleLength);
    iteration++;

    candidate.copyFrom(current);
    ruin(search, candidate);
    recreate(search, candidate);
    const candidateCost = totalCost(cp, candidate);
    if (candidateCost < currentCost - temperature * Math.log(random())) {
      current.copyFrom(candidate);
      currentCost = candidateCost;
      if (polish && currentCost < bestCost - 1e-9) {
        improveRoutes(cp, engine, current, random);
        currentCost = totalCost(cp, current);
      }
      if (currentCost < bestCost - 1e-9) {
        best.copyFrom(current);
        bestCost = currentCost;
        bestIteration = iteration;
        bestSeconds = elapsed;
        if (requiredPlannedAt === null && requiredUnplanned(cp, best, leaders) === 0) requiredPlannedAt = elapsed;
      }
    }
    // Optional visits join once every required one is planned, or after 64 iterations when the required
    // ones alone may not all fit (a count, not a share of the limit: a short run plans optional visits
    // too, and a longer run stays a shorter one continued). Required visits still come first in every
    // recreation and may squeeze an optional one out.
    if (search.requiredOnly && (iteration >= optionalJoinIteration || requiredUnplanned(cp, current, leaders) === 0)) search.requiredOnly = false;
    if (options.onProgress !== undefined && now - lastProgress >= progressEvery) {
      lastProgress = now;
      options.onProgress({ iteration, seconds: elapsed, bestCost, currentCost, unplanned: leaders.length - countAssigned(best, leaders), requiredUnplanned: requiredUnplanned(cp, best, leaders) });
    }
  }
  const seconds = (performance.now() - began) / 1000;
  options.onProgress?.({ iteration, seconds, bestCost, currentCost, unplanned: leaders.length - countAssigned(best, leaders), requiredUnplanned: requiredUnplanned(cp, best, leaders) });
  return buildPlan(cp, best, {
    engine: 'ruin-and-recreate',
    seed,
    iterations: iteration,
    seconds,
    bestFoundAtIteration: bestIteration,
    bestFoundAtSeconds: bestSeconds,
    firstPlanSeconds,
    requiredPlannedAtSeconds: requiredPlannedAt,
  });
}

function allRoutes(m: number): number[] {
  return Array.from({ length: m }, (_, i) => i);
}

function countAssigned(state: RouteState, leaders: Int32Array): number {
  let c = 0;
  for (const t of leaders) if (state.taskRoute[t]! >= 0) c++;
  return c;
}

function requiredUnplanned(cp: CompiledProblem, state: RouteState, leaders: Int32Array): number {
  let c = 0;
  for (const t of leaders) if (state.taskRoute[t] === -1) c += cp.required[t]!;
  return c;
}

function usedRoutes(state: RouteState): number {
  let c = 0;
  for (let r = 0; r < state.routeCount; r++) if (state.len[r]! > 0) c++;
  return c;
}

/** Routed cost, the worst lateness, and the penalty of every unplanned plannable visit (half-planned pairs count as unplanned). */
function totalCost(cp: CompiledProblem, state: RouteState): number {
  let cost = state.routedCost();
  if (cp.maxLatenessWeight > 0) cost += cp.maxLatenessWeight * state.maxLate();
  for (const t of cp.plannable) if (state.taskRoute[t] === -1) cost += cp.penalty[t]!;
  return cost;
}

/** For each plannable task, the other plannable tasks nearest first (first-task ids, capped width). */
function buildAdjacency(cp: CompiledProblem): { adjacency: Int32Array; width: number } {
  const L = cp.locationCount;
  const tasks = Array.from(cp.plannable).filter((t) => t < cp.visitCount);
  const width = Math.min(tasks.length, 150);
  const adjacency = new Int32Array(cp.taskCount * width).fill(-1);
  for (const t of tasks) {
    const lt = cp.taskLocation[t]!;
    const sorted = tasks
      .map((u) => ({ u, d: cp.travelCost[lt * L + cp.taskLocation[u]!]! + cp.travelCost[cp.taskLocation[u]! * L + lt]! + (u === t ? -1 : 0) }))
      .sort((a, b) => a.d - b.d || a.u - b.u);
    for (let k = 0; k < width; k++) adjacency[t * width + k] = sorted[k]!.u;
  }
  return { adjacency, width };
}

/**
 * Puts each visit with a `current` assignment back with its staff, in order of its published start,
 * wherever that is still feasible (fixed visits first, so nothing can take their place). The rest,
 * and whatever no longer fits (its person is off, or now has passed), recreation then inserts.
 */
function keepPublishedPlan(search: Search, state: RouteState): void {
  const { cp } = search;
  const m = cp.staffCount;
  const visits = cp.problem.visits;
  const staffIndex = new Map(cp.problem.staff.map((s, i) => [s.id, i]));
  const order = Array.from(search.leaders).filter((t) => visits[t]!.current !== undefined);
  if (order.length === 0) return;
  const startOf = (t: number) => visits[t]!.current!.start ?? Number.POSITIVE_INFINITY;
  for (const pass of [1, 0]) {
    const tasks = order.filter((t) => cp.fixed[t] === pass).sort((a, b) => startOf(a) - startOf(b) || a - b);
    for (const t of tasks) {
      const current = visits[t]!.current!;
      const a = staffIndex.get(current.staffId);
      if (a === undefined) continue;
      const partner = cp.partner[t]!;
      if (partner < 0) {
        if (cp.compatible[t * m + a] === 1) placeInOrder(search, state, [t], [a]);
        continue;
      }
      const b = current.secondStaffId === undefined ? undefined : staffIndex.get(current.secondStaffId);
      if (b === undefined) continue;
      if (cp.compatible[t * m + a] === 1 && cp.compatible[partner * m + b] === 1) placeInOrder(search, state, [t, partner], [a, b]);
      else if (cp.compatible[t * m + b] === 1 && cp.compatible[partner * m + a] === 1) placeInOrder(search, state, [t, partner], [b, a]);
    }
  }
}

/** Puts tasks into their routes in order of published start; undoes it all if the day becomes infeasible. */
function placeInOrder(search: Search, state: RouteState, tasks: number[], routes: number[]): void {
  const starts = search.cp.problem.visits;
  // A published plan that broke a differentStaff pair keeps the first of the two; recreation moves the other.
  if (tasks.some((t, k) => differentStaffClash(search.cp, state.taskRoute, t, routes[k]!))) return;
  tasks.forEach((t, k) => {
    const r = routes[k]!;
    const base = r * state.stride;
    const start = starts[search.cp.taskVisit[t]!]!.current?.start ?? Number.POSITIVE_INFINITY;
    // After every task already there that was published to start no later (fixed ones went in first).
    let p = state.len[r]!;
    while (p > 0 && (starts[search.cp.taskVisit[state.tasks[base + p]!]!]!.current?.start ?? Number.POSITIVE_INFINITY) > start) p--;
    state.insert(t, r, p);
    search.engine.refresh(state, [r]);
  });
  if (Number.isFinite(state.routedCost())) return;
  for (const t of tasks) takeOut(search, state, t);
}

/** Removes `task` (and its partner) from the state, recording the first task in `removed`. */
function unassign(search: Search, state: RouteState, task: number): void {
  const leader = task < search.cp.visitCount ? task : search.cp.partner[task]!;
  // Done or under way: a fixed visit never leaves its place once it has one.
  if (search.cp.fixed[leader] === 1) return;
  const partner = search.cp.partner[leader]!;
  if (state.taskRoute[leader] === -1 && (partner < 0 || state.taskRoute[partner] === -1)) return;
  for (const t of partner >= 0 ? [leader, partner] : [leader]) {
    const r = state.taskRoute[t]!;
    if (r >= 0) {
      search.ruinedRoutes[r] = 1;
      state.taskRoute[t] = -1;
    }
  }
  search.removed.push(leader);
}

function ruin(search: Search, state: RouteState): void {
  const { cp, random } = search;
  const m = cp.staffCount;
  search.ruinedRoutes.fill(0);
  search.removed = [];
  search.target = -1;
  let planned = 0;
  let used = 0;
  for (let r = 0; r < m; r++) {
    if (state.len[r]! > 0) {
      used++;
      planned += state.len[r]!;
    }
  }
  // Unplanned visits are retried every iteration.
  let requiredLeft = 0;
  for (const t of search.leaders) {
    if (state.taskRoute[t] !== -1 || (search.requiredOnly && cp.required[t] === 0)) continue;
    search.removed.push(t);
    requiredLeft += cp.required[t]!;
  }
  if (used === 0) {
    search.engine.refresh(state, []);
    return;
  }
  const meanCardinality = planned / used;
  const maxString = Math.min(search.options.maxStringLength, meanCardinality);
  const maxStrings = (4 * search.options.meanRemoved) / (1 + maxString) - 1;
  const strings = Math.floor(random() * maxStrings) + 1;
  // Seed: a random planned leader; or, half the time while a required visit is unplanned, that visit,
  // so the strings come out of the days of nearby staff who could take it.
  let seed = -1;
  let target = -1;
  if (requiredLeft > 0 && random() < 0.5) {
    let k = Math.floor(random() * requiredLeft);
    for (const t of search.leaders) {
      if (state.taskRoute[t] !== -1 || cp.required[t] === 0) continue;
      if (k-- === 0) {
        target = t;
        break;
      }
    }
    seed = target;
  }
  for (let tries = 0; tries < 50 && seed < 0; tries++) {
    const t = search.leaders[Math.floor(random() * search.leaders.length)]!;
    if (state.taskRoute[t]! >= 0) seed = t;
  }
  if (seed < 0) {
    search.engine.refresh(state, []);
    return;
  }
  const targetPartner = target >= 0 ? cp.partner[target]! : -1;
  // Sometimes, instead of strings, make room for the required visit: take out of each nearby day that
  // could take it the visits under way during its window; recreation then puts it back first.
  const eject = target >= 0 && cp.close[target]! < Number.POSITIVE_INFINITY && random() < 0.5;
  search.target = target;
  const touched = new Uint8Array(m);
  let done = 0;
  const w = search.adjacencyWidth;
  for (let k = 0; k < w && done < strings; k++) {
    const c = search.adjacency[seed * w + k]!;
    if (c < 0) break;
    const r = state.taskRoute[c]!;
    if (r < 0 || touched[r] === 1) continue;
    if (target >= 0 && cp.compatible[target * m + r] === 0 && (targetPartner < 0 || cp.compatible[targetPartner * m + r] === 0)) continue;
    touched[r] = 1;
    done++;
    const n = state.len[r]!;
    const base = r * state.stride;
    if (eject) {
      const from = cp.open[target]!;
      const to = cp.close[target]! + cp.service[target * m + r]!;
      let taken = 0;
      for (let p = 1; p <= n && taken < maxString; p++) {
        const t = state.tasks[base + p]!;
        const end = state.depart[base + p]!;
        if (end > from && end - cp.service[t * m + r]! < to) {
          unassign(search, state, t);
          taken++;
        }
      }
      continue;
    }
    const pos = state.positionOf(c);
    const stringLength = Math.floor(random() * Math.min(n, maxString)) + 1;
    if (stringLength >= n || random() < 0.5) {
      const first = clampInt(pos - Math.floor(random() * stringLength), 1, n - stringLength + 1);
      for (let p = first; p < first + stringLength; p++) unassign(search, state, state.tasks[base + p]!);
    } else {
      // Split string: remove a string of length l + kept, keeping `kept` consecutive visits inside it.
      let kept = 1;
      while (stringLength + kept < n && random() > 0.5) kept++;
      const span = stringLength + kept;
      const first = clampInt(pos - Math.floor(random() * span), 1, n - span + 1);
      const keepFrom = first + Math.floor(random() * (stringLength + 1));
      for (let p = first; p < first + span; p++) {
        if (p >= keepFrom && p < keepFrom + kept) continue;
        unassign(search, state, state.tasks[base + p]!);
      }
    }
  }
  const changed: number[] = [];
  for (let r = 0; r < m; r++) {
    if (search.ruinedRoutes[r] === 1) {
      state.compact(r);
      changed.push(r);
    }
  }
  search.engine.refresh(state, changed);
}

function clampInt(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}

function recreate(search: Search, state: RouteState): void {
  const { cp, random, engine, insertion } = search;
  const removed = search.removed;
  sortForInsertion(cp, removed, random);
  if (search.tiered) sortByNeed(cp, removed);
  const target = search.target;
  if (target >= 0) {
    const at = removed.indexOf(target);
    if (at > 0) removed.copyWithin(1, 0, at)[0] = target;
  }
  const blink = search.options.blinkRate;
  for (const task of removed) {
    if (search.requiredOnly && cp.required[task] === 0) continue;
    if (cp.partner[task]! >= 0) {
      insertPair(search, state, task);
      continue;
    }
    engine.bestInsertion(state, task, random, blink, insertion);
    if (insertion.route >= 0) place(search, state, task, insertion.route, insertion.position);
    // A required visit that fits nowhere: make room for it (two moves deep when building the first
    // plan, one in the search, where it costs a recreation about 1.8 times as much on a therapy day).
    else if (cp.required[task] === 1) squeezeIn(search, state, task, search.constructing ? 2 : 1, -1, { moves: search.constructing ? 100 : 30 });
  }
}

/**
 * A required visit that fits nowhere: make room in a day that could take it by moving one of that
 * day's visits under way around its window to another day (or, if that one may wait, out for now),
 * making room for that one the same way if need be.
 * Greedy insertion strands a required visit when an earlier insertion took the only place it had,
 * though that visit could have gone elsewhere; the annealing alone may take hundreds of iterations
 * to undo that, and until it does the plan leaves a required visit out.
 */
function squeezeIn(search: Search, state: RouteState, task: number, depth = 2, keep = -1, budget = { moves: 100 }): boolean {
  const { cp, engine, random, insertion } = search;
  const m = cp.staffCount;
  // Visits under way within an hour of when it can be done (any visit, for one with no window).
  const from = cp.open[task]! - 60;
  const to = cp.close[task]! + 60;
  for (let r = 0; r < m; r++) {
    if (cp.compatible[task * m + r] === 0 || differentStaffClash(cp, state.taskRoute, task, r)) continue;
    const base = r * state.stride;
    for (let p = 1; p <= state.len[r]!; p++) {
      const u = state.tasks[base + p]!;
      // Fixed visits stay; linked ones (two-person, precedences) move with their partners, not alone.
      if (cp.fixed[u] === 1 || cp.linked[u] === 1 || u === keep) continue;
      const end = state.depart[base + p]!;
      if (end < from || end - cp.service[u * m + r]! > to + cp.service[task * m + r]!) continue;
      // At most so many moves tried in all, so a full day costs a bounded effort.
      if (budget.moves-- <= 0) return false;
      state.taskRoute[u] = -1;
      state.compact(r);
      engine.refresh(state, [r]);
      engine.bestInsertion(state, task, random, 0, insertion, r);
      if (insertion.route >= 0 && place(search, state, task, r, insertion.position)) {
        engine.bestInsertion(state, u, random, 0, insertion);
        if (insertion.route >= 0 && place(search, state, u, insertion.route, insertion.position)) return true;
        // One that may wait gives way to one that may not (it is retried every iteration); one that may
        // not is squeezed in elsewhere in turn (a chain of two moves: the early visit to another person,
        // whose visit with no set time moves to the afternoon).
        if (cp.required[u] === 0 || (depth > 1 && squeezeIn(search, state, u, depth - 1, task, budget))) return true;
        takeOut(search, state, task);
      }
      state.insert(u, r, p - 1);
      engine.refresh(state, [r]);
    }
  }
  return false;
}

/**
 * Inserts and refreshes; if the full synchronised schedule turns out infeasible (the insertion check
 * holds other routes' linked times fixed, which a fresh evaluation need not reproduce), takes it out
 * again, so the state stays feasible.
 */
function place(search: Search, state: RouteState, task: number, route: number, position: number): boolean {
  state.insert(task, route, position);
  search.engine.refresh(state, [route]);
  if (!search.linked || Number.isFinite(state.routedCost())) return true;
  takeOut(search, state, task);
  return false;
}

function takeOut(search: Search, state: RouteState, task: number): void {
  const r = state.taskRoute[task]!;
  if (r < 0) return;
  state.taskRoute[task] = -1;
  state.compact(r);
  search.engine.refresh(state, [r]);
}

/** Tries the lead in each staff member's best position, then the second person; keeps the cheapest pair. */
function insertPair(search: Search, state: RouteState, task: number): void {
  const { cp, random, engine, insertion } = search;
  const partner = cp.partner[task]!;
  const blink = search.options.blinkRate;
  // Usually the lead's best place leaves room for the second person.
  engine.bestInsertion(state, task, random, blink, insertion);
  if (insertion.route < 0) return;
  if (place(search, state, task, insertion.route, insertion.position)) {
    engine.bestInsertion(state, partner, random, blink, insertion);
    if (insertion.route >= 0 && place(search, state, partner, insertion.route, insertion.position)) return;
    takeOut(search, state, task);
  }
  // Otherwise try the lead in each staff member's day in turn.
  let best = Number.POSITIVE_INFINITY;
  let bestLead: Insertion | null = null;
  let bestSecond: Insertion | null = null;
  for (let r = 0; r < cp.staffCount; r++) {
    if (cp.compatible[task * cp.staffCount + r] === 0) continue;
    engine.bestInsertion(state, task, random, blink, insertion, r);
    if (insertion.route < 0) continue;
    const lead = { ...insertion };
    if (!place(search, state, task, lead.route, lead.position)) continue;
    engine.bestInsertion(state, partner, random, blink, insertion);
    if (insertion.route >= 0 && lead.delta + insertion.delta < best) {
      best = lead.delta + insertion.delta;
      bestLead = lead;
      bestSecond = { ...insertion };
    }
    takeOut(search, state, task);
  }
  if (bestLead === null || bestSecond === null) return;
  if (!place(search, state, task, bestLead.route, bestLead.position)) return;
  if (!place(search, state, partner, bestSecond.route, bestSecond.position)) takeOut(search, state, task);
}

/**
 * Required two-person visits, then other required visits, then optional ones (stable, so SISR's order
 * holds within each tier): a required visit then never loses its place to one that may wait a day.
 */
function sortByNeed(cp: CompiledProblem, tasks: number[]): void {
  const tier = (t: number) => (cp.required[t] === 0 ? 2 : cp.partner[t]! >= 0 ? 0 : 1);
  tasks.sort((a, b) => tier(a) - tier(b));
}

/** SISR's insertion orders: random, largest demand, farthest from base, nearest to base (4:4:2:1). */
function sortForInsertion(cp: CompiledProblem, tasks: number[], random: Random): void {
  for (let i = tasks.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const x = tasks[i]!;
    tasks[i] = tasks[j]!;
    tasks[j] = x;
  }
  const pick = random() * 11;
  if (pick < 4) return;
  const L = cp.locationCount;
  const base = cp.staffStart[0]!;
  const far = (t: number) => cp.travelCost[base * L + cp.taskLocation[t]!]!;
  if (pick < 8) tasks.sort((a, b) => cp.demand[b]! - cp.demand[a]!);
  else if (pick < 10) tasks.sort((a, b) => far(b) - far(a));
  else tasks.sort((a, b) => far(a) - far(b));
}

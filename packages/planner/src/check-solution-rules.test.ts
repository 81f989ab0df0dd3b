// The independent checker, rule by rule, on a plan written by hand (no solver), so each test knows
// exactly which violations it must report and in which words. Written to kill the mutants
// `npm run mutate` found surviving in check-solution.ts: a rule that is not checked, or checked with
// the wrong comparison, or a message that names the wrong thing, fails one of these.
import { describe, expect, it } from 'vitest';
import { checkSolution } from './check-solution.ts';
import type { PlanResult } from './plan-result.ts';
import type { PlanningProblem } from './problem.ts';
import { lineProblem } from './test-problems.ts';

// Points on a line, 10 minutes apart: the base at 0, visits at 1-4 (the shared line problem).
const problem = lineProblem;
const points = [0, 10, 20, 30, 40];

const stop = (visitId: string, arrival: number, start: number, end: number) => ({ visitId, arrival, start, end, travelMinutes: 0, distance: 0, lateMinutes: 0 });
const plan = (staffId: string, leave: number, back: number, stops: ReturnType<typeof stop>[]) => ({ staffId, leave, return: back, stops, breaks: [] as { start: number; end: number }[], travelMinutes: 0, distance: 0, load: 0 });

/** Ann: v1 10-40, v2 60-90, home at 110. Ben: v3 30-60, home at 90. v4 left unplanned. Travel 100. */
function result(): PlanResult {
  return {
    plans: [plan('ann', 0, 110, [stop('v1', 10, 10, 40), stop('v2', 50, 60, 90)]), plan('ben', 0, 90, [stop('v3', 30, 30, 60)])],
    unplanned: [{ visitId: 'v4', code: 'no-time', reason: 'No registered clinician free' }],
    cost: { total: 1100, travel: 100, lateness: 0, maxLateness: 0, unplanned: 1000, continuity: 0, change: 0 },
    changes: [],
    stats: { engine: 'ruin-and-recreate', seed: 1, iterations: 0, seconds: 0, bestFoundAtIteration: 0, bestFoundAtSeconds: 0, firstPlanSeconds: 0, requiredPlannedAtSeconds: null },
  };
}

/** The violations other than a misreported cost (the cost is set to the recomputed one first). */
function violations(p: PlanningProblem, r: PlanResult): string[] {
  r.cost = checkSolution(p, r).cost;
  return checkSolution(p, r).violations;
}

const ann = (r: PlanResult) => r.plans[0]!;
const ben = (r: PlanResult) => r.plans[1]!;

describe('checkSolution, rule by rule', () => {
  it('passes the hand-made plan and recomputes its cost exactly', () => {
    const check = checkSolution(problem(), result());
    expect(check).toEqual({ ok: true, violations: [], cost: { total: 1100, travel: 100, lateness: 0, maxLateness: 0, unplanned: 1000, continuity: 0, change: 0 } });
  });

  it('names a plan for someone not in the problem, and a person with two plans', () => {
    const r = result();
    r.plans.push(plan('zoe', 0, 0, []));
    expect(violations(problem(), r)).toEqual(['plan for unknown staff "zoe"']);
    const twice = result();
    twice.plans.push(structuredClone(ben(twice)));
    expect(violations(problem(), twice)).toEqual(['staff "ben" has two plans', 'visit "v3" is attended by 2 staff, needs 1']);
  });

  it('names leaving before the shift, and returning too soon, after the shift, or after too long a day', () => {
    const p = problem();
    p.staff[0]!.shift.start = 5;
    expect(violations(p, result())).toEqual(['staff "ann" leaves at 0, before the shift starts at 5']);
    const early = result();
    ann(early).return = 100;
    expect(violations(problem(), early)).toEqual(['staff "ann": returns at 100, but cannot before 110']);
    const short = problem();
    short.staff[0]!.shift.end = 100;
    expect(violations(short, result())).toEqual(['staff "ann": returns at 110, after the shift ends at 100']);
    short.staff[0]!.shift.end = 110;
    expect(violations(short, result())).toEqual([]);
    const hours = problem();
    hours.staff[0]!.maxWorkingMinutes = 100;
    expect(violations(hours, result())).toEqual(['staff "ann": works 110 minutes, more than 100']);
    hours.staff[0]!.maxWorkingMinutes = 110;
    expect(violations(hours, result())).toEqual([]);
  });

  it('names too many visits and too much load, and allows exactly the limit', () => {
    const p = problem();
    p.staff[0]!.maxVisits = 1;
    expect(violations(p, result())).toEqual(['staff "ann": 2 visits, more than 1']);
    p.staff[0]!.maxVisits = 2;
    expect(violations(p, result())).toEqual([]);
    const load = problem();
    load.visits[0]!.demand = 2;
    load.visits[1]!.demand = 3;
    load.staff[0]!.capacity = 4;
    expect(violations(load, result())).toEqual(['staff "ann": load 5 exceeds capacity 4']);
    load.staff[0]!.capacity = 5;
    expect(violations(load, result())).toEqual([]);
  });

  it('names stops listed out of time order, an unknown visit, a start before arrival and a wrong duration', () => {
    const swapped = result();
    ann(swapped).stops.reverse();
    expect(violations(problem(), swapped)).toEqual(['staff "ann": stops are not listed in time order', 'staff "ann": stops are not listed in time order']);
    const unknown = result();
    ann(unknown).stops[0]!.visitId = 'v9';
    expect(violations(problem(), unknown)).toEqual(['staff "ann": unknown visit "v9"', 'visit "v1" is attended by 0 staff, needs 1']);
    const before = result();
    Object.assign(ann(before).stops[0]!, { start: 5, end: 35 });
    expect(violations(problem(), before)).toEqual(['staff "ann", visit "v1": starts at 5, before arriving at 10']);
    const p = problem();
    p.visits[0]!.durationByStaff = { ann: 20, ben: 30 };
    expect(violations(p, result())).toEqual(['staff "ann", visit "v1": lasts 30 minutes, not 20']);
    p.visits[0]!.durationByStaff = { ann: 30 };
    expect(violations(p, result())).toEqual([]);
  });

  it('names a start outside the hard windows, and charges lateness only after the last soft window', () => {
    const p = problem();
    p.visits[1]!.windows = [{ start: 60, end: 70, soft: true, latenessCostPerMinute: 2 }];
    const late = result();
    Object.assign(ann(late).stops[1]!, { start: 80, end: 110 });
    ann(late).return = 130;
    expect(violations(p, late)).toEqual([]);
    expect(late.cost).toMatchObject({ lateness: 20, travel: 100, total: 1120 });
    p.objective = { lateness: 3 };
    expect(checkSolution(p, late).cost.lateness).toBe(60);
    // A soft window that has not opened yet does not excuse an early start, and a later hard window is still ahead.
    p.visits[1]!.windows = [{ start: 0, end: 55, soft: true }, { start: 100, end: 120 }];
    expect(violations(p, late)).toEqual(['staff "ann", visit "v2": starts at 80, outside its hard time windows']);
    p.visits[1]!.windows = [{ start: 70, end: 75 }];
    expect(violations(p, late)).toEqual(['staff "ann", visit "v2": starts at 80, outside its hard time windows']);
    // On the edges of a window is inside it.
    p.visits[1]!.windows = [{ start: 80, end: 90 }];
    expect(violations(p, late)).toEqual([]);
    p.visits[1]!.windows = [{ start: 70, end: 80 }];
    expect(violations(p, late)).toEqual([]);
  });

  it('names a pinned start or person not kept', () => {
    const p = problem();
    p.visits[0]!.pinned = { start: 15 };
    expect(violations(p, result())).toEqual(['staff "ann", visit "v1": pinned to start at 15, starts at 10']);
    p.visits[0]!.pinned = { start: 10 };
    expect(violations(p, result())).toEqual([]);
    p.visits[0]!.pinned = { staffId: 'ben' };
    expect(violations(p, result())).toEqual(['visit "v1" is pinned to "ben" but given to ann']);
    p.visits[0]!.pinned = { staffId: 'ann' };
    expect(violations(p, result())).toEqual([]);
  });

  it('names a single-person visit given to someone without its skills', () => {
    const r = result();
    r.unplanned = [];
    ben(r).stops.push(stop('v4', 70, 70, 100));
    ben(r).return = 140;
    expect(violations(problem(), r)).toEqual(['staff "ben", visit "v4": lacks the required skills registered']);
  });

  it('charges continuity when someone other than the preferred staff visits', () => {
    const p = problem();
    p.visits[0]!.preferredStaff = ['ben'];
    expect(checkSolution(p, result()).cost).toMatchObject({ continuity: 30, total: 1130 });
    p.objective = { continuityCost: 7 };
    expect(checkSolution(p, result()).cost.continuity).toBe(7);
    p.visits[0]!.preferredStaff = ['ann', 'ben'];
    expect(checkSolution(p, result()).cost.continuity).toBe(0);
    p.visits[0]!.preferredStaff = [];
    expect(checkSolution(p, result()).cost.continuity).toBe(0);
  });

  it('checks breaks: overlap, how many, the window and the length', () => {
    const overlap = result();
    ann(overlap).breaks = [{ start: 35, end: 40 }];
    expect(violations(problem(), overlap)).toEqual(['staff "ann": break at 35 overlaps the previous visit or travel (free from 40)', 'staff "ann": 1 breaks placed, 0 required']);
    // Ben's break after v3, before going home.
    const p = problem();
    p.staff[1]!.breaks = [{ earliestStart: 60, latestStart: 80, duration: 10 }];
    const withBreak = () => {
      const r = result();
      ben(r).breaks = [{ start: 60, end: 70 }];
      ben(r).return = 100;
      return r;
    };
    expect(violations(p, withBreak())).toEqual([]);
    const tooSoonHome = withBreak();
    ben(tooSoonHome).return = 95;
    expect(violations(p, tooSoonHome)).toEqual(['staff "ben": returns at 95, but cannot before 100']);
    p.staff[1]!.breaks = [{ earliestStart: 65, latestStart: 80, duration: 10 }];
    expect(violations(p, withBreak())).toEqual(['staff "ben": break at 60 is outside 65-80']);
    p.staff[1]!.breaks = [{ earliestStart: 40, latestStart: 55, duration: 10 }];
    expect(violations(p, withBreak())).toEqual(['staff "ben": break at 60 is outside 40-55']);
    p.staff[1]!.breaks = [{ earliestStart: 60, latestStart: 60, duration: 15 }];
    expect(violations(p, withBreak())).toEqual(['staff "ben": break of 10 minutes, 15 required']);
    p.staff[1]!.breaks = [{ earliestStart: 60, latestStart: 60, duration: 10 }, { earliestStart: 90, latestStart: 200, duration: 10 }];
    expect(violations(p, withBreak())).toEqual(['staff "ben": 1 breaks placed, 2 required']);
  });

  it('checks the unplanned list: unknown, twice, without a reason, and its cost', () => {
    const unknown = result();
    unknown.unplanned.push({ visitId: 'v9', code: 'no-time', reason: 'x' });
    expect(violations(problem(), unknown)).toEqual(['unplanned list names unknown visit "v9"']);
    const twice = result();
    twice.unplanned.push({ visitId: 'v4', code: 'no-time', reason: 'Again' });
    expect(violations(problem(), twice)).toEqual(['visit "v4" is listed unplanned twice']);
    const noReason = result();
    noReason.unplanned[0]!.reason = '  ';
    expect(violations(problem(), noReason)).toEqual(['visit "v4" is unplanned without a reason']);
    const both = result();
    both.unplanned.push({ visitId: 'v1', code: 'no-time', reason: 'x' });
    expect(violations(problem(), both)).toEqual(['visit "v1" is both planned and unplanned']);
    const dropped = result();
    dropped.unplanned = [];
    expect(violations(problem(), dropped)).toEqual(['visit "v4" is attended by 0 staff, needs 1']);
    const p = problem();
    p.visits[3]!.priority = 3;
    expect(checkSolution(p, result()).cost.unplanned).toBe(3000);
    p.visits[3]!.unplannedPenalty = 200;
    expect(checkSolution(p, result()).cost.unplanned).toBe(600);
    p.objective = { unplannedPenalty: 50 };
    delete p.visits[3]!.unplannedPenalty;
    expect(checkSolution(p, result()).cost.unplanned).toBe(150);
  });

  it('two-person visits: the same person twice, and apart', () => {
    const p = problem();
    p.visits[2]!.staffNeeded = 2;
    const same = result();
    same.plans.push(structuredClone(ben(same)));
    expect(violations(p, same)).toEqual(['staff "ben" has two plans', 'two-person visit "v3" has the same person twice']);
    const apart = result();
    ann(apart).stops.push(stop('v3', 100, 100, 130));
    ann(apart).return = 160;
    expect(violations(p, apart)).toEqual(['two-person visit "v3" starts at 100 and 30: not together']);
  });

  it('checks precedences both ways, and ignores one whose visit is unplanned', () => {
    const p = problem();
    p.precedences = [{ before: 'v1', after: 'v2', minGap: 20 }];
    expect(violations(p, result())).toEqual([]);
    p.precedences = [{ before: 'v1', after: 'v2', minGap: 21 }];
    expect(violations(p, result())).toEqual(['visit "v2" starts 20 minutes after "v1" ends, less than 21']);
    p.precedences = [{ before: 'v1', after: 'v2', maxGap: 20 }];
    expect(violations(p, result())).toEqual([]);
    p.precedences = [{ before: 'v1', after: 'v2', maxGap: 19 }];
    expect(violations(p, result())).toEqual(['visit "v2" starts 20 minutes after "v1" ends, more than 19']);
    p.precedences = [{ before: 'v2', after: 'v1' }];
    expect(violations(p, result())).toEqual(['visit "v1" starts -80 minutes after "v2" ends, less than 0']);
    p.precedences = [{ before: 'v4', after: 'v1', minGap: 500 }, { before: 'v1', after: 'v4', minGap: 500 }];
    expect(violations(p, result())).toEqual([]);
  });

  it('names each misreported cost, and allows rounding', () => {
    for (const key of ['total', 'travel', 'lateness', 'unplanned', 'continuity'] as const) {
      const r = result();
      const reported = r.cost[key] + 1;
      r.cost[key] = reported;
      expect(checkSolution(problem(), r).violations, key).toEqual([`cost.${key} is reported as ${reported}, recomputed as ${reported - 1}`]);
    }
    const rounded = result();
    rounded.cost.total += 1e-4;
    expect(checkSolution(problem(), rounded).violations).toEqual([]);
    rounded.cost.total += 1e-2;
    expect(checkSolution(problem(), rounded).ok).toBe(false);
  });

  it('counts travel by distance when the objective weighs it', () => {
    const p = problem();
    p.travel = { kind: 'matrix', durations: points.map((a) => points.map((b) => Math.abs(a - b))), distances: points.map((a) => points.map((b) => Math.abs(a - b) / 10)) };
    p.objective = { travelMinute: 2, travelDistance: 5 };
    // Ann 40 minutes and 4 km, Ben 60 minutes and 6 km.
    expect(checkSolution(p, result()).cost.travel).toBe(2 * 100 + 5 * 10);
  });

  it('stops listing after 100 violations', () => {
    const r = result();
    for (let i = 0; i < 150; i++) r.unplanned.push({ visitId: `x${i}`, code: 'no-time', reason: 'x' });
    const check = checkSolution(problem(), r);
    expect(check.violations).toHaveLength(100);
    expect(check.ok).toBe(false);
  });

  it('names an arrival sooner than the travel allows, and counts a working day from leaving', () => {
    const r = result();
    ann(r).stops[1]!.arrival = 45;
    expect(violations(problem(), r)).toEqual(['staff "ann", visit "v2": arrives at 45, but cannot arrive before 50']);
    const p = problem();
    p.staff[0]!.maxWorkingMinutes = 99;
    // Ann leaves at 10: v1 20-50, v2 60-90, home at 110, so 100 minutes' work.
    const later = result();
    Object.assign(ann(later), { leave: 10, stops: [stop('v1', 20, 20, 50), stop('v2', 60, 60, 90)] });
    expect(violations(p, later)).toEqual(['staff "ann": works 100 minutes, more than 99']);
    p.staff[0]!.maxWorkingMinutes = 100;
    expect(violations(p, later)).toEqual([]);
  });

  it('lists every missing skill, and both people given a pinned visit', () => {
    const r = result();
    r.unplanned = [];
    ben(r).stops.push(stop('v4', 70, 70, 100));
    ben(r).return = 140;
    const p = problem();
    p.visits[3]!.requiredSkills = ['registered', 'driver'];
    expect(violations(p, r)).toEqual(['staff "ben", visit "v4": lacks the required skills registered, driver']);
    const pair = problem();
    pair.visits[2]!.staffNeeded = 2;
    pair.visits[2]!.pinned = { staffId: 'cal' };
    const both = result();
    both.plans.splice(1, 0, plan('ann', 0, 0, []));
    both.plans.splice(1, 1);
    ann(both).stops = [stop('v3', 30, 30, 60)];
    ann(both).return = 90;
    both.unplanned.push({ visitId: 'v1', code: 'no-time', reason: 'x' }, { visitId: 'v2', code: 'no-time', reason: 'x' });
    expect(violations(pair, both)).toEqual(['visit "v3" is pinned to "cal" but given to ann and ben']);
  });

  it('a person with no visits needs no breaks; breaks are matched to rules in time order', () => {
    const p = problem();
    p.staff[1]!.breaks = [{ earliestStart: 60, latestStart: 80, duration: 10 }];
    const r = result();
    ben(r).stops = [];
    r.unplanned.push({ visitId: 'v3', code: 'no-time', reason: 'Ben is on training' });
    expect(violations(p, r)).toEqual([]);
    // Two breaks listed latest first still meet two rules in order.
    const two = problem();
    two.staff[1]!.breaks = [{ earliestStart: 60, latestStart: 60, duration: 10 }, { earliestStart: 100, latestStart: 100, duration: 10 }];
    const listed = result();
    ben(listed).breaks = [{ start: 100, end: 110 }, { start: 60, end: 70 }];
    ben(listed).return = 140;
    expect(violations(two, listed)).toEqual([]);
  });

  it('a start inside any one of several hard windows is allowed', () => {
    const p = problem();
    p.visits[1]!.windows = [{ start: 0, end: 20 }, { start: 55, end: 120 }];
    expect(violations(p, result())).toEqual([]);
  });
});

// The independent checker's rules for issue 19's home-health model, on plans written by hand (a solver
// plan is always right, so it cannot show that the checker would catch a wrong one): whole minutes,
// starts given by a pin or a fixed visit, different-staff pairs and the worst lateness. The mutation run
// (npm run mutate) found each of these rules untested by the checker's own tests.
import { describe, expect, it } from 'vitest';
import { checkSolution } from './check-solution.ts';
import type { PlanResult, PlannedStop, StaffPlan } from './plan-result.ts';
import type { PlanningProblem } from './problem.ts';

/** Base at 0; visit a 10 minutes away, b 20; ann and ben at the base, 0-480. */
function day(visits: PlanningProblem['visits'] = [
  { id: 'a', location: { index: 1 }, duration: 30 },
  { id: 'b', location: { index: 2 }, duration: 30 },
]): PlanningProblem {
  const points = [0, 10, 20];
  return {
    staff: [
      { id: 'ann', start: { index: 0 }, end: { index: 0 }, shift: { start: 0, end: 480 } },
      { id: 'ben', start: { index: 0 }, end: { index: 0 }, shift: { start: 0, end: 480 } },
    ],
    visits,
    travel: { kind: 'matrix', durations: points.map((p) => points.map((q) => Math.abs(p - q))) },
  };
}

const at = (visitId: string, start: number, away: number, duration = 30): PlannedStop => ({ visitId, arrival: start, start, end: start + duration, travelMinutes: away, distance: 0, lateMinutes: 0 });

/** One stop from the base and back. */
function trip(staffId: string, stop: PlannedStop, away: number, breaks: StaffPlan['breaks'] = []): StaffPlan {
  return { staffId, leave: stop.arrival - away, return: stop.end + away, stops: [stop], breaks, travelMinutes: 2 * away, distance: 0, load: 0 };
}

function result(plans: StaffPlan[]): PlanResult {
  return {
    plans,
    unplanned: [],
    cost: { total: 0, travel: 0, lateness: 0, maxLateness: 0, unplanned: 0, continuity: 0, change: 0 },
    changes: [],
    stats: { engine: 'ruin-and-recreate', seed: 1, iterations: 0, seconds: 0, bestFoundAtIteration: 0, bestFoundAtSeconds: 0, firstPlanSeconds: 0, requiredPlannedAtSeconds: null },
  };
}

/** The violations other than the cost (which the first check recomputes and the plan then reports). */
function violationsOf(problem: PlanningProblem, plan: PlanResult): string[] {
  plan.cost = checkSolution(problem, plan).cost;
  return checkSolution(problem, plan).violations;
}

describe('whole minutes', () => {
  it('passes a plan in whole minutes, and one within rounding error of them', () => {
    expect(violationsOf(day(), result([trip('ann', at('a', 10, 10), 10), trip('ben', at('b', 20, 20), 20)]))).toEqual([]);
    const nearly = result([trip('ann', at('a', 10 + 1e-7, 10), 10), trip('ben', at('b', 20, 20), 20)]);
    nearly.plans[0]!.leave = 0;
    expect(violationsOf(day(), nearly)).toEqual([]);
  });

  it('names a leave, a return, a start and an arrival that are not whole minutes, each in its own words', () => {
    const plan = result([trip('ann', at('a', 11, 10), 10), trip('ben', at('b', 20, 20), 20)]);
    plan.plans[0]!.leave = 0.5;
    plan.plans[0]!.return = 51.5;
    expect(violationsOf(day(), plan)).toEqual(['staff "ann" leaves at 0.5, not a whole minute', 'staff "ann" returns at 51.5, not a whole minute']);

    const late = result([trip('ann', at('a', 10, 10), 10), trip('ben', at('b', 20, 20), 20)]);
    late.plans[1]!.stops[0] = { ...at('b', 20.25, 20), arrival: 20 };
    late.plans[1]!.return = 71;
    expect(violationsOf(day(), late)).toEqual(['staff "ben", visit "b": starts at 20.25, not a whole minute']);

    const arriving = result([trip('ann', at('a', 10, 10), 10), trip('ben', at('b', 21, 20), 20)]);
    arriving.plans[1]!.stops[0]!.arrival = 20.5;
    arriving.plans[1]!.leave = 0;
    expect(violationsOf(day(), arriving)).toEqual(['staff "ben", visit "b": arrives at 20.5, not a whole minute']);
  });

  it('names a break that does not start on a whole minute', () => {
    const problem = day();
    problem.staff[0]!.breaks = [{ earliestStart: 60, latestStart: 120, duration: 30 }];
    const plan = result([trip('ann', at('a', 10, 10), 10, [{ start: 60.5, end: 90.5 }]), trip('ben', at('b', 20, 20), 20)]);
    plan.plans[0]!.return = 101;
    expect(violationsOf(problem, plan)).toEqual(['staff "ann": break at 60.5, not a whole minute']);
    plan.plans[0]!.breaks = [{ start: 60, end: 90 }];
    expect(violationsOf(problem, plan)).toEqual([]);
  });

  it('keeps a start given by a pin or a fixed visit as given, and says nothing when the problem asks for exact times', () => {
    const pinned = day([
      { id: 'a', location: { index: 1 }, duration: 30, pinned: { start: 10.5 } },
      { id: 'b', location: { index: 2 }, duration: 30 },
    ]);
    const plan = () => result([trip('ann', { ...at('a', 10.5, 10), arrival: 10 }, 10), trip('ben', at('b', 20, 20), 20)]);
    const withWholeReturn = (p: PlanResult) => {
      p.plans[0]!.leave = 0;
      p.plans[0]!.return = 51;
      return p;
    };
    expect(violationsOf(pinned, withWholeReturn(plan()))).toEqual([]);
    const fixed = day([
      { id: 'a', location: { index: 1 }, duration: 30, fixed: true, current: { staffId: 'ann', start: 10.5 } },
      { id: 'b', location: { index: 2 }, duration: 30 },
    ]);
    expect(violationsOf(fixed, withWholeReturn(plan()))).toEqual([]);
    // The same start on a visit nobody pinned is a fraction of a minute.
    expect(violationsOf(day(), withWholeReturn(plan()))).toEqual(['staff "ann", visit "a": starts at 10.5, not a whole minute']);
    expect(violationsOf({ ...day(), wholeMinutes: false }, withWholeReturn(plan()))).toEqual([]);
  });
});

describe('a pinned start', () => {
  // The README: "a pinned start becomes a zero-width hard window". The pin replaces the visit's own
  // windows, as the engine compiles it, so it is neither late nor outside them. Before, the checker
  // measured it against the visit's windows: 70 minutes late after a soft window the engine never saw
  // (its plan then failed "cost.lateness is reported as 0, recomputed as 140"), and "outside its hard
  // time windows" after a hard one.
  const pinnedAt100 = (window: { start: number; end: number; soft?: boolean; latenessCostPerMinute?: number }) => {
    const problem = day([
      { id: 'a', location: { index: 1 }, duration: 30, windows: [window], pinned: { start: 100 } },
      { id: 'b', location: { index: 2 }, duration: 30 },
    ]);
    problem.objective = { maxLateness: 3 };
    return problem;
  };
  const plan = () => result([trip('ann', at('a', 100, 10), 10), trip('ben', at('b', 20, 20), 20)]);

  it('is not late after a soft window of its visit: no lateness, nor worst lateness', () => {
    const problem = pinnedAt100({ start: 0, end: 30, soft: true, latenessCostPerMinute: 2 });
    const check = checkSolution(problem, plan());
    expect(check.cost).toMatchObject({ lateness: 0, maxLateness: 0, total: 2 * 10 + 2 * 20 });
    expect(violationsOf(problem, plan())).toEqual([]);
  });

  it('is not outside a hard window of its visit', () => {
    expect(violationsOf(pinnedAt100({ start: 0, end: 30 }), plan())).toEqual([]);
  });

  it('is still held to the pin itself', () => {
    const moved = plan();
    moved.plans[0] = trip('ann', at('a', 20, 10), 10);
    expect(violationsOf(pinnedAt100({ start: 0, end: 30, soft: true }), moved)).toEqual(['staff "ann", visit "a": pinned to start at 100, starts at 20']);
  });
});

describe('different-staff pairs', () => {
  it('names the person on both visits of a pair, whichever way round the pair is written', () => {
    const problem = day();
    const bothAnn = result([{ ...trip('ann', at('a', 10, 10), 10), stops: [at('a', 10, 10), at('b', 50, 10)], return: 100 }]);
    for (const pair of [['a', 'b'], ['b', 'a']] as const) {
      problem.differentStaff = [[pair[0], pair[1]]];
      expect(violationsOf(problem, structuredClone(bothAnn))).toEqual([`visits "${pair[0]}" and "${pair[1]}" must have different staff, but "ann" is on both`]);
    }
    expect(violationsOf(problem, result([trip('ann', at('a', 10, 10), 10), trip('ben', at('b', 20, 20), 20)]))).toEqual([]);
  });

  it('for a two-person visit, names whichever of its people is on the other visit', () => {
    const problem = day([
      { id: 'a', location: { index: 1 }, duration: 30, staffNeeded: 2 },
      { id: 'b', location: { index: 2 }, duration: 30 },
    ]);
    problem.differentStaff = [['a', 'b']];
    const plan = result([
      trip('ann', at('a', 10, 10), 10),
      { ...trip('ben', at('a', 10, 10), 10), stops: [at('a', 10, 10), at('b', 50, 10)], return: 100 },
    ]);
    expect(violationsOf(problem, plan)).toEqual(['visits "a" and "b" must have different staff, but "ben" is on both']);
  });

  it('says nothing when one visit of the pair is unplanned', () => {
    const problem = day([
      { id: 'a', location: { index: 1 }, duration: 30 },
      { id: 'b', location: { index: 2 }, duration: 30, mayLeaveUnplanned: true },
    ]);
    problem.differentStaff = [['a', 'b']];
    const plan = result([trip('ann', at('a', 10, 10), 10)]);
    plan.unplanned = [{ visitId: 'b', code: 'no-time', reason: 'No day has room for it' }];
    expect(violationsOf(problem, plan).filter((v) => v.includes('different staff'))).toEqual([]);
  });
});

describe('the worst lateness', () => {
  it('costs the largest lateness of any visit, not the smallest or the sum', () => {
    const problem = day([
      { id: 'a', location: { index: 1 }, duration: 30, windows: [{ start: 0, end: 0, soft: true, latenessCostPerMinute: 0 }] },
      { id: 'b', location: { index: 2 }, duration: 30, windows: [{ start: 0, end: 0, soft: true, latenessCostPerMinute: 0 }] },
    ]);
    problem.objective = { maxLateness: 2 };
    // a starts 10 minutes late, b 40.
    const plan = result([trip('ann', at('a', 10, 10), 10), trip('ben', { ...at('b', 40, 20), arrival: 20 }, 20)]);
    const cost = checkSolution(problem, plan).cost;
    expect(cost.maxLateness).toBe(2 * 40);
    // ...and it is part of the total, beside the travel.
    expect(cost.total).toBe(cost.travel + 2 * 40);
  });
});

describe('precedences measured start to start', () => {
  // a starts at 10 and ends at 40; b starts at 25: 15 minutes after a starts, 15 before it ends.
  const overlapping = () => result([trip('ann', at('a', 10, 10), 10), trip('ben', at('b', 25, 20), 20)]);

  it('measures from the start of `before` when asked, where an overlap is allowed', () => {
    const problem = day();
    problem.precedences = [{ before: 'a', after: 'b', from: 'start', minGap: 10, maxGap: 20 }];
    expect(violationsOf(problem, overlapping())).toEqual([]);
    problem.precedences = [{ before: 'a', after: 'b', from: 'start', minGap: 20 }];
    expect(violationsOf(problem, overlapping())).toEqual(['visit "b" starts 15 minutes after "a" starts, less than 20']);
  });

  it('measures from the end when `from` is left out, so the same overlap breaks it', () => {
    const problem = day();
    problem.precedences = [{ before: 'a', after: 'b', minGap: 0 }];
    expect(violationsOf(problem, overlapping())).toEqual(['visit "b" starts -15 minutes after "a" ends, less than 0']);
  });
});

// The independent checker on re-planning, on a plan written by hand (no solver): the changes against
// the published plan, their cost, fixed visits, `now`, and the unplanned reason codes.
import { describe, expect, it } from 'vitest';
import { checkSolution } from './check-solution.ts';
import type { PlanResult, UnplannedReasonCode, VisitChange } from './plan-result.ts';
import type { PlanningProblem } from './problem.ts';
import { lineProblem } from './test-problems.ts';

const stop = (visitId: string, arrival: number, start: number, end: number) => ({ visitId, arrival, start, end, travelMinutes: 0, distance: 0, lateMinutes: 0 });
const plan = (staffId: string, leave: number, back: number, stops: ReturnType<typeof stop>[]) => ({ staffId, leave, return: back, stops, breaks: [] as { start: number; end: number }[], travelMinutes: 0, distance: 0, load: 0 });

/** Published: Ann v1 at 10, v2 at 60, v3 at 100; Ben v4 at 20. Now: v3 went to Ben at 30, v4 is left out. */
function problem(): PlanningProblem {
  const p = lineProblem();
  p.visits[0]!.current = { staffId: 'ann', start: 10 };
  p.visits[1]!.current = { staffId: 'ann', start: 60 };
  p.visits[2]!.current = { staffId: 'ann', start: 100 };
  p.visits[3]!.current = { staffId: 'ben', start: 20 };
  return p;
}

const v3Moved: VisitChange = { visitId: 'v3', kind: 'staff', before: { staffIds: ['ann'], start: 100 }, after: { staffIds: ['ben'], start: 30 } };
const v4Dropped: VisitChange = { visitId: 'v4', kind: 'unplanned', before: { staffIds: ['ben'], start: 20 }, after: null };

function result(): PlanResult {
  return {
    plans: [plan('ann', 0, 110, [stop('v1', 10, 10, 40), stop('v2', 50, 60, 90)]), plan('ben', 0, 90, [stop('v3', 30, 30, 60)])],
    unplanned: [{ visitId: 'v4', code: 'no-time', reason: 'No registered clinician free' }],
    // Ben is new on v3 (60), whose start moved 70 minutes, 55 beyond the 15 tolerated.
    cost: { total: 1215, travel: 100, lateness: 0, maxLateness: 0, unplanned: 1000, continuity: 0, change: 115 },
    changes: [structuredClone(v3Moved), structuredClone(v4Dropped)],
    stats: { engine: 'ruin-and-recreate', seed: 1, iterations: 0, seconds: 0, bestFoundAtIteration: 0, bestFoundAtSeconds: 0, firstPlanSeconds: 0, requiredPlannedAtSeconds: null },
  };
}

function violations(p: PlanningProblem, r: PlanResult): string[] {
  r.cost = checkSolution(p, r).cost;
  return checkSolution(p, r).violations;
}

describe('checkSolution when re-planning', () => {
  it('passes the hand-made re-plan and recomputes the cost of the changes', () => {
    expect(checkSolution(problem(), result())).toMatchObject({ ok: true, violations: [], cost: { change: 115, total: 1215 } });
    const p = problem();
    p.objective = { changeCost: 10, moveMinuteCost: 0.5, moveToleranceMinutes: 60 };
    expect(checkSolution(p, result()).cost.change).toBe(10 + 0.5 * 10);
  });

  it.each<{ name: string; edit: (r: PlanResult) => void; violation: string }>([
    { name: 'a change left out', edit: (r) => r.changes.shift(), violation: 'visit "v3" changed (staff) but is not listed among the changes' },
    { name: 'a change that is not one', edit: (r) => r.changes.push({ visitId: 'v1', kind: 'time', before: { staffIds: ['ann'], start: 10 }, after: { staffIds: ['ann'], start: 10 } }), violation: 'visit "v1" is listed among the changes but did not change' },
    { name: 'the wrong kind', edit: (r) => (r.changes[0]!.kind = 'time'), violation: 'visit "v3" is listed as a time change, but is a staff change' },
    { name: 'the wrong new staff', edit: (r) => (r.changes[0]!.after!.staffIds = ['ann']), violation: 'visit "v3": the change misstates the new plan' },
    { name: 'the wrong new start', edit: (r) => (r.changes[0]!.after!.start = 31), violation: 'visit "v3": the change misstates the new plan' },
    { name: 'the wrong published start', edit: (r) => (r.changes[1]!.before.start = 25), violation: 'visit "v4": the change misstates the published plan' },
    { name: 'a new plan for a dropped visit', edit: (r) => (r.changes[1]!.after = { staffIds: ['ben'], start: 20 }), violation: 'visit "v4": the change misstates the new plan' },
    { name: 'a visit twice', edit: (r) => r.changes.push(structuredClone(v4Dropped)), violation: 'a visit is listed twice among the changes' },
  ])('names $name', ({ edit, violation }) => {
    const r = result();
    edit(r);
    expect(violations(problem(), r)).toEqual([violation]);
  });

  it('names a misreported cost of changes', () => {
    const r = result();
    r.cost.change = 100;
    expect(checkSolution(problem(), r).violations).toContain('cost.change is reported as 100, recomputed as 115');
  });

  it('holds a fixed visit to its person and time, and never lets it go unplanned', () => {
    const moved = problem();
    moved.visits[0]!.fixed = true;
    moved.visits[0]!.current = { staffId: 'ann', start: 15 };
    expect(violations(moved, result())).toEqual(['staff "ann", visit "v1": fixed at 15, starts at 10']);
    const other = problem();
    other.visits[2]!.fixed = true;
    expect(violations(other, result())).toEqual(['staff "ben", visit "v3": fixed at 100, starts at 30', 'staff "ben", visit "v3": fixed with "ann", given to "ben"']);
    const dropped = problem();
    dropped.visits[3]!.fixed = true;
    expect(violations(dropped, result())).toEqual(['fixed visit "v4" is unplanned']);
  });

  it('lets a fixed visit start the day before the shift and ignore its windows and skills', () => {
    const p = problem();
    p.staff[1]!.shift = { start: 100, end: 480 };
    p.staff[1]!.skills = [];
    p.visits[2]!.fixed = true;
    p.visits[2]!.current = { staffId: 'ben', start: 30 };
    p.visits[2]!.windows = [{ start: 300, end: 400 }];
    p.visits[2]!.requiredSkills = ['registered'];
    const r = result();
    r.changes = [structuredClone(v4Dropped)];
    expect(violations(p, r)).toEqual([]);
  });

  it('lets nobody set off to a visit that is not fixed before now', () => {
    const p = problem();
    p.now = 25;
    expect(violations(p, result())).toEqual(['staff "ann", visit "v1": arrives at 10, but cannot arrive before 35', 'staff "ben", visit "v3": arrives at 30, but cannot arrive before 55']);
    p.visits[0]!.fixed = true;
    p.visits[2]!.fixed = true;
    p.visits[2]!.current = { staffId: 'ben', start: 30 };
    const r = result();
    r.changes = [structuredClone(v4Dropped)];
    // Ann's v2 leaves v1 (fixed) at 40, after now.
    expect(violations(p, r)).toEqual([]);
  });

  it.each<{ code: string; change?: (p: PlanningProblem) => void; violation: string | null }>([
    { code: 'no-time', violation: null },
    { code: 'no-one-qualified', violation: 'visit "v4" is unplanned as no-one-qualified, but ann holds the skills' },
    { code: 'no-one-qualified', change: (p) => (p.visits[3]!.requiredSkills = ['speech']), violation: null },
    { code: 'no-time', change: (p) => (p.visits[3]!.requiredSkills = ['speech']), violation: 'visit "v4" is unplanned as no-time, but nobody holds the skills' },
    { code: 'deferred', violation: 'visit "v4" is deferred, but may not wait for another day' },
    { code: 'deferred', change: (p) => (p.visits[3]!.mayLeaveUnplanned = true), violation: null },
    { code: 'no-pair', violation: 'visit "v4" is unplanned as no-pair, but needs one person' },
    { code: 'teleporter-broken', violation: 'visit "v4" is unplanned with an unknown reason code "teleporter-broken"' },
  ])('checks the reason code $code', ({ code, change, violation }) => {
    const p = problem();
    change?.(p);
    const r = result();
    r.unplanned[0]!.code = code as UnplannedReasonCode;
    expect(violations(p, r)).toEqual(violation === null ? [] : [violation]);
  });

  it('takes break rules that had to start before now as past, and keeps the rest', () => {
    const p = problem();
    p.staff[0]!.breaks = [{ earliestStart: -10, latestStart: -1, duration: 5 }];
    expect(violations(p, result())).toEqual(['staff "ann": 0 breaks placed, 1 required']);
    p.now = 0;
    expect(violations(p, result())).toEqual([]);
    p.staff[0]!.breaks = [{ earliestStart: -10, latestStart: 0, duration: 5 }];
    expect(violations(p, result())).toEqual(['staff "ann": 0 breaks placed, 1 required']);
  });

  it('counts a start moved beyond the tolerance as a time change, and one within it as none', () => {
    const p = problem();
    p.visits[0]!.current = { staffId: 'ann', start: 30 };
    expect(violations(p, result())).toEqual(['visit "v1" changed (time) but is not listed among the changes']);
    expect(checkSolution(p, result()).cost.change).toBe(115 + 5);
    p.visits[0]!.current = { staffId: 'ann', start: 25 };
    expect(violations(p, result())).toEqual([]);
    expect(checkSolution(p, result()).cost.change).toBe(115);
  });

  it('lets a fixed visit stretch the day past the end of the shift, as far as getting back from it', () => {
    const p = problem();
    p.staff[1]!.shift = { start: 0, end: 50 };
    p.visits[2]!.fixed = true;
    p.visits[2]!.current = { staffId: 'ben', start: 30 };
    const r = result();
    r.changes = [structuredClone(v4Dropped)];
    expect(violations(p, r)).toEqual([]);
    r.plans[1]!.return = 91;
    expect(violations(p, r)).toEqual(['staff "ben": returns at 91, after the shift ends at 50']);
  });

  it('accepts no-one-qualified for a visit pinned to someone without the skills', () => {
    const p = problem();
    p.visits[3]!.pinned = { staffId: 'ben' };
    const r = result();
    r.unplanned[0]!.code = 'no-one-qualified';
    expect(violations(p, r)).toEqual([]);
  });

  it('accepts no-pair for a two-person visit', () => {
    const p = problem();
    p.visits[3]!.staffNeeded = 2;
    p.visits[3]!.current = { staffId: 'ben', secondStaffId: 'ann', start: 20 };
    const r = result();
    r.unplanned[0]!.code = 'no-pair';
    r.changes[1]!.before.staffIds = ['ben', 'ann'];
    expect(violations(p, r)).toEqual([]);
  });
});

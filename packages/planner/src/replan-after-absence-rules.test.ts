// The re-planning problem made after an absence, checked directly (no search): which visits are fixed,
// what each keeps as `current`, which pins go, and how the absent person's day is closed.
import { describe, expect, it } from 'vitest';
import type { PlannedStop, PlanResult, StaffPlan } from './plan-result.ts';
import type { PlanningProblem } from './problem.ts';
import { replanAfterAbsence } from './replan-after-absence.ts';
import { lineProblem } from './test-problems.ts';

type StopAt = { start: number; arrival?: number; travel?: number; withStaffId?: string };
const stop = (visitId: string, s: StopAt): PlannedStop => ({
  visitId,
  arrival: s.arrival ?? s.start,
  start: s.start,
  end: s.start + 30,
  travelMinutes: s.travel ?? 10,
  distance: 0,
  lateMinutes: 0,
  ...(s.withStaffId === undefined ? {} : { withStaffId: s.withStaffId }),
});
const plan = (staffId: string, stops: PlannedStop[]): StaffPlan => ({ staffId, leave: 0, return: 480, stops, breaks: [], travelMinutes: 0, distance: 0, load: 0 }) as StaffPlan;
// Only the plans are read; the rest of a result is the search's account of itself.
const published = (plans: StaffPlan[]): PlanResult => ({ plans }) as unknown as PlanResult;

/** Ann and Ben with breaks, six visits (v1..v4 from the line problem, v5 and v6 near the base). */
function day(): PlanningProblem {
  const p = lineProblem();
  for (const s of p.staff) s.breaks = [{ earliestStart: 200, latestStart: 260, duration: 30 }];
  p.visits.push({ id: 'v5', location: { index: 1 }, duration: 30 }, { id: 'v6', location: { index: 2 }, duration: 30, staffNeeded: 2 });
  return p;
}

// Ann goes off at 100. Ann: v1 at 50 (done), v2 at exactly 100 (not started). Ben: v3 set off at 90 (under way),
// v4 sets off at exactly 100 (not yet); v5 Ben did at 40. v6 is a pair, Ann with Ben, at 200.
function afterAnnGoesOff(problem = day(), now = 100) {
  const result = published([
    plan('ann', [stop('v1', { start: 50 }), stop('v2', { start: 100, arrival: 100, travel: 5 }), stop('gone', { start: 150 }), stop('v6', { start: 200, withStaffId: 'ben' })]),
    plan('ben', [stop('v5', { start: 40 }), stop('v3', { start: 120, arrival: 110, travel: 20 }), stop('v4', { start: 130, arrival: 120, travel: 20 }), stop('v6', { start: 200, withStaffId: 'ann' })]),
  ]);
  return replanAfterAbsence(problem, result, { staffId: 'ann', now });
}
const visit = (p: PlanningProblem, id: string) => p.visits.find((v) => v.id === id)!;

describe('replanAfterAbsence', () => {
  it.each<[string, string, boolean, object]>([
    ['done by the absent person', 'v1', true, { staffId: 'ann', start: 50 }],
    ['the absent person’s next visit, due to start now', 'v2', false, { staffId: 'ann', start: 100 }],
    ['another’s visit they have set off to', 'v3', true, { staffId: 'ben', start: 120 }],
    ['another’s visit they set off to exactly now', 'v4', false, { staffId: 'ben', start: 130 }],
    ['another’s visit done', 'v5', true, { staffId: 'ben', start: 40 }],
    ['a pair, from the first plan that has it', 'v6', false, { staffId: 'ann', start: 200, secondStaffId: 'ben' }],
  ])('%s: fixed %s, current as published', (_story, id, fixed, current) => {
    const v = visit(afterAnnGoesOff(), id);
    expect(v.fixed === true).toBe(fixed);
    expect(v.current).toStrictEqual(current); // no secondStaffId on a visit for one
  });

  it('an absent person’s visit they had set off to is not kept for them', () => {
    const result = published([plan('ann', [stop('v1', { start: 110, arrival: 100, travel: 20 })])]);
    expect(visit(replanAfterAbsence(day(), result, { staffId: 'ann', now: 100 }), 'v1').fixed).toBeUndefined();
  });

  it('closes the absent person’s day at now, with only what they have done, and no break', () => {
    const next = afterAnnGoesOff();
    expect(next.now).toBe(100);
    expect(next.staff[0]).toEqual({ id: 'ann', start: { index: 0 }, end: { index: 0 }, shift: { start: 0, end: 100 }, skills: ['physio', 'registered', 'hoist'], maxVisits: 1 });
    expect(next.staff[1]).toMatchObject({ shift: { start: 0, end: 480 }, breaks: [{ earliestStart: 200, latestStart: 260, duration: 30 }] });
    expect(next.staff[1]!.maxVisits).toBeUndefined();
  });

  it.each<[string, { start: number; end: number }, number, { start: number; end: number }]>([
    ['off before the shift starts', { start: 200, end: 480 }, 100, { start: 200, end: 200 }],
    ['off after the shift ended', { start: 0, end: 90 }, 100, { start: 0, end: 90 }],
    ['off mid-shift', { start: 0, end: 480 }, 100, { start: 0, end: 100 }],
  ])('%s', (_story, shift, now, expected) => {
    const problem = day();
    problem.staff[0]!.shift = shift;
    expect(afterAnnGoesOff(problem, now).staff[0]!.shift).toEqual(expected);
  });

  it('drops a pin to the absent person only from what they have not started', () => {
    const problem = day();
    visit(problem, 'v1').pinned = { staffId: 'ann', start: 50 };
    visit(problem, 'v2').pinned = { staffId: 'ann', start: 100 };
    visit(problem, 'v4').pinned = { staffId: 'ben' };
    const next = afterAnnGoesOff(problem);
    expect([visit(next, 'v1').pinned, visit(next, 'v2').pinned, visit(next, 'v4').pinned]).toEqual([{ staffId: 'ann', start: 50 }, { start: 100 }, { staffId: 'ben' }]);
  });

  it('leaves the published problem as it was, and a staff id not on the day changes no one', () => {
    const problem = day();
    const before = structuredClone(problem);
    afterAnnGoesOff(problem);
    expect(problem).toEqual(before);
    const next = replanAfterAbsence(problem, published([plan('ann', [stop('v1', { start: 50 })])]), { staffId: 'cat', now: 100 });
    expect(next.staff).toEqual(before.staff);
    expect(visit(next, 'v1')).toMatchObject({ fixed: true, current: { staffId: 'ann', start: 50 } });
  });
});

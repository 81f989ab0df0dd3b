import { describe, expect, it } from 'vitest';
import { planVisits } from '@homeward/planner';
import type { StaffDay } from '../staff/public.ts';
import type { VisitToPlan } from './visit-day-types.ts';
import { buildPlanningProblem, defaultDisruptionCost, registeredSkill } from './build-planning-problem.ts';
import { dayPlanFromResult, reasonOf } from './plan-day-from-result.ts';
import { adjustPlan } from './plan-adjust.ts';
import { changedVisitCount, planChanges } from './plan-changes.ts';

const base = { lat: 53.0, lon: -2.18 };
const date = '2026-11-25';

function staffDay(id: string, o: Partial<StaffDay> = {}): StaffDay {
  return {
    staffId: id, name: `Staff ${id}`, role: 'registered-therapist', band: '6', profession: 'OT', registered: true, skills: [], date,
    shift: { start: '08:30', end: '16:30', breakMinutes: 30 }, notWorkingBecause: null, cover: false, startsFrom: 'base', start: null, end: null,
    carDriver: true, workPhone: null, carDescription: null, ...o,
  };
}

function visit(id: string, o: Partial<VisitToPlan> = {}): VisitToPlan {
  return {
    id, version: 1, episodeId: `e-${id}`, patientId: `p-${id}`, patientName: `Patient ${id}`, date, purpose: 'therapy', durationMinutes: 45, place: 'home',
    location: { lat: 53.01, lon: -2.19 }, window: null, staffNeeded: 1, staffNeededReason: null, registeredRequired: false, skills: [],
    preferredStaffId: null, dueBy: null, pinnedStaffId: null, pinnedStart: null, priority: 1, status: 'to-plan', origin: 'proposed', ...o,
  };
}

describe('buildPlanningProblem', () => {
  it('turns shifts into minutes from midnight, with the break, the registered pseudo-skill and the base as start', () => {
    const { problem, unplanned } = buildPlanningProblem({
      date, teamBase: base,
      staffDays: [staffDay('rt', { skills: ['hoist'] }), staffDay('sw', { role: 'support-worker', registered: false, shift: { start: '09:00', end: '13:00', breakMinutes: 0 } }), staffDay('off', { shift: null, notWorkingBecause: 'annual-leave' })],
      visits: [],
    });
    expect(unplanned).toEqual([]);
    expect(problem.travel).toEqual({ kind: 'road' });
    expect(problem.staff.map((s) => s.id)).toEqual(['rt', 'sw']);
    const rt = problem.staff[0]!;
    expect(rt.shift).toEqual({ start: 510, end: 990 });
    expect(rt.skills).toEqual(['hoist', 'OT', registeredSkill]);
    expect(rt.start).toEqual(base);
    expect(rt.breaks).toHaveLength(1);
    expect(rt.breaks![0]!.duration).toBe(30);
    expect(rt.breaks![0]!.earliestStart).toBeGreaterThanOrEqual(510);
    expect(rt.breaks![0]!.latestStart).toBeLessThanOrEqual(960);
    expect(problem.staff[1]!.skills).toEqual([]);
    expect(problem.staff[1]!.breaks).toBeUndefined();
  });

  it('meets triage’s profession needs as allocation does: a registered OT an OT visit, an assistant either, a support worker neither; OT and PT together is a joint visit', () => {
    const { problem, unplanned } = buildPlanningProblem({
      date, teamBase: base,
      staffDays: [
        staffDay('ot'), staffDay('pt', { profession: 'PT' }),
        staffDay('ap', { role: 'assistant-practitioner', profession: 'none', registered: false }),
        staffDay('sw', { role: 'support-worker', profession: 'none', registered: false }),
      ],
      visits: [visit('needs-ot', { skills: ['OT'] }), visit('joint', { skills: ['OT', 'PT'] }), visit('pair', { skills: ['PT', 'hoist'], staffNeeded: 2, staffNeededReason: 'Hoist' })],
    });
    expect(unplanned.filter((u) => u.visitId !== 'pair')).toEqual([]);
    expect(Object.fromEntries(problem.staff.map((s) => [s.id, s.skills]))).toEqual({ ot: ['OT', registeredSkill], pt: ['PT', registeredSkill], ap: ['OT', 'PT'], sw: [] });
    const sent = Object.fromEntries(problem.visits.map((v) => [v.id, v]));
    expect(sent['needs-ot']!.requiredSkills).toEqual(['OT']);
    expect(sent.joint!.requiredSkills).toBeUndefined();
    // Nobody holds a hoist here: the pair's second need is the hoist alone, not the profession.
    expect(unplanned.find((u) => u.visitId === 'pair')?.reason).toBe('no-one-qualified');
    const withHoist = buildPlanningProblem({ date, teamBase: base, staffDays: [staffDay('pt', { profession: 'PT', skills: ['hoist'] }), staffDay('sw', { role: 'support-worker', profession: 'none', registered: false, skills: ['hoist'] })], visits: [visit('pair', { skills: ['PT', 'hoist'], staffNeeded: 2 })] });
    expect(withHoist.unplanned).toEqual([]);
    expect(withHoist.problem.visits[0]).toMatchObject({ requiredSkills: ['PT', 'hoist'], secondStaffSkills: ['hoist'] });
    const plan = planVisits(withHoist.problem, { iterationLimit: 50, seed: 1 });
    expect(plan.unplanned).toEqual([]);
  });

  it('sends windows, pairs, skills, preferred staff, pins and priority', () => {
    const { problem } = buildPlanningProblem({
      date, teamBase: base,
      staffDays: [staffDay('a', { skills: ['hoist'] }), staffDay('b', { skills: ['hoist'], registered: false, role: 'support-worker' })],
      visits: [
        visit('w', { window: { start: '09:00', end: '10:00' }, preferredStaffId: 'a', priority: 3 }),
        visit('pair', { staffNeeded: 2, staffNeededReason: 'hoist', skills: ['hoist'], registeredRequired: true }),
        visit('pin', { pinnedStaffId: 'b', pinnedStart: '11:15' }),
        visit('done', { status: 'done' }),
      ],
    });
    const [w, pair, pin] = problem.visits;
    expect(problem.visits).toHaveLength(3);
    expect(w).toMatchObject({ id: 'w', duration: 45, windows: [{ start: 540, end: 600 }], preferredStaff: ['a'], priority: 3 });
    expect(pair).toMatchObject({ staffNeeded: 2, requiredSkills: ['hoist', registeredSkill], secondStaffSkills: ['hoist'] });
    expect(pin).toMatchObject({ pinned: { staffId: 'b', start: 675 } });
    expect(pin!.windows).toBeUndefined();
  });

  it('lists what cannot be sent with its own reason: no location, no one qualified, window outside shifts, pinned to someone off', () => {
    const { problem, unplanned } = buildPlanningProblem({
      date, teamBase: base,
      staffDays: [staffDay('sw', { role: 'support-worker', registered: false, shift: { start: '09:00', end: '12:00', breakMinutes: 0 } }), staffDay('off', { shift: null, notWorkingBecause: 'sickness' })],
      visits: [
        visit('nowhere', { location: null }),
        visit('complex', { registeredRequired: true }),
        visit('evening', { window: { start: '18:00', end: '19:00' } }),
        visit('pinned-off', { pinnedStaffId: 'off' }),
        visit('pair', { staffNeeded: 2 }),
        visit('fine'),
      ],
    });
    expect(problem.visits.map((v) => v.id)).toEqual(['fine']);
    expect(Object.fromEntries(unplanned.map((u) => [u.visitId, u.reason]))).toEqual({
      nowhere: 'no-location',
      complex: 'no-one-qualified',
      evening: 'window-outside-shifts',
      'pinned-off': 'no-one-working',
      pair: 'no-one-qualified',
    });
    expect(unplanned.find((u) => u.visitId === 'complex')!.detail).toContain('registered therapist');
    expect(unplanned.find((u) => u.visitId === 'evening')!.detail).toContain('18:00–19:00');
  });

  it('re-planning: the day restarts after what is fixed, and each visit carries where it was published, at the disruption cost', () => {
    const { problem } = buildPlanningProblem({
      date, teamBase: base, from: 600,
      staffDays: [staffDay('a'), staffDay('b')],
      visits: [visit('v1')],
      resume: { a: { at: 660, location: { lat: 53.02, lon: -2.2 } } },
      previousStaff: { v1: { staffId: 'b', start: 700 } },
    });
    expect(problem.staff.find((s) => s.id === 'a')).toMatchObject({ shift: { start: 660, end: 990 }, start: { lat: 53.02, lon: -2.2 } });
    expect(problem.staff.find((s) => s.id === 'b')!.shift.start).toBe(600);
    expect(problem.visits[0]!.current).toEqual({ staffId: 'b', start: 700 });
    expect(problem.visits[0]!.preferredStaff).toBeUndefined();
    expect(problem.objective!.changeCost).toBe(defaultDisruptionCost);
  });

  it('says why a visit is left out in the team’s words: people by name, never by their ids', () => {
    // Two people with two-hour days and five one-hour visits: some cannot fit, and the planner's
    // sentence names who was qualified and working. Ids here are UUIDs, as in the app.
    const ann = '01938a6e-0000-7000-8000-00000000000a';
    const bob = '01938a6e-0000-7000-8000-00000000000b';
    const short = { start: '09:00', end: '11:00', breakMinutes: 0 };
    const staffDays = [staffDay(ann, { name: 'Ann Hughes', shift: short }), staffDay(bob, { name: 'Bob Patel', shift: short })];
    const visits = Array.from({ length: 5 }, (_, i) => visit(`01938a6e-0000-7000-8000-00000000010${i}`, { durationMinutes: 60 }));
    const built = buildPlanningProblem({ date, teamBase: base, staffDays, visits });
    const result = planVisits(built.problem, { iterationLimit: 200, seed: 1 });
    expect(result.unplanned.some((u) => u.reason.includes(ann))).toBe(true);
    const plan = dayPlanFromResult({ teamId: 't', date, jobId: 'j', madeAt: new Date('2026-11-24T18:00:00Z'), result, visits, notSent: built.unplanned, staffNames: new Map(staffDays.map((d) => [d.staffId, d.name])) });
    expect(plan.unplanned.length).toBeGreaterThan(0);
    for (const u of plan.unplanned) {
      expect(u.detail).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
      expect(u.detail).toContain('Ann Hughes');
      expect(u.detail).toContain('Bob Patel');
      expect(u.detail).toMatch(/^[A-Z]/);
    }
  });

  it('the planner plans what was sent, and the plan maps back with times, reasons and totals', () => {
    const visits = [visit('a1', { preferredStaffId: 'a', window: { start: '09:00', end: '11:00' } }), visit('a2'), visit('no', { location: null }), visit('hoist', { skills: ['hoist'] })];
    const built = buildPlanningProblem({ date, teamBase: base, staffDays: [staffDay('a'), staffDay('b')], visits });
    const result = planVisits(built.problem, { iterationLimit: 200, seed: 1 });
    const plan = dayPlanFromResult({ teamId: 't', date, jobId: 'j', madeAt: new Date('2026-11-24T18:00:00Z'), result, visits, notSent: built.unplanned, staffNames: new Map() });
    expect(plan.totals.visitsPlanned).toBe(2);
    expect(plan.unplanned.map((u) => [u.visitId, u.reason]).sort()).toEqual([['hoist', 'no-one-qualified'], ['no', 'no-location']]);
    const a1 = plan.routes.flatMap((r) => r.stops).find((s) => s.visitId === 'a1')!;
    expect(a1.start >= '09:00' && a1.start <= '11:00').toBe(true);
    expect(plan.totals.inWindowPercent).toBe(100);
    expect(plan.totals.continuityPercent).toBe(100);
    expect(plan.routes.every((r) => /^\d\d:\d\d$/.test(r.leave))).toBe(true);
    expect(reasonOf('no-pair')).toBe('no-one-qualified');
    expect(reasonOf('window-outside-shifts')).toBe('window-outside-shifts');
    expect(reasonOf('deferred')).toBe('no-time');

    // The lead moves a1 to b: it leaves a's day, joins b's, times again, and continuity drops.
    const moved = adjustPlan(plan, { kind: 'move', visitId: 'a1', toStaffId: 'b' }, { staffDays: [staffDay('a'), staffDay('b')], visits, teamBase: base, now: new Date() });
    expect(moved.routes.find((r) => r.staffId === 'b')!.stops.map((s) => s.visitId)).toContain('a1');
    expect(moved.routes.find((r) => r.staffId === 'a')?.stops.map((s) => s.visitId) ?? []).not.toContain('a1');
    expect(moved.totals.continuityPercent).toBe(0);
    expect(moved.objective).toBeNull();
    const changes = planChanges(plan, moved);
    expect(changedVisitCount(changes)).toBeGreaterThanOrEqual(1);
    expect(changes.filter((c) => c.visitId === 'a1').map((c) => c.kind).sort()).toEqual(['added', 'removed']);
  });
});

import { describe, expect, it } from 'vitest';
import type { StaffDay } from '../staff/public.ts';
import type { StaffRoute, VisitDayPlan, VisitToPlan } from './visit-day-types.ts';
import { adjustPlan, retimeRoute } from './plan-adjust.ts';
import { changedVisitCount, planChanges } from './plan-changes.ts';

const date = '2026-11-25';
const base = { lat: 53.0, lon: -2.18 };

const staffDay = (id: string, shift: StaffDay['shift'] = { start: '09:00', end: '17:00', breakMinutes: 0 }): StaffDay => ({
  staffId: id, name: `Staff ${id}`, role: 'registered-therapist', band: '6', profession: 'OT', registered: true, skills: [], date, shift, notWorkingBecause: shift ? null : 'sickness',
  cover: false, startsFrom: 'base', start: base, end: base, carDriver: true, workPhone: null, carDescription: null,
});
const visit = (id: string, o: Partial<VisitToPlan> = {}): VisitToPlan => ({
  id, version: 1, episodeId: `e-${id}`, patientId: `p-${id}`, patientName: id, date, purpose: 'therapy', durationMinutes: 60, place: 'home', location: base, window: null,
  staffNeeded: 1, staffNeededReason: null, registeredRequired: false, skills: [], preferredStaffId: null, dueBy: null, pinnedStaffId: null, pinnedStart: null, priority: 1,
  status: 'to-plan', origin: 'proposed', ...o,
});
const stop = (visitId: string, start: string, end: string) => ({ visitId, arrival: start, start, end, travelMinutes: 0, distanceKm: 0, lateMinutes: 0, withStaffId: null });
const route = (staffId: string, stops: ReturnType<typeof stop>[]): StaffRoute => ({ staffId, leave: '09:00', return: '17:00', stops, breaks: [], travelMinutes: 0, distanceKm: 0 });
const totals = { travelMinutes: 0, distanceKm: 0, visitsPlanned: 3, visitsUnplanned: 1, visitsPerPerson: 1.5, continuityPercent: null, inWindowPercent: null };

const plan: VisitDayPlan = {
  teamId: 't', date, madeAt: '2026-11-24T18:00:00.000Z', jobId: 'j', objective: 123,
  routes: [route('a', [stop('v1', '09:00', '10:00'), stop('v2', '10:00', '11:00')]), route('b', [stop('v3', '09:00', '10:00')])],
  unplanned: [{ visitId: 'v4', reason: 'no-time', detail: 'No time' }],
  totals,
};
const context = { staffDays: [staffDay('a'), staffDay('b'), staffDay('off', null)], visits: ['v1', 'v2', 'v3', 'v4'].map((id) => visit(id)), teamBase: base, now: new Date('2026-11-24T19:00:00Z') };
const order = (p: VisitDayPlan, staffId: string) => p.routes.find((r) => r.staffId === staffId)?.stops.map((s) => s.visitId) ?? [];

describe('the lead’s changes to a plan', () => {
  it('swaps two visits between people, each taking the other’s place, and times both days again', () => {
    const swapped = adjustPlan(plan, { kind: 'swap', visitId: 'v2', otherVisitId: 'v3' }, context);
    expect(order(swapped, 'a')).toEqual(['v1', 'v3']);
    expect(order(swapped, 'b')).toEqual(['v2']);
    expect(swapped.routes.find((r) => r.staffId === 'b')!.stops[0]!.start).toBe('09:00');
    expect(swapped.objective).toBeNull();
    expect(swapped.madeAt).toBe('2026-11-24T19:00:00.000Z');
  });

  it('moves an unplanned visit into someone’s day: it is no longer unplanned', () => {
    const moved = adjustPlan(plan, { kind: 'move', visitId: 'v4', toStaffId: 'b' }, context);
    expect(order(moved, 'b')).toEqual(['v3', 'v4']);
    expect(moved.unplanned).toEqual([]);
    expect(moved.totals.visitsPlanned).toBe(4);
    expect(moved.routes.find((r) => r.staffId === 'b')!.stops[1]!.start).toBe('10:00');
  });

  it('puts a visit before another when asked, and refuses what cannot be', () => {
    expect(order(adjustPlan(plan, { kind: 'move', visitId: 'v2', toStaffId: 'a', beforeVisitId: 'v1' }, context), 'a')).toEqual(['v2', 'v1']);
    expect(() => adjustPlan(plan, { kind: 'move', visitId: 'v1', toStaffId: 'off' }, context)).toThrow('not working');
    expect(() => adjustPlan(plan, { kind: 'move', visitId: 'nope', toStaffId: 'a' }, context)).toThrow('not one of this day’s visits');
    expect(() => adjustPlan(plan, { kind: 'swap', visitId: 'v1', otherVisitId: 'v4' }, context)).toThrow('Both visits');
  });

  it('a pin to a time places the visit by its time, and no earlier than it', () => {
    const pinned = { ...context, visits: context.visits.map((v) => (v.id === 'v3' ? { ...v, pinnedStaffId: 'a', pinnedStart: '13:30' } : v)) };
    const p = adjustPlan(plan, { kind: 'pin', visitId: 'v3', staffId: 'a', start: '13:30' }, pinned);
    expect(order(p, 'a')).toEqual(['v1', 'v2', 'v3']);
    expect(p.routes.find((r) => r.staffId === 'a')!.stops[2]!.start).toBe('13:30');
    expect(order(p, 'b')).toEqual([]);
  });

  it('takes the break between visits once its time (mid-shift) has come, and the next visit after it', () => {
    const day = { ...context, staffDays: [staffDay('a', { start: '09:00', end: '17:00', breakMinutes: 30 })], visits: [...context.visits, visit('v5')] };
    const timed = retimeRoute(route('a', []), ['v1', 'v2', 'v3', 'v4', 'v5'], day);
    expect(timed.breaks).toEqual([{ start: '13:00', end: '13:30' }]);
    expect(timed.stops.map((s) => s.start)).toEqual(['09:00', '10:00', '11:00', '12:00', '13:30']);
    expect(timed.return).toBe('14:30');
  });
});

describe('what a publication changes', () => {
  it('says per person what was added, taken off and moved in time; a visit moved between two people counts once', () => {
    const after: VisitDayPlan = { ...plan, routes: [route('a', [stop('v1', '09:30', '10:30')]), route('b', [stop('v3', '09:00', '10:00'), stop('v2', '10:00', '11:00')])] };
    const changes = planChanges(plan, after);
    expect(changes).toEqual([
      { staffId: 'a', visitId: 'v1', kind: 'time-changed', before: '09:00', after: '09:30' },
      { staffId: 'a', visitId: 'v2', kind: 'removed', before: '10:00', after: null },
      { staffId: 'b', visitId: 'v2', kind: 'added', before: null, after: '10:00' },
    ]);
    expect(changedVisitCount(changes)).toBe(2);
    expect(changedVisitCount(planChanges(plan, plan))).toBe(0);
    expect(planChanges(null, plan).every((c) => c.kind === 'added')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { checkWeekPattern, weekdayOfDate } from '@homeward/clinical';
import { generateDemoTeam } from './generate-demo-data.ts';
import { demoVisitNeeds, generateDemoRota } from './generate-demo-rota.ts';

const demo = generateDemoTeam({ seed: 20261124 });
const staff = demo.staff.map((s) => ({ id: `id-${s.key}`, key: s.key, homewardRole: s.homewardRole, teamKey: s.teamKey }));
const roleOf = new Map(staff.map((s) => [s.id, s.homewardRole]));

describe('the demo rota', () => {
  it('gives every member of staff who visits a week the rota accepts, and nobody else one', () => {
    const rota = generateDemoRota({ staff, today: '2026-11-24', days: 7 });
    const visiting = staff.filter((s) => ['clinical-lead', 'registered-therapist', 'assistant-practitioner', 'support-worker', 'student'].includes(s.homewardRole));
    expect(rota.patterns.map((p) => p.staffId).sort()).toEqual(visiting.map((s) => s.id).sort());
    for (const p of rota.patterns) {
      expect(checkWeekPattern(p.week), p.staffId).toEqual([]);
      expect(p.startsFrom === 'home', p.staffId).toBe(p.home !== null);
    }
    expect(rota.patterns.filter((p) => p.week.length === 5).length).toBeGreaterThan(rota.patterns.length / 2);
  });

  it('on a Tuesday: someone on annual leave this working week, the coming weekend covered, someone on call every day', () => {
    const rota = generateDemoRota({ staff, today: '2026-11-24', days: 7 });
    const leave = rota.exceptions.filter((e) => e.kind === 'annual-leave');
    expect(leave).toEqual([expect.objectContaining({ startsOn: '2026-11-23', endsOn: '2026-11-27' })]);
    const cover = rota.exceptions.filter((e) => e.kind === 'extra-shift');
    expect(new Set(cover.map((e) => e.startsOn))).toEqual(new Set(['2026-11-28', '2026-11-29']));
    expect(rota.onCall).toHaveLength(14);
    for (const teamKey of ['north-staffs', 'stafford']) {
      const days = rota.onCall.filter((c) => c.teamKey === teamKey).map((c) => c.date);
      expect(days).toEqual(['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30']);
    }
    // Nobody on call is on leave, a student or a support worker.
    for (const c of rota.onCall) {
      expect(leave.some((l) => l.staffId === c.staffId && l.startsOn <= c.date && c.date <= l.endsOn)).toBe(false);
      expect(['registered-therapist', 'clinical-lead']).toContain(roleOf.get(c.staffId));
    }
  });

  it('on a Saturday (a first start at the weekend): today is covered and whoever is on call works it; the leave is next week', () => {
    const rota = generateDemoRota({ staff, today: '2026-12-05', days: 7 });
    const today = rota.exceptions.filter((e) => e.kind === 'extra-shift' && e.startsOn === '2026-12-05');
    expect(today.length).toBeGreaterThanOrEqual(3);
    for (const c of rota.onCall.filter((x) => weekdayOfDate(x.date) >= 6)) {
      expect(rota.exceptions.some((e) => e.kind === 'extra-shift' && e.staffId === c.staffId && e.startsOn === c.date), `${c.teamKey} ${c.date}`).toBe(true);
    }
    expect(rota.exceptions.find((e) => e.kind === 'annual-leave')).toMatchObject({ startsOn: '2026-12-07', endsOn: '2026-12-11' });
  });
});

describe('the demo visit needs', () => {
  const defaults = { durationMinutes: 60, place: 'home' as const, windows: [], unavailableDays: [], staffNeeded: 2 as const, staffNeededReason: 'Hoist transfers', registeredRequired: true, skills: ['OT', 'hoist-competent'], preferredStaffId: null };
  it('keep triage’s defaults but leave the profession to the holder, prefer the holder, and vary the patient’s times', () => {
    const needs = demoVisitNeeds({ defaults, holder: 'holder-1', index: 0 });
    expect(needs).toMatchObject({ durationMinutes: 60, staffNeeded: 2, staffNeededReason: 'Hoist transfers', registeredRequired: true, skills: ['hoist-competent'], preferredStaffId: 'holder-1', windows: [], unavailableDays: [] });
    expect(demoVisitNeeds({ defaults, holder: null, index: 2 }).windows).toEqual([{ days: null, start: '09:00', end: '11:00', note: 'Carer there in the morning' }]);
    expect(demoVisitNeeds({ defaults, holder: null, index: 3 })).toMatchObject({ unavailableDays: [2], notes: 'Day centre on Tuesdays' });
  });
});

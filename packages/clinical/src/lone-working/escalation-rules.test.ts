import { describe, expect, it } from 'vitest';
import { defaultLadder } from './escalation-ladder.ts';
import { dayAfter, isRotaGap, ladderProblems, nextRungFor, onCallUnavailable, rungDueAt, rungsFor, whoIsTold, type RungFacts } from './escalation-rules.ts';

const raised = new Date('2026-12-05T10:00:00Z');
const facts: RungFacts = { clinicianStaffId: 'c', onCallStaffId: 'oc', onCallManagerStaffId: 'om', clinicalLeadsWorking: ['l1', 'l2'], serviceManagers: ['sm'] };

describe('the rungs an alert climbs and when', () => {
  it('a missed check climbs every rung from the clinician, each its seconds after raising', () => {
    expect(rungsFor(defaultLadder, 'missed-check-out').map((r) => r.who)).toEqual(['clinician', 'responder', 'manager']);
    expect(rungDueAt(defaultLadder, 'missed-check-out', raised, defaultLadder[1]!).toISOString()).toBe('2026-12-05T10:10:00.000Z');
    expect(rungDueAt(defaultLadder, 'amber', raised, defaultLadder[2]!).toISOString()).toBe('2026-12-05T10:25:00.000Z');
  });
  it('a red or duress alert starts at the responder, and the manager keeps its distance from that rung', () => {
    expect(rungsFor(defaultLadder, 'duress').map((r) => r.who)).toEqual(['responder', 'manager']);
    expect(rungDueAt(defaultLadder, 'red', raised, defaultLadder[1]!).toISOString()).toBe('2026-12-05T10:00:00.000Z');
    expect(rungDueAt(defaultLadder, 'duress', raised, defaultLadder[2]!).toISOString()).toBe('2026-12-05T10:15:00.000Z');
    expect(nextRungFor(defaultLadder, 'red', 0)?.who).toBe('responder');
  });
  it('a red or duress alert never tells the clinician, whatever the ladder (one saved before the rule, say)', () => {
    const r = (level: number, who: 'clinician' | 'responder' | 'manager', afterSeconds: number) => ({ level, who, afterSeconds, instructions: 'Call' });
    const odd = [r(1, 'clinician', 0), r(2, 'responder', 600), r(3, 'clinician', 900), r(4, 'manager', 1500), r(5, 'clinician', 1800)];
    for (const kind of ['red', 'duress'] as const) {
      expect(rungsFor(odd, kind).map((x) => x.who)).toEqual(['responder', 'manager']);
      expect(nextRungFor(odd, kind, 2)?.level).toBe(4);
      expect(nextRungFor(odd, kind, 4)).toBeNull();
    }
    // A missed check still climbs every rung, the clinician's included.
    expect(rungsFor(odd, 'missed-check-out').map((x) => x.level)).toEqual([1, 2, 3, 4, 5]);
  });
  it('the next rung is the one above, none at the top', () => {
    expect(nextRungFor(defaultLadder, 'missed-check-in', 1)?.level).toBe(2);
    expect(nextRungFor(defaultLadder, 'missed-check-in', 3)).toBeNull();
  });
});

describe('who a rung tells', () => {
  it('the clinician rung tells the clinician', () => {
    expect(whoIsTold('clinician', facts)).toEqual({ staffIds: ['c'], because: 'clinician' });
  });
  it('the responder is the day’s on call, else the clinical leads working, else nobody', () => {
    expect(whoIsTold('responder', facts)).toEqual({ staffIds: ['oc'], because: 'on-call' });
    expect(whoIsTold('responder', { ...facts, onCallStaffId: null })).toEqual({ staffIds: ['l1', 'l2'], because: 'clinical-lead' });
    expect(whoIsTold('responder', { ...facts, onCallStaffId: null, clinicalLeadsWorking: [] })).toEqual({ staffIds: [], because: 'nobody' });
  });
  it('never asks the clinician in trouble to respond to themself', () => {
    expect(whoIsTold('responder', { ...facts, onCallStaffId: 'c', clinicalLeadsWorking: ['c'] })).toEqual({ staffIds: [], because: 'nobody' });
  });
  it('the manager is the on-call manager, else the service managers, else nobody', () => {
    expect(whoIsTold('manager', facts)).toEqual({ staffIds: ['om'], because: 'on-call-manager' });
    expect(whoIsTold('manager', { ...facts, onCallManagerStaffId: null })).toEqual({ staffIds: ['sm'], because: 'service-manager' });
    expect(whoIsTold('manager', { ...facts, onCallManagerStaffId: null, serviceManagers: [] }).because).toBe('nobody');
  });
});

describe('who on call counts on the day', () => {
  it('not someone deactivated, or absent by the rota; a day off or a bank holiday is what on call covers', () => {
    expect(onCallUnavailable({ active: true, notWorkingBecause: null })).toBeNull();
    expect(onCallUnavailable({ active: true, notWorkingBecause: 'day-off' })).toBeNull();
    expect(onCallUnavailable({ active: true, notWorkingBecause: 'bank-holiday' })).toBeNull();
    expect(onCallUnavailable({ active: true, notWorkingBecause: undefined })).toBeNull();
    expect(onCallUnavailable({ active: true, notWorkingBecause: 'sickness' })).toBe('sickness');
    expect(onCallUnavailable({ active: true, notWorkingBecause: 'annual-leave' })).toBe('annual-leave');
    expect(onCallUnavailable({ active: false, notWorkingBecause: null })).toBe('no-longer-working');
  });
});

describe('rota gaps and the day after', () => {
  it('a day with home visits and nobody on call is a gap', () => {
    expect(isRotaGap({ publishedHomeVisits: 3, onCallStaffId: null })).toBe(true);
    expect(isRotaGap({ publishedHomeVisits: 3, onCallStaffId: 'oc' })).toBe(false);
    expect(isRotaGap({ publishedHomeVisits: 0, onCallStaffId: null })).toBe(false);
  });
  it('the day after crosses months and the clocks changing', () => {
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
    expect(dayAfter('2027-03-27')).toBe('2027-03-28');
    expect(dayAfter('2028-02-28')).toBe('2028-02-29');
  });
});

describe('a team’s ladder', () => {
  it('the default keeps every rule', () => {
    expect(ladderProblems({ graceSeconds: 900, rungs: defaultLadder })).toEqual([]);
  });
  it('refuses levels or times not going up, no responder, empty instructions, a grace out of range', () => {
    const r = (level: number, who: 'clinician' | 'responder' | 'manager', afterSeconds: number, instructions = 'Call') => ({ level, who, afterSeconds, instructions });
    expect(ladderProblems({ graceSeconds: 900, rungs: [r(1, 'clinician', 0), r(1, 'responder', 600)] }).map((p) => p.path)).toEqual(['rungs.1.level']);
    expect(ladderProblems({ graceSeconds: 900, rungs: [r(1, 'clinician', 600), r(2, 'responder', 600)] }).map((p) => p.path)).toEqual(['rungs.1.afterSeconds']);
    expect(ladderProblems({ graceSeconds: 900, rungs: [r(1, 'clinician', 0), r(2, 'manager', 600)] }).map((p) => p.path)).toEqual(['rungs']);
    expect(ladderProblems({ graceSeconds: 900, rungs: [r(1, 'responder', 0, ' ')] }).map((p) => p.path)).toEqual(['rungs.0.instructions']);
    expect(ladderProblems({ graceSeconds: 7201, rungs: [r(1, 'responder', 0)] }).map((p) => p.path)).toEqual(['graceMinutes']);
    expect(ladderProblems({ graceSeconds: 900, rungs: [] }).map((p) => p.path)).toEqual(['rungs']);
    // The clinician after the responder: refused, at that rung's who.
    const late = ladderProblems({ graceSeconds: 900, rungs: [r(1, 'clinician', 0), r(2, 'responder', 600), r(3, 'clinician', 900), r(4, 'manager', 1500)] });
    expect(late).toEqual([{ path: 'rungs.2.who', message: 'Rung 3: the clinician can only be prompted before the responder is told' }]);
    expect(ladderProblems({ graceSeconds: 900, rungs: [r(1, 'clinician', 0), r(2, 'clinician', 300), r(3, 'responder', 600)] })).toEqual([]);
  });
});

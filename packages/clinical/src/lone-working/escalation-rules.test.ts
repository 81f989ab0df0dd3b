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

// The edges of every rule, each side of each boundary, with the path and words a team's form shows.
describe('a team’s ladder, at the edges', () => {
  type Who = 'clinician' | 'responder' | 'manager';
  const r = (level: number, who: Who, afterSeconds: number, instructions = 'Call') => ({ level, who, afterSeconds, instructions });
  const one = (rung: ReturnType<typeof r>) => ladderProblems({ graceSeconds: 900, rungs: [rung] });
  const graceProblem = [{ path: 'graceMinutes', message: 'Grace must be between 0 and 120 minutes' }];

  it.each([
    [0, []],
    [7200, []],
    [-1, graceProblem],
    [7201, graceProblem],
    [1.5, graceProblem],
  ])('grace of %s seconds', (graceSeconds, expected) => {
    expect(ladderProblems({ graceSeconds, rungs: [r(1, 'responder', 0)] })).toEqual(expected);
  });

  it('an empty ladder is one problem: no rung (not also no responder)', () => {
    expect(ladderProblems({ graceSeconds: 900, rungs: [] })).toEqual([{ path: 'rungs', message: 'The ladder needs at least one rung' }]);
  });

  it.each([
    [1, []],
    [9, []],
    [0, [{ path: 'rungs.0.level', message: 'Rung 1: the level must be 1 to 9' }]],
    [10, [{ path: 'rungs.0.level', message: 'Rung 1: the level must be 1 to 9' }]],
    [1.5, [{ path: 'rungs.0.level', message: 'Rung 1: the level must be 1 to 9' }]],
  ])('level %s', (level, expected) => {
    expect(one(r(level, 'responder', 0))).toEqual(expected);
  });

  it.each([
    [0, []],
    [24 * 3600, []],
    [-1, [{ path: 'rungs.0.afterSeconds', message: 'Rung 1: minutes after raising must be 0 to 1440' }]],
    [24 * 3600 + 1, [{ path: 'rungs.0.afterSeconds', message: 'Rung 1: minutes after raising must be 0 to 1440' }]],
    [0.5, [{ path: 'rungs.0.afterSeconds', message: 'Rung 1: minutes after raising must be 0 to 1440' }]],
  ])('%s seconds after raising', (afterSeconds, expected) => {
    expect(one(r(1, 'responder', afterSeconds))).toEqual(expected);
  });

  it.each([
    ['', [{ path: 'rungs.0.instructions', message: 'Rung 1: enter what the person told should do' }]],
    [' \n\t', [{ path: 'rungs.0.instructions', message: 'Rung 1: enter what the person told should do' }]],
    // Blank is the one problem even when long: not also "too long".
    [' '.repeat(1001), [{ path: 'rungs.0.instructions', message: 'Rung 1: enter what the person told should do' }]],
    ['x', []],
    ['x'.repeat(1000), []],
    ['x'.repeat(1001), [{ path: 'rungs.0.instructions', message: 'Rung 1: instructions must be 1000 characters or fewer' }]],
  ])('instructions %j', (instructions, expected) => {
    expect(one(r(1, 'responder', 0, instructions))).toEqual(expected);
  });

  it('names the rung at fault by its place, not the first', () => {
    const problems = ladderProblems({ graceSeconds: 900, rungs: [r(1, 'clinician', 0), r(2, 'responder', 600), r(10, 'manager', 90000, '')] });
    expect(problems).toEqual([
      { path: 'rungs.2.level', message: 'Rung 3: the level must be 1 to 9' },
      { path: 'rungs.2.afterSeconds', message: 'Rung 3: minutes after raising must be 0 to 1440' },
      { path: 'rungs.2.instructions', message: 'Rung 3: enter what the person told should do' },
    ]);
  });

  it.each([
    ['one up', [1, 2], []],
    ['a gap', [1, 3], []],
    ['the same', [2, 2], [{ path: 'rungs.1.level', message: 'Rung 2: levels must go up one rung after another' }]],
    ['down', [3, 2], [{ path: 'rungs.1.level', message: 'Rung 2: levels must go up one rung after another' }]],
  ] as const)('levels going %s', (_, [a, b], expected) => {
    expect(ladderProblems({ graceSeconds: 900, rungs: [r(a, 'clinician', 0), r(b, 'responder', 600)] })).toEqual(expected);
  });

  it.each([
    ['a second later', [600, 601], []],
    ['at the same time', [600, 600], [{ path: 'rungs.1.afterSeconds', message: 'Rung 2: each rung must come later than the one before' }]],
    ['earlier', [600, 599], [{ path: 'rungs.1.afterSeconds', message: 'Rung 2: each rung must come later than the one before' }]],
  ] as const)('a rung %s than the one before', (_, [a, b], expected) => {
    expect(ladderProblems({ graceSeconds: 900, rungs: [r(1, 'clinician', a), r(2, 'responder', b)] })).toEqual(expected);
  });

  it('a time out of range is said once, not also as out of order', () => {
    expect(ladderProblems({ graceSeconds: 900, rungs: [r(1, 'clinician', 600), r(2, 'responder', -1)] })).toEqual([
      { path: 'rungs.1.afterSeconds', message: 'Rung 2: minutes after raising must be 0 to 1440' },
    ]);
  });

  it('a ladder without a responder rung is refused, once, and its clinician rungs are not faulted for it', () => {
    expect(ladderProblems({ graceSeconds: 900, rungs: [r(1, 'clinician', 0), r(2, 'manager', 600), r(3, 'clinician', 900)] })).toEqual([
      { path: 'rungs', message: 'The ladder needs a responder rung' },
    ]);
  });

  it.each([
    ['responder first, clinician next', ['responder', 'clinician', 'manager'], [{ path: 'rungs.1.who', message: 'Rung 2: the clinician can only be prompted before the responder is told' }]],
    ['clinician last', ['clinician', 'responder', 'manager', 'clinician'], [{ path: 'rungs.3.who', message: 'Rung 4: the clinician can only be prompted before the responder is told' }]],
    ['clinician just before the responder', ['clinician', 'clinician', 'responder'], []],
    ['a second responder after the first', ['responder', 'responder', 'manager'], []],
    [
      'two clinician rungs after',
      ['clinician', 'responder', 'clinician', 'clinician'],
      [
        { path: 'rungs.2.who', message: 'Rung 3: the clinician can only be prompted before the responder is told' },
        { path: 'rungs.3.who', message: 'Rung 4: the clinician can only be prompted before the responder is told' },
      ],
    ],
  ] as const)('%s', (_, whos, expected) => {
    expect(ladderProblems({ graceSeconds: 900, rungs: whos.map((who, i) => r(i + 1, who, i * 300)) })).toEqual(expected);
  });
});

describe('the rungs an alert climbs, at the edges', () => {
  type Who = 'clinician' | 'responder' | 'manager';
  const r = (level: number, who: Who, afterSeconds: number) => ({ level, who, afterSeconds, instructions: 'Call' });
  // Saved out of order (a team editing its ladder): the climb still goes by level.
  const shuffled = [r(3, 'manager', 1500), r(1, 'clinician', 0), r(2, 'responder', 600)];

  it.each(['missed-check-in', 'missed-check-out', 'amber'] as const)('a %s climbs every rung, by level', (kind) => {
    expect(rungsFor(shuffled, kind).map((x) => x.level)).toEqual([1, 2, 3]);
    expect(rungsFor([], kind)).toEqual([]);
  });
  it.each(['red', 'duress'] as const)('a %s climbs from the responder, by level; with no responder, nothing', (kind) => {
    expect(rungsFor(shuffled, kind).map((x) => x.level)).toEqual([2, 3]);
    expect(rungsFor([r(1, 'responder', 0), r(2, 'manager', 600)], kind).map((x) => x.level)).toEqual([1, 2]);
    expect(rungsFor([r(1, 'clinician', 0), r(2, 'clinician', 300)], kind)).toEqual([]);
    expect(rungsFor([], kind)).toEqual([]);
  });
  it('the climbing leaves the team’s ladder as it was', () => {
    rungsFor(shuffled, 'red');
    expect(shuffled.map((x) => x.level)).toEqual([3, 1, 2]);
  });
  it('a rung before a red alert’s first is due at raising, never before; with no responder rung, at its own time', () => {
    expect(rungDueAt(defaultLadder, 'red', raised, defaultLadder[0]!).toISOString()).toBe('2026-12-05T10:00:00.000Z');
    const clinicianOnly = [r(1, 'clinician', 0), r(2, 'clinician', 300)];
    expect(rungDueAt(clinicianOnly, 'duress', raised, clinicianOnly[1]!).toISOString()).toBe('2026-12-05T10:05:00.000Z');
  });
});

describe('who a rung tells, at the edges', () => {
  it('an on-call who is the clinician falls to the leads working, less the clinician, once each', () => {
    expect(whoIsTold('responder', { ...facts, onCallStaffId: 'c', clinicalLeadsWorking: ['c', 'l1', 'l1', 'l2'] })).toEqual({ staffIds: ['l1', 'l2'], because: 'clinical-lead' });
  });
  it('an on-call manager who is the clinician falls to the service managers, less the clinician, once each', () => {
    expect(whoIsTold('manager', { ...facts, onCallManagerStaffId: 'c', serviceManagers: ['c', 'sm', 'sm', 'sm2'] })).toEqual({ staffIds: ['sm', 'sm2'], because: 'service-manager' });
  });
  it('with the clinician the only manager, nobody', () => {
    expect(whoIsTold('manager', { ...facts, onCallManagerStaffId: 'c', serviceManagers: ['c'] })).toEqual({ staffIds: [], because: 'nobody' });
    expect(whoIsTold('manager', { ...facts, onCallManagerStaffId: null, serviceManagers: [] })).toEqual({ staffIds: [], because: 'nobody' });
  });
});

describe('who on call counts on the day, every absence', () => {
  it.each(['annual-leave', 'sickness', 'training', 'other-absence'] as const)('away for %s', (why) => {
    expect(onCallUnavailable({ active: true, notWorkingBecause: why })).toBe(why);
  });
  it.each(['', 'day-off', 'bank-holiday', 'Sickness'])('not away for %j', (why) => {
    expect(onCallUnavailable({ active: true, notWorkingBecause: why })).toBeNull();
  });
  it('deactivated is said before any absence', () => {
    expect(onCallUnavailable({ active: false, notWorkingBecause: 'sickness' })).toBe('no-longer-working');
  });
  it('a single home visit with nobody on call is a gap', () => {
    expect(isRotaGap({ publishedHomeVisits: 1, onCallStaffId: null })).toBe(true);
  });
});

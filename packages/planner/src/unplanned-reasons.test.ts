// Every reason a visit can be left unplanned, as the code a program reads and the sentence a team
// lead reads, each from the smallest day that causes it (the shared line problem: a base and four
// homes 10 minutes apart, Ann registered, both on the hoist, both 0-480).
import { describe, expect, it } from 'vitest';
import { checkSolution } from './check-solution.ts';
import type { UnplannedReasonCode } from './plan-result.ts';
import { planVisits } from './plan-visits.ts';
import type { PlanningProblem } from './problem.ts';
import { lineProblem } from './test-problems.ts';

/** violations: what the checker must say (nothing, unless the day given cannot be planned by its rules). */
type Case = { name: string; change: (p: PlanningProblem) => void; visitId: string; code: UnplannedReasonCode; reason: string | RegExp; violations?: string[] };

/** Ann's day full with v1 and Ben's with v2 (each pinned, 400 minutes, any time). */
function fillBothDays(p: PlanningProblem): void {
  p.visits[0]!.pinned = { staffId: 'ann' };
  p.visits[1]!.pinned = { staffId: 'ben' };
  p.visits[0]!.duration = 400;
  p.visits[1]!.duration = 400;
  delete p.visits[1]!.windows;
}

const cases: Case[] = [
  {
    name: 'nobody holds the skills',
    change: (p) => (p.visits[2]!.requiredSkills = ['speech-and-language']),
    visitId: 'v3',
    code: 'no-one-qualified',
    reason: 'nobody working holds the skills it needs (speech-and-language)',
  },
  {
    name: 'pinned to someone without the skills',
    change: (p) => (p.visits[3]!.pinned = { staffId: 'ben' }),
    visitId: 'v4',
    code: 'no-one-qualified',
    reason: 'it is pinned to ben, who does not hold the skills it needs (registered)',
  },
  {
    name: 'its window is outside every qualified shift',
    change: (p) => (p.visits[0]!.windows = [{ start: 600, end: 660 }]),
    visitId: 'v1',
    code: 'window-outside-shifts',
    reason: 'nobody qualified (ann, ben) works during its time window (10:00-11:00)',
  },
  {
    name: 'pinned to someone whose shift misses its time',
    change: (p) => {
      p.staff[1]!.shift = { start: 200, end: 480 };
      p.visits[1]!.pinned = { staffId: 'ben' };
    },
    visitId: 'v2',
    code: 'window-outside-shifts',
    reason: 'it is pinned to ben, whose shift does not cover its time (01:00-02:00)',
  },
  {
    name: 'its window has passed when re-planning',
    change: (p) => (p.now = 200),
    visitId: 'v2',
    code: 'window-outside-shifts',
    reason: 'its time window (01:00-02:00) has passed (re-planning from 03:20)',
  },
  {
    name: 'its pinned start has passed when re-planning',
    change: (p) => {
      p.now = 200;
      p.visits[2]!.pinned = { start: 150 };
    },
    visitId: 'v3',
    code: 'window-outside-shifts',
    reason: 'it is pinned to start at 02:30, which has passed (re-planning from 03:20)',
  },
  {
    name: 'two people needed, only one qualified',
    change: (p) => {
      p.visits[2]!.staffNeeded = 2;
      p.visits[2]!.requiredSkills = ['registered'];
    },
    visitId: 'v3',
    code: 'no-pair',
    reason: 'it needs two staff at once (one with registered, one with registered), and only ann working could go',
  },
  {
    name: 'two people needed, only one working during its window',
    change: (p) => {
      p.staff[1]!.shift = { start: 300, end: 480 };
      p.visits[2]!.staffNeeded = 2;
      p.visits[2]!.windows = [{ start: 60, end: 120 }];
    },
    visitId: 'v3',
    code: 'no-pair',
    reason: 'it needs two staff at once, and only ann of those qualified can get there during its time window (01:00-02:00)',
  },
  {
    name: 'qualified people work then, but there is no time to get there and back',
    change: (p) => (p.visits[3]!.duration = 470),
    visitId: 'v4',
    code: 'no-time',
    reason: 'ann works during its time window, but even an empty day leaves no time to travel there, do the 470-minute visit and get back within the shift',
  },
  {
    name: 'qualified people work then, but their days are full',
    change: (p) => {
      for (const v of p.visits) {
        v.duration = 400;
        v.windows = [{ start: 0, end: 50 }];
        delete v.requiredSkills;
      }
    },
    visitId: 'v3',
    code: 'no-time',
    reason: /^ann, ben are qualified and working during its time window, but no day has room for it$/,
  },
  {
    // Only who may do it is named: Ben works and has the skill, but it is pinned to Ann.
    name: 'the one person it is pinned to has no room',
    change: (p) => {
      fillBothDays(p);
    },
    visitId: 'v1',
    code: 'no-time',
    reason: 'ann is qualified and working, but no day has room for it',
  },
  {
    name: 'both days are full for a two-person visit',
    change: (p) => {
      fillBothDays(p);
      p.visits[2]!.staffNeeded = 2;
    },
    visitId: 'v3',
    code: 'no-time',
    reason: 'ann, ben are qualified and working, but no day has room for it for a two-person visit',
  },
  {
    name: 'it is fixed where the day cannot also hold another fixed visit',
    change: (p) => {
      p.now = 50;
      p.visits[0]!.fixed = true;
      p.visits[0]!.current = { staffId: 'ann', start: 60 };
      p.visits[2]!.fixed = true;
      p.visits[2]!.current = { staffId: 'ann', start: 70 };
    },
    visitId: 'v3',
    code: 'no-time',
    reason: 'it is fixed with ann at 01:10, but their day cannot also hold the other fixed visits, breaks and travel',
    // A fixed visit left out breaks the rules: the day given cannot be kept as it is.
    violations: ['fixed visit "v3" is unplanned'],
  },
  {
    name: 'the only qualified day with room has three visits of its different-staff pairs',
    change: (p) => {
      for (const v of p.visits.slice(0, 3)) v.pinned = { staffId: 'ann' };
      p.differentStaff = [['v4', 'v1'], ['v4', 'v2'], ['v4', 'v3']];
    },
    visitId: 'v4',
    code: 'no-time',
    reason: 'it must have different staff from v1, v2 and v3, and the only day with room for it is ann\'s, who does v1, v2 and v3',
  },
  {
    // Before: the general "no day has room" sentence, though Ann's day had room and only the pair kept it off.
    name: 'the one person who could do it has the other visit of its different-staff pair',
    change: (p) => {
      p.visits[0]!.pinned = { staffId: 'ann' };
      p.differentStaff = [['v4', 'v1']];
    },
    visitId: 'v4',
    code: 'no-time',
    reason: 'it must have different staff from v1, and the only day with room for it is ann\'s, who does v1',
  },
  {
    name: 'each day with room has another visit of its different-staff pairs',
    change: (p) => {
      p.visits[0]!.pinned = { staffId: 'ann' };
      p.visits[1]!.pinned = { staffId: 'ben' };
      p.differentStaff = [['v1', 'v3'], ['v3', 'v2']];
    },
    visitId: 'v3',
    code: 'no-time',
    reason: 'it must have different staff from v1 and v2, and the only days with room for it are ann\'s, who does v1, and ben\'s, who does v2',
  },
  {
    name: 'it may wait, and fitting it in costs more than leaving it',
    change: (p) => {
      p.visits[3]!.mayLeaveUnplanned = true;
      p.visits[3]!.unplannedPenalty = 1;
    },
    visitId: 'v4',
    code: 'deferred',
    reason: 'it can wait for another day: fitting it into ann\'s day would cost 20, more than leaving it (1)',
  },
  {
    name: 'its demand exceeds every capacity',
    change: (p) => {
      for (const s of p.staff) s.capacity = 5;
      p.visits[0]!.demand = 10;
    },
    visitId: 'v1',
    code: 'over-capacity',
    reason: 'its demand exceeds every staff member\'s capacity',
  },
];

describe('unplanned reasons', () => {
  it.each(cases)('$code: $name', ({ change, visitId, code, reason, violations = [] }) => {
    const problem = lineProblem();
    change(problem);
    const result = planVisits(problem, { iterationLimit: 200, seed: 1 });
    const unplanned = result.unplanned.find((u) => u.visitId === visitId);
    expect(unplanned?.code).toBe(code);
    if (typeof reason === 'string') expect(unplanned?.reason).toBe(reason);
    else expect(unplanned?.reason).toMatch(reason);
    expect(checkSolution(problem, result).violations).toEqual(violations);
  });

  it('says a visit that may wait but found no room can wait, as no-time', () => {
    const problem = lineProblem();
    for (const v of problem.visits) {
      v.duration = 400;
      v.windows = [{ start: 0, end: 50 }];
      delete v.requiredSkills;
      v.mayLeaveUnplanned = true;
    }
    const result = planVisits(problem, { iterationLimit: 200, seed: 1 });
    expect(result.unplanned).toHaveLength(2);
    for (const u of result.unplanned) {
      expect(u.code).toBe('no-time');
      expect(u.reason).toMatch(/\(it can wait for another day\)$/);
    }
  });
});

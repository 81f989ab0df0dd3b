import { describe, expect, it } from 'vitest';
import { checkSolution } from './check-solution.ts';
import { planVisits } from './plan-visits.ts';
import type { PlanResult } from './plan-result.ts';
import { lineProblem } from './test-problems.ts';

function solved() {
  const problem = lineProblem();
  problem.visits[2]!.staffNeeded = 2;
  problem.visits[2]!.requiredSkills = ['hoist'];
  problem.precedences = [{ before: 'v1', after: 'v4', minGap: 0 }];
  const result = planVisits(problem, { iterationLimit: 300, seed: 4 });
  return { problem, result };
}

function broken(mutate: (r: PlanResult) => void): string[] {
  const { problem, result } = solved();
  const copy = structuredClone(result);
  mutate(copy);
  return checkSolution(problem, copy).violations;
}

const stop = (r: PlanResult, visitId: string) => r.plans.flatMap((p) => p.stops).find((s) => s.visitId === visitId)!;

describe('checkSolution', () => {
  it('passes a solver plan and recomputes its cost', () => {
    const { problem, result } = solved();
    const check = checkSolution(problem, result);
    expect(check.violations).toEqual([]);
    expect(check.cost.total).toBeCloseTo(result.cost.total, 9);
  });

  it('catches a visit planned twice or dropped silently', () => {
    expect(broken((r) => r.plans[0]!.stops.splice(0, 1)).join('\n')).toMatch(/attended by 0 staff|attended by 1 staff/);
    expect(broken((r) => r.unplanned.push({ visitId: r.plans[0]!.stops[0]!.visitId, code: 'no-time', reason: 'x' })).join('\n')).toMatch(/both planned and unplanned/);
  });

  it('catches a start outside the time window', () => {
    const violations = broken((r) => {
      const s = stop(r, 'v2');
      s.start += 200;
      s.end += 200;
    });
    expect(violations.join('\n')).toMatch(/visit "v2": starts at .* outside its hard time windows/);
  });

  it('catches impossible travel, a wrong duration and a late return', () => {
    expect(broken((r) => (r.plans[0]!.stops[0]!.arrival -= 5)).join('\n')).toMatch(/cannot arrive before/);
    expect(broken((r) => (r.plans[0]!.stops[0]!.end += 1)).join('\n')).toMatch(/lasts .* minutes, not 30/);
    expect(broken((r) => (r.plans[0]!.return = 9999)).join('\n')).toMatch(/after the shift ends/);
  });

  it('catches a two-person visit that is not together', () => {
    const violations = broken((r) => {
      const pair = r.plans.flatMap((p) => p.stops).filter((s) => s.visitId === 'v3');
      pair[1]!.start += 1;
      pair[1]!.end += 1;
    });
    expect(violations.join('\n')).toMatch(/two-person visit "v3" starts at .*: not together/);
  });

  it('catches missing skills, a broken precedence and a misreported cost', () => {
    expect(
      broken((r) => {
        const ben = r.plans.find((p) => p.staffId === 'ben');
        const ann = r.plans.find((p) => p.staffId === 'ann');
        if (ben !== undefined) ben.staffId = 'ann';
        if (ann !== undefined) ann.staffId = 'ben';
      }).join('\n'),
    ).toMatch(/lacks the required skills|pair lacks/);
    expect(broken((r) => (r.cost.total -= 1)).join('\n')).toMatch(/cost.total is reported/);
    const { problem, result } = solved();
    problem.precedences = [{ before: 'v4', after: 'v1', minGap: 0 }];
    const v1 = stop(result, 'v1');
    const v4 = stop(result, 'v4');
    if (v1.start > v4.end) throw new Error('test assumes v1 before v4');
    expect(checkSolution(problem, result).violations.join('\n')).toMatch(/starts .* minutes after "v4" ends, less than 0/);
  });

  it('catches a missing break and an exceeded capacity', () => {
    const { problem, result } = solved();
    problem.staff[0]!.breaks = [{ earliestStart: 100, latestStart: 120, duration: 30 }];
    problem.staff[0]!.capacity = 0;
    problem.visits[0]!.demand = 1;
    problem.visits[1]!.demand = 1;
    problem.visits[2]!.demand = 1;
    problem.visits[3]!.demand = 1;
    const violations = checkSolution(problem, result).violations.join('\n');
    expect(violations).toMatch(/0 breaks placed, 1 required/);
    expect(violations).toMatch(/exceeds capacity 0/);
  });

  // Issue 10 #9: a hoist transfer needs two people who can both use the hoist. The plan the solver
  // made is kept and only who holds the skill changes, so each case tests the checker alone.
  describe('a two-person visit needs the skills in both people', () => {
    const pairOf = (result: PlanResult) => result.plans.filter((p) => p.stops.some((s) => s.visitId === 'v3')).map((p) => p.staffId);
    const skillsOf = (problem: ReturnType<typeof lineProblem>, id: string) => problem.staff.find((s) => s.id === id)!;

    it('passes when both hold the required skill', () => {
      const { problem, result } = solved();
      expect(pairOf(result).sort()).toEqual(['ann', 'ben']);
      expect(checkSolution(problem, result).violations).toEqual([]);
    });

    it.each(['ann', 'ben'])('fails when only one holds it (%s lacks the hoist), whichever is listed first', (lacking) => {
      const { problem, result } = solved();
      const staff = skillsOf(problem, lacking);
      staff.skills = staff.skills!.filter((s) => s !== 'hoist');
      expect(checkSolution(problem, result).violations).toEqual(['two-person visit "v3": the pair lacks the required skills']);
    });

    it('fails when neither holds it', () => {
      const { problem, result } = solved();
      for (const id of ['ann', 'ben']) skillsOf(problem, id).skills = ['physio'];
      // v1 needs physio only; v4 needs registered, which ann lost too.
      expect(checkSolution(problem, result).violations).toContain('two-person visit "v3": the pair lacks the required skills');
    });

    it('lets the second person have only the second-person skills, as lead or as second', () => {
      for (const lacking of ['ann', 'ben']) {
        const { problem, result } = solved();
        problem.visits[2]!.secondStaffSkills = [];
        const staff = skillsOf(problem, lacking);
        staff.skills = staff.skills!.filter((s) => s !== 'hoist');
        expect(checkSolution(problem, result).violations, lacking).toEqual([]);
        // ...but not when the second-person skill is one the lacking person does not have either.
        problem.visits[2]!.secondStaffSkills = ['hoist'];
        expect(checkSolution(problem, result).violations, lacking).toEqual(['two-person visit "v3": the pair lacks the required skills']);
      }
    });

    it('a pinned lead must hold the lead skills even when the other could lead', () => {
      const { problem, result } = solved();
      problem.visits[2]!.secondStaffSkills = [];
      skillsOf(problem, 'ben').skills = ['physio'];
      problem.visits[2]!.pinned = { staffId: 'ben' };
      expect(checkSolution(problem, result).violations).toEqual(['two-person visit "v3": the pair lacks the required skills']);
    });
  });
});

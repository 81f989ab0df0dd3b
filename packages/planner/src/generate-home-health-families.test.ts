// The benchmark's home-health families (issue 19): deterministic for a seed, valid input, each
// instance carries its family's feature, and a short plan of each passes the independent checker.
import { describe, expect, it } from 'vitest';
import { checkSolution } from './check-solution.ts';
import { generateFamily, homeHealthFamilies } from './generate-home-health-families.ts';
import type { HomeHealthFamily } from './generate-home-health-families.ts';
import { parseProblem } from './parse-problem.ts';
import { planVisits } from './plan-visits.ts';
import type { PlanningProblem } from './problem.ts';

/** Whether the problem contains the family's feature, in more than a token amount. */
const hasFeature: Record<HomeHealthFamily, (p: PlanningProblem) => boolean> = {
  skills: (p) => p.visits.filter((v) => (v.requiredSkills ?? []).some((k) => ['wound-care', 'neuro', 'falls', 'paediatric'].includes(k))).length >= 10,
  'two-person': (p) => p.visits.filter((v) => v.staffNeeded === 2).length >= 5,
  precedences: (p) =>
    (p.precedences ?? []).length >= 6 &&
    (p.precedences ?? []).some((x) => x.from === 'start' && (x.minGap ?? 0) < 0) &&
    (p.precedences ?? []).some((x) => x.from !== 'start' && x.maxGap !== undefined),
  'different-staff': (p) => (p.differentStaff ?? []).length >= 5,
  'max-lateness': (p) => (p.objective?.maxLateness ?? 0) > 0 && p.visits.some((v) => v.windows?.some((w) => w.soft === true)),
  'multiple-windows': (p) => p.visits.filter((v) => (v.windows ?? []).length >= 2).length >= 10,
  'soft-windows': (p) => p.visits.filter((v) => v.windows?.some((w) => w.soft === true && (w.latenessCostPerMinute ?? 0) > 0)).length >= 10,
  breaks: (p) => p.staff.every((s) => (s.breaks ?? []).length >= 2 && s.breaks!.some((b) => b.latestStart > b.earliestStart)),
  continuity: (p) => p.visits.every((v) => (v.preferredStaff ?? []).length >= 1) && (p.objective?.continuityCost ?? 0) > 0,
  'pinned-fixed': (p) => p.visits.some((v) => v.fixed === true) && p.visits.some((v) => v.pinned?.start !== undefined) && p.visits.some((v) => v.pinned?.staffId !== undefined && v.pinned.start === undefined),
  replan: (p) => p.now !== undefined && p.visits.filter((v) => v.current !== undefined).length >= 20 && p.visits.some((v) => v.fixed === true),
};

describe('generateFamily', () => {
  it('gives the same instances for the same seed, and others for another seed', () => {
    for (const family of ['precedences', 'replan'] as const) {
      const a = JSON.stringify(generateFamily(family, 3));
      expect(JSON.stringify(generateFamily(family, 3))).toBe(a);
      expect(JSON.stringify(generateFamily(family, 4))).not.toBe(a);
    }
  });

  it('makes three instances of 10-20 staff and 80-150 visits per family', () => {
    const instances = generateFamily('skills', 1);
    expect(instances.map((i) => i.name)).toEqual(['skills-1', 'skills-2', 'skills-3']);
    for (const { problem } of instances) {
      expect(problem.staff.length).toBeGreaterThanOrEqual(10);
      expect(problem.staff.length).toBeLessThanOrEqual(20);
      expect(problem.visits.length).toBeGreaterThanOrEqual(80);
      expect(problem.visits.length).toBeLessThanOrEqual(150);
    }
  });

  for (const family of homeHealthFamilies) {
    it(`${family}: parses, contains its feature, and a short plan passes the checker with every required visit planned`, () => {
      const [instance] = generateFamily(family, 1, 1);
      const parsed = parseProblem(JSON.parse(JSON.stringify(instance!.problem)));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 3)));
      expect(hasFeature[family](parsed.problem)).toBe(true);
      const result = planVisits(parsed.problem, { iterationLimit: 400, seed: 1 });
      const check = checkSolution(parsed.problem, result);
      expect(check.violations).toEqual([]);
      const optional = new Set(parsed.problem.visits.filter((v) => v.mayLeaveUnplanned === true).map((v) => v.id));
      expect(result.unplanned.filter((u) => !optional.has(u.visitId))).toEqual([]);
    });
  }
});

import { describe, expect, it } from 'vitest';
import { generateTherapyDay } from './generate-therapy-day.ts';
import { parseProblem } from './parse-problem.ts';
import { createRandom } from './random.ts';
import type { PlanningProblem } from './problem.ts';
import { lineProblem } from './test-problems.ts';

function errorsOf(input: unknown) {
  const result = parseProblem(input);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('parseProblem', () => {
  it('accepts a valid problem and the generated therapy day', () => {
    expect(parseProblem(lineProblem()).ok).toBe(true);
    expect(parseProblem(JSON.parse(JSON.stringify(generateTherapyDay()))).ok).toBe(true);
  });

  it('rejects things that are not problems, naming the field', () => {
    expect(errorsOf(null)).toEqual([{ path: '(problem)', message: 'must be an object' }]);
    expect(errorsOf({ staff: [], visits: 'x', travel: { kind: 'teleport' } })).toEqual(
      expect.arrayContaining([
        { path: 'staff', message: 'must list at least one staff member' },
        { path: 'visits', message: 'must be an array' },
        { path: 'travel.kind', message: 'must be "matrix" or "road"' },
      ]),
    );
  });

  it('names negative durations and bad windows by their path', () => {
    const p = lineProblem() as unknown as { visits: Record<string, unknown>[] };
    p.visits[3]!.duration = -5;
    p.visits[1]!.windows = [{ start: 100, end: 50 }];
    expect(errorsOf(p)).toEqual([
      { path: 'visits[1].windows[0].end', message: 'must not be before start' },
      { path: 'visits[3].duration', message: 'must be a non-negative number' },
    ]);
  });

  it('rejects a matrix of the wrong size and locations outside it', () => {
    const p = lineProblem();
    if (p.travel.kind !== 'matrix') throw new Error('matrix expected');
    p.travel.durations[2] = [1, 2, 3];
    expect(errorsOf(p)).toEqual([{ path: 'travel.durations[2]', message: 'must be a row of 5 numbers (the matrix must be square)' }]);
    const q = lineProblem();
    q.visits[0]!.location = { index: 9 };
    expect(errorsOf(q)).toEqual([{ path: 'visits[0].location.index', message: 'must be below 5, the size of the travel matrix' }]);
  });

  it('rejects unknown references and duplicate ids', () => {
    const p = lineProblem();
    p.visits[0]!.preferredStaff = ['zed'];
    p.visits[1]!.id = 'v1';
    p.precedences = [{ before: 'v1', after: 'nope' }];
    expect(errorsOf(p)).toEqual(
      expect.arrayContaining([
        { path: 'visits[0].preferredStaff[0]', message: 'names unknown staff id "zed"' },
        { path: 'visits[1].id', message: 'duplicates visit id "v1"' },
        { path: 'precedences[0].after', message: 'names unknown visit id "nope"' },
      ]),
    );
  });

  it.each<{ name: string; change: (p: PlanningProblem) => void; errors: { path: string; message: string }[] }>([
    {
      name: 'a fixed visit without its current assignment',
      change: (p) => (p.visits[0]!.fixed = true),
      errors: [{ path: 'visits[0].current', message: 'is required for a fixed visit (who did it, and when)' }],
    },
    {
      name: 'a fixed visit without a start',
      change: (p) => Object.assign(p.visits[0]!, { fixed: true, current: { staffId: 'ann' } }),
      errors: [{ path: 'visits[0].current.start', message: 'is required for a fixed visit' }],
    },
    {
      name: 'a fixed visit with someone not on the day',
      change: (p) => Object.assign(p.visits[0]!, { fixed: true, current: { staffId: 'zed', start: 10 } }),
      errors: [{ path: 'visits[0].current.staffId', message: 'names unknown staff id "zed" (a fixed visit stays with its staff)' }],
    },
    {
      name: 'a second person on a one-person visit',
      change: (p) => (p.visits[0]!.current = { staffId: 'ann', secondStaffId: 'ben' }),
      errors: [{ path: 'visits[0].current.secondStaffId', message: 'is only for a two-person visit (staffNeeded 2)' }],
    },
    {
      name: 'no second person on a two-person visit',
      change: (p) => Object.assign(p.visits[0]!, { staffNeeded: 2, current: { staffId: 'ann' } }),
      errors: [{ path: 'visits[0].current.secondStaffId', message: 'is required for a two-person visit (staffNeeded 2)' }],
    },
    {
      name: 'the same person twice',
      change: (p) => Object.assign(p.visits[0]!, { staffNeeded: 2, current: { staffId: 'ann', secondStaffId: 'ann' } }),
      errors: [{ path: 'visits[0].current.secondStaffId', message: 'must differ from staffId' }],
    },
    {
      name: 'two fixed visits at once for one person',
      change: (p) => {
        Object.assign(p.visits[0]!, { fixed: true, current: { staffId: 'ann', start: 10 } });
        Object.assign(p.visits[1]!, { fixed: true, current: { staffId: 'ann', start: 30 } });
      },
      errors: [{ path: 'visits[1].current.start', message: 'overlaps fixed visit "v1" of staff "ann"' }],
    },
    {
      name: 'a pin that contradicts a fixed visit',
      change: (p) => Object.assign(p.visits[0]!, { fixed: true, current: { staffId: 'ann', start: 10 }, pinned: { staffId: 'ben', start: 20 } }),
      errors: [
        { path: 'visits[0].pinned.staffId', message: 'contradicts the fixed visit\'s staff "ann"' },
        { path: 'visits[0].pinned.start', message: 'contradicts the fixed visit\'s start 10' },
      ],
    },
    {
      name: 'now that is not a time',
      change: (p) => ((p as unknown as Record<string, unknown>).now = 'ten'),
      errors: [{ path: 'now', message: 'must be a number' }],
    },
    {
      name: 'negative re-planning weights',
      change: (p) => (p.objective = { changeCost: -1, moveMinuteCost: -1, moveToleranceMinutes: -1 }),
      errors: [
        { path: 'objective.changeCost', message: 'must be a non-negative number' },
        { path: 'objective.moveMinuteCost', message: 'must be a non-negative number' },
        { path: 'objective.moveToleranceMinutes', message: 'must be a non-negative number' },
      ],
    },
  ])('rejects $name', ({ change, errors }) => {
    const p = lineProblem();
    change(p);
    expect(errorsOf(p)).toEqual(errors);
  });

  it('accepts re-planning fields, and a current assignment to someone no longer on the day', () => {
    const p = lineProblem();
    p.now = 120;
    p.objective = { changeCost: 90, moveMinuteCost: 0.5, moveToleranceMinutes: 20 };
    p.visits[0]!.current = { staffId: 'off-sick', start: 150 };
    Object.assign(p.visits[1]!, { fixed: true, current: { staffId: 'ben', start: 60 } });
    Object.assign(p.visits[2]!, { staffNeeded: 2, current: { staffId: 'ann', secondStaffId: 'ben' } });
    const parsed = parseProblem(JSON.parse(JSON.stringify(p)));
    expect(parsed).toEqual({ ok: true, problem: p });
  });

  it('fuzz: random mutations of a valid problem never throw and always give ok or field errors', () => {
    const random = createRandom(42);
    const junk = [null, -1, 1e308, Number.NaN, '', 'x', [], {}, true, [[1]], { index: -3 }, { lat: 200, lon: 0 }, 2.5, [{}]];
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
    for (let round = 0; round < 400; round++) {
      const problem = JSON.parse(JSON.stringify(round % 2 === 0 ? lineProblem() : generateTherapyDay({ visits: 12, staff: 3, seed: round }))) as unknown;
      for (let k = 0; k < 1 + Math.floor(random() * 4); k++) {
        // Walk to a random container and replace, delete or add a field.
        let node = problem as Record<string, unknown>;
        for (let depth = 0; depth < 6; depth++) {
          const keys = Object.keys(node);
          if (keys.length === 0) break;
          const next = node[pick(keys)];
          if (typeof next !== 'object' || next === null || random() < 0.25) break;
          node = next as Record<string, unknown>;
        }
        const keys = Object.keys(node);
        const action = random();
        if (action < 0.6 && keys.length > 0) node[pick(keys)] = pick(junk);
        else if (action < 0.8 && keys.length > 0) delete node[pick(keys)];
        else node[pick(['id', 'duration', 'windows', 'extra', '0'])] = pick(junk);
      }
      const result = parseProblem(problem);
      if (result.ok) expect(result.problem.staff.length).toBeGreaterThan(0);
      else {
        expect(result.errors.length).toBeGreaterThan(0);
        for (const e of result.errors) expect(typeof e.path === 'string' && e.message.length > 0).toBe(true);
      }
    }
  });
});

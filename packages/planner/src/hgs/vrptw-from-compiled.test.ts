/* eslint-disable no-restricted-imports -- the test reads a Solomon benchmark file */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateTherapyDay } from '../generate-therapy-day.ts';
import type { PlanningProblem } from '../problem.ts';
import { readSolomon } from '../read-solomon.ts';
import { lineProblem } from '../test-problems.ts';
import { vrptwFromProblem } from './vrptw-from-compiled.ts';

const c101 = new URL('../../../../../shared/data/solomon/instances/C101.txt', import.meta.url);

/** Two interchangeable staff from one base and four visits on a line (lineProblem without its skills). */
function plainLine(): PlanningProblem {
  const p = lineProblem();
  return { ...p, staff: p.staff.map((s) => ({ ...s, skills: [], capacity: 10 })), visits: p.visits.map((v) => ({ ...v, requiredSkills: [], demand: 2 })) };
}

describe('vrptwFromProblem', () => {
  it.runIf(existsSync(c101))('turns a Solomon instance into customers after the depot, with its windows, service, demand and fleet', () => {
    const instance = vrptwFromProblem(readSolomon(readFileSync(c101, 'utf8')))!;
    expect(instance.customers).toBe(100);
    expect(instance.vehicles).toBe(25);
    expect(instance.capacity).toBe(200);
    // C101: depot 40,50 open 0-1236; customer 1 at 45,68, demand 10, window 912-967, service 90.
    expect([instance.ready[0], instance.due[0]]).toEqual([0, 1236]);
    expect([instance.ready[1], instance.due[1], instance.service[1], instance.demand[1]]).toEqual([912, 967, 90, 10]);
    expect(instance.distance[1]).toBe(18.6);
    expect(instance.duration[1 * 101]).toBe(18.6);
  });

  it('keeps the order of the visits and the weighted travel cost as the distance', () => {
    const instance = vrptwFromProblem({ ...plainLine(), objective: { travelMinute: 2 } })!;
    expect(instance.customers).toBe(4);
    expect(instance.distance[0 * 5 + 3]).toBe(60);
    expect(instance.duration[0 * 5 + 3]).toBe(30);
    expect([instance.ready[2], instance.due[2]]).toEqual([60, 120]);
    expect(instance.capacity).toBe(10);
  });

  it('refuses a day the genetic search cannot model', () => {
    expect(vrptwFromProblem(plainLine())).not.toBeNull();
    expect(vrptwFromProblem(lineProblem())).toBeNull(); // skills: staff not interchangeable
    expect(vrptwFromProblem(generateTherapyDay())).toBeNull();
    const p = plainLine();
    expect(vrptwFromProblem({ ...p, visits: p.visits.map((v, i) => (i === 0 ? { ...v, mayLeaveUnplanned: true } : v)) })).toBeNull();
    expect(vrptwFromProblem({ ...p, staff: p.staff.map((s, i) => (i === 0 ? { ...s, shift: { start: 0, end: 400 } } : s)) })).toBeNull();
    expect(vrptwFromProblem({ ...p, staff: p.staff.map((s, i) => (i === 0 ? { ...s, end: { index: 4 } } : s)) })).toBeNull();
    expect(vrptwFromProblem({ ...p, visits: p.visits.map((v, i) => (i === 0 ? { ...v, preferredStaff: ['ann'] } : v)) })).toBeNull();
  });
});

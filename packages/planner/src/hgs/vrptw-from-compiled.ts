// When a day is a plain VRPTW (interchangeable staff from one base, one hard window per visit, every
// visit required, no skills, pins, breaks, links, limits or continuity), the hybrid genetic search can
// plan it: this builds its instance and says which task each customer is. Anything else returns null
// and stays with the ruin-and-recreate search, which models all of it.
import { compileProblem } from '../compile-problem.ts';
import type { CompiledProblem } from '../compile-problem.ts';
import type { PlanningProblem } from '../problem.ts';
import type { VrptwInstance } from './vrptw-instance.ts';

export type CompiledVrptw = { instance: VrptwInstance; /** Task of customer i at index i - 1. */ taskOfCustomer: Int32Array };

export function vrptwFromCompiled(cp: CompiledProblem): CompiledVrptw | null {
  const m = cp.staffCount;
  if (!cp.simple || m === 0) return null;
  for (let r = 1; r < m; r++) {
    if (cp.staffStart[r] !== cp.staffStart[0] || cp.staffEnd[r] !== cp.staffEnd[0]) return null;
    if (cp.shiftStart[r] !== cp.shiftStart[0] || cp.shiftEnd[r] !== cp.shiftEnd[0] || cp.capacity[r] !== cp.capacity[0]) return null;
  }
  // One depot: the search's routes start and end at the same place.
  if (cp.staffStart[0] !== cp.staffEnd[0]) return null;
  const tasks = cp.plannable;
  for (const t of tasks) {
    if (t >= cp.visitCount || cp.required[t] !== 1 || cp.fixed[t] === 1) return null;
    for (let r = 0; r < m; r++) {
      if (cp.compatible[t * m + r] !== 1 || cp.assignment[t * m + r] !== 0 || cp.service[t * m + r] !== cp.service[t * m]) return null;
    }
  }
  const n = tasks.length;
  const size = n + 1;
  const L = cp.locationCount;
  const location = new Int32Array(size);
  location[0] = cp.staffStart[0]!;
  for (let i = 1; i < size; i++) location[i] = cp.taskLocation[tasks[i - 1]!]!;
  const distance = new Float64Array(size * size);
  const duration = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      distance[i * size + j] = cp.travelCost[location[i]! * L + location[j]!]!;
      duration[i * size + j] = cp.travelTime[location[i]! * L + location[j]!]!;
    }
  }
  const service = new Float64Array(size);
  const ready = new Float64Array(size);
  const due = new Float64Array(size);
  const demand = new Float64Array(size);
  ready[0] = cp.shiftStart[0]!;
  due[0] = cp.shiftEnd[0]!;
  for (let i = 1; i < size; i++) {
    const t = tasks[i - 1]!;
    service[i] = cp.service[t * m]!;
    ready[i] = cp.open[t]!;
    due[i] = cp.close[t]!;
    demand[i] = cp.demand[t]!;
  }
  const instance: VrptwInstance = { customers: n, distance, duration, service, ready, due, demand, capacity: cp.capacity[0]!, vehicles: m };
  return { instance, taskOfCustomer: Int32Array.from(tasks) };
}

/** The instance of a problem the genetic search can plan, or null (see vrptwFromCompiled). */
export function vrptwFromProblem(problem: PlanningProblem): VrptwInstance | null {
  return vrptwFromCompiled(compileProblem(problem))?.instance ?? null;
}

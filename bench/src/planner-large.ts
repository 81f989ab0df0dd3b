// Issue 19's larger instances: 200, 400 and 1000 customers in the manner of Gehring and Homberger's
// extension of Solomon's RC1 class (half the customers in clusters, half scattered, a vehicle per
// four customers, capacity 200, service 10, time windows on the start), generated from a seed so
// every run plans the same instance. Euclidean distances truncated to one decimal (the DIMACS
// convention readSolomon uses); the objective is distance. There is no known optimum: the table
// prints cost, vehicles, time to the first feasible plan, memory and whether the search kept improving.
import { createRandom } from '../../packages/planner/src/random.ts';
import { truncatedDistance } from '../../packages/planner/src/read-solomon.ts';
import type { PlanningProblem, Staff, Visit } from '../../packages/planner/src/problem.ts';

export function generateLargeVrptw(customers: number, seed = 1): PlanningProblem {
  const random = createRandom(seed * 7919 + customers);
  // The grid grows with the square root of the customers (Solomon: 100 customers on 100 x 100).
  const side = Math.round(10 * Math.sqrt(customers));
  const depot = { x: side / 2, y: side / 2 };
  const horizon = Math.round(2.3 * side); // RC1-like: a short day, so many vehicles are needed
  const service = 10;
  const capacity = 200;
  const clusters = Array.from({ length: Math.max(4, Math.round(customers / 25)) }, () => ({ x: random() * side, y: random() * side }));
  const points: { x: number; y: number }[] = [depot];
  for (let i = 0; i < customers; i++) {
    if (i % 2 === 0) {
      const c = clusters[Math.floor(random() * clusters.length)]!;
      const angle = 2 * Math.PI * random();
      const r = (side / 20) * Math.sqrt(random());
      points.push({ x: Math.min(side, Math.max(0, c.x + r * Math.cos(angle))), y: Math.min(side, Math.max(0, c.y + r * Math.sin(angle))) });
    } else {
      points.push({ x: random() * side, y: random() * side });
    }
  }
  // Whole coordinates, as in the published files.
  for (const p of points) {
    p.x = Math.round(p.x);
    p.y = Math.round(p.y);
  }
  const n = points.length;
  const durations: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(n);
    for (let j = 0; j < n; j++) row[j] = truncatedDistance(points[i]!.x, points[i]!.y, points[j]!.x, points[j]!.y);
    durations.push(row);
  }
  const visits: Visit[] = [];
  for (let i = 1; i < n; i++) {
    const out = durations[0]![i]!;
    // Reachable from the depot and back within the day; a window of 30 to 90 around a random centre.
    const earliest = Math.ceil(out);
    const latest = Math.floor(horizon - out - service);
    const centre = earliest + random() * Math.max(0, latest - earliest);
    const half = 15 + random() * 30;
    const start = Math.max(earliest, Math.round(centre - half));
    const end = Math.max(start, Math.min(latest, Math.round(centre + half)));
    visits.push({ id: String(i), location: { index: i }, duration: service, demand: 1 + Math.floor(random() * 40), windows: [{ start, end }] });
  }
  const staff: Staff[] = Array.from({ length: Math.ceil(customers / 4) }, (_, k) => ({
    id: `vehicle-${k + 1}`,
    start: { index: 0 },
    end: { index: 0 },
    shift: { start: 0, end: horizon },
    capacity,
  }));
  return {
    staff,
    visits,
    travel: { kind: 'matrix', durations },
    objective: { travelMinute: 0, travelDistance: 1, unplannedPenalty: 1e6 },
    wholeMinutes: false,
  };
}

// Reads the Solomon VRPTW text format into a PlanningProblem under the DIMACS convention:
// distances and travel times are Euclidean truncated to one decimal, the objective is distance only.
import type { PlanningProblem, Staff, Visit } from './problem.ts';

export type SolomonOptions = { vehicles?: number };

export function truncatedDistance(x1: number, y1: number, x2: number, y2: number): number {
  return Math.floor(10 * Math.hypot(x1 - x2, y1 - y2)) / 10;
}

export function readSolomon(text: string, options: SolomonOptions = {}): PlanningProblem {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  let vehicles = 25;
  let capacity = 0;
  const rows: number[][] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^NUMBER\s+CAPACITY/i.test(line)) {
      const parts = (lines[i + 1] ?? '').split(/\s+/).map(Number);
      vehicles = parts[0] ?? 25;
      capacity = parts[1] ?? 0;
      continue;
    }
    const parts = line.split(/\s+/);
    if (parts.length === 7 && parts.every((p) => /^-?\d+(\.\d+)?$/.test(p))) rows.push(parts.map(Number));
  }
  if (rows.length < 2 || capacity <= 0) throw new Error('not a Solomon instance: expected a vehicle section and customer rows');
  const n = rows.length;
  const durations: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) row.push(truncatedDistance(rows[i]![1]!, rows[i]![2]!, rows[j]![1]!, rows[j]![2]!));
    durations.push(row);
  }
  const depot = rows[0]!;
  const staff: Staff[] = [];
  for (let k = 0; k < (options.vehicles ?? vehicles); k++) {
    staff.push({ id: `vehicle-${k + 1}`, start: { index: 0 }, end: { index: 0 }, shift: { start: depot[4]!, end: depot[5]! }, capacity });
  }
  const visits: Visit[] = rows.slice(1).map((r, i) => ({
    id: String(r[0] ?? i + 1),
    location: { index: i + 1 },
    duration: r[6]!,
    demand: r[3]!,
    windows: [{ start: r[4]!, end: r[5]! }],
  }));
  return {
    staff,
    visits,
    travel: { kind: 'matrix', durations },
    objective: { travelMinute: 0, travelDistance: 1, unplannedPenalty: 1e6 },
    // Times are distances to one decimal: rounding them to whole minutes would change the benchmark.
    wholeMinutes: false,
  };
}

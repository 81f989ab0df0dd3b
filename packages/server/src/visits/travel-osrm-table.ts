// The client of an OSRM-compatible table service (OSRM, Valhalla's OSRM mode, GraphHopper's matrix
// behind an adapter): the durations and distances between every pair of the day's points.
// https://project-osrm.org/docs/v5.24.0/api/#table-service
// OSRM refuses a table of more coordinates than its --max-table-size (100 by default), and a locality
// day has several hundred points, so a large table is asked for in blocks (sources x destinations),
// a few at a time; any block failing fails the whole, and the caller falls back to the road model.
import { z } from 'zod';
import type { GeoPoint } from '../staff/public.ts';

// Durations in seconds, distances in metres; null where the engine found no route between two points.
const tableAnswer = z.object({
  code: z.literal('Ok'),
  durations: z.array(z.array(z.number().nonnegative().nullable())),
  distances: z.array(z.array(z.number().nonnegative().nullable())).optional(),
});

export type OsrmTable = {
  /** Minutes; null where the engine found no route. */
  minutes: (number | null)[][];
  /** Kilometres; null where the engine found no route or gave no distances. */
  km: (number | null)[][];
};

export type FetchOsrmTableOptions = {
  /** The service's root, e.g. http://osrm.trust.internal:5000 */
  baseUrl: string;
  points: readonly GeoPoint[];
  /** For the whole table, however many requests it takes. */
  timeoutMs: number;
  /** The most coordinates one request may carry (OSRM's --max-table-size). */
  maxTableSize?: number;
  /** Injectable for tests that want a server of their own; globalThis.fetch otherwise. */
  fetch?: typeof globalThis.fetch;
};

const defaultMaxTableSize = 100;
const blocksAtOnce = 4;

/** Asks the service; throws (with a reason a log can carry) when it fails, times out or answers nonsense. */
export async function fetchOsrmTable(o: FetchOsrmTableOptions): Promise<OsrmTable> {
  const n = o.points.length;
  const minutes: (number | null)[][] = Array.from({ length: n }, () => Array<number | null>(n).fill(null));
  const km: (number | null)[][] = Array.from({ length: n }, () => Array<number | null>(n).fill(null));
  if (n === 0) return { minutes, km };
  const signal = AbortSignal.timeout(o.timeoutMs);
  const max = Math.max(2, o.maxTableSize ?? defaultMaxTableSize);
  const all = o.points.map((_, i) => i);
  // One request when the table fits; otherwise blocks of half the limit, each pair of blocks a request.
  const size = n <= max ? n : Math.floor(max / 2);
  const blocks: number[][] = [];
  for (let i = 0; i < n; i += size) blocks.push(all.slice(i, i + size));
  const jobs = blocks.flatMap((from) => blocks.map((to) => ({ from, to })));
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      await fetchBlock(o, signal, job.from, job.to, minutes, km);
    }
  };
  await Promise.all(Array.from({ length: Math.min(blocksAtOnce, jobs.length) }, worker));
  return { minutes, km };
}

async function fetchBlock(o: FetchOsrmTableOptions, signal: AbortSignal, from: number[], to: number[], minutes: (number | null)[][], km: (number | null)[][]): Promise<void> {
  const same = from === to;
  const indices = same ? from : [...from, ...to];
  // OSRM takes longitude first; 6 decimal places is 10 cm, more than any address needs.
  const coordinates = indices.map((i) => `${o.points[i]!.lon.toFixed(6)},${o.points[i]!.lat.toFixed(6)}`).join(';');
  const part = same ? '' : `&sources=${from.map((_, k) => k).join(';')}&destinations=${to.map((_, k) => from.length + k).join(';')}`;
  const url = `${o.baseUrl.replace(/\/+$/, '')}/table/v1/driving/${coordinates}?annotations=duration,distance${part}`;
  const response = await (o.fetch ?? globalThis.fetch)(url, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`the routing service answered ${response.status}`);
  const parsed = tableAnswer.safeParse(await response.json());
  if (!parsed.success) throw new Error('the routing service answered without a table');
  const { durations, distances } = parsed.data;
  const fits = (m: (number | null)[][]) => m.length === from.length && m.every((row) => row.length === to.length);
  if (!fits(durations) || (distances && !fits(distances))) throw new Error(`the routing service's table is not ${from.length} by ${to.length}`);
  from.forEach((i, r) => {
    to.forEach((j, c) => {
      const seconds = durations[r]![c]!;
      const metres = distances?.[r]![c] ?? null;
      minutes[i]![j] = seconds === null ? null : seconds / 60;
      km[i]![j] = metres === null ? null : metres / 1000;
    });
  });
}

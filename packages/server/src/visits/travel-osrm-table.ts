// The client of an OSRM-compatible table service (OSRM, Valhalla's OSRM mode, GraphHopper's matrix
// behind an adapter): one request for the durations and distances between every pair of points.
// https://project-osrm.org/docs/v5.24.0/api/#table-service
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
  timeoutMs: number;
  /** Injectable for tests that want a server of their own; globalThis.fetch otherwise. */
  fetch?: typeof globalThis.fetch;
};

/** Asks the service; throws (with a reason a log can carry) when it fails, times out or answers nonsense. */
export async function fetchOsrmTable(o: FetchOsrmTableOptions): Promise<OsrmTable> {
  const n = o.points.length;
  if (n === 0) return { minutes: [], km: [] };
  // OSRM takes longitude first; 6 decimal places is 10 cm, more than any address needs.
  const coordinates = o.points.map((p) => `${p.lon.toFixed(6)},${p.lat.toFixed(6)}`).join(';');
  const url = `${o.baseUrl.replace(/\/+$/, '')}/table/v1/driving/${coordinates}?annotations=duration,distance`;
  const response = await (o.fetch ?? globalThis.fetch)(url, { signal: AbortSignal.timeout(o.timeoutMs), headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`the routing service answered ${response.status}`);
  const parsed = tableAnswer.safeParse(await response.json());
  if (!parsed.success) throw new Error('the routing service answered without a table');
  const { durations, distances } = parsed.data;
  const square = (m: (number | null)[][]) => m.length === n && m.every((row) => row.length === n);
  if (!square(durations) || (distances && !square(distances))) throw new Error(`the routing service's table is not ${n} by ${n}`);
  return {
    minutes: durations.map((row) => row.map((s) => (s === null ? null : s / 60))),
    km: distances ? distances.map((row) => row.map((m) => (m === null ? null : m / 1000))) : durations.map((row) => row.map(() => null)),
  };
}

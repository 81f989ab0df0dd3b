// Travel times and distances for a day's points (bases, homes, patients): the planner's built-in
// road model by default, or a Trust's own routing engine (HOMEWARD_OSRM_URL) when it has one. An
// engine that fails or is slow never stops planning: the road model takes over, the failure is
// logged, and the plan says which model it was made with.
import { RoadTravelModel } from '@homeward/planner';
import type { HomewardConfig } from '../config.ts';
import type { GeoPoint } from '../staff/public.ts';
import { fetchOsrmTable } from './travel-osrm-table.ts';

export type TravelModelName = 'road' | 'osrm';

export type TravelMatrix = {
  model: TravelModelName;
  /** Why the road model was used although a routing service is set (null otherwise). */
  fallbackReason: string | null;
  /** minutes[i][j]: from point i to point j. */
  minutes: number[][];
  km: number[][];
};

/** What a plan records about its travel (VisitDayPlan.travel). */
export type PlanTravel = { model: TravelModelName; note: string | null };

export type TravelLogger = { warn: (detail: Record<string, unknown>, message: string) => void };

export type TravelBetweenOptions = {
  points: readonly GeoPoint[];
  config: Pick<HomewardConfig, 'osrmUrl' | 'osrmTimeoutMs'> & { osrmMaxTableSize?: number };
  log?: TravelLogger;
  fetch?: typeof globalThis.fetch;
};

/** The road model's matrix: great-circle distance x circuity, driven at road-band speeds. */
export function roadTravelBetween(points: readonly GeoPoint[]): TravelMatrix {
  const model = new RoadTravelModel(points.map((p) => ({ lat: p.lat, lon: p.lon })));
  const n = points.length;
  const minutes = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => model.duration(i, j)));
  const km = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => model.distance(i, j)));
  return { model: 'road', fallbackReason: null, minutes, km };
}

/** The matrix for these points, from the routing service when one is set and answers, else the road model. */
export async function travelBetween(o: TravelBetweenOptions): Promise<TravelMatrix> {
  if (!o.config.osrmUrl || o.points.length < 2) return roadTravelBetween(o.points);
  try {
    const options = {
      baseUrl: o.config.osrmUrl,
      points: o.points,
      timeoutMs: o.config.osrmTimeoutMs,
      ...(o.config.osrmMaxTableSize ? { maxTableSize: o.config.osrmMaxTableSize } : {}),
      ...(o.fetch ? { fetch: o.fetch } : {}),
    };
    const table = await fetchOsrmTable(options);
    // A pair the engine could not route (a ferry-only island, a point off the road network) gets
    // the road model's figure rather than leaving the planner a hole.
    const road = table.minutes.some((row) => row.includes(null)) || table.km.some((row) => row.includes(null)) ? roadTravelBetween(o.points) : null;
    return {
      model: 'osrm',
      fallbackReason: null,
      minutes: table.minutes.map((row, i) => row.map((m, j) => m ?? road!.minutes[i]![j]!)),
      km: table.km.map((row, i) => row.map((k, j) => k ?? road!.km[i]![j]!)),
    };
  } catch (error) {
    const reason = failureReason(error, o.config.osrmTimeoutMs);
    o.log?.warn({ osrmUrl: o.config.osrmUrl, points: o.points.length, reason }, 'Routing service failed: planning with the road model');
    return { ...roadTravelBetween(o.points), fallbackReason: reason };
  }
}

/** What the plan page says about the travel figures. */
export function planTravelOf(matrix: TravelMatrix): PlanTravel {
  if (matrix.model === 'osrm') return { model: 'osrm', note: null };
  return { model: 'road', note: matrix.fallbackReason === null ? null : `The routing service could not be used (${matrix.fallbackReason}): travel is estimated by the road model` };
}

function failureReason(error: unknown, timeoutMs: number): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  // fetch's own failures (refused, no such host) say only "fetch failed"; the cause names it.
  const cause = (error as { cause?: { code?: unknown } }).cause;
  if (typeof cause?.code === 'string') return `the routing service could not be reached (${cause.code})`;
  if (error instanceof SyntaxError) return 'the routing service answered without a table';
  return error.message;
}

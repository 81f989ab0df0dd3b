// The planner's travel for a day: what the planning job passes as the problem's `travel`, and how
// each staff start or end and each visit's place becomes a planner location. Without a routing
// service the planner's own road model is used directly (coordinates in, nothing fetched); with one,
// the day's distinct points are asked for once and the problem uses the matrix, or, when the service
// fails, the road model with the failure noted for the plan (VisitDayPlan.travel).
import type { Location, TravelSpec } from '@homeward/planner';
import type { GeoPoint } from '../staff/public.ts';
import { planTravelOf, travelBetween, type PlanTravel, type TravelBetweenOptions } from './travel-model.ts';

export type TravelForPlanning = {
  travel: TravelSpec;
  /** The planner location of a point of the day (one given in `points`). */
  locationOf: (point: GeoPoint) => Location;
  /** Goes on the plan: which model made the times, and why the road model stood in if it did. */
  planTravel: PlanTravel;
};

const keyOf = (p: GeoPoint) => `${p.lat.toFixed(6)},${p.lon.toFixed(6)}`;

/** `points`: every staff start and end and every visit place of the day, repeats allowed. */
export async function travelForPlanning(o: TravelBetweenOptions): Promise<TravelForPlanning> {
  if (!o.config.osrmUrl) return { travel: { kind: 'road' }, locationOf: (p) => ({ lat: p.lat, lon: p.lon }), planTravel: { model: 'road', note: null } };
  const index = new Map<string, number>();
  const distinct: GeoPoint[] = [];
  for (const p of o.points) {
    if (!index.has(keyOf(p))) {
      index.set(keyOf(p), distinct.length);
      distinct.push(p);
    }
  }
  const matrix = await travelBetween({ ...o, points: distinct });
  const planTravel = planTravelOf(matrix);
  if (matrix.model === 'road') return { travel: { kind: 'road' }, locationOf: (p) => ({ lat: p.lat, lon: p.lon }), planTravel };
  return {
    travel: { kind: 'matrix', durations: matrix.minutes, distances: matrix.km },
    locationOf: (p) => {
      const i = index.get(keyOf(p));
      if (i === undefined) throw new Error(`A point not given to travelForPlanning: ${keyOf(p)}`);
      return { index: i };
    },
    planTravel,
  };
}

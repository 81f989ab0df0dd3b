// Travel between locations, behind one interface: an explicit matrix (which is also how an
// OSRM-compatible table service's answer plugs in), or the built-in road model for coordinates.
import type { Location, PlanningProblem, SpeedBand } from './problem.ts';

export interface TravelModel {
  readonly locationCount: number;
  /** Minutes from location `from` to location `to` (indices from `locationIndex`). */
  duration(from: number, to: number): number;
  /** Distance (km for the road model, the matrix's unit otherwise). */
  distance(from: number, to: number): number;
}

export const defaultCircuityFactor = 1.3;

/** Rural, B-road, A-road, motorway-ish speeds: longer trips use faster roads. */
export const defaultSpeedBands: SpeedBand[] = [
  { upToKm: 2, kmPerHour: 20 },
  { upToKm: 8, kmPerHour: 35 },
  { upToKm: 25, kmPerHour: 50 },
  { upToKm: Number.POSITIVE_INFINITY, kmPerHour: 70 },
];

const earthRadiusKm = 6371.0088;

export function greatCircleKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const toRad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRad;
  const dLon = (b.lon - a.lon) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Minutes to drive `km` of road: each band's stretch at that band's speed. */
export function roadMinutes(km: number, bands: SpeedBand[]): number {
  let minutes = 0;
  let covered = 0;
  for (const band of bands) {
    if (covered >= km) break;
    const stretch = Math.min(km, band.upToKm) - covered;
    if (stretch > 0) {
      minutes += (stretch / band.kmPerHour) * 60;
      covered += stretch;
    }
  }
  return minutes;
}

export class MatrixTravelModel implements TravelModel {
  readonly locationCount: number;
  readonly #durations: Float64Array;
  readonly #distances: Float64Array;

  constructor(durations: number[][], distances?: number[][]) {
    const n = durations.length;
    this.locationCount = n;
    this.#durations = new Float64Array(n * n);
    this.#distances = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        this.#durations[i * n + j] = durations[i]![j]!;
        this.#distances[i * n + j] = (distances ?? durations)[i]![j]!;
      }
    }
  }

  duration(from: number, to: number): number {
    return this.#durations[from * this.locationCount + to]!;
  }

  distance(from: number, to: number): number {
    return this.#distances[from * this.locationCount + to]!;
  }
}

export type RoadModelOptions = { circuityFactor?: number; speedBands?: SpeedBand[] };

export class RoadTravelModel implements TravelModel {
  readonly locationCount: number;
  readonly #km: Float64Array;
  readonly #minutes: Float64Array;

  constructor(points: { lat: number; lon: number }[], options: RoadModelOptions = {}) {
    const n = points.length;
    const circuity = options.circuityFactor ?? defaultCircuityFactor;
    const bands = options.speedBands ?? defaultSpeedBands;
    this.locationCount = n;
    this.#km = new Float64Array(n * n);
    this.#minutes = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const km = greatCircleKm(points[i]!, points[j]!) * circuity;
        this.#km[i * n + j] = km;
        this.#minutes[i * n + j] = roadMinutes(km, bands);
      }
    }
  }

  duration(from: number, to: number): number {
    return this.#minutes[from * this.locationCount + to]!;
  }

  distance(from: number, to: number): number {
    return this.#km[from * this.locationCount + to]!;
  }
}

/** The matrix index a location resolves to, given the travel model in use. */
export type LocationIndexer = (location: Location) => number;

/**
 * Builds the travel model for a (validated) problem. For a matrix, locations are matrix indices;
 * for the road model, every distinct coordinate pair gets an index in order of first appearance.
 */
export function buildTravelModel(problem: PlanningProblem): { model: TravelModel; locationIndex: LocationIndexer } {
  const travel = problem.travel;
  if (travel.kind === 'matrix') {
    return {
      model: new MatrixTravelModel(travel.durations, travel.distances),
      locationIndex: (location) => ('index' in location ? location.index : -1),
    };
  }
  const keyOf = (location: Location) => ('lat' in location ? `${location.lat},${location.lon}` : `#${location.index}`);
  const indexByKey = new Map<string, number>();
  const points: { lat: number; lon: number }[] = [];
  const add = (location: Location) => {
    const key = keyOf(location);
    if (!indexByKey.has(key) && 'lat' in location) {
      indexByKey.set(key, points.length);
      points.push({ lat: location.lat, lon: location.lon });
    }
  };
  for (const s of problem.staff) {
    add(s.start);
    add(s.end);
  }
  for (const v of problem.visits) add(v.location);
  const options: RoadModelOptions = {};
  if (travel.circuityFactor !== undefined) options.circuityFactor = travel.circuityFactor;
  if (travel.speedBands !== undefined) options.speedBands = travel.speedBands;
  return {
    model: new RoadTravelModel(points, options),
    locationIndex: (location) => indexByKey.get(keyOf(location)) ?? -1,
  };
}

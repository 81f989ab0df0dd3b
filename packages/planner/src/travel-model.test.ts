import { describe, expect, it } from 'vitest';
import { defaultSpeedBands, greatCircleKm, RoadTravelModel, roadMinutes } from './travel-model.ts';
import { truncatedDistance } from './read-solomon.ts';

describe('travel models', () => {
  it('measures great-circle distance (London to Paris is about 344 km)', () => {
    const km = greatCircleKm({ lat: 51.5074, lon: -0.1278 }, { lat: 48.8566, lon: 2.3522 });
    expect(km).toBeGreaterThan(342);
    expect(km).toBeLessThan(345);
  });

  it('drives each stretch at its band speed', () => {
    // 2 km at 20, 6 km at 35, 2 km at 50 km/h.
    expect(roadMinutes(10, defaultSpeedBands)).toBeCloseTo(6 + (6 / 35) * 60 + (2 / 50) * 60, 9);
    expect(roadMinutes(0, defaultSpeedBands)).toBe(0);
  });

  it('applies the circuity factor', () => {
    const model = new RoadTravelModel([{ lat: 52.6, lon: 1.3 }, { lat: 52.7, lon: 1.3 }], { circuityFactor: 1.5 });
    expect(model.distance(0, 1)).toBeCloseTo(1.5 * greatCircleKm({ lat: 52.6, lon: 1.3 }, { lat: 52.7, lon: 1.3 }), 9);
    expect(model.duration(0, 0)).toBe(0);
  });

  it('truncates Solomon distances to one decimal (DIMACS)', () => {
    expect(truncatedDistance(0, 0, 1, 1)).toBe(1.4);
    expect(truncatedDistance(40, 50, 45, 68)).toBe(18.6);
  });
});

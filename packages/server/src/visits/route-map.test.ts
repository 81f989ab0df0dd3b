import { describe, expect, it } from 'vitest';
import { buildRouteMap, routeStyle, type BuildRouteMapOptions } from './route-map.ts';
import type { PlannedVisit, StaffRoute, VisitDayPlan } from './visit-day-types.ts';

const base = { lat: 53.0246, lon: -2.1754 };
const homes: Record<string, { lat: number; lon: number } | null> = {
  v1: { lat: 53.059, lon: -2.211 },
  v2: { lat: 53.045, lon: -2.199 },
  v3: { lat: 53.105, lon: -2.023 },
  v4: { lat: 53.012, lon: -2.227 },
  v5: null,
};
const names: Record<string, string> = { v1: 'Ada Lovelace', v2: 'Mary Seacole', v3: 'Ann <Smith> & Co', v4: 'Edith Cavell', v5: 'Grace Hopper' };

const stop = (visitId: string, start: string, end: string, travelMinutes = 12, distanceKm = 5.25): PlannedVisit => ({
  visitId, arrival: start, start, end, travelMinutes, distanceKm, lateMinutes: 0, withStaffId: null,
});
const route = (staffId: string, stops: PlannedVisit[]): StaffRoute => ({ staffId, leave: '08:45', return: '16:30', stops, breaks: [], travelMinutes: 50, distanceKm: 21.4 });

function plan(routes: StaffRoute[]): VisitDayPlan {
  return {
    teamId: 't1', date: '2026-12-07', madeAt: '2026-12-06T18:00:00Z', jobId: null, routes, unplanned: [],
    totals: { travelMinutes: 0, distanceKm: 0, visitsPlanned: 0, visitsUnplanned: 0, visitsPerPerson: 0, continuityPercent: null, inWindowPercent: null },
    objective: null,
  };
}

function options(routes: StaffRoute[]): BuildRouteMapOptions {
  return {
    plan: plan(routes),
    visits: new Map(Object.keys(homes).map((id) => [id, { patientName: names[id]!, point: homes[id]! }])),
    staff: new Map([
      ['s1', { name: 'Priya Shah', start: base, end: base }],
      ['s2', { name: 'Tom O’Neill', start: { lat: 53.09, lon: -2.1 }, end: base }],
      ['s3', { name: 'Jo Bloggs', start: base, end: base }],
    ]),
    bases: [{ name: 'Hanley base', point: base }],
  };
}

const twoRoutes = [
  route('s1', [stop('v1', '09:00', '09:45'), stop('v2', '10:00', '10:30', 7, 2.04)]),
  route('s2', [stop('v3', '09:15', '10:00'), stop('v5', '10:30', '11:00'), stop('v4', '11:30', '12:00')]),
];

/** Every x,y the SVG places something at: translate()s and path coordinates. */
function placedPoints(svg: string): Array<[number, number]> {
  const translates = [...svg.matchAll(/translate\(([-\d.]+),([-\d.]+)\)/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]);
  const lines = [...svg.matchAll(/<path class="hw-route-map__line" d="(M[^"]+)" fill="none"/g)].flatMap((m) =>
    [...m[1]!.matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((c) => [Number(c[1]), Number(c[2])] as [number, number]),
  );
  return [...translates, ...lines];
}

describe('the route map', () => {
  it('draws one route line per clinician with visits, in their own colour and shape', () => {
    const map = buildRouteMap(options(twoRoutes));
    const lines = [...map.svg.matchAll(/<path class="hw-route-map__line" d="M[^"]+" fill="none" stroke="([^"]+)"/g)];
    expect(lines.map((m) => m[1])).toEqual([routeStyle(0).colour, routeStyle(1).colour]);
    expect(routeStyle(0).shape).not.toBe(routeStyle(1).shape);
    expect(map.legend.map((l) => [l.clinician, l.stops, l.shape])).toEqual([['Priya Shah', 2, 'circle'], ['Tom O’Neill', 3, 'square']]);
  });

  it('starts and ends each line at the clinician’s start and end points, through each placed stop', () => {
    const map = buildRouteMap(options(twoRoutes));
    const d = /<path class="hw-route-map__line" d="(M[^"]+)" fill="none"/.exec(map.svg)![1]!;
    // base, v1, v2, base
    expect(d.match(/[ML]/g)).toHaveLength(4);
    expect(d.startsWith('M')).toBe(true);
    const coords = [...d.matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((m) => `${m[1]},${m[2]}`);
    expect(coords[0]).toBe(coords[3]);
  });

  it('places every point inside the view box, with the margin kept', () => {
    const map = buildRouteMap(options(twoRoutes));
    expect(map.svg).toContain(`viewBox="0 0 ${map.width} ${map.height}"`);
    const points = placedPoints(map.svg);
    expect(points.length).toBeGreaterThan(8);
    for (const [x, y] of points) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(map.width);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(map.height);
    }
    // The fit uses the space: the farthest points reach the margins on one axis at least.
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    expect(Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys))).toBeGreaterThan(400);
  });

  it('keeps north up and east to the right', () => {
    const map = buildRouteMap(options([route('s1', [stop('v3', '09:00', '09:30'), stop('v4', '10:00', '10:30')])]));
    // Leek (v3) is north-east of Newcastle (v4).
    const stops = [...map.svg.matchAll(/class="hw-route-map__stop" transform="translate\(([-\d.]+),([-\d.]+)\)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(stops[0]![0]).toBeGreaterThan(stops[1]![0]!);
    expect(stops[0]![1]).toBeLessThan(stops[1]![1]!);
  });

  it('numbers the stops in order and names them for screen readers, escaping what it is given', () => {
    const map = buildRouteMap(options(twoRoutes));
    const numbers = [...map.svg.matchAll(/<text text-anchor="middle" dy="0.35em"[^>]*>(\d+)<\/text>/g)].map((m) => m[1]);
    expect(numbers).toEqual(['1', '2', '1', '3']);
    expect(map.svg).toContain('<title>Stop 2 for Priya Shah: Mary Seacole, 10:00</title>');
    expect(map.svg).toContain('<title>Stop 1 for Tom O’Neill: Ann &lt;Smith&gt; &amp; Co, 09:15</title>');
    expect(map.svg).not.toContain('<Smith>');
    expect(map.svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="route-map-title route-map-desc"/);
    expect(map.svg).toContain('<title id="route-map-title">Map of 2 routes on 2026-12-07</title>');
    expect(map.svg).toContain('2 clinicians’ routes with 4 numbered stops, and the base marked with a star. 1 patient is not placed on the map.');
  });

  it('draws a scale bar of a round distance', () => {
    const map = buildRouteMap(options(twoRoutes));
    // The points span about 13 km across 536 px, so a quarter of the width is 3 to 4 km: the bar says 2 km.
    expect(map.svg).toMatch(/<g class="hw-route-map__scale" aria-hidden="true">.*>2 km<\/text><\/g>/);
  });

  it('marks the base and names it', () => {
    const map = buildRouteMap(options(twoRoutes));
    expect(map.svg.match(/class="hw-route-map__base"/g)).toHaveLength(1);
    expect(map.svg).toContain('<title>Base: Hanley base</title>');
    expect(map.geo.bases).toEqual([{ name: 'Hanley base', lat: base.lat, lon: base.lon }]);
  });

  it('lists every stop in the table, an unplaced patient too, said to be not placed', () => {
    const map = buildRouteMap(options(twoRoutes));
    expect(map.rows.map((r) => [r.clinician, r.order, r.patient, r.time, r.travel, r.placed])).toEqual([
      ['Priya Shah', 1, 'Ada Lovelace', '09:00 to 09:45', '12 min, 5.3 km', true],
      ['Priya Shah', 2, 'Mary Seacole', '10:00 to 10:30', '7 min, 2.0 km', true],
      ['Tom O’Neill', 1, 'Ann <Smith> & Co', '09:15 to 10:00', '12 min, 5.3 km', true],
      ['Tom O’Neill', 2, 'Grace Hopper', '10:30 to 11:00', '12 min, 5.3 km', false],
      ['Tom O’Neill', 3, 'Edith Cavell', '11:30 to 12:00', '12 min, 5.3 km', true],
    ]);
    expect(map.notPlaced).toEqual(['Grace Hopper']);
  });

  it('shows only the clinicians asked for (a run sheet)', () => {
    const map = buildRouteMap({ ...options(twoRoutes), onlyStaffIds: ['s2'] });
    expect(map.legend.map((l) => l.staffId)).toEqual(['s2']);
    expect(map.rows.every((r) => r.staffId === 's2')).toBe(true);
    expect(map.svg.match(/class="hw-route-map__line"/g)).toHaveLength(1);
  });

  it('fans out two stops at one place so both numbers show', () => {
    const pair = [route('s1', [stop('v1', '09:00', '09:45')]), route('s3', [stop('v1', '09:00', '09:45')])];
    const map = buildRouteMap(options(pair));
    const stops = [...map.svg.matchAll(/class="hw-route-map__stop" transform="translate\(([-\d.]+),([-\d.]+)\)"/g)].map((m) => `${m[1]},${m[2]}`);
    expect(stops).toHaveLength(2);
    expect(stops[0]).not.toBe(stops[1]);
  });

  it('draws a day of one visit at the base without dividing by nothing', () => {
    const o = options([route('s1', [stop('v1', '09:00', '09:45')])]);
    const map = buildRouteMap({ ...o, visits: new Map([['v1', { patientName: 'At the base', point: base }]]) });
    for (const [x, y] of placedPoints(map.svg)) {
      expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(map.width);
    }
  });

  it('says so when nothing is planned, and when nothing at all has coordinates', () => {
    const empty = buildRouteMap({ ...options([]), bases: [] });
    expect(empty.svg).toContain('No visits planned');
    expect(empty.svg).toContain('<desc id="route-map-desc">No visits are planned on this day.</desc>');
    expect(empty.geo.bounds).toBeNull();
    expect(empty.svg).not.toContain('NaN');
  });

  it('gives the optional base map the same routes in latitude and longitude', () => {
    const map = buildRouteMap(options(twoRoutes));
    expect(map.geo.routes[0]!.line).toEqual([[base.lat, base.lon], [53.059, -2.211], [53.045, -2.199], [base.lat, base.lon]]);
    expect(map.geo.routes[1]!.stops.map((s) => s.order)).toEqual([1, 3]);
    expect(map.geo.bounds).toEqual([[53.012, -2.227], [53.105, -2.023]]);
  });
});

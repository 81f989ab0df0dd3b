// The day's routes as a map drawn on the server: an SVG of each clinician's route over the patients'
// and bases' coordinates, with the data table beside it. Pure (no I/O, no network): the projection is
// fitted to the day's points with d3-geo, so the map works offline, prints, and needs no script. A
// Trust with a tile server gets a real base map under the same data (route-map.njk, static/route-map.js).
// Colour is never the only cue: each clinician also has a marker shape and a line pattern, stops are
// numbered, and the table carries every figure for screen readers.
import { geoDistance, geoMercator } from 'd3-geo';
import { symbol, symbolCircle, symbolDiamond, symbolSquare, symbolStar, symbolTriangle, symbolWye, symbolCross, type SymbolType } from 'd3-shape';
import type { GeoPoint } from '../staff/public.ts';
import type { VisitDayPlan } from './visit-day-types.ts';

export type RouteMapVisit = { patientName: string; point: GeoPoint | null };
export type RouteMapStaff = { name: string; start: GeoPoint | null; end: GeoPoint | null };

export type BuildRouteMapOptions = {
  plan: VisitDayPlan;
  /** Each planned visit's patient and where they are seen (null: not placed yet). */
  visits: ReadonlyMap<string, RouteMapVisit>;
  /** Each member of staff on the plan: name, and where their day starts and ends. */
  staff: ReadonlyMap<string, RouteMapStaff>;
  /** The team's bases, marked on the map. */
  bases: readonly { name: string; point: GeoPoint }[];
  /** Only these clinicians' routes (a run sheet shows one); all when absent. */
  onlyStaffIds?: readonly string[];
  width?: number;
  height?: number;
  /** Prefixes the SVG's ids, for a page with more than one map. */
  idPrefix?: string;
};

export type RouteMapStyle = { colour: string; shape: string; dash: string | null; shapePath: string };

export type RouteMapRow = {
  staffId: string;
  clinician: string;
  /** 1, 2, 3... in the clinician's day. */
  order: number;
  visitId: string;
  patient: string;
  /** 'HH:MM to HH:MM' */
  time: string;
  travel: string;
  placed: boolean;
};

export type RouteMapLegendEntry = RouteMapStyle & { staffId: string; clinician: string; stops: number; travel: string };

/** The same data for the optional base map (Leaflet works in latitude and longitude). */
export type RouteMapGeo = {
  bounds: [[number, number], [number, number]] | null;
  bases: { name: string; lat: number; lon: number }[];
  routes: { staffId: string; clinician: string; colour: string; dash: string | null; line: [number, number][]; stops: { order: number; lat: number; lon: number; label: string }[] }[];
};

export type RouteMap = {
  svg: string;
  /** The base's star, for the key. */
  baseShapePath: string;
  width: number;
  height: number;
  rows: RouteMapRow[];
  legend: RouteMapLegendEntry[];
  /** Patients on the plan with no coordinates, who are in the table but not on the map. */
  notPlaced: string[];
  geo: RouteMapGeo;
};

/**
 * Dark enough for white numbers on them and for 3:1 against the white map (WCAG 1.4.11), and told apart
 * by the common colour-vision deficiencies as far as eight colours can be; the shapes and line
 * patterns carry the difference where they cannot.
 */
const colours = ['#005eb8', '#a33a00', '#007f3b', '#7c2855', '#7a5c00', '#330072', '#006f66', '#425563'];
const shapes: { name: string; type: SymbolType }[] = [
  { name: 'circle', type: symbolCircle },
  { name: 'square', type: symbolSquare },
  { name: 'triangle', type: symbolTriangle },
  { name: 'diamond', type: symbolDiamond },
  { name: 'cross', type: symbolCross },
  { name: 'wye', type: symbolWye },
];
const dashes: (string | null)[] = [null, '10 5', '3 4', '12 4 3 4', '6 6', '2 6'];

/** The nth clinician's colour, shape and line: combinations repeat only after 24 people. */
export function routeStyle(n: number, markerArea = 560): RouteMapStyle {
  const shape = shapes[n % shapes.length]!;
  return {
    colour: colours[n % colours.length]!,
    shape: shape.name,
    dash: dashes[Math.floor(n / colours.length) % dashes.length] ?? null,
    shapePath: symbol(shape.type, markerArea)() ?? '',
  };
}

const basePath = symbol(symbolStar, 640)() ?? '';

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const round1 = (n: number) => Math.round(n * 10) / 10;
const px = (n: number) => String(round1(n));

function travelText(minutes: number, km: number): string {
  return `${Math.round(minutes)} min, ${round1(km).toFixed(1)} km`;
}

/** A box at least this wide (degrees, about 1 km) so one patient, or one street, is not a single pixel blown up. */
const minimumSpanDegrees = 0.01;

export function buildRouteMap(o: BuildRouteMapOptions): RouteMap {
  // Near a phone's width, so the numbers stay readable when the drawing is scaled to fit one.
  const width = o.width ?? 600;
  const height = o.height ?? 480;
  const pad = 32;
  const only = o.onlyStaffIds ? new Set(o.onlyStaffIds) : null;
  const routes = o.plan.routes.filter((r) => r.stops.length > 0 && (only === null || only.has(r.staffId)));

  // Every point to fit: the bases, each route's start and end, each placed stop.
  const points: GeoPoint[] = o.bases.map((b) => b.point);
  for (const route of routes) {
    const s = o.staff.get(route.staffId);
    if (s?.start) points.push(s.start);
    if (s?.end) points.push(s.end);
    for (const stop of route.stops) {
      const p = o.visits.get(stop.visitId)?.point;
      if (p) points.push(p);
    }
  }

  const projection = geoMercator();
  if (points.length > 0) {
    let [west, east, south, north] = [Infinity, -Infinity, Infinity, -Infinity];
    for (const p of points) {
      west = Math.min(west, p.lon);
      east = Math.max(east, p.lon);
      south = Math.min(south, p.lat);
      north = Math.max(north, p.lat);
    }
    const lonPad = Math.max(0, minimumSpanDegrees - (east - west)) / 2;
    const latPad = Math.max(0, minimumSpanDegrees - (north - south)) / 2;
    projection.fitExtent(
      [[pad, pad], [width - pad, height - pad]],
      { type: 'MultiPoint', coordinates: [[west - lonPad, south - latPad], [east + lonPad, north + latPad]] },
    );
  }
  const xy = (p: GeoPoint): [number, number] => {
    const [x, y] = projection([p.lon, p.lat]) ?? [width / 2, height / 2];
    return [x, y];
  };

  const rows: RouteMapRow[] = [];
  const legend: RouteMapLegendEntry[] = [];
  const notPlaced: string[] = [];
  const geo: RouteMapGeo = { bounds: null, bases: o.bases.map((b) => ({ name: b.name, lat: b.point.lat, lon: b.point.lon })), routes: [] };
  const routeParts: string[] = [];
  const markerParts: string[] = [];
  // Two stops drawn on one spot (a visit in pairs, or neighbours) are fanned out so each number shows.
  const used = new Map<string, number>();
  const place = (x: number, y: number): [number, number] => {
    const key = `${Math.round(x / 6)},${Math.round(y / 6)}`;
    const n = used.get(key) ?? 0;
    used.set(key, n + 1);
    if (n === 0) return [x, y];
    const angle = (n - 1) * (Math.PI / 3);
    return [x + 22 * Math.cos(angle), y + 22 * Math.sin(angle)];
  };

  routes.forEach((route, n) => {
    const style = routeStyle(n);
    const staff = o.staff.get(route.staffId);
    const clinician = staff?.name ?? 'Unknown member of staff';
    const line: GeoPoint[] = [];
    if (staff?.start) line.push(staff.start);
    const stopMarkers: string[] = [];
    const geoStops: RouteMapGeo['routes'][number]['stops'] = [];
    route.stops.forEach((stop, i) => {
      const visit = o.visits.get(stop.visitId);
      const patient = visit?.patientName ?? 'Unknown patient';
      const order = i + 1;
      const placed = Boolean(visit?.point);
      rows.push({
        staffId: route.staffId,
        clinician,
        order,
        visitId: stop.visitId,
        patient,
        time: `${stop.start} to ${stop.end}`,
        travel: travelText(stop.travelMinutes, stop.distanceKm),
        placed,
      });
      if (!visit?.point) {
        if (!notPlaced.includes(patient)) notPlaced.push(patient);
        return;
      }
      line.push(visit.point);
      const [x, y] = place(...xy(visit.point));
      const label = `Stop ${order} for ${clinician}: ${patient}, ${stop.start}`;
      geoStops.push({ order, lat: visit.point.lat, lon: visit.point.lon, label });
      stopMarkers.push(
        `<g class="hw-route-map__stop" transform="translate(${px(x)},${px(y)})"><title>${escapeXml(label)}</title>` +
          `<path d="${style.shapePath}" fill="${style.colour}" stroke="#ffffff" stroke-width="1.5"/>` +
          `<text text-anchor="middle" dy="0.35em" font-size="14" font-weight="bold" fill="#ffffff">${order}</text></g>`,
      );
    });
    if (staff?.end) line.push(staff.end);
    const d = line.map((p, i) => `${i === 0 ? 'M' : 'L'}${px(xy(p)[0])},${px(xy(p)[1])}`).join('');
    const stops = route.stops.length;
    const title = `${clinician}: ${stops} ${stops === 1 ? 'visit' : 'visits'}, ${travelText(route.travelMinutes, route.distanceKm)} travel`;
    routeParts.push(
      `<g class="hw-route-map__route" data-staff-id="${escapeXml(route.staffId)}"><title>${escapeXml(title)}</title>` +
        (line.length >= 2
          ? `<path class="hw-route-map__line" d="${d}" fill="none" stroke="${style.colour}" stroke-width="3" stroke-linejoin="round" stroke-linecap="round"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`
          : '') +
        `</g>`,
    );
    markerParts.push(...stopMarkers);
    legend.push({ ...style, staffId: route.staffId, clinician, stops, travel: travelText(route.travelMinutes, route.distanceKm) });
    geo.routes.push({
      staffId: route.staffId,
      clinician,
      colour: style.colour,
      dash: style.dash,
      line: line.map((p) => [p.lat, p.lon]),
      stops: geoStops,
    });
  });

  const baseParts = o.bases.map((b) => {
    const [x, y] = xy(b.point);
    return (
      `<g class="hw-route-map__base" transform="translate(${px(x)},${px(y)})"><title>${escapeXml(`Base: ${b.name}`)}</title>` +
      `<path d="${basePath}" fill="#212b32" stroke="#ffffff" stroke-width="1.5"/>` +
      `<text x="14" dy="0.35em" font-size="13" font-weight="bold" fill="#212b32" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(b.name)}</text></g>`
    );
  });

  const scale = points.length > 0 ? scaleBar(projection, width, height) : '';

  if (points.length > 0) {
    const lats = points.map((p) => p.lat);
    const lons = points.map((p) => p.lon);
    geo.bounds = [[Math.min(...lats), Math.min(...lons)], [Math.max(...lats), Math.max(...lons)]];
  }

  const visitsShown = rows.filter((r) => r.placed).length;
  const label = `Map of ${routes.length} ${routes.length === 1 ? 'route' : 'routes'} on ${o.plan.date}`;
  const desc =
    routes.length === 0
      ? 'No visits are planned on this day.'
      : `${routes.length === 1 ? 'One clinician’s route' : `${routes.length} clinicians’ routes`} with ${visitsShown} numbered ${visitsShown === 1 ? 'stop' : 'stops'}` +
        (o.bases.length ? `, and the ${o.bases.length === 1 ? 'base' : 'bases'} marked with a star` : '') +
        (notPlaced.length ? `. ${notPlaced.length} ${notPlaced.length === 1 ? 'patient is' : 'patients are'} not placed on the map` : '') +
        '. The table with the map lists every stop in order with its time and travel.';
  const id = escapeXml(o.idPrefix ?? 'route-map');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" class="hw-route-map__svg" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="100%" focusable="false">` +
    `<title id="${id}-title">${escapeXml(label)}</title><desc id="${id}-desc">${escapeXml(desc)}</desc>` +
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff" stroke="#d8dde0"/>` +
    routeParts.join('') +
    baseParts.join('') +
    markerParts.join('') +
    scale +
    (routes.length === 0 ? `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" font-size="16" fill="#4c6272">No visits planned</text>` : '') +
    `</svg>`;
  return { svg, baseShapePath: basePath, width, height, rows, legend, notPlaced, geo };
}

/** A scale bar in the bottom corner: the longest round distance under a quarter of the width. */
function scaleBar(projection: ReturnType<typeof geoMercator>, width: number, height: number): string {
  const y = height - 14;
  const x0 = 12;
  const a = projection.invert?.([x0, y]);
  const b = projection.invert?.([x0 + width / 4, y]);
  if (!a || !b) return '';
  const quarterKm = geoDistance(a, b) * 6371.0088;
  if (!(quarterKm > 0)) return '';
  const nice = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200].filter((km) => km <= quarterKm).at(-1) ?? quarterKm;
  const length = (nice / quarterKm) * (width / 4);
  const label = nice < 1 ? `${Math.round(nice * 1000)} m` : `${nice} km`;
  return (
    `<g class="hw-route-map__scale" aria-hidden="true"><path d="M${x0},${y - 5}V${y}H${px(x0 + length)}V${y - 5}" fill="none" stroke="#4c6272" stroke-width="2"/>` +
    `<text x="${px(x0 + length + 6)}" y="${y}" font-size="13" fill="#212b32">${label}</text></g>`
  );
}

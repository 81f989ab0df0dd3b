// What the route map needs besides the plan: where each planned visit is (the patient's home, or the
// team's base for a clinic or ward visit), who each clinician is and where their day starts and
// ends (the rota: base or home), and the team's bases. Two or three queries whatever the day's size.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import type { GeoPoint } from '../staff/public.ts';
import type { RouteMapStaff, RouteMapVisit } from './route-map.ts';
import type { VisitDayPlan } from './visit-day-types.ts';

const point = (lat: number | null, lon: number | null): GeoPoint | null => (lat === null || lon === null ? null : { lat, lon });

// The parts of a stored plan the map reads, checked so a plan saved by an older version (or mended
// by hand) is refused in words rather than drawn wrongly.
const storedPlan = z.looseObject({
  teamId: z.string(),
  date: z.string(),
  routes: z.array(
    z.looseObject({
      staffId: z.string(),
      stops: z.array(z.looseObject({ visitId: z.string(), start: z.string(), end: z.string(), travelMinutes: z.number(), distanceKm: z.number() })),
      travelMinutes: z.number(),
      distanceKm: z.number(),
    }),
  ),
});

export type PublishedPlan = { plan: VisitDayPlan; publishedAt: Date; version: number };

/** The team's published plan for the day, or null when none is published (or it cannot be read). */
export async function findPublishedPlan(db: Kysely<Database>, o: { teamId: string; date: string }): Promise<PublishedPlan | null> {
  const row = await db
    .selectFrom('visit_plans')
    .select(['published', 'published_at', 'version'])
    .where('team_id', '=', o.teamId)
    .where('on_date', '=', o.date)
    .where('published', 'is not', null)
    .executeTakeFirst();
  if (!row?.published || !row.published_at) return null;
  const parsed = storedPlan.safeParse(row.published);
  if (!parsed.success) return null;
  return { plan: parsed.data as unknown as VisitDayPlan, publishedAt: new Date(row.published_at), version: row.version };
}

export type RouteMapFacts = {
  /** Planned visits by id, each with its patient (for the audit) and where it happens. */
  visits: Map<string, RouteMapVisit & { patientId: string }>;
  staff: Map<string, RouteMapStaff>;
  bases: { name: string; point: GeoPoint }[];
};

export async function loadRouteMapFacts(db: Kysely<Database>, o: { teamId: string; plan: VisitDayPlan }): Promise<RouteMapFacts> {
  const visitIds = o.plan.routes.flatMap((r) => r.stops.map((s) => s.visitId));
  const staffIds = o.plan.routes.map((r) => r.staffId);
  const team = await db.selectFrom('teams').select(['base_location', 'base_latitude', 'base_longitude']).where('id', '=', o.teamId).executeTakeFirst();
  const teamBase = point(team?.base_latitude ?? null, team?.base_longitude ?? null);

  const visitRows = visitIds.length
    ? await db
        .selectFrom('visits')
        .innerJoin('patients', 'patients.id', 'visits.patient_id')
        .select(['visits.id', 'visits.place', 'patients.id as patient_id', 'patients.given_name', 'patients.family_name', 'patients.latitude', 'patients.longitude'])
        .where('visits.id', 'in', visitIds)
        .where('visits.team_id', '=', o.teamId)
        .execute()
    : [];
  const visits = new Map<string, RouteMapVisit & { patientId: string }>();
  for (const v of visitRows) {
    visits.set(v.id, {
      patientId: v.patient_id,
      patientName: `${v.given_name} ${v.family_name}`,
      // A clinic or ward visit is at the team's base: the only place Homeward knows for it.
      point: v.place === 'home' ? point(v.latitude, v.longitude) : teamBase,
    });
  }

  const staffRows = staffIds.length
    ? await db
        .selectFrom('staff')
        .leftJoin('rota_patterns', 'rota_patterns.staff_id', 'staff.id')
        .select([
          'staff.id',
          'staff.given_name',
          'staff.family_name',
          'rota_patterns.starts_from',
          'rota_patterns.base_name',
          'rota_patterns.base_latitude',
          'rota_patterns.base_longitude',
        ])
        .where('staff.id', 'in', staffIds)
        .execute()
    : [];
  const staff = new Map<string, RouteMapStaff>();
  const bases = new Map<string, { name: string; point: GeoPoint }>();
  if (teamBase) bases.set(`${teamBase.lat},${teamBase.lon}`, { name: team?.base_location ?? 'Base', point: teamBase });
  for (const s of staffRows) {
    const ownBase = point(s.base_latitude, s.base_longitude);
    if (ownBase) bases.set(`${ownBase.lat},${ownBase.lon}`, bases.get(`${ownBase.lat},${ownBase.lon}`) ?? { name: s.base_name ?? 'Base', point: ownBase });
    const base = ownBase ?? teamBase;
    // Someone who starts from home is drawn from their first visit: a colleague's home address is not
    // the team's to see, and a line ending there would show it.
    const from = s.starts_from === 'home' ? null : base;
    staff.set(s.id, { name: `${s.given_name} ${s.family_name}`, start: from, end: from });
  }
  return { visits, staff, bases: [...bases.values()] };
}

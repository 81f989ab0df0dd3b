// The published plan's map for a day (/visits/map?date=), and its JSON twin. For the team's lead and
// its clinicians with team-wide access (the same rule as the team's caseload: support workers and
// students see their own run sheet instead); each patient shown is audited, before anything is sent.
// The plan page and the run sheet include the same partial (visits/pages/route-map.njk).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { addCalendarDays, formatDisplayDate, isoDateToParts, parseDateParts, ukDateOf } from '@homeward/clinical';
import { actorOf, auditAs, type Actor } from '../platform/actor.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { errorResponse } from '../platform/openapi.ts';
import { authoriseTeamList } from '../caseload/public.ts';
import { buildRouteMap, type RouteMap } from './route-map.ts';
import { findPublishedPlan, loadRouteMapFacts, type RouteMapFacts } from './route-map-queries.ts';
import type { VisitDayPlan } from './visit-day-types.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be a day in the form yyyy-mm-dd')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'date must be a real day, like 2026-12-07');
const recordKind = 'visit-plan';

const routeMapResponse = z.object({
  date: z.string(),
  published: z.boolean(),
  publishedAt: z.string().nullable(),
  travel: z.object({ model: z.enum(['road', 'osrm']), note: z.string().nullable() }).nullable(),
  rows: z.array(z.object({ staffId: z.string(), clinician: z.string(), order: z.number(), visitId: z.string(), patient: z.string(), time: z.string(), travel: z.string(), placed: z.boolean() })),
  notPlaced: z.array(z.string()),
  /** The routes in latitude and longitude, for a client's own base map. */
  geo: z.object({
    bounds: z.tuple([z.tuple([z.number(), z.number()]), z.tuple([z.number(), z.number()])]).nullable(),
    bases: z.array(z.object({ name: z.string(), lat: z.number(), lon: z.number() })),
    routes: z.array(
      z.object({
        staffId: z.string(),
        clinician: z.string(),
        colour: z.string(),
        dash: z.string().nullable(),
        line: z.array(z.tuple([z.number(), z.number()])),
        stops: z.array(z.object({ order: z.number(), lat: z.number(), lon: z.number(), label: z.string() })),
      }),
    ),
  }),
});

/** One read per patient on the map, before the map is sent; one event saying there were none otherwise. */
async function auditPatientsShown(db: Kysely<Database>, actor: Actor, o: { date: string; teamId: string; facts: RouteMapFacts | null; shown: RouteMap | null }): Promise<void> {
  const shownVisitIds = new Set(o.shown?.rows.map((r) => r.visitId) ?? []);
  const byPatient = new Map<string, string[]>();
  for (const [visitId, v] of o.facts?.visits ?? []) {
    if (shownVisitIds.has(visitId)) byPatient.set(v.patientId, [...(byPatient.get(v.patientId) ?? []), visitId]);
  }
  for (const [patientId, visitIds] of byPatient) {
    await auditAs(actor, db, { action: 'read', outcome: 'allowed', patientId, recordKind, detail: { list: 'visit-map', date: o.date, teamId: o.teamId, visitIds } });
  }
  if (byPatient.size === 0) await auditAs(actor, db, { action: 'read', outcome: 'allowed', recordKind, detail: { list: 'visit-map', date: o.date, teamId: o.teamId, count: 0 } });
}

/** The team's published map for the day: authorised, loaded, drawn and audited. */
async function publishedMap(app: FastifyInstance, actor: Actor, date: string) {
  const access = await authoriseTeamList(app.db, { actor, recordKind, showsTeamPatients: true });
  const published = await findPublishedPlan(app.db, { teamId: access.teamId, date });
  const facts = published ? await loadRouteMapFacts(app.db, { teamId: access.teamId, plan: published.plan }) : null;
  const map = published && facts ? buildRouteMap({ plan: published.plan, ...facts }) : null;
  await auditPatientsShown(app.db, actor, { date, teamId: access.teamId, facts, shown: map });
  return { published, map, plan: published?.plan ?? null };
}

const travelOf = (plan: VisitDayPlan | null) => plan?.travel ?? (plan ? { model: 'road' as const, note: null } : null);

export async function routeMapPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const today = () => ukDateOf(app.config.now());
  const mapTiles = () => (app.config.mapTileUrl ? { url: app.config.mapTileUrl, attribution: app.config.mapTileAttribution } : null);

  typed.get(
    '/visits/map',
    {
      schema: {
        hide: true,
        querystring: z.object({
          date: isoDate.optional(),
          'date-day': z.string().max(10).optional(),
          'date-month': z.string().max(10).optional(),
          'date-year': z.string().max(10).optional(),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query;
      const actor = actorOf(request);
      let date = q.date ?? today();
      const errors: { text: string; href: string }[] = [];
      const typedParts = q['date-day'] !== undefined || q['date-month'] !== undefined || q['date-year'] !== undefined;
      if (typedParts) {
        const parsed = parseDateParts({ day: q['date-day'] ?? '', month: q['date-month'] ?? '', year: q['date-year'] ?? '' }, { label: 'The day', today: today() });
        if (parsed.ok) date = parsed.value;
        else errors.push({ text: parsed.message, href: '#date-day' });
      }
      const { published, map, plan } = await publishedMap(app, actor, date);
      return reply.code(errors.length ? 400 : 200).page('visits/pages/route-map-page.njk', {
        title: `Visit map, ${formatDisplayDate(date)}`,
        section: 'visits',
        date,
        dateText: formatDisplayDate(date),
        dateParts: typedParts ? { day: q['date-day'], month: q['date-month'], year: q['date-year'] } : isoDateToParts(date),
        previousDay: addCalendarDays(date, -1),
        nextDay: addCalendarDays(date, 1),
        published: published ? { at: published.publishedAt } : null,
        routeMap: map,
        travel: travelOf(plan),
        mapTiles: mapTiles(),
        errors,
        fieldErrors: errors.length ? { date: { text: errors[0]!.text } } : {},
      });
    },
  );

  typed.get(
    '/api/visits/map',
    {
      schema: {
        tags: ['visits'],
        summary: "The team's published plan for a day as a map: each clinician's stops in order with times and travel, in latitude and longitude",
        description: 'For the team lead and clinicians with team-wide access. Each patient shown is audited. Patients not placed on the map are listed in rows (placed: false) and notPlaced.',
        querystring: z.object({ date: isoDate.optional() }),
        response: { 200: routeMapResponse, ...errorResponse(400, 401, 403) },
      },
    },
    async (request) => {
      const date = request.query.date ?? today();
      const { published, map, plan } = await publishedMap(app, actorOf(request), date);
      return {
        date,
        published: published !== null,
        publishedAt: published ? published.publishedAt.toISOString() : null,
        travel: travelOf(plan),
        rows: map?.rows ?? [],
        notPlaced: map?.notPlaced ?? [],
        geo: map?.geo ?? { bounds: null, bases: [], routes: [] },
      };
    },
  );
}

/** Registered by app.ts until the visits context's own plugin (visits/index.ts) registers routeMapPages. */

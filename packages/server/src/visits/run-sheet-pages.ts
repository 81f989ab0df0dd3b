// The run sheet (issue 13 #4): a clinician's day on a phone, from the team's published plan. Their own
// at /run-sheet, anyone's in the team for the clinical lead at /run-sheet/:staffId; ?date=yyyy-mm-dd
// (today in Europe/London by default) and ?print=1 for the printable version. Every patient listed is
// audited as read, once each, before the page is sent.
import { buildRouteMap } from './route-map.ts';
import { findPublishedPlan, loadRouteMapFacts } from './route-map-queries.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { addCalendarDays, mayHoldEpisodes, serviceLabels, ukDateOf, ukDayHeading } from '@homeward/clinical';
import { actorOf } from '../platform/actor.ts';
import { requirePrincipal } from '../platform/request-context.ts';
import { authoriseRunSheet } from './run-sheet-access.ts';
import { auditRunSheetRead } from './run-sheet-audit.ts';
import { changeLabels, placeLabels, purposeLabels, statusLabels } from './run-sheet-labels.ts';
import { listPublishedRoutes, readRunSheet, type RunSheetVisit } from './run-sheet-queries.ts';
import type { RunSheetChecksPort } from './visit-ports.ts';

export const runSheetQuery = z.object({
  date: z.iso.date('date must be a date, yyyy-mm-dd').optional(),
  print: z.enum(['1']).optional(),
  done: z.string().max(40).optional(),
});

const staffParams = z.object({ staffId: z.uuid('staffId must be a UUID') });

/** Where a phone's maps app takes the clinician: the patient's coordinates, or their postcode. */
export function navigateHref(p: RunSheetVisit['patient']): string {
  if (p.latitude !== null && p.longitude !== null) return `geo:${p.latitude},${p.longitude}`;
  return `geo:0,0?q=${encodeURIComponent(p.postcode)}`;
}

/** "Tuesday 24 November 2026": the timeline's own day heading. */
export const dayText = (date: string): string => ukDayHeading(date);

const flashes: Record<string, string> = { visit: 'Visit marked as done' };

export async function runSheetPages(app: FastifyInstance, runSheetChecks: RunSheetChecksPort | null = null): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  async function show(request: FastifyRequest, reply: FastifyReply, staffId: string, query: z.infer<typeof runSheetQuery>) {
    const access = await authoriseRunSheet(app.db, { actor: actorOf(request), staffId });
    const today = ukDateOf(access.actor.now);
    const date = query.date ?? today;
    const sheet = await readRunSheet(app.db, { teamId: access.staff.teamId, staffId: access.staff.id, date, today });
    await auditRunSheetRead(app.db, { actor: access.actor, sheet, via: 'page' });
    const print = query.print === '1';
    // Lone working's check-in and check-out for each home visit (through the port app.ts gives): not on paper.
    const homeVisits = sheet.visits.filter((v) => v.place === 'home').map((v) => v.id);
    const loneWorking = runSheetChecks && !print ? await runSheetChecks(app.db, { actor: access.actor, staffId: access.staff.id, date, own: access.own, visitIds: homeVisits }) : null;
    const checks = loneWorking?.checks ?? new Map();
    // This clinician's route on the map (their visits are those just audited as read).
    const published = sheet.published ? await findPublishedPlan(app.db, { teamId: access.staff.teamId, date }) : null;
    const routeMap = published ? buildRouteMap({ plan: published.plan, ...(await loadRouteMapFacts(app.db, { teamId: access.staff.teamId, plan: published.plan })), onlyStaffIds: [access.staff.id] }) : null;
    // The clinical lead plans the day: a way to each clinician's run sheet for it.
    const team = access.actor.staff.role === 'clinical-lead' && !print ? (await listPublishedRoutes(app.db, { teamId: access.staff.teamId, date })).filter((r) => r.staffId !== access.staff.id) : [];
    const base = access.own ? '/run-sheet' : `/run-sheet/${access.staff.id}`;
    const at = (d: string) => `${base}?date=${d}`;
    return reply.page('visits/pages/run-sheet.njk', {
      title: access.own ? `Your run sheet, ${dayText(date)}` : `Run sheet for ${access.staff.name}, ${dayText(date)}`,
      section: 'run-sheet',
      print,
      own: access.own,
      // What happened on a visit is recorded through the episode's write grant (roles that hold episodes):
      // others are not offered what would refuse them.
      mayRecordOutcome: mayHoldEpisodes(access.actor.staff.role),
      loneWorkingLink: loneWorking?.link ?? null,
      staffName: access.staff.name,
      routeMap,
      mapTiles: app.config.mapTileUrl ? { url: app.config.mapTileUrl, attribution: app.config.mapTileAttribution } : null,
      date,
      dayText: dayText(date),
      isToday: date === today,
      sheet: {
        ...sheet,
        items: sheet.items.map((i) =>
          i.kind === 'break'
            ? i
            : {
                ...i,
                purposeLabel: purposeLabels[i.purpose],
                placeLabel: placeLabels[i.place],
                statusLabel: statusLabels[i.status],
                serviceLabel: serviceLabels[i.service as keyof typeof serviceLabels] ?? i.service,
                navigateHref: navigateHref(i.patient),
                noteHref: `/episodes/${i.episodeId}/contact-notes/new?visit=${i.id}`,
                check: checks.get(i.id) ?? null,
              },
        ),
        changes: sheet.changes.map((c) => ({ ...c, label: changeLabels[c.kind] })),
      },
      team: team.map((r) => ({ ...r, href: r.staffId === access.actor.staff.staffId ? `/run-sheet?date=${date}` : `/run-sheet/${r.staffId}?date=${date}` })),
      links: { previous: at(addCalendarDays(date, -1)), next: at(addCalendarDays(date, 1)), today: `${base}`, print: `${at(date)}&print=1`, screen: at(date) },
      flash: query.done && Object.hasOwn(flashes, query.done) ? flashes[query.done] : null,
      backHref: print ? null : '/',
      backText: 'Home',
    });
  }

  typed.get('/run-sheet', { schema: { hide: true, querystring: runSheetQuery } }, async (request, reply) => show(request, reply, requirePrincipal(request).staffId, request.query));

  typed.get('/run-sheet/:staffId', { schema: { hide: true, params: staffParams, querystring: runSheetQuery } }, async (request, reply) => show(request, reply, request.params.staffId, request.query));
}

// /api/caseload, /api/caseload/waiting-list and /api/reports/first-contact: the team's lists as JSON.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { actorOf, auditAs } from '../platform/actor.ts';
import { validationFailed } from '../platform/homeward-error.ts';
import { errorResponse } from '../platform/openapi.ts';
import { auditListRead, authoriseTeamList, ownCaseloadScope } from './caseload-access.ts';
import { filterValues, parseCaseloadFilter } from './caseload-filter.ts';
import { listCaseload, listTeamCapacity } from './caseload-queries.ts';
import { firstContactReport, reportWindow } from './first-contact-report.ts';
import { listTeamClinicians } from './episode-queries.ts';
import { capacityResponse, caseloadFilters, caseloadRowResponse } from './episode-schema.ts';

const reportQuery = z.object({
  from: z.iso.date('from must be a date, yyyy-mm-dd').optional(),
  to: z.iso.date('to must be a date, yyyy-mm-dd').optional(),
});

export async function caseloadApiRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/api/caseload',
    {
      schema: {
        tags: ['caseload'],
        summary: "A caseload in priority order: yours, a colleague's (staffId), or your team's (team)",
        description: 'Each row carries the priority score and the reasons for it. The team caseload also gives each clinician’s weight against capacity.',
        querystring: caseloadFilters,
        response: {
          200: z.object({ scope: z.enum(['clinician', 'team']), rows: z.array(caseloadRowResponse), capacity: z.array(capacityResponse).optional() }),
          ...errorResponse(400, 401, 403),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const access = await authoriseTeamList(app.db, { actor: actorOf(request), recordKind: 'caseload', teamId: q.team, staffId: q.staffId, showsTeamPatients: q.team !== undefined });
      const filter = parseCaseloadFilter(q);
      const now = app.config.now();
      if (q.team !== undefined && q.staffId === undefined) {
        const rows = await listCaseload(app.db, { kind: 'team', teamId: access.teamId }, filter, now);
        const capacity = await listTeamCapacity(app.db, access.teamId, await listTeamClinicians(app.db, access.teamId, { includeSupportWorkers: false }));
        await auditListRead(app.db, { actor: access.actor, recordKind: 'caseload', episodeIds: rows.map((r) => r.episodeId), detail: { scope: 'team', teamId: access.teamId, filters: filterValues(q) } });
        return { scope: 'team' as const, rows, capacity };
      }
      const staffId = access.clinician?.id ?? access.principal.staffId;
      const rows = await listCaseload(app.db, access.clinician ? { kind: 'clinician', staffId } : ownCaseloadScope(access.principal, access.teamId), filter, now);
      await auditListRead(app.db, { actor: access.actor, recordKind: 'caseload', episodeIds: rows.map((r) => r.episodeId), detail: { scope: 'clinician', staffId, filters: filterValues(q) } });
      return { scope: 'clinician' as const, rows };
    },
  );

  typed.get(
    '/api/caseload/waiting-list',
    {
      schema: {
        tags: ['caseload'],
        summary: "The team's unallocated episodes in clock order, soonest due (or longest breached) first",
        querystring: caseloadFilters.omit({ staffId: true, unallocated: true }),
        response: { 200: z.object({ rows: z.array(caseloadRowResponse) }), ...errorResponse(400, 401, 403) },
      },
    },
    async (request) => {
      const access = await authoriseTeamList(app.db, { actor: actorOf(request), recordKind: 'waiting-list', teamId: request.query.team, showsTeamPatients: true });
      const rows = await listCaseload(app.db, { kind: 'waiting-list', teamId: access.teamId }, parseCaseloadFilter(request.query), app.config.now());
      await auditListRead(app.db, { actor: access.actor, recordKind: 'waiting-list', episodeIds: rows.map((r) => r.episodeId), detail: { teamId: access.teamId, filters: filterValues(request.query) } });
      return { rows };
    },
  );

  typed.get(
    '/api/reports/first-contact',
    {
      schema: {
        tags: ['caseload'],
        summary: "Referral-to-first-contact times per service for your team: median, 90th percentile, count, share within the standard",
        querystring: reportQuery,
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            rows: z.array(z.object({ service: z.string(), count: z.number(), medianMinutes: z.number().nullable(), p90Minutes: z.number().nullable(), withinStandard: z.number(), percentWithinStandard: z.number().nullable() })),
          }),
          ...errorResponse(400, 401, 403),
        },
      },
    },
    async (request) => {
      const access = await authoriseTeamList(app.db, { actor: actorOf(request), recordKind: 'first-contact-report' });
      const window = reportWindow(request.query, app.config.now());
      if (window.from > window.to) throw validationFailed([{ path: 'querystring.from', message: 'from must be on or before to' }]);
      const rows = await firstContactReport(app.db, access.teamId, window.fromInstant, window.toInstant);
      await auditAs(access.actor, app.db, { action: 'read', outcome: 'allowed', recordKind: 'first-contact-report', detail: { teamId: access.teamId, from: window.from, to: window.to, count: rows.reduce((n, r) => n + r.count, 0) } });
      return { from: window.from, to: window.to, rows };
    },
  );
}

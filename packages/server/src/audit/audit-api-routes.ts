// /api/audit: the access audit as JSON, for the privacy officer's own tools. Same rules as the pages:
// the privacy officer only (enforced for the whole scope in index.ts), and every look is audited.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { notFound } from '../platform/homeward-error.ts';
import { errorResponse } from '../platform/openapi.ts';
import { audit } from '../platform/request-context.ts';
import { findPatientHeader, listBreakGlass, listPatientAccess, listRefusals } from './audit-queries.ts';
import {
  breakGlassJson,
  breakGlassQuery,
  breakGlassResponse,
  patientEventJson,
  patientEventsQuery,
  patientEventsResponse,
  patientIdParams,
  refusalJson,
  refusalsQuery,
  refusalsResponse,
} from './audit-schema.ts';

export async function auditApiRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/api/audit/break-glass',
    {
      schema: {
        tags: ['audit'],
        summary: 'Every break-glass, newest first (privacy officer only)',
        querystring: breakGlassQuery,
        response: { 200: breakGlassResponse, ...errorResponse(400, 401, 403) },
      },
    },
    async (request) => {
      const { page, limit } = request.query;
      const { entries, total } = await listBreakGlass(app.db, { now: app.config.now(), page, pageSize: limit });
      await audit(request, { action: 'read', outcome: 'allowed', recordKind: 'audit', detail: { view: 'break-glass', page } });
      return { breakGlass: entries.map(breakGlassJson), page, limit, total };
    },
  );

  typed.get(
    '/api/audit/patients/:id/events',
    {
      schema: {
        tags: ['audit'],
        summary: 'A patient’s access history, newest first: events about them and searches that returned them (privacy officer only)',
        description: 'Page on by passing the nextBefore of one answer as before in the next.',
        params: patientIdParams,
        querystring: patientEventsQuery,
        response: { 200: patientEventsResponse, ...errorResponse(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const patient = await findPatientHeader(app.db, { id: request.params.id });
      if (!patient) throw notFound('Patient');
      const { before, limit } = request.query;
      const { entries, nextBefore } = await listPatientAccess(app.db, { patientId: patient.id, before: before ?? null, limit });
      await audit(request, { action: 'read', outcome: 'allowed', patientId: patient.id, recordKind: 'audit', recordId: patient.id, detail: { view: 'patient-access', before: before ?? null } });
      return { patient, events: entries.map(patientEventJson), nextBefore };
    },
  );

  typed.get(
    '/api/audit/refusals',
    {
      schema: {
        tags: ['audit'],
        summary: 'Recent refusals, newest first (privacy officer only)',
        description: 'Refusals in the last `days` days (30 unless given). Page on with before = nextBefore.',
        querystring: refusalsQuery,
        response: { 200: refusalsResponse, ...errorResponse(400, 401, 403) },
      },
    },
    async (request) => {
      const { before, limit, days } = request.query;
      const since = new Date(app.config.now().getTime() - days * 24 * 60 * 60_000);
      const { entries, nextBefore } = await listRefusals(app.db, { since, before: before ?? null, limit });
      await audit(request, { action: 'read', outcome: 'allowed', recordKind: 'audit', detail: { view: 'refusals', days, before: before ?? null } });
      return { since: since.toISOString(), events: entries.map(refusalJson), nextBefore };
    },
  );
}

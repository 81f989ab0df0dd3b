// /api/run-sheets/:staffId and /api/visits/:id/outcome|done: the run sheet and what happened on a visit,
// with the same rules as the pages (run-sheet-pages.ts, run-sheet-outcome-pages.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { ukDateOf } from '@homeward/clinical';
import { loadEpisode } from '../caseload/public.ts';
import { actorOf } from '../platform/actor.ts';
import { notFound } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import { markVisitDone } from './mark-visit-done.ts';
import { recordVisitOutcome } from './record-visit-outcome.ts';
import { authoriseRunSheet, authoriseVisitWrite } from './run-sheet-access.ts';
import { auditRunSheetRead } from './run-sheet-audit.ts';
import { findVisit, readRunSheet } from './run-sheet-queries.ts';
import { runSheetResponse, visitDoneBody, visitOutcomeBody, visitResponse } from './run-sheet-schema.ts';
import type { VisitCalledOffPort } from './visit-ports.ts';

const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });

export async function runSheetApiRoutes(app: FastifyInstance, visitCalledOff: VisitCalledOffPort | null = null): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/api/run-sheets/:staffId',
    {
      schema: {
        tags: ['visits'],
        summary: "A clinician's run sheet for a day, from the team's published plan: visits in order with times, travel and breaks, each patient's banner essentials, and what the latest publication changed",
        description: 'Your own, or (for the clinical lead) anyone in your team. Every patient listed is audited as read.',
        params: z.object({ staffId: z.uuid('staffId must be a UUID') }),
        querystring: z.object({ date: z.iso.date('date must be a date, yyyy-mm-dd').optional().describe('Default: today in Europe/London') }),
        response: { 200: runSheetResponse, ...errorResponse(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const access = await authoriseRunSheet(app.db, { actor: actorOf(request), staffId: request.params.staffId });
      const today = ukDateOf(access.actor.now);
      const sheet = await readRunSheet(app.db, { teamId: access.staff.teamId, staffId: access.staff.id, date: request.query.date ?? today, today });
      await auditRunSheetRead(app.db, { actor: access.actor, sheet, via: 'api' });
      const { visits: _visits, ...rest } = sheet;
      return rest;
    },
  );

  typed.post(
    '/api/visits/:id/outcome',
    {
      schema: {
        tags: ['visits'],
        summary: 'Record that a visit did not happen (no access, or cancelled) with the reason, and book another visit on rebookOn (null: none). Send the version you read.',
        description: 'The new visit has origin "rebooked" and rebookedFrom set, for the team’s planning. Idempotency-Key makes a retry book once.',
        params: z.object({ id: z.uuid() }),
        headers: writeHeaders,
        body: visitOutcomeBody,
        response: { 200: z.object({ visit: visitResponse, rebooking: visitResponse.nullable() }), ...errorResponse(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const { visit, access } = await loadForWrite(request.params.id, 'visit-outcome', request);
      const b = request.body;
      return idempotentWrite(request, reply, async (trx) => ({
        status: 200,
        body: await recordVisitOutcome(trx, { access, visit, version: b.version, input: { outcome: b.outcome, reason: b.reason, reasonDetail: b.reasonDetail ?? null, rebookOn: b.rebookOn }, rebookingId: b.rebookingId, visitCalledOff }),
      }));
    },
  );

  typed.post(
    '/api/visits/:id/done',
    {
      schema: {
        tags: ['visits'],
        summary: 'Mark a visit on your run sheet done. Send the version you read.',
        params: z.object({ id: z.uuid() }),
        headers: writeHeaders,
        body: visitDoneBody,
        response: { 200: visitResponse, ...errorResponse(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const { visit, access } = await loadForWrite(request.params.id, 'visit-done', request);
      return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: await markVisitDone(trx, { access, visit, version: request.body.version }) }));
    },
  );

  async function loadForWrite(id: string, change: string, request: FastifyRequest) {
    const visit = await findVisit(app.db, id);
    if (!visit) throw notFound('Visit');
    const episode = await loadEpisode(request, visit.episodeId);
    return { visit, access: await authoriseVisitWrite(app.db, { actor: actorOf(request), episode, visit, change }) };
  }
}

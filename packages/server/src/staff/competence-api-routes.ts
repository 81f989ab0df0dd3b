// /api: staff competences (delegated activities; every role's, with evidence and expiry). Thin: parse, authorise, delegate, audit.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf } from '../platform/actor.ts';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { notFound } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import { ukDateOf } from '@homeward/clinical';
import { authoriseCompetenceRead, authoriseCompetenceWrite, checkCompetence, loadHolder, recordCompetence, withdrawCompetence } from './competence-recording.ts';
import { findCompetence, listStaffCompetences } from './competence-queries.ts';
import { competenceBody, competenceResponse, competenceWithdrawalBody } from './competence-schema.ts';

const staffParams = z.object({ id: z.uuid('Staff id must be a UUID') });
const competenceParams = z.object({ id: z.uuid('Competence id must be a UUID') });
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });
const tags = ['staff'];
// The role is checked before the body is parsed: someone without it learns nothing from validation messages.
const mayWrite = { preValidation: async (request: FastifyRequest) => void (await authoriseCompetenceWrite(request.server.db, { actor: actorOf(request), holder: null })) };

export async function competenceApiRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/api/staff/:id/competences',
    {
      schema: {
        tags,
        summary: 'A member of staff’s recorded competences (delegated activities, hoisting) with evidence and expiry, current first (clinical staff of their team)',
        params: staffParams,
        response: { 200: z.object({ staff: z.object({ id: z.string(), name: z.string(), role: z.string() }), competences: z.array(competenceResponse) }), ...errorResponse(401, 403, 404) },
      },
    },
    async (request) => {
      const holder = await loadHolder(app.db, request.params.id);
      await authoriseCompetenceRead(app.db, { actor: actorOf(request), holder: holder });
      return { staff: { id: holder.id, name: holder.name, role: holder.role }, competences: await listStaffCompetences(app.db, holder.id) };
    },
  );

  typed.post(
    '/api/staff/:id/competences',
    {
      ...mayWrite,
      schema: {
        tags,
        summary: 'Sign off a competence, with its evidence and the last day it counts, for clinical staff of your team (registered therapists and clinical leads, who assess it); an expired one is closed and signed off again',
        params: staffParams,
        headers: writeHeaders,
        body: competenceBody,
        response: { 201: competenceResponse, ...errorResponse(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const holder = await loadHolder(app.db, request.params.id);
      await authoriseCompetenceWrite(app.db, { actor: actorOf(request), holder: holder });
      // Refuse bad input before a transaction opens, so a refusal writes nothing.
      checkCompetence(holder, request.body, ukDateOf(app.config.now()));
      return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: await recordCompetence(trx, { actor: actorOf(request), holder, input: request.body }) }));
    },
  );

  typed.post(
    '/api/competences/:id/withdraw',
    {
      ...mayWrite,
      schema: {
        tags,
        summary: 'Withdraw a competence (send the version you read, and why): it stays on record but no longer allows delegation',
        params: competenceParams,
        headers: writeHeaders,
        body: competenceWithdrawalBody,
        response: { 200: competenceResponse, ...errorResponse(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const competence = await findCompetence(app.db, request.params.id);
      if (!competence) throw notFound('Competence');
      await authoriseCompetenceWrite(app.db, { actor: actorOf(request), holder: await loadHolder(app.db, competence.staff.id) });
      return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: await withdrawCompetence(trx, { actor: actorOf(request), competence, reason: request.body.reason, version: request.body.version }) }));
    },
  );
}

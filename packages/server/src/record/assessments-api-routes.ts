// /api: standardised assessments for an episode. Thin: parse, authorise, delegate, audit.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { episodeDateFacts } from '../caseload/public.ts';
import { actorOf } from '../platform/actor.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import { loadEpisode } from './record-route-helpers.ts';
import { assessmentKind, checkAssessment, listAssessments, recordAssessment, summariseAssessments } from './assessments.ts';
import { assessmentBody, assessmentResponse, instrumentSummary } from './assessments-schema.ts';
import { auditRecordRead, authoriseRecordRead, authoriseRecordWrite } from './record-access.ts';

const episodeParams = z.object({ id: z.uuid('Episode id must be a UUID') });
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });

export async function assessmentApiRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/api/episodes/:id/assessments',
    { schema: { tags: ['record'], summary: 'Standardised assessments for an episode, in the order they were done, with each instrument’s change from baseline', params: episodeParams, response: { 200: z.object({ assessments: z.array(assessmentResponse), byInstrument: z.array(instrumentSummary) }), ...errorResponse(401, 403, 404) } } },
    async (request) => {
      const access = await authoriseRecordRead(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: assessmentKind });
      const assessments = await listAssessments(app.db, access);
      await auditRecordRead(app.db, access, assessmentKind, access.episode.id, { assessmentIds: assessments.map((a) => a.id) });
      return { assessments, byInstrument: summariseAssessments(assessments) };
    },
  );

  typed.post(
    '/api/episodes/:id/assessments',
    {
      schema: {
        tags: ['record'],
        summary: 'Record a standardised assessment from its item responses; the total, band and change from baseline are computed, never sent',
        params: episodeParams,
        headers: writeHeaders,
        body: assessmentBody,
        response: { 201: assessmentResponse, ...errorResponse(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const access = await authoriseRecordWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: assessmentKind });
      const input = { ...request.body, administeredAt: new Date(request.body.administeredAt) };
      // Refuse bad responses before a transaction opens, so a refusal writes nothing.
      checkAssessment(input, episodeDateFacts(access.episode, app.config.now()));
      return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: await recordAssessment(trx, { access, input }) }));
    },
  );
}

// /api: an episode's reviews, review dates and the assessments due. Thin: parse, authorise, delegate, audit.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { ukDateOf } from '@homeward/clinical';
import { actorOf } from '../platform/actor.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import { loadEpisode } from './record-route-helpers.ts';
import { auditRecordRead, authoriseRecordRead } from './record-access.ts';
import { assessmentPromptsForEpisode } from './review-prompts.ts';
import { recordedReviewResponse, reviewBody, reviewsResponse } from './review-schema.ts';
import { authoriseReviewWrite, listEpisodeReviews, recordEpisodeReview, reviewedEpisode, reviewRecordKind, scheduleFor } from './reviews.ts';

const episodeParams = z.object({ id: z.uuid('Episode id must be a UUID') });
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });

export async function reviewApiRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/api/episodes/:id/reviews',
    { schema: { tags: ['record'], summary: 'An episode’s review dates (half-way, end, next due), the reviews held, most recent first, and the assessments due', params: episodeParams, response: { 200: reviewsResponse, ...errorResponse(401, 403, 404) } } },
    async (request) => {
      const access = await authoriseRecordRead(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: reviewRecordKind });
      const today = ukDateOf(app.config.now());
      const [reviews, assessmentPrompts] = await Promise.all([listEpisodeReviews(app.db, access), assessmentPromptsForEpisode(app.db, access, today)]);
      await auditRecordRead(app.db, access, reviewRecordKind, access.episode.id, { reviewIds: reviews.map((r) => r.id) });
      return { episode: reviewedEpisode(access.episode), schedule: scheduleFor(access.episode, today), reviews, assessmentPrompts };
    },
  );

  typed.post(
    '/api/episodes/:id/reviews',
    {
      schema: {
        tags: ['record'],
        summary: 'Record a review held: the decision (continue, extend, discharge), the next review date and, when extending, the new planned end. Send the episode version you read; the episode’s dates move with the review.',
        params: episodeParams,
        headers: writeHeaders,
        body: reviewBody,
        response: { 201: recordedReviewResponse, ...errorResponse(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const access = await authoriseReviewWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id) });
      const b = request.body;
      const input = { kind: b.kind ?? null, heldOn: b.heldOn, summary: b.summary, decision: b.decision ?? null, nextReviewOn: b.nextReviewOn ?? null, plannedEndOn: b.plannedEndOn ?? null };
      // Checked inside the write (recordEpisodeReview), not before: the checks depend on the episode's
      // dates, which the first of two identical requests moves, and a retry must get the first answer.
      // A refusal rolls the transaction back, so it still writes nothing.
      return idempotentWrite(request, reply, async (trx) => {
        const saved = await recordEpisodeReview(trx, { access, input, version: b.version });
        return { status: 201, body: { review: saved.review, episode: reviewedEpisode(saved.episode) } };
      });
    },
  );
}

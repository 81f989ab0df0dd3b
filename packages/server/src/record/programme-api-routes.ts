// /api: programmes of care. Thin: parse, authorise, delegate, audit.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { ukDateOf } from '@homeward/clinical';
import type { EpisodeResponse } from '../caseload/public.ts';
import { actorOf } from '../platform/actor.ts';
import { notFound } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import { requireClinician } from '../platform/request-context.ts';
import { loadEpisode } from './record-route-helpers.ts';
import { activityInputOf, authoriseProgrammeChange, changeActivityStatus, checkActivityInput, programmeKind, setProgrammeActivity } from './programme-activities.ts';
import { authoriseCompletionLog, checkCompletionInput, logProgrammeCompletion } from './programme-completions.ts';
import { findActivityEpisodeId, listProgramme } from './programme-queries.ts';
import { activityBody, activityResponse, activityStatusBody, completionBody, completionResponse, type ActivityResponse } from './programme-schema.ts';
import { auditRecordRead, authoriseRecordRead, authoriseRecordWrite, type RecordAccess } from './record-access.ts';

const episodeParams = z.object({ id: z.uuid('Episode id must be a UUID') });
const activityParams = z.object({ id: z.uuid('Activity id must be a UUID') });
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });
const writeErrors = errorResponse(400, 401, 403, 404, 409, 413, 422);
const tags = ['record'];

/** An activity's episode, loaded before authorising; the activity itself is read once access is allowed. */
export async function loadActivityEpisode(request: FastifyRequest, activityId: string): Promise<EpisodeResponse> {
  await requireClinician(request);
  const episodeId = await findActivityEpisodeId(request.server.db, activityId);
  if (!episodeId) throw notFound('Programme activity');
  return loadEpisode(request, episodeId);
}

export async function readActivity(request: FastifyRequest, access: RecordAccess, activityId: string): Promise<ActivityResponse> {
  const [activity] = await listProgramme(request.server.db, access, { activityId, today: ukDateOf(request.server.config.now()) });
  if (!activity) throw notFound('Programme activity');
  return activity;
}

export async function programmeApiRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const today = () => ukDateOf(app.config.now());

  typed.get(
    '/api/episodes/:id/programme',
    { schema: { tags, summary: 'The episode’s programme of care: each activity, who delivers it, the last 7 days against what is expected, and every completion log', params: episodeParams, response: { 200: z.object({ activities: z.array(activityResponse) }), ...errorResponse(401, 403, 404) } } },
    async (request) => {
      const access = await authoriseRecordRead(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: programmeKind });
      const activities = await listProgramme(app.db, access, { today: today() });
      await auditRecordRead(app.db, access, programmeKind, access.episode.id, { activityIds: activities.map((a) => a.id) });
      return { activities };
    },
  );

  typed.post(
    '/api/episodes/:id/programme',
    {
      schema: {
        tags,
        summary: 'Set an activity in the programme (assistant practitioners, registered therapists, clinical leads). Delegation to a support worker needs their current recorded competence for it',
        params: episodeParams,
        headers: writeHeaders,
        body: activityBody,
        response: { 201: activityResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const access = await authoriseProgrammeChange(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id) });
      const input = activityInputOf(request.body);
      // Refuse bad input before a transaction opens; delegation is judged inside it, against locked competences.
      checkActivityInput(actorOf(request).now, access, input);
      return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: await setProgrammeActivity(trx, { access, input, id: request.body.id }) }));
    },
  );

  typed.get(
    '/api/programme-activities/:id',
    { schema: { tags, summary: 'One programme activity with its completion logs', params: activityParams, response: { 200: activityResponse, ...errorResponse(401, 403, 404) } } },
    async (request) => {
      const access = await authoriseRecordRead(app.db, { actor: actorOf(request), episode: await loadActivityEpisode(request, request.params.id), kind: programmeKind });
      const activity = await readActivity(request, access, request.params.id);
      await auditRecordRead(app.db, access, programmeKind, activity.id);
      return activity;
    },
  );

  typed.post(
    '/api/programme-activities/:id/status',
    {
      schema: {
        tags,
        summary: 'Stop or complete an activity, with the reason (send the version you read; a stale one is refused with 409)',
        params: activityParams,
        headers: writeHeaders,
        body: activityStatusBody,
        response: { 200: activityResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const access = await authoriseProgrammeChange(app.db, { actor: actorOf(request), episode: await loadActivityEpisode(request, request.params.id) });
      const activity = await readActivity(request, access, request.params.id);
      const { status, reason, version } = request.body;
      return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: await changeActivityStatus(trx, { access, activity, status, reason, version: version }) }));
    },
  );

  typed.post(
    '/api/programme-activities/:id/completions',
    {
      schema: {
        tags,
        summary: 'Log that an activity was done, partly done or not done. A support worker logs her own delegated visits, or the patient’s or a carer’s report',
        params: activityParams,
        headers: writeHeaders,
        body: completionBody,
        response: { 201: completionResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      // Record access first, so someone with no relationship learns nothing about the activity.
      const access = await authoriseRecordWrite(app.db, { actor: actorOf(request), episode: await loadActivityEpisode(request, request.params.id), kind: programmeKind });
      const activity = await readActivity(request, access, request.params.id);
      await authoriseCompletionLog(app.db, { access, activity, reportedBy: request.body.reportedBy });
      checkCompletionInput(actorOf(request).now, access, activity, request.body);
      return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: await logProgrammeCompletion(trx, { access, activity, input: request.body }) }));
    },
  );
}

// /api/episodes: episodes of care through the JSON API. Thin: parse, authorise, delegate, audit.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { ukDateOf } from '@homeward/clinical';
import { actorOf } from '../platform/actor.ts';
import { validationFailed, versionConflict } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import { allocateEpisode, authoriseAllocation, checkAllocationChange, competenceFor } from '../caseload/public.ts';
import { listTeamCapacity } from '../caseload/public.ts';
import { putEpisodeOnHold } from '../caseload/public.ts';
import { recordFirstContact } from '../caseload/public.ts';
import { resumeEpisode } from '../caseload/public.ts';
import { dischargeEpisode } from './discharge-episode.ts';
import type { EquipmentAtDischargePort } from './equipment-at-discharge-port.ts';
import { auditEpisodeRead, authoriseEpisodeAllocation, authoriseEpisodeRead, authoriseEpisodeWrite } from '../caseload/public.ts';
import { loadEpisode } from '../caseload/public.ts';
import { listEpisodeEvents, listOnwardReferrals, listTeamClinicians } from '../caseload/public.ts';
import {
  acknowledgementBody,
  allocationBody,
  capacityResponse,
  dischargeBody,
  episodeDetailResponse,
  episodeResponse,
  firstContactBody,
  handOverBody,
  holdBody,
  onwardReferralBody,
  onwardReferralResponse,
  resumeBody,
} from '../caseload/public.ts';
import { acknowledgeOnwardReferral, addOnwardReferral } from '../caseload/public.ts';

const idParams = z.object({ id: z.uuid('Episode id must be a UUID') });
const onwardParams = z.object({ id: z.uuid('Episode id must be a UUID'), onwardReferralId: z.uuid('Onward referral id must be a UUID') });
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });
const writeErrors = errorResponse(400, 401, 403, 404, 409, 413, 422);

export async function episodeApiRoutes(app: FastifyInstance, equipment: EquipmentAtDischargePort): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/api/episodes/:id',
    {
      schema: {
        tags: ['episodes'],
        summary: 'An episode of care with its history and onward referrals',
        params: idParams,
        response: { 200: episodeDetailResponse, ...errorResponse(401, 403, 404) },
      },
    },
    async (request) => {
      const access = await authoriseEpisodeRead(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id) });
      // Another team's episode in summary: not its history or onward referrals.
      const summary = access.grant.scope === 'summary';
      const [events, onwardReferrals] = summary ? [[], []] : await Promise.all([listEpisodeEvents(app.db, access), listOnwardReferrals(app.db, access)]);
      await auditEpisodeRead(app.db, access);
      return { ...access.episode, events, onwardReferrals };
    },
  );

  typed.get(
    '/api/episodes/:id/allocation-options',
    {
      schema: {
        tags: ['episodes'],
        summary: "The team's clinicians for this episode: caseload weight against capacity, and whether the competence rules allow them",
        params: idParams,
        response: {
          200: z.object({ clinicians: z.array(capacityResponse.extend({ allowed: z.boolean(), rule: z.string().nullable(), message: z.string().nullable() })) }),
          ...errorResponse(401, 403, 404),
        },
      },
    },
    async (request) => {
      const access = await authoriseEpisodeRead(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id) });
      const clinicians = await listTeamClinicians(app.db, access.episode.teamId, { includeSupportWorkers: true });
      const capacity = await listTeamCapacity(app.db, access.episode.teamId, clinicians);
      await auditEpisodeRead(app.db, access, { purpose: 'allocation-options' });
      return {
        clinicians: clinicians.map((c, i) => {
          const decision = competenceFor(access.episode, c, ukDateOf(access.grant.actor.now));
          return { ...capacity[i]!, allowed: decision.allowed, rule: decision.allowed ? null : decision.rule, message: decision.allowed ? null : decision.message };
        }),
      };
    },
  );

  typed.post(
    '/api/episodes/:id/allocation',
    {
      schema: {
        tags: ['episodes'],
        summary: "Allocate to a clinician (within competence) or return to the team's waiting list (staffId null); send the version you read",
        params: idParams,
        headers: writeHeaders,
        body: allocationBody,
        response: { 200: episodeResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const episode = await loadEpisode(request, request.params.id);
      const access = await authoriseEpisodeAllocation(app.db, { actor: actorOf(request), episode });
      await authoriseAllocation(app.db, { access, kind: 'allocation' });
      // A stale form is answered with the episode as it stands before its contents are judged.
      if (request.body.version !== episode.version) throw versionConflict(episode);
      const change = { staffId: request.body.staffId, reason: request.body.reason ?? null, note: request.body.note || null };
      const staff = await checkAllocationChange(app.db, { access, kind: 'allocation', change });
      return idempotentWrite(request, reply, async (trx) => ({
        status: 200,
        body: await allocateEpisode(trx, { access, kind: 'allocation', change, staff, version: request.body.version }),
      }));
    },
  );

  typed.post(
    '/api/episodes/:id/hand-over',
    {
      schema: {
        tags: ['episodes'],
        summary: 'Hand the episode over to a colleague (weekend cover, leave), with a reason kept in its history',
        params: idParams,
        headers: writeHeaders,
        body: handOverBody,
        response: { 200: episodeResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const episode = await loadEpisode(request, request.params.id);
      const access = await authoriseEpisodeAllocation(app.db, { actor: actorOf(request), episode });
      await authoriseAllocation(app.db, { access, kind: 'hand-over' });
      if (request.body.version !== episode.version) throw versionConflict(episode);
      const change = { staffId: request.body.staffId, reason: request.body.reason, note: request.body.note || null };
      const staff = await checkAllocationChange(app.db, { access, kind: 'hand-over', change });
      return idempotentWrite(request, reply, async (trx) => ({
        status: 200,
        body: await allocateEpisode(trx, { access, kind: 'hand-over', change, staff, version: request.body.version }),
      }));
    },
  );

  typed.post(
    '/api/episodes/:id/first-contact',
    {
      schema: {
        tags: ['episodes'],
        summary: 'Record first contact: the episode becomes active, and its planned end and review date are set',
        params: idParams,
        headers: writeHeaders,
        body: firstContactBody.extend({ assessed: z.boolean().default(false) }),
        response: { 200: episodeResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const access = await authoriseEpisodeWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), change: 'first-contact' });
      const { at, nextContactAt, assessed, version } = request.body;
      const contact = { at: new Date(at), nextContactAt: nextContactAt ? new Date(nextContactAt) : null, assessed };
      return idempotentWrite(request, reply, async (trx) => ({
        status: 200,
        body: await recordFirstContact(trx, { access, contact, version: version }),
      }));
    },
  );

  typed.post(
    '/api/episodes/:id/hold',
    {
      schema: { tags: ['episodes'], summary: 'Put the episode on hold, with a reason', params: idParams, headers: writeHeaders, body: holdBody, response: { 200: episodeResponse, ...writeErrors } },
    },
    async (request, reply) => {
      const access = await authoriseEpisodeWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), change: 'hold' });
      const hold = { reason: request.body.reason, note: request.body.note || null };
      return idempotentWrite(request, reply, async (trx) => ({
        status: 200,
        body: await putEpisodeOnHold(trx, { access, hold, version: request.body.version }),
      }));
    },
  );

  typed.post(
    '/api/episodes/:id/resume',
    {
      schema: { tags: ['episodes'], summary: 'Resume an episode on hold', params: idParams, headers: writeHeaders, body: resumeBody, response: { 200: episodeResponse, ...writeErrors } },
    },
    async (request, reply) => {
      const access = await authoriseEpisodeWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), change: 'resume' });
      return idempotentWrite(request, reply, async (trx) => ({
        status: 200,
        body: await resumeEpisode(trx, { access, version: request.body.version }),
      }));
    },
  );

  typed.post(
    '/api/episodes/:id/discharge',
    {
      schema: {
        tags: ['episodes'],
        summary: 'Discharge with the outcome, destination and date (all required); the episode leaves the caseload, and each active programme activity is ended or handed over (programme; any not named is ended). Refused with 409 while any equipment on loan in the episode has no decision (GET /api/episodes/{id}/equipment/discharge), or any equipment prescribed in it is not yet delivered (deliver it, or POST /api/equipment-loans/{loanId}/cancellation): one field per item, path equipment.{loanId}',
        params: idParams,
        headers: writeHeaders,
        body: dischargeBody,
        response: { 200: episodeResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const access = await authoriseEpisodeWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), change: 'discharge' });
      const b = request.body;
      const input = { outcome: b.outcome ?? null, destination: b.destination ?? null, dischargedOn: b.dischargedOn ?? null, note: b.note || null };
      return idempotentWrite(request, reply, async (trx) => ({
        status: 200,
        body: await dischargeEpisode(trx, { access, input, programme: b.programme ?? [], version: b.version, equipment }),
      }));
    },
  );

  typed.post(
    '/api/episodes/:id/onward-referrals',
    {
      schema: {
        tags: ['episodes'],
        summary: 'Record an onward referral to another service, tracked until acknowledged',
        params: idParams,
        headers: writeHeaders,
        body: onwardReferralBody,
        response: { 201: onwardReferralResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const access = await authoriseEpisodeWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), change: 'onward-referral' });
      if (!request.body.toService) throw validationFailed([{ path: 'toService', message: 'Enter the service the patient is being referred to' }]);
      return idempotentWrite(request, reply, async (trx) => ({
        status: 201,
        body: await addOnwardReferral(trx, { access, toService: request.body.toService, note: request.body.note || null }),
      }));
    },
  );

  typed.post(
    '/api/episodes/:id/onward-referrals/:onwardReferralId/acknowledgement',
    {
      schema: {
        tags: ['episodes'],
        summary: 'Mark an onward referral acknowledged by the receiving service; send its version',
        params: onwardParams,
        headers: writeHeaders,
        body: acknowledgementBody,
        response: { 200: onwardReferralResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const access = await authoriseEpisodeWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), change: 'onward-acknowledged' });
      return idempotentWrite(request, reply, async (trx) => ({
        status: 200,
        body: await acknowledgeOnwardReferral(trx, { access, onwardReferralId: request.params.onwardReferralId, version: request.body.version }),
      }));
    },
  );
}

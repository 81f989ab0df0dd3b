// /api/visits and /api/episodes/:id/visit-needs: the team's visits and each episode's needs as JSON.
// Thin: parse, authorise, delegate, audit.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { addCalendarDays, ukDateOf, type VisitWindow, type Weekday } from '@homeward/clinical';
import { auditRead } from '../access/public.ts';
import { auditListRead, authoriseEpisodeRead, authoriseEpisodeWrite, loadEpisode } from '../caseload/public.ts';
import { actorOf } from '../platform/actor.ts';
import { validationFailed } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import { addVisit } from './add-visit.ts';
import { cancelVisit } from './cancel-visit.ts';
import { changeVisit } from './change-visit.ts';
import { longestProposalDays, proposeVisitsForHorizon } from './propose-visits-for-horizon.ts';
import { recordVisitNeeds } from './record-visit-needs.ts';
import { authoriseVisitsList, authoriseVisitsPlanning, authoriseVisitWrite, visitNeedsRecordKind } from './visit-access.ts';
import { findVisitNeeds, type RecordedVisitNeeds } from './visit-needs-queries.ts';
import { listTeamVisits } from './visit-queries.ts';
import { cancelVisitBody, newVisitBody, proposalBody, proposalResponse, visitChangeBody, visitNeedsBody, visitNeedsResponse, visitResponse, visitsQuery } from './visit-schema.ts';
import type { VisitCalledOffPort } from './visit-ports.ts';

const visitParams = z.object({ id: z.uuid('Visit id must be a UUID') });
const episodeParams = z.object({ id: z.uuid('Episode id must be a UUID') });
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });

export const needsJson = (n: RecordedVisitNeeds) => ({ ...n, recorded: n.id !== null });

/** The first day and the last of a period asked for, checked: not before today, at most 14 days. */
export function proposalPeriod(today: string, from: string | undefined, to: string | undefined, paths = { from: 'body.from', to: 'body.to' }): { from: string; to: string } {
  const start = from ?? today;
  const end = to ?? addCalendarDays(start, 6);
  const fields = [];
  if (start < today) fields.push({ path: paths.from, message: 'Visits cannot be proposed for days gone by: start today or later' });
  if (end < start) fields.push({ path: paths.to, message: 'The period must end on or after the day it starts' });
  else if (end > addCalendarDays(start, longestProposalDays - 1)) fields.push({ path: paths.to, message: `Propose at most ${longestProposalDays} days at a time` });
  if (fields.length) throw validationFailed(fields);
  return { from: start, to: end };
}

export async function visitApiRoutes(app: FastifyInstance, visitCalledOff: VisitCalledOffPort | null = null): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const episodeLoader = (request: FastifyRequest) => (id: string) => loadEpisode(request, id);

  typed.get(
    '/api/visits',
    { schema: { tags: ['visits'], summary: 'Your team’s visits for a day or a week: proposed, added and cancelled, with who must come and any deadline', querystring: visitsQuery, response: { 200: z.object({ teamId: z.string(), from: z.string(), to: z.string(), visits: z.array(visitResponse) }), ...errorResponse(400, 401, 403) } } },
    async (request) => {
      const access = await authoriseVisitsList(app.db, { actor: actorOf(request) });
      const from = request.query.date ?? ukDateOf(app.config.now());
      const to = addCalendarDays(from, (request.query.days ?? 1) - 1);
      const visits = await listTeamVisits(app.db, { teamId: access.teamId, from, to });
      await auditListRead(app.db, { actor: access.actor, recordKind: 'visits', episodeIds: [...new Set(visits.map((v) => v.episodeId))], detail: { teamId: access.teamId, from, to, visitIds: visits.map((v) => v.id) } });
      return { teamId: access.teamId, from, to, visits };
    },
  );

  typed.post(
    '/api/visits/proposals',
    { schema: { tags: ['visits'], summary: 'Propose the visits every open episode of your team is due in a period (default the next 7 days). Proposing again adds nothing already booked.', headers: writeHeaders, body: proposalBody, response: { 201: proposalResponse, ...errorResponse(400, 401, 403, 422) } } },
    async (request, reply) => {
      const access = await authoriseVisitsPlanning(app.db, { actor: actorOf(request) });
      const period = proposalPeriod(ukDateOf(access.actor.now), request.body.from, request.body.to);
      return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: await proposeVisitsForHorizon(trx, { actor: access.actor, teamId: access.teamId, ...period }) }));
    },
  );

  typed.post(
    '/api/visits',
    { schema: { tags: ['visits'], summary: 'Add a visit to an episode of your team (who must come comes from its visit needs); pin it to a person, a time or both', headers: writeHeaders, body: newVisitBody, response: { 201: visitResponse, ...errorResponse(400, 401, 403, 404, 409, 422) } } },
    async (request, reply) => {
      const b = request.body;
      const access = await authoriseEpisodeWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, b.episodeId), change: 'visit' });
      return idempotentWrite(request, reply, async (trx) => ({
        status: 201,
        body: await addVisit(trx, { access, visit: { id: b.id, date: b.date, purpose: b.purpose, durationMinutes: b.durationMinutes ?? null, window: b.window ?? null, pinnedStaffId: b.pinnedStaffId ?? null, pinnedStart: b.pinnedStart ?? null } }),
      }));
    },
  );

  typed.patch(
    '/api/visits/:id',
    { schema: { tags: ['visits'], summary: 'Change a visit still to be made: day, purpose, length, window, pins (null unpins). Send the version you read.', params: visitParams, headers: writeHeaders, body: visitChangeBody, response: { 200: visitResponse, ...errorResponse(400, 401, 403, 404, 409) } } },
    async (request) => {
      const { version, ...change } = request.body;
      const { visit, access } = await authoriseVisitWrite(app.db, { actor: actorOf(request), visitId: request.params.id, change: 'visit', loadEpisode: episodeLoader(request) });
      return app.db.transaction().execute((trx) => changeVisit(trx, { access, visit, version, change }));
    },
  );

  typed.post(
    '/api/visits/:id/cancellation',
    { schema: { tags: ['visits'], summary: 'Cancel a visit with the reason (kept, never deleted). Send the version you read.', params: visitParams, headers: writeHeaders, body: cancelVisitBody, response: { 200: visitResponse, ...errorResponse(400, 401, 403, 404, 409) } } },
    async (request) => {
      const { visit, access } = await authoriseVisitWrite(app.db, { actor: actorOf(request), visitId: request.params.id, change: 'visit', loadEpisode: episodeLoader(request) });
      return app.db.transaction().execute((trx) => cancelVisit(trx, { access, visit, version: request.body.version, reason: request.body.reason, visitCalledOff }));
    },
  );

  typed.get(
    '/api/episodes/:id/visit-needs',
    { schema: { tags: ['visits'], summary: 'What an episode needs in visits: as recorded, or the defaults from triage (version null) when none are', params: episodeParams, response: { 200: visitNeedsResponse, ...errorResponse(401, 403, 404) } } },
    async (request) => {
      const access = await authoriseEpisodeRead(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id) });
      const needs = (await findVisitNeeds(app.db, access.episode.id))!;
      await auditRead(access.grant, app.db, { recordKind: visitNeedsRecordKind, recordId: needs.id, detail: { episodeId: access.episode.id } });
      return needsJson(needs);
    },
  );

  typed.put(
    '/api/episodes/:id/visit-needs',
    { schema: { tags: ['visits'], summary: 'Record or change what an episode needs in visits. Send the version you read (null the first time).', params: episodeParams, headers: writeHeaders, body: visitNeedsBody, response: { 200: visitNeedsResponse, ...errorResponse(400, 401, 403, 404, 409) } } },
    async (request) => {
      const access = await authoriseEpisodeWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), change: 'visit-needs' });
      const b = request.body;
      const needs = {
        durationMinutes: b.durationMinutes,
        place: b.place,
        windows: b.windows.map((w) => ({ ...w, days: w.days === null ? null : ([...new Set(w.days)].sort() as Weekday[]) })) as VisitWindow[],
        unavailableDays: [...new Set(b.unavailableDays)] as Weekday[],
        staffNeeded: b.staffNeeded,
        staffNeededReason: b.staffNeededReason,
        registeredRequired: b.registeredRequired,
        skills: b.skills,
        preferredStaffId: b.preferredStaffId,
        notes: b.notes,
      };
      return needsJson(await app.db.transaction().execute((trx) => recordVisitNeeds(trx, { access, needs, version: b.version })));
    },
  );
}

// The patient timeline: everything in an episode in time order, filterable by kind: the JSON API and the pages, registered together by the record context.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { ageOn, countTimelineKinds, groupTimelineByDay, parseTimelineKinds, serviceLabels, timelineKindFilterLabels, timelineKindLabels, timelineKinds, toUkWallClock, ukDateOf, type TimelineKind } from '@homeward/clinical';
import { actorOf } from '../platform/actor.ts';
import { notFound } from '../platform/homeward-error.ts';
import { errorResponse } from '../platform/openapi.ts';
import { errorList } from '../platform/pages.ts';
import { findPatient } from '../patients/public.ts';
import { loadEpisode } from './record-route-helpers.ts';
import { auditRecordRead, authoriseRecordRead, type RecordAccess } from './record-access.ts';
import { listTimeline } from './timeline-queries.ts';
import { kindsAsked, parseTimelineFilter, timelineQuery, timelineResponse, type TimelineResponse } from './timeline-schema.ts';

const episodeParams = z.object({ id: z.uuid('Episode id must be a UUID') });

/** Authorises, reads the whole timeline, keeps the kinds asked for (none: every kind) and audits what was shown. */
async function readTimeline(request: FastifyRequest, episodeId: string, filter: TimelineKind[]): Promise<{ access: RecordAccess; timeline: TimelineResponse }> {
  const access = await authoriseRecordRead(request.server.db, { actor: actorOf(request), episode: await loadEpisode(request, episodeId), kind: 'timeline' });
  const all = await listTimeline(request.server.db, { access });
  const counts = countTimelineKinds(all);
  const entries = filter.length ? all.filter((e) => filter.includes(e.kind)) : all;
  await auditRecordRead(request.server.db, access, 'timeline', access.episode.id, { filter, counts, shown: entries.length });
  return {
    access,
    timeline: {
      episodeId: access.episode.id,
      filter,
      kinds: timelineKinds.map((kind) => ({ kind, label: timelineKindLabels[kind], count: counts[kind] })),
      total: all.length,
      entries,
    },
  };
}

/** Tag colours: each kind its own, so a long day reads at a glance (the words say the kind too). */
const kindTagClasses: Record<TimelineKind, string> = {
  referral: 'nhsuk-tag--purple',
  consent: 'nhsuk-tag--pink',
  'contact-note': 'nhsuk-tag--blue',
  assessment: 'nhsuk-tag--aqua-green',
  goal: 'nhsuk-tag--green',
  programme: 'nhsuk-tag--yellow',
  review: 'nhsuk-tag--orange',
  letter: 'nhsuk-tag--white',
  'episode-change': 'nhsuk-tag--grey',
};

export async function timelineRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/api/episodes/:id/timeline',
    {
      schema: {
        tags: ['record'],
        summary: 'Everything in an episode, newest first: referral, consent, contact notes, assessments, goals, programme of care, reviews, letters and episode changes; filter with ?kind=',
        params: episodeParams,
        querystring: timelineQuery,
        response: { 200: timelineResponse, ...errorResponse(400, 401, 403, 404) },
      },
    },
    async (request) => {
      // A bad filter is refused before the record is opened, so it reads nothing.
      const filter = parseTimelineFilter(request.query.kind);
      return (await readTimeline(request, request.params.id, filter)).timeline;
    },
  );

  typed.get('/episodes/:id/timeline', { schema: { hide: true, params: episodeParams, querystring: timelineQuery } }, async (request, reply) => {
    const asked = kindsAsked(request.query.kind);
    const parsed = parseTimelineKinds(asked);
    // On the page an unknown kind (an edited address) shows everything, with the problem said.
    const { access, timeline } = await readTimeline(request, request.params.id, parsed.ok ? parsed.kinds : []);
    const patient = await findPatient(app.db, access.episode.patientId);
    if (!patient) throw notFound('Patient');
    const filtered = timeline.filter.length > 0;
    return reply.code(parsed.ok ? 200 : 400).page('record/pages/timeline.njk', {
      section: 'caseload',
      title: 'Timeline',
      patient: { ...patient, age: ageOn(patient.dateOfBirth, ukDateOf(app.config.now())) },
      breakGlass: access.grant.breakGlass,
      episode: access.episode,
      serviceLabels,
      days: groupTimelineByDay({ entries: timeline.entries.map((e) => ({ ...e, time: toUkWallClock(new Date(e.at)).time })) }),
      shown: timeline.entries.length,
      total: timeline.total,
      filtered,
      kindItems: timeline.kinds.map((k) => ({ value: k.kind, text: `${timelineKindFilterLabels[k.kind]} (${k.count})`, checked: timeline.filter.includes(k.kind) })),
      kindLabels: timelineKindLabels,
      kindTagClasses,
      errors: parsed.ok ? [] : errorList([{ path: 'kind', message: 'Choose the kinds of entry from the list' }], { kind: 'kind' }),
      backHref: `/episodes/${access.episode.id}/record`,
      backText: 'Back to the record',
    });
  });
}

// Supervision on an episode, as JSON and as pages: who (support workers and students) works on the
// episode and under whom, recording it and ending it. Thin: parse, authorise, delegate.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/actor.ts';
import { uuidv7 } from 'uuidv7';
import { ageOn, homewardRoleLabels, maySupervise, ownWorkAccessRoles, serviceLabels, ukDateOf, type HomewardRole } from '@homeward/clinical';
import { loadEpisode } from '../caseload/episode-route-helpers.ts';
import { findPatient } from '../patients/patient-queries.ts';
import { formBody, formField } from '../platform/form-body.ts';
import { HomewardError, notFound, type FieldError } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { redirectSeeOther, requireClinician } from '../platform/request-context.ts';
import { writeOnce } from '../platform/write-once.ts';
import {
  auditSupervisionRead,
  authoriseSupervisionRead,
  authoriseSupervisionWrite,
  checkStartSupervision,
  endSupervision,
  findSupervision,
  listSupervisions,
  startSupervision,
  type SupervisionAccess,
} from './episode-supervision.ts';

const episodeParams = z.object({ id: z.uuid('Episode id must be a UUID') });
const supervisionParams = z.object({ id: z.uuid('Supervision id must be a UUID') });
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });
const person = z.object({ id: z.string(), name: z.string(), role: z.string() });
const supervisionResponse = z.object({
  id: z.string(),
  version: z.number(),
  episodeId: z.string(),
  patientId: z.string(),
  staff: person,
  supervisor: person,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  endedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
});

export async function supervisionRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  async function loadSupervision(request: FastifyRequest, id: string) {
    await requireClinician(request);
    const supervision = await findSupervision(app.db, id);
    if (!supervision) throw notFound('Supervision');
    return { supervision, episode: await loadEpisode(request, supervision.episodeId) };
  }

  typed.get(
    '/api/episodes/:id/supervision',
    { schema: { tags: ['access'], summary: 'Support workers and students working on this episode under supervision, past and present', params: episodeParams, response: { 200: z.object({ supervisions: z.array(supervisionResponse) }), ...errorResponse(401, 403, 404) } } },
    async (request) => {
      const access = await authoriseSupervisionRead(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id) });
      const supervisions = await listSupervisions(app.db, { episodeId: access.episode.id });
      await auditSupervisionRead(app.db, access, supervisions.map((s) => s.id));
      return { supervisions };
    },
  );

  typed.post(
    '/api/episodes/:id/supervision',
    {
      schema: {
        tags: ['access'],
        summary: 'Record that a support worker or student works on this episode under your supervision: it gives them the relationship to the patient their role does not give on its own',
        params: episodeParams,
        headers: writeHeaders,
        body: z.strictObject({ id: z.uuid().optional(), staffId: z.uuid('staffId must be a UUID') }),
        response: { 201: supervisionResponse, ...errorResponse(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const access = await authoriseSupervisionWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id) });
      const options = { access, id: request.body.id ?? uuidv7(), staffId: request.body.staffId };
      await checkStartSupervision(app.db, options);
      return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: await startSupervision(trx, options) }));
    },
  );

  typed.post(
    '/api/episode-supervisions/:id/end',
    {
      schema: {
        tags: ['access'],
        summary: 'End a supervision: the support worker or student no longer works on the episode through it. Send the version you read.',
        params: supervisionParams,
        headers: writeHeaders,
        body: z.strictObject({ version: z.int().min(1).max(2_147_483_647) }),
        response: { 200: supervisionResponse, ...errorResponse(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const { supervision, episode } = await loadSupervision(request, request.params.id);
      const access = await authoriseSupervisionWrite(app.db, { actor: actorOf(request), episode: episode });
      return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: await endSupervision(trx, { access, supervision, version: request.body.version }) }));
    },
  );

  // ---- Pages -------------------------------------------------------------------------------------

  async function render(request: FastifyRequest, reply: FastifyReply, access: SupervisionAccess, o: { done?: string; fields?: FieldError[]; status?: number; staffId?: string } = {}) {
    const episode = await loadEpisode(request, access.episode.id);
    const patient = await findPatient(app.db, episode.patientId);
    if (!patient) throw notFound('Patient');
    const supervisions = await listSupervisions(app.db, { episodeId: episode.id });
    await auditSupervisionRead(app.db, access, supervisions.map((s) => s.id));
    const principal = access.grant.staff;
    const may = maySupervise(principal.role) && episode.status !== 'discharged' && access.grant.scope === 'full';
    const working = new Set(supervisions.filter((s) => !s.endedAt).map((s) => s.staff.id));
    const candidates = may
      ? await app.db
          .selectFrom('staff')
          .select(['id', 'given_name', 'family_name', 'homeward_role'])
          .where('team_id', '=', episode.teamId)
          .where('active', '=', true)
          .where('homeward_role', 'in', [...ownWorkAccessRoles])
          .orderBy('family_name')
          .orderBy('given_name')
          .execute()
      : [];
    const fields = o.fields ?? [];
    return reply.code(o.status ?? 200).page('access/pages/supervision.njk', {
      title: 'Support workers and students on this episode',
      section: 'caseload',
      patient: { ...patient, age: ageOn(patient.dateOfBirth, ukDateOf(app.config.now())) },
      breakGlass: access.grant.breakGlass,
      episode: { ...episode, serviceLabel: serviceLabels[episode.service as keyof typeof serviceLabels] ?? episode.service },
      current: supervisions.filter((s) => !s.endedAt).map((s) => ({ ...s, roleLabel: homewardRoleLabels[s.staff.role as HomewardRole] })),
      past: supervisions.filter((s) => s.endedAt).map((s) => ({ ...s, roleLabel: homewardRoleLabels[s.staff.role as HomewardRole] })),
      may,
      formId: uuidv7(),
      staffItems: [
        { value: '', text: 'Choose a support worker or student' },
        ...candidates.filter((c) => !working.has(c.id)).map((c) => ({ value: c.id, text: `${c.given_name} ${c.family_name} (${homewardRoleLabels[c.homeward_role as HomewardRole]})`, selected: c.id === o.staffId })),
      ],
      flash: o.done === 'started' ? 'Recorded: they can now open this patient’s record while they work on the episode with you.' : o.done === 'ended' ? 'Recorded: they no longer work on this episode.' : null,
      errors: errorList(fields, { staffId: 'staffId', version: 'current' }),
      fieldErrors: errorsByField(fields),
      backHref: `/episodes/${episode.id}`,
      backText: 'Back to the episode',
    });
  }

  typed.get('/episodes/:id/supervision', { schema: { hide: true, params: episodeParams, querystring: z.object({ done: z.string().optional() }) } }, async (request, reply) => {
    const access = await authoriseSupervisionRead(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id) });
    return render(request, reply, access, { done: request.query.done });
  });

  typed.post('/episodes/:id/supervision', { schema: { hide: true, params: episodeParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseSupervisionWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id) });
    const body = request.body as Record<string, string | string[]>;
    const staffId = formField(body.staffId);
    const formId = formField(body.formId);
    const idOk = z.uuid({ version: 'v7' }).safeParse(formId).success;
    if (!z.uuid().safeParse(staffId).success) return render(request, reply, access, { status: 400, fields: [{ path: 'staffId', message: 'Choose the support worker or student who works on this episode with you' }] });
    const options = { access, id: idOk ? formId : uuidv7(), staffId };
    try {
      const location = await writeOnce(request, formId, {
        check: () => checkStartSupervision(app.db, options),
        write: async (trx) => {
          await startSupervision(trx, options);
          return `/episodes/${access.episode.id}/supervision?done=started`;
        },
      });
      return redirectSeeOther(reply, location);
    } catch (error) {
      if (error instanceof HomewardError && (error.code === 'validation_failed' || error.code === 'duplicate') && error.fields.length) {
        return render(request, reply, access, { status: error.code === 'duplicate' ? 409 : 400, fields: error.fields, staffId });
      }
      throw error;
    }
  });

  typed.post('/episode-supervisions/:id/end', { schema: { hide: true, params: supervisionParams, body: formBody } }, async (request, reply) => {
    const { supervision, episode } = await loadSupervision(request, request.params.id);
    const access = await authoriseSupervisionWrite(app.db, { actor: actorOf(request), episode: episode });
    const version = Number(formField((request.body as Record<string, string>).version));
    if (!Number.isInteger(version) || version < 1) throw new HomewardError('validation_failed', 'The form is missing the supervision’s version; reload the page');
    try {
      await app.db.transaction().execute((trx) => endSupervision(trx, { access, supervision, version }));
    } catch (error) {
      if (error instanceof HomewardError && (error.code === 'version_conflict' || error.code === 'validation_failed')) {
        // Already ended (a double press, or a colleague): what stands is what was asked for.
        const current = await findSupervision(app.db, supervision.id);
        if (current?.endedAt) return redirectSeeOther(reply, `/episodes/${episode.id}/supervision?done=ended`);
        return render(request, reply, access, { status: 409, fields: [{ path: 'version', message: 'Someone else changed this while you had it open. Check it as it is now, then try again.' }] });
      }
      throw error;
    }
    return redirectSeeOther(reply, `/episodes/${episode.id}/supervision?done=ended`);
  });
}

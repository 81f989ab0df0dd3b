// The Discharge Ready Date and delay reasons page, from the episode (issue 18 #1, D2A): whoever may change
// the episode records them; the page shows the patient banner, what is recorded so far, and the form.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { ageOn, delayReasonLabels, delayReasons, isoDateToParts, parseDateParts, ukDateOf, type DelayReason } from '@homeward/clinical';
import { actorOf } from '../platform/actor.ts';
import { formBody, formField, formVersion, pageWrite, type FormBody } from '../platform/form-body.ts';
import { notFound, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { auditRead } from '../access/public.ts';
import { authoriseEpisodeWrite, loadEpisode } from '../caseload/public.ts';
import { findPatient } from '../patients/public.ts';
import { dischargeReadyProblems, recordDischargeReady } from './record-discharge-ready.ts';

const episodeParams = z.object({ id: z.uuid('Episode id must be a UUID') });
const doneQuery = z.object({ done: z.string().max(40).optional() });

export async function dischargeReadyPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;

  async function show(request: FastifyRequest, reply: FastifyReply, episodeId: string, o: { fields?: FieldError[]; status?: number; values?: Record<string, string>; reasons?: string[]; done?: string } = {}) {
    const episode = await loadEpisode(request, episodeId);
    const access = await authoriseEpisodeWrite(db, { actor: actorOf(request), episode, change: 'discharge-ready' });
    const patient = await findPatient(db, episode.patientId);
    if (!patient) throw notFound('Patient');
    const stored = await db.selectFrom('episodes').select(['discharge_ready_on']).where('id', '=', episode.id).executeTakeFirstOrThrow();
    const delays = await db.selectFrom('episode_delays as d').innerJoin('staff as s', 's.id', 'd.recorded_by').select(['d.reason', 'd.note', 'd.recorded_at', 's.given_name', 's.family_name']).where('d.episode_id', '=', episode.id).orderBy('d.recorded_at').orderBy('d.id').execute();
    await auditRead(access.grant, db, { recordKind: 'episode', recordId: episode.id, detail: { page: 'discharge-ready' } });
    const fields = o.fields ?? [];
    const readyOn = stored.discharge_ready_on === null ? null : String(stored.discharge_ready_on).slice(0, 10);
    const parts = readyOn ? isoDateToParts(readyOn) : { day: '', month: '', year: '' };
    const chosen = new Set(o.reasons ?? []);
    return reply.code(o.status ?? 200).page('reports/pages/discharge-ready.njk', {
      title: 'Discharge Ready Date and delays',
      section: 'caseload',
      patient: { ...patient, age: ageOn(patient.dateOfBirth, ukDateOf(access.grant.actor.now)) },
      breakGlass: access.grant.breakGlass,
      episode,
      readyOn,
      delays: delays.map((d) => ({ reason: delayReasonLabels[d.reason as DelayReason] ?? d.reason, note: d.note, at: d.recorded_at, by: `${d.given_name} ${d.family_name}` })),
      reasonItems: delayReasons.map((r) => ({ value: r, text: delayReasonLabels[r], checked: chosen.has(r) })),
      values: { 'readyOn-day': parts.day, 'readyOn-month': parts.month, 'readyOn-year': parts.year, note: '', ...(o.values ?? {}), version: String(episode.version) },
      flash: o.done === 'recorded' ? 'Discharge Ready Date recorded' : null,
      errors: errorList(fields, { readyOn: 'readyOn-day', reasons: 'reasons', version: 'readyOn-day' }),
      fieldErrors: errorsByField(fields),
      backHref: `/episodes/${episode.id}`,
      backText: 'Back to the episode',
    });
  }

  typed.get('/episodes/:id/discharge-ready', { schema: { hide: true, params: episodeParams, querystring: doneQuery } }, async (request, reply) => show(request, reply, request.params.id, { done: request.query.done }));

  typed.post('/episodes/:id/discharge-ready', { schema: { hide: true, params: episodeParams, body: formBody } }, async (request, reply) => {
    const episode = await loadEpisode(request, request.params.id);
    const access = await authoriseEpisodeWrite(db, { actor: actorOf(request), episode, change: 'discharge-ready' });
    const body = request.body as FormBody;
    const raw = body.reasons;
    const reasons = (Array.isArray(raw) ? raw : raw ? [raw] : []).map((r) => r.trim()).filter(Boolean);
    const note = formField(body.note) || null;
    const values = Object.fromEntries(Object.entries(body).filter(([k]) => k !== '_csrf' && k !== 'reasons').map(([k, v]) => [k, formField(v)]));
    return pageWrite(request, reply, {
      check: () => {
        const fields: FieldError[] = [];
        const dayParts = { day: formField(body['readyOn-day']), month: formField(body['readyOn-month']), year: formField(body['readyOn-year']) };
        const parsed = parseDateParts(dayParts, { label: 'The Discharge Ready Date', today: ukDateOf(access.grant.actor.now) });
        if (!parsed.ok) fields.push({ path: 'readyOn', message: parsed.message });
        else fields.push(...dischargeReadyProblems({ access, readyOn: parsed.value, reasons, note }, access.grant.actor.now));
        if (fields.length) throw validationFailed(fields);
        return parsed.ok ? parsed.value : null;
      },
      write: async (trx, readyOn) => {
        await recordDischargeReady(trx, { access, version: formVersion(body.version), readyOn, reasons, note });
        return `/episodes/${episode.id}/discharge-ready?done=recorded`;
      },
      render: (fields, status) => show(request, reply, episode.id, { fields, status, values, reasons }),
    });
  });
}

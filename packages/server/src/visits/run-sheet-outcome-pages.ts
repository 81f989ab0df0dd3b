// What happened on a visit, from the run sheet: "No access" (the patient was not in) or "Cancel visit",
// each with its reason and the rebooking proposed (the next day the patient can be seen), which the
// clinician confirms, changes or declines; then a confirmation with the way back to the run sheet. And
// "Mark visit done". The outcome form carries a form id (it creates the rebooking: sent twice, it books
// once) and the visit's version (someone else's change in between is a 409 with the form shown again).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { ageOn, isoDateToParts, parseDateParts, serviceLabels, ukDateOf } from '@homeward/clinical';
import { auditRead } from '../access/public.ts';
import { loadEpisode, type EpisodeAccess } from '../caseload/public.ts';
import { findPatient } from '../patients/public.ts';
import { actorOf } from '../platform/actor.ts';
import { formBody, formField, formVersion, pageWrite } from '../platform/form-body.ts';
import { HomewardError, notFound, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { markVisitDone } from './mark-visit-done.ts';
import { recordVisitOutcome } from './record-visit-outcome.ts';
import { checkVisitOutcome, outcomeLabels, visitOutcomeReasons, visitOutcomes, type VisitOutcome, type VisitOutcomeInput, type VisitOutcomeReason } from './record-visit-outcome-rules.ts';
import { authoriseVisitWrite } from './run-sheet-access.ts';
import { placeLabels, purposeLabels } from './run-sheet-labels.ts';
import { dayText } from './run-sheet-pages.ts';
import { findPlannedStop, findVisit, type VisitForOutcome } from './run-sheet-queries.ts';
import { proposeRebookingDay } from './run-sheet-rebooking.ts';
import type { VisitCalledOffPort } from './visit-ports.ts';

type Form = Record<string, string>;
const visitParams = z.object({ id: z.uuid() });
const outcomeQuery = z.object({ outcome: z.enum(visitOutcomes).optional() });

/** Back to the run sheet the visit is on: the clinician's own, or (for the lead) the planned clinician's. */
async function runSheetHref(request: FastifyRequest, visit: VisitForOutcome): Promise<string> {
  const me = actorOf(request).staff.staffId;
  const stop = await findPlannedStop(request.server.db, visit);
  const owner = stop?.staffIds[0];
  return owner && owner !== me && !stop.staffIds.includes(me) ? `/run-sheet/${owner}?date=${visit.date}` : `/run-sheet?date=${visit.date}`;
}

/** The outcome form as an outcome to record, or the form's own errors (the date fields). */
function parseOutcomeForm(body: Form, today: string): { input: VisitOutcomeInput | null; fields: FieldError[] } {
  const fields: FieldError[] = [];
  const outcome = visitOutcomes.find((o) => o === body.outcome);
  if (!outcome) return { input: null, fields: [{ path: 'form', message: 'The form is missing whether this is no access or a cancellation; go back to the run sheet and start again' }] };
  const reason = body.reason ?? '';
  if (!Object.hasOwn(visitOutcomeReasons[outcome], reason)) fields.push({ path: 'reason', message: outcome === 'no-access' ? 'Choose why there was no access' : 'Choose why the visit is cancelled' });
  let rebookOn: string | null = null;
  if (body.rebook !== 'yes' && body.rebook !== 'no') fields.push({ path: 'rebook', message: 'Choose whether to book another visit' });
  if (body.rebook === 'yes') {
    const date = parseDateParts({ day: body['rebookOn-day'] ?? '', month: body['rebookOn-month'] ?? '', year: body['rebookOn-year'] ?? '' }, { label: 'Date of the new visit', today });
    if (date.ok) rebookOn = date.value;
    else fields.push({ path: 'rebookOn', message: date.message });
  }
  if (fields.length) return { input: null, fields };
  return { input: { outcome, reason: reason as VisitOutcomeReason, reasonDetail: body.reasonDetail ? body.reasonDetail : null, rebookOn }, fields: [] };
}

export async function runSheetOutcomePages(app: FastifyInstance, visitCalledOff: VisitCalledOffPort | null = null): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  async function load(request: FastifyRequest, id: string, change: string) {
    const visit = await findVisit(app.db, id);
    if (!visit) throw notFound('Visit');
    const episode = await loadEpisode(request, visit.episodeId);
    const access = await authoriseVisitWrite(app.db, { actor: actorOf(request), episode, visit, change });
    const patient = await findPatient(app.db, visit.patientId);
    if (!patient) throw notFound('Patient');
    return { visit, access, patient: { ...patient, age: ageOn(patient.dateOfBirth, ukDateOf(access.grant.actor.now)) } };
  }

  async function renderForm(request: FastifyRequest, reply: FastifyReply, loaded: Awaited<ReturnType<typeof load>>, values: Form, fields: FieldError[] = [], status = 200) {
    const { visit, access, patient } = loaded;
    const outcome = (visitOutcomes.find((o) => o === values.outcome) ?? 'no-access') as VisitOutcome;
    const reasons = visitOutcomeReasons[outcome] as Record<string, string>;
    return reply.code(status).page('visits/pages/run-sheet-outcome.njk', {
      title: outcome === 'no-access' ? 'No access: record it and rebook' : 'Cancel the visit and rebook',
      section: 'run-sheet',
      patient,
      breakGlass: access.grant.breakGlass,
      visit: { ...visit, dayText: dayText(visit.date), purposeLabel: purposeLabels[visit.purpose], placeLabel: placeLabels[visit.place], serviceLabel: serviceLabels[access.episode.service as keyof typeof serviceLabels] ?? access.episode.service },
      outcome,
      values,
      reasonItems: Object.entries(reasons).map(([value, text]) => ({ value, text, checked: values.reason === value })),
      // The proposal the form was shown with (a hidden field): words only, so a hand-edited one is dropped.
      proposedText: /^\d{4}-\d{2}-\d{2}$/.test(values.proposed ?? '') && !Number.isNaN(Date.parse(values.proposed!)) ? dayText(values.proposed!) : null,
      errors: errorList(fields, { reason: `reason`, rebook: 'rebook', rebookOn: 'rebookOn-day', form: 'main-form', version: 'main-form', status: 'main-form' }),
      fieldErrors: errorsByField(fields),
      backHref: await runSheetHref(request, visit),
      backText: 'Back to the run sheet',
    });
  }

  typed.get('/run-sheet/visits/:id/outcome', { schema: { hide: true, params: visitParams, querystring: outcomeQuery } }, async (request, reply) => {
    const loaded = await load(request, request.params.id, 'visit-outcome');
    const { visit, access } = loaded;
    await auditRead(access.grant, app.db, { recordKind: 'visit', recordId: visit.id, detail: { purpose: 'record-outcome' } });
    // Already recorded (the back button, a second device): what was recorded, not a form that would fail.
    if (visit.status !== 'to-plan') return showRecorded(request, reply, loaded);
    const proposed = proposeRebookingDay({ visitDate: visit.date, today: ukDateOf(access.grant.actor.now), unavailableWeekdays: visit.unavailableWeekdays });
    const parts = isoDateToParts(proposed);
    return renderForm(request, reply, loaded, {
      outcome: request.query.outcome ?? 'no-access',
      version: String(visit.version),
      formId: uuidv7(),
      proposed,
      rebook: 'yes',
      'rebookOn-day': parts.day,
      'rebookOn-month': parts.month,
      'rebookOn-year': parts.year,
    });
  });

  typed.post('/run-sheet/visits/:id/outcome', { schema: { hide: true, params: visitParams, body: formBody } }, async (request, reply) => {
    const loaded = await load(request, request.params.id, 'visit-outcome');
    const { visit, access } = loaded;
    const body = Object.fromEntries(Object.entries(request.body).map(([k, v]) => [k, formField(v)])) as Form;
    return pageWrite(request, reply, {
      formId: body.formId,
      check: () => {
        const version = formVersion(body.version);
        const { input, fields } = parseOutcomeForm(body, ukDateOf(access.grant.actor.now));
        if (!input) throw new HomewardError('validation_failed', fields[0]!.message, { fields });
        const ruled = checkVisitOutcome(input, { today: ukDateOf(access.grant.actor.now), unavailableWeekdays: visit.unavailableWeekdays });
        if (ruled.length) throw new HomewardError('validation_failed', ruled[0]!.message, { fields: ruled });
        return { version, input };
      },
      write: async (trx, { version, input }) => {
        await recordVisitOutcome(trx, { access, visit, version, input, visitCalledOff });
        return `/run-sheet/visits/${visit.id}/outcome/done`;
      },
      render: (fields, status) => renderForm(request, reply, loaded, body, fields, status),
    });
  });

  async function showRecorded(request: FastifyRequest, reply: FastifyReply, loaded: { visit: VisitForOutcome; access: EpisodeAccess<'write'>; patient: unknown }) {
    const { visit, access } = loaded;
    const rebooking = await app.db.selectFrom('visits').select(['id', 'on_date']).where('rebooked_from', '=', visit.id).orderBy('created_at').executeTakeFirst();
    const rebookOn = rebooking ? String(rebooking.on_date).slice(0, 10) : null;
    return reply.page('visits/pages/run-sheet-outcome-done.njk', {
      title: visit.status === 'done' ? 'Visit done' : `${outcomeLabels[visit.status as VisitOutcome] ?? visit.status} recorded`,
      section: 'run-sheet',
      patient: loaded.patient,
      breakGlass: access.grant.breakGlass,
      visit: { ...visit, dayText: dayText(visit.date) },
      rebookText: rebookOn ? dayText(rebookOn) : null,
      runSheetHref: await runSheetHref(request, visit),
      episodeId: visit.episodeId,
    });
  }

  typed.get('/run-sheet/visits/:id/outcome/done', { schema: { hide: true, params: visitParams } }, async (request, reply) => {
    const loaded = await load(request, request.params.id, 'visit-outcome');
    await auditRead(loaded.access.grant, app.db, { recordKind: 'visit', recordId: loaded.visit.id, detail: { purpose: 'outcome-recorded' } });
    return showRecorded(request, reply, loaded);
  });

  typed.post('/run-sheet/visits/:id/done', { schema: { hide: true, params: visitParams, body: formBody } }, async (request, reply) => {
    const loaded = await load(request, request.params.id, 'visit-done');
    const { visit, access } = loaded;
    const back = await runSheetHref(request, visit);
    return pageWrite(request, reply, {
      write: async (trx) => {
        await markVisitDone(trx, { access, visit, version: formVersion(formField(request.body.version)) });
        return `${back}&done=visit#visit-${visit.id}`;
      },
      // Changed since the run sheet was opened (someone recorded it already): say so, with the way back.
      render: async (fields, status) => {
        await auditRead(access.grant, app.db, { recordKind: 'visit', recordId: visit.id, detail: { purpose: 'visit-done-refused' } });
        return reply.code(status).page('visits/pages/run-sheet-problem.njk', { title: 'The visit was not marked done', section: 'run-sheet', errors: errorList(fields.map((f) => ({ ...f, path: 'problem' }))), message: fields[0]?.message ?? 'The visit changed since you opened the run sheet', runSheetHref: back });
      },
    });
  });
}

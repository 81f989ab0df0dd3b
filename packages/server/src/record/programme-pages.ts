// Programmes of care as pages: the programme with each activity's week against what is expected and its
// completion logs, setting an activity (with who delivers it), logging a completion, stopping or
// completing an activity, and printing the carer's sheet. Same rules as the JSON API; every page carries
// the patient banner so nobody plans or logs care for the wrong person.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import {
  ageOn,
  completionOutcomeLabels,
  completionOutcomes,
  completionReporters,
  delegableCompetenceLabels,
  delegableCompetences,
  formatDisplayDate,
  homewardRoleLabels,
  isoDateToParts,
  mayLogCompletion,
  maySetProgramme,
  mayWriteContactNotes,
  parseDateParts,
  programmeActivityKindLabels,
  programmeActivityKinds,
  programmeDelivererKindLabels,
  programmeDelivererKinds,
  programmeStatusLabels,
  serviceLabels,
  ukDateOf,
  type CompletionOutcome,
  type CompletionReporter,
  type ProgrammeActivityInput,
} from '@homeward/clinical';
import { actorOf } from '../platform/actor.ts';
import { formBody, formField, formProblem, pageWrite } from '../platform/form-body.ts';
import { HomewardError, notFound, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import type { PrintSize } from '../platform/pdf-document.ts';
import { redirectSeeOther } from '../platform/request-context.ts';
import { findPatient } from '../patients/public.ts';
import { loadEpisode } from './record-route-helpers.ts';
import { loadActivityEpisode, readActivity } from './programme-api-routes.ts';
import { authoriseProgrammeChange, changeActivityStatus, checkActivityInput, programmeKind, setProgrammeActivity } from './programme-activities.ts';
import { currentActivities, defaultPrintSize, produceCarerSheet } from './programme-carer-sheet.ts';
import { delegatedWorkPath } from './delegated-work-pages.ts';
import { authoriseCompletionLog, checkCompletionInput, competencesForLogging, logProgrammeCompletion } from './programme-completions.ts';
import { listEpisodeGoals, listProgramme, listTeamDeliverers } from './programme-queries.ts';
import type { ActivityResponse, CompletionBody } from './programme-schema.ts';
import { auditRecordRead, authoriseRecordRead, authoriseRecordWrite, type RecordAccess } from './record-access.ts';
import { isStoredVersion } from '../platform/number-schemas.ts';

const hidden = { hide: true };
const episodeParams = z.object({ id: z.uuid() });
const activityParams = z.object({ id: z.uuid() });
type Form = Record<string, string | string[]>;
const valuesOf = (body: Form): Form => Object.fromEntries(Object.entries(body).map(([k, v]) => [k, formField(v)]));
const isUuid = (v: string) => z.uuid().safeParse(v).success;

/** Who reports a completion, as the log form asks it. */
const reporterQuestionLabels: Record<CompletionReporter, string> = {
  staff: 'I did it with the patient (staff visit)',
  patient: 'The patient told me',
  carer: 'A carer told me',
  agency: 'The care agency told me',
};
const reporterShortLabels: Record<CompletionReporter, string> = { staff: 'Staff', patient: 'Patient', carer: 'Carer', agency: 'Care agency' };

/** The confirmation after each change: what was saved, in one line. */
function confirmation(done: string | undefined, activity: ActivityResponse | undefined): string | null {
  if (!done || !activity) return null;
  switch (done) {
    case 'set':
      return `${activity.title} added to the programme: ${activity.frequency}, delivered by ${activity.deliverer.description}`;
    case 'logged': {
      const latest = [...activity.completions].sort((a, b) => b.recordedAt.localeCompare(a.recordedAt))[0];
      return latest ? `Logged: ${activity.title}, ${completionOutcomeLabels[latest.outcome].toLowerCase()} on ${formatDisplayDate(latest.doneOn)}` : null;
    }
    case 'stopped':
    case 'completed':
      return `${activity.title} marked as ${done}. It stays in the record with its logs`;
    default:
      return null;
  }
}

function dateValue(body: Form, name: string): { day: string; month: string; year: string } {
  return { day: formField(body[`${name}-day`]), month: formField(body[`${name}-month`]), year: formField(body[`${name}-year`]) };
}

/** The activity form as input for the clinical rules, or the form's own errors (numbers, dates, ids). */
function parseActivityForm(body: Form, today: string): { input: ProgrammeActivityInput | null; fields: FieldError[] } {
  const fields: FieldError[] = [];
  const kind = programmeActivityKinds.find((k) => k === formField(body.kind));
  if (!kind) fields.push({ path: 'kind', message: 'Choose the kind of activity' });
  const title = formField(body.title);
  const instructions = formField(body.instructions);
  const timesText = formField(body.timesPerPeriod);
  const times = /^\d+$/.test(timesText) ? Number(timesText) : Number.NaN;
  if (!timesText) fields.push({ path: 'timesPerPeriod', message: 'Enter how many times, for example 2' });
  else if (Number.isNaN(times)) fields.push({ path: 'timesPerPeriod', message: 'How many times must be a whole number, for example 2' });
  const period = (['day', 'week'] as const).find((p) => p === formField(body.period));
  if (!period) fields.push({ path: 'period', message: 'Choose whether that is a day or a week' });
  const delivererKind = programmeDelivererKinds.find((k) => k === formField(body.delivererKind));
  if (!delivererKind) fields.push({ path: 'delivererKind', message: 'Choose who does or helps with the activity' });
  const staffId = formField(body.delivererStaffId);
  if (delivererKind === 'staff' && !staffId) fields.push({ path: 'delivererStaffId', message: 'Choose the member of staff who delivers this activity' });
  else if (delivererKind === 'staff' && !isUuid(staffId)) fields.push({ path: 'delivererStaffId', message: 'Choose the member of staff from the list' });
  const goalId = formField(body.goalId);
  if (goalId && !isUuid(goalId)) fields.push({ path: 'goalId', message: 'Choose a goal from the list, or none' });
  const competence = formField(body.competence) || null;
  const starts = parseDateParts(dateValue(body, 'startsOn'), { label: 'Start date', today });
  if (!starts.ok) fields.push({ path: 'startsOn', message: starts.message });
  const endParts = dateValue(body, 'endsOn');
  const hasEnd = endParts.day !== '' || endParts.month !== '' || endParts.year !== '';
  const ends = hasEnd ? parseDateParts(endParts, { label: 'End date', today }) : null;
  if (ends && !ends.ok) fields.push({ path: 'endsOn', message: ends.message });
  if (fields.length || !kind || !period || !delivererKind || !starts.ok || (ends && !ends.ok)) return { input: null, fields };
  return {
    input: {
      goalId: goalId || null,
      kind,
      competence,
      title,
      instructions,
      timesPerPeriod: times,
      period,
      delivererKind,
      delivererStaffId: delivererKind === 'staff' ? staffId : null,
      delivererName: delivererKind === 'carer' || delivererKind === 'agency' ? formField(body.delivererName) || null : null,
      startsOn: starts.value,
      endsOn: ends && ends.ok ? ends.value : null,
    },
    fields: [],
  };
}

export async function programmePages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const today = () => ukDateOf(app.config.now());

  async function patientOf(access: RecordAccess) {
    const patient = await findPatient(app.db, access.episode.patientId);
    if (!patient) throw notFound('Patient');
    return { ...patient, age: ageOn(patient.dateOfBirth, today()) };
  }

  async function common(access: RecordAccess) {
    return { section: 'caseload', patient: await patientOf(access), breakGlass: access.grant.breakGlass, episode: access.episode, serviceLabels };
  }

  typed.get('/episodes/:id/programme', { schema: { ...hidden, params: episodeParams, querystring: z.object({ done: z.string().optional(), activity: z.string().optional() }) } }, async (request, reply) => {
    const access = await authoriseRecordRead(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: programmeKind });
    const activities = await listProgramme(app.db, access, { today: today() });
    await auditRecordRead(app.db, access, programmeKind, access.episode.id, { activityIds: activities.map((a) => a.id) });
    const role = access.grant.staff.role;
    const base = await common(access);
    return reply.page('record/pages/programme.njk', {
      ...base,
      title: 'Programme of care',
      current: activities.filter((a) => a.status === 'active'),
      earlier: activities.filter((a) => a.status !== 'active'),
      hasPrintable: currentActivities(activities, today(), access.episode.status === 'discharged').length > 0,
      defaultPrint: defaultPrintSize(base.patient),
      may: { set: maySetProgramme(role), log: mayWriteContactNotes(role), print: mayWriteContactNotes(role) },
      outcomeLabels: completionOutcomeLabels,
      reporterLabels: reporterShortLabels,
      statusLabels: programmeStatusLabels,
      flash: confirmation(request.query.done, activities.find((a) => a.id === request.query.activity)),
      backHref: `/episodes/${access.episode.id}/record`,
      backText: 'Back to the record',
    });
  });

  // Setting an activity.
  async function renderActivityForm(reply: FastifyReply, access: RecordAccess, values: Form, fields: FieldError[] = [], status = 200) {
    const [goals, staff] = await Promise.all([listEpisodeGoals(app.db, access), listTeamDeliverers(app.db, access.episode.teamId)]);
    const radio = <T extends string>(list: readonly T[], labels: Record<T, string>, selected: unknown) => list.map((value) => ({ value, text: labels[value], checked: value === selected }));
    return reply.code(status).page('record/pages/programme-activity-form.njk', {
      ...(await common(access)),
      title: 'Set an activity',
      values,
      kindItems: radio(programmeActivityKinds, programmeActivityKindLabels, values.kind),
      periodItems: [{ value: 'day', text: 'a day', checked: values.period === 'day' }, { value: 'week', text: 'a week', checked: values.period === 'week' }],
      delivererItems: radio(programmeDelivererKinds, programmeDelivererKindLabels, values.delivererKind),
      staffItems: [{ value: '', text: 'Choose a member of staff' }, ...staff.map((s) => ({ value: s.id, text: `${s.name} (${homewardRoleLabels[s.role]})`, selected: s.id === values.delivererStaffId }))],
      competenceItems: [{ value: '', text: 'None (not delegated to a support worker)' }, ...delegableCompetences.map((c) => ({ value: c, text: delegableCompetenceLabels[c], selected: c === values.competence }))],
      goalItems: goals.length ? [{ value: '', text: 'Not linked to a goal' }, ...goals.filter((g) => g.status === 'active' || g.id === values.goalId).map((g) => ({ value: g.id, text: g.statement, selected: g.id === values.goalId }))] : [],
      errors: errorList(fields, { form: 'main-form', episode: 'main-form', startsOn: 'startsOn-day', endsOn: 'endsOn-day' }),
      fieldErrors: errorsByField(fields),
      backHref: `/episodes/${access.episode.id}/programme`,
    });
  }

  typed.get('/episodes/:id/programme/new', { schema: { ...hidden, params: episodeParams } }, async (request, reply) => {
    const access = await authoriseProgrammeChange(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id) });
    await auditRecordRead(app.db, access, programmeKind, access.episode.id, { purpose: 'set-activity' });
    const parts = isoDateToParts(today());
    return renderActivityForm(reply, access, { 'startsOn-day': parts.day, 'startsOn-month': parts.month, 'startsOn-year': parts.year, period: 'week', formId: uuidv7() });
  });

  typed.post('/episodes/:id/programme/new', { schema: { ...hidden, params: episodeParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseProgrammeChange(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id) });
    const body = request.body as Form;
    return pageWrite(request, reply, {
      formId: formField(body.formId),
      check: () => {
        const { input, fields } = parseActivityForm(body, today());
        if (!input) throw new HomewardError('validation_failed', fields[0]!.message, { fields });
        checkActivityInput(access.grant.actor.now, access, input);
        return input;
      },
      write: async (trx, input) => {
        const saved = await setProgrammeActivity(trx, { access, input });
        return `/episodes/${access.episode.id}/programme?done=set&activity=${saved.id}#activity-${saved.id}`;
      },
      render: (fields, status) => renderActivityForm(reply, access, valuesOf(body), fields, status),
    });
  });

  // Logging a completion.
  async function renderLogForm(reply: FastifyReply, access: RecordAccess, activity: ActivityResponse, values: Form, fields: FieldError[] = [], status = 200) {
    const principal = access.grant.staff;
    // Offer only the reports this person may log, so the form never invites a refusal.
    const competencesHeld = await competencesForLogging(app.db, principal.role, principal.staffId, ukDateOf(access.grant.actor.now));
    const reporters = completionReporters.filter(
      (r) => mayLogCompletion({ role: principal.role, staffId: principal.staffId, reportedBy: r, delivererKind: activity.deliverer.kind, delivererStaffId: activity.deliverer.staffId, competence: activity.competence, competencesHeld }).allowed,
    );
    return reply.code(status).page('record/pages/programme-log-form.njk', {
      ...(await common(access)),
      title: `Log ${activity.title}`,
      activity,
      values,
      outcomeItems: completionOutcomes.map((o) => ({ value: o, text: completionOutcomeLabels[o], checked: o === values.outcome })),
      reporterItems: reporters.map((r) => ({ value: r, text: reporterQuestionLabels[r], checked: r === values.reportedBy || reporters.length === 1 })),
      errors: errorList(fields, { form: 'main-form', doneOn: 'doneOn-day' }),
      fieldErrors: errorsByField(fields),
      backHref: values.from === 'delegated-work' ? delegatedWorkPath : `/episodes/${access.episode.id}/programme#activity-${activity.id}`,
    });
  }

  async function loadForLog(request: FastifyRequest, id: string) {
    const access = await authoriseRecordWrite(app.db, { actor: actorOf(request), episode: await loadActivityEpisode(request, id), kind: programmeKind });
    return { access, activity: await readActivity(request, access, id) };
  }

  typed.get('/programme-activities/:id/log', { schema: { ...hidden, params: activityParams, querystring: z.object({ from: z.string().optional() }) } }, async (request, reply) => {
    const { access, activity } = await loadForLog(request, request.params.id);
    await auditRecordRead(app.db, access, programmeKind, activity.id, { purpose: 'log-completion' });
    const parts = isoDateToParts(today());
    const delegatedToMe = activity.deliverer.kind === 'staff' && activity.deliverer.staffId === access.grant.staff.staffId;
    const from: Form = request.query.from === 'delegated-work' ? { from: 'delegated-work' } : {};
    return renderLogForm(reply, access, activity, { 'doneOn-day': parts.day, 'doneOn-month': parts.month, 'doneOn-year': parts.year, reportedBy: delegatedToMe ? 'staff' : '', formId: uuidv7(), ...from });
  });

  typed.post('/programme-activities/:id/log', { schema: { ...hidden, params: activityParams, body: formBody } }, async (request, reply) => {
    const { access, activity } = await loadForLog(request, request.params.id);
    const body = request.body as Form;
    const values = valuesOf(body);
    return pageWrite(request, reply, {
      formId: formField(body.formId),
      // The form's problems, then the delegation rule (a refusal audited on its own, so it stands).
      check: async () => {
        const fields: FieldError[] = [];
        const date = parseDateParts(dateValue(body, 'doneOn'), { label: 'The day it was done', today: today() });
        if (!date.ok) fields.push({ path: 'doneOn', message: date.message });
        const outcome = completionOutcomes.find((o) => o === values.outcome) as CompletionOutcome | undefined;
        if (!outcome) fields.push({ path: 'outcome', message: 'Choose whether it was done, partly done or not done' });
        const reportedBy = completionReporters.find((r) => r === values.reportedBy) as CompletionReporter | undefined;
        if (!reportedBy) fields.push({ path: 'reportedBy', message: 'Choose who says it was done' });
        if (fields.length || !date.ok || !outcome || !reportedBy) throw new HomewardError('validation_failed', fields[0]!.message, { fields });
        const input: CompletionBody = { doneOn: date.value, outcome, reportedBy, note: formField(body.note) || null };
        await authoriseCompletionLog(app.db, { access, activity, reportedBy: reportedBy });
        checkCompletionInput(access.grant.actor.now, access, activity, input);
        return input;
      },
      write: async (trx, input) => {
        await logProgrammeCompletion(trx, { access, activity, input });
        // From "My delegated work", back to it with the confirmation (a fixed path: never an address the form names).
        if (formField(body.from) === 'delegated-work') return `${delegatedWorkPath}?done=logged&activity=${activity.id}`;
        return `/episodes/${access.episode.id}/programme?done=logged&activity=${activity.id}#activity-${activity.id}`;
      },
      render: (fields, status) => renderLogForm(reply, access, activity, values, fields, status),
    });
  });

  // Stopping or completing an activity.
  async function renderStatusForm(reply: FastifyReply, access: RecordAccess, activity: ActivityResponse, values: Form, fields: FieldError[] = [], status = 200) {
    return reply.code(status).page('record/pages/programme-status-form.njk', {
      ...(await common(access)),
      title: `Stop or complete ${activity.title}`,
      activity,
      values,
      statusItems: [
        { value: 'completed', text: 'Completed: it has done its job', checked: values.status === 'completed' },
        { value: 'stopped', text: 'Stopped: it is no longer right for the patient', checked: values.status === 'stopped' },
      ],
      errors: errorList(fields, { form: 'main-form', version: 'main-form' }),
      fieldErrors: errorsByField(fields),
      backHref: `/episodes/${access.episode.id}/programme#activity-${activity.id}`,
    });
  }

  async function loadForStatus(request: FastifyRequest, id: string) {
    const access = await authoriseProgrammeChange(app.db, { actor: actorOf(request), episode: await loadActivityEpisode(request, id) });
    return { access, activity: await readActivity(request, access, id) };
  }

  typed.get('/programme-activities/:id/status', { schema: { ...hidden, params: activityParams } }, async (request, reply) => {
    const { access, activity } = await loadForStatus(request, request.params.id);
    await auditRecordRead(app.db, access, programmeKind, activity.id, { purpose: 'change-status' });
    if (activity.status !== 'active') throw new HomewardError('version_conflict', `This activity is already ${activity.status}`);
    return renderStatusForm(reply, access, activity, { version: String(activity.version) });
  });

  typed.post('/programme-activities/:id/status', { schema: { ...hidden, params: activityParams, body: formBody } }, async (request, reply) => {
    const { access, activity } = await loadForStatus(request, request.params.id);
    const values = valuesOf(request.body as Form);
    try {
      const status = (['stopped', 'completed'] as const).find((s) => s === values.status);
      const fields: FieldError[] = [];
      if (!status) fields.push({ path: 'status', message: 'Choose whether the activity is completed or stopped' });
      if (!values.reason) fields.push({ path: 'reason', message: 'Enter why' });
      const version = Number(values.version);
      if (!isStoredVersion(version)) fields.push({ path: 'version', message: 'The form is missing the activity version; reload the page' });
      if (fields.length || !status) throw new HomewardError('validation_failed', fields[0]!.message, { fields });
      await app.db.transaction().execute((trx) => changeActivityStatus(trx, { access, activity, status, reason: values.reason as string, version: version }));
      return redirectSeeOther(reply, `/episodes/${access.episode.id}/programme?done=${status}&activity=${activity.id}#activity-${activity.id}`);
    } catch (error) {
      const problem = formProblem(error);
      if (problem) return renderStatusForm(reply, access, activity, values, problem.fields, problem.status);
      throw error;
    }
  });

  // The carer's sheet: each one produced is stored as a letter and its printing audited.
  async function sendCarerSheet(request: FastifyRequest, reply: FastifyReply, episodeId: string, print: string | undefined) {
    const access = await authoriseRecordWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, episodeId), kind: 'letter' });
    const printSize: PrintSize | null = print === 'large' || print === 'standard' ? print : null;
    const sheet = await app.db.transaction().execute((trx) => produceCarerSheet(trx, { access, printSize }));
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${sheet.filename}"`)
      .header('cache-control', 'no-store')
      .header('x-letter-id', sheet.letterId)
      .send(sheet.pdf);
  }

  // POST only: each print is stored and audited, so it must not happen on a GET (a refresh, a prefetch).
  typed.post('/episodes/:id/programme/carer-sheet', { schema: { ...hidden, params: episodeParams, body: formBody } }, async (request, reply) => sendCarerSheet(request, reply, request.params.id, formField((request.body as Form).print)));
}

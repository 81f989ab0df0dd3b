// The incident pages (issue 17 #1): one short report page (prefilled from an episode, a lone-working
// alert or an equipment item), its confirmation with the reference, the reporter's own reports and the
// outcome, the handler's team list, one incident (triage, notes, findings and learning, actions, close),
// the owner's actions, and the LFPSE export. Thin: parse, authorise, delegate.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import {
  ageOn, incidentAffected, incidentAffectedLabels, incidentCategories, incidentCategoryLabels, incidentKindLabels, incidentKinds, incidentLocationKindLabels,
  incidentLocationKinds, investigationLevelLabels, investigationLevels, physicalHarmLabels, physicalHarmLevels, psychologicalHarmLabels, psychologicalHarmLevels,
  homewardRoleLabels, ukDateOf, type HomewardRole,
} from '@homeward/clinical';
import { actorOf } from '../platform/actor.ts';
import { formBody, formField, formVersion, pageWrite, type FormBody } from '../platform/form-body.ts';
import { dateItems, formValues, idFromForm } from '../platform/form-fields.ts';
import { validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { auditRead } from '../access/public.ts';
import { findPatient } from '../patients/public.ts';
import { addIncidentAction } from './add-incident-action.ts';
import { addIncidentNote } from './add-incident-note.ts';
import { closeIncident } from './close-incident.ts';
import { authoriseIncidentAction, completeIncidentAction } from './complete-incident-action.ts';
import { authoriseIncident, authoriseIncidentEpisode, authoriseIncidentReport, authoriseIncidentTeam, incidentPatientGrant, type IncidentAccess } from './incident-access.ts';
import { incidentPrefillQuery, prefilledValues, reportFromForm, sourceFromForm, type IncidentPrefill } from './incident-form.ts';
import { listActionOwners, listIncidentActions, listIncidentUpdates, listReportedBy, listTeamIncidents } from './incident-queries.ts';
import { actionView, incidentView } from './incident-view.ts';
import { markIncidentOutcomeSeen } from './read-incident-outcome.ts';
import { recordIncidentLearning } from './record-incident-learning.ts';
import { checkReportIncident, reportIncident } from './report-incident.ts';
import { triageIncident } from './triage-incident.ts';

const incidentParams = z.object({ incidentId: z.uuid('incidentId must be a UUID') });
const actionParams = z.object({ actionId: z.uuid('actionId must be a UUID') });
const doneQuery = z.object({ done: z.string().max(40).optional() });

const flashes: Record<string, string> = {
  triaged: 'Triage recorded. The incident is under review.',
  note: 'Note added to the incident’s log',
  learning: 'Findings and learning saved',
  action: 'Action added. It is on the owner’s home page until it is done.',
  closed: 'Incident closed. The person who reported it has been told the outcome.',
  'action-done': 'Action marked as done',
};
const flashOf = (done: string | undefined) => (done && Object.hasOwn(flashes, done) ? flashes[done] : null);

const radios = <T extends string>(list: readonly T[], labels: Record<T, string>, chosen: string | undefined) => list.map((v) => ({ value: v, text: labels[v], checked: v === chosen }));
const options = <T extends string>(list: readonly T[], labels: Record<T, string>, chosen: string | undefined, placeholder: string) => [{ value: '', text: placeholder }, ...list.map((v) => ({ value: v, text: labels[v], selected: v === chosen }))];

/** The first field of each group, for the error summary's links. */
const anchors = { occurredOn: 'occurredOn-day', kind: 'kind', affected: 'affected', physicalHarm: 'physicalHarm', psychologicalHarm: 'psychologicalHarm', anonymous: 'anonymous', version: 'form', dueOn: 'dueOn-day' };

export async function incidentPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;

  async function bannerPatient(patientId: string, now: Date) {
    const patient = await findPatient(db, patientId);
    return patient ? { ...patient, age: ageOn(patient.dateOfBirth, ukDateOf(now)) } : null;
  }

  // ---- Reporting --------------------------------------------------------------------------------

  async function showNew(request: FastifyRequest, reply: FastifyReply, o: { values: Record<string, string>; fields?: FieldError[]; status?: number }) {
    const actor = await authoriseIncidentReport(db, { actor: actorOf(request) });
    const v = o.values;
    const fields = o.fields ?? [];
    // Started from an episode: the reporter's write grant on its patient (the usual rules, audited), and the banner.
    const linked = z.uuid().safeParse(v.episodeId).success ? await authoriseIncidentEpisode(db, { actor, episodeId: v.episodeId! }) : null;
    const patient = linked ? await bannerPatient(linked.patientId, actor.now) : null;
    // The banner shows the patient: a read of their record, audited.
    if (linked) await auditRead(linked.grant, db, { recordKind: 'incident-form', recordId: linked.episodeId, detail: { page: 'report-an-incident' } });
    const byField = errorsByField(fields);
    return reply.code(o.status ?? 200).page('safety/pages/incident-new.njk', {
      title: 'Report an incident or near miss',
      section: 'safety',
      patient,
      breakGlass: linked?.grant.breakGlass ?? null,
      values: v,
      kindItems: radios(incidentKinds, incidentKindLabels, v.kind),
      occurredOnItems: dateItems('occurredOn', v, !!byField.occurredOn),
      locationKindItems: options(incidentLocationKinds, incidentLocationKindLabels, v.locationKind, 'Choose the kind of place'),
      categoryItems: options(incidentCategories, incidentCategoryLabels, v.category, 'Choose what it was about'),
      affectedItems: radios(incidentAffected, incidentAffectedLabels, v.affected ?? (patient ? 'patient' : undefined)),
      physicalHarmItems: radios(physicalHarmLevels, physicalHarmLabels, v.physicalHarm),
      psychologicalHarmItems: radios(psychologicalHarmLevels, psychologicalHarmLabels, v.psychologicalHarm),
      anonymousItems: [{ value: 'no', text: 'No, colleagues may see my name', checked: v.anonymous !== 'yes' }, { value: 'yes', text: 'Yes, show my report as anonymous to colleagues', checked: v.anonymous === 'yes' }],
      source: v.sourceKind ? { kind: v.sourceKind, text: v.sourceKind === 'lone-working' ? 'a lone-working alert' : 'an equipment item' } : null,
      errors: errorList(fields, anchors),
      fieldErrors: byField,
      backHref: linked ? `/episodes/${linked.episodeId}` : '/safety',
      backText: linked ? 'Back to the episode' : 'Safety',
    });
  }

  typed.get('/safety/incidents/new', { schema: { hide: true, querystring: incidentPrefillQuery } }, async (request, reply) => {
    const actor = await authoriseIncidentReport(db, { actor: actorOf(request) });
    return showNew(request, reply, { values: prefilledValues(request.query as IncidentPrefill, uuidv7(), actor.now) });
  });

  typed.post('/safety/incidents/new', { schema: { hide: true, body: formBody } }, async (request, reply) => {
    const actor = await authoriseIncidentReport(db, { actor: actorOf(request) });
    const body = request.body as FormBody;
    const formId = formField(body.formId);
    const episodeId = formField(body.episodeId);
    const episode = episodeId && z.uuid().safeParse(episodeId).success ? await authoriseIncidentEpisode(db, { actor, episodeId }) : null;
    return pageWrite(request, reply, {
      formId,
      check: () => {
        const fields: FieldError[] = [];
        const report = reportFromForm(body, actor.now, fields);
        try {
          checkReportIncident({ actor, report });
        } catch (error) {
          const more = (error as { fields?: FieldError[] }).fields ?? [];
          fields.push(...more.filter((f) => !fields.some((g) => g.path === f.path)));
        }
        const anonymous = formField(body.anonymous);
        if (anonymous !== 'yes' && anonymous !== 'no') fields.push({ path: 'anonymous', message: 'Select whether colleagues may see your name' });
        if (fields.length) throw validationFailed(fields);
        return { report, anonymous: anonymous === 'yes' };
      },
      write: async (trx, c) => {
        const incident = await reportIncident(trx, { actor, id: idFromForm(body), report: c.report, anonymous: c.anonymous, episode, source: sourceFromForm(body) });
        return `/safety/incidents/${incident.id}/reported`;
      },
      render: (fields, status) => showNew(request, reply, { values: formValues(body), fields, status }),
    });
  });

  typed.get('/safety/incidents/:incidentId/reported', { schema: { hide: true, params: incidentParams } }, async (request, reply) => {
    const access = await authoriseIncident(db, { actor: actorOf(request), incidentId: request.params.incidentId });
    // About a patient when linked to an episode: the banner, through the reader's grant, the read audited (as the form's was).
    const grant = await incidentPatientGrant(db, { access, detail: { page: 'report-sent' } });
    const patient = grant ? await bannerPatient(access.incident.patientId!, access.actor.now) : null;
    return reply.page('safety/pages/incident-reported.njk', {
      title: 'Report sent',
      section: 'safety',
      patient,
      breakGlass: grant?.breakGlass ?? null,
      incident: incidentView(access.incident, access.actor),
      backHref: '/safety',
      backText: 'Safety',
    });
  });

  // ---- The reporter's own -----------------------------------------------------------------------

  typed.get('/safety/incidents/mine', { schema: { hide: true } }, async (request, reply) => {
    const actor = await authoriseIncidentReport(db, { actor: actorOf(request) });
    const mine = await listReportedBy(db, actor.staff.staffId);
    return reply.page('safety/pages/incident-mine.njk', { title: 'My incident reports', section: 'safety', incidents: mine.map((i) => incidentView(i, actor)), backHref: '/safety', backText: 'Safety' });
  });

  // ---- The handler's team list ------------------------------------------------------------------

  typed.get('/safety/incidents', { schema: { hide: true, querystring: z.object({ status: z.enum(['open', 'closed', 'all']).optional() }) } }, async (request, reply) => {
    const access = await authoriseIncidentTeam(db, { actor: actorOf(request) });
    const status = request.query.status ?? 'open';
    const incidents = await listTeamIncidents(db, { teamId: access.teamId, withNoTeam: access.withNoTeam, ...(status === 'all' ? {} : { status }) });
    return reply.page('safety/pages/incident-list.njk', {
      title: 'The team’s incidents',
      section: 'safety',
      status,
      incidents: incidents.map((i) => incidentView(i, access.actor)),
      backHref: '/safety',
      backText: 'Safety',
    });
  });

  // ---- One incident -------------------------------------------------------------------------------

  async function showIncident(request: FastifyRequest, reply: FastifyReply, incidentId: string, o: { fields?: FieldError[]; status?: number; values?: Record<string, string>; done?: string } = {}) {
    const access = await authoriseIncident(db, { actor: actorOf(request), incidentId });
    const { actor } = access;
    // Opening a closed report as its reporter is reading the outcome: it leaves their home page. Asked of every
    // view, as a reporter who is also a handler opens it with the handler's view (the check is the reporter's).
    if ((await db.transaction().execute((trx) => markIncidentOutcomeSeen(trx, { access })))) {
      access.incident = { ...access.incident, outcomeSeenAt: actor.now };
    }
    const grant = await incidentPatientGrant(db, { access });
    const patient = grant ? await bannerPatient(access.incident.patientId!, actor.now) : null;
    const today = ukDateOf(actor.now);
    const handler = access.view === 'handler';
    const [updates, actions, owners, handlers] = handler
      ? await Promise.all([
        listIncidentUpdates(db, access.incident.id),
        listIncidentActions(db, { incidentId: access.incident.id }),
        listActionOwners(db, access.incident.teamId ?? actor.staff.teamId),
        handlersOf(access),
      ])
      : [[], [], [], []];
    const fields = o.fields ?? [];
    const i = access.incident;
    const values: Record<string, string> = {
      investigationLevel: i.investigationLevel ?? '', confirmedPhysicalHarm: i.confirmedPhysicalHarm ?? i.physicalHarm, handlerId: i.handlerId ?? actor.staff.staffId,
      findings: i.findings ?? '', learning: i.learning ?? '', outcomeForReporter: '', note: '', action: '', actionFormId: uuidv7(), noteFormId: uuidv7(),
      ...(o.values ?? {}), version: String(i.version),
    };
    const byField = errorsByField(fields);
    return reply.code(o.status ?? 200).page('safety/pages/incident.njk', {
      title: `${i.kind === 'near-miss' ? 'Near miss' : 'Incident'} ${i.reference}`,
      section: 'safety',
      view: access.view,
      incident: incidentView(i, actor),
      patient,
      breakGlass: grant?.breakGlass ?? null,
      patientHidden: i.patientId !== null && !grant,
      updates,
      actions: actions.map((a) => actionView(a, today)),
      open: i.status !== 'closed',
      values,
      levelItems: radios(investigationLevels, investigationLevelLabels, values.investigationLevel),
      harmItems: options(physicalHarmLevels, physicalHarmLabels, values.confirmedPhysicalHarm, 'Choose the harm'),
      handlerItems: handlers.map((h) => ({ value: h.id, text: `${h.name} (${homewardRoleLabels[h.role as HomewardRole] ?? h.role})`, selected: h.id === values.handlerId })),
      ownerItems: [{ value: '', text: 'Choose who owns it' }, ...owners.map((s) => ({ value: s.id, text: `${s.name} (${homewardRoleLabels[s.role as HomewardRole] ?? s.role})`, selected: s.id === values.ownerId }))],
      dueItems: dateItems('dueOn', values, !!byField.dueOn),
      flash: flashOf(o.done),
      errors: errorList(fields, anchors),
      fieldErrors: byField,
      backHref: handler ? '/safety/incidents' : '/safety/incidents/mine',
      backText: handler ? 'The team’s incidents' : 'My incident reports',
    });
  }

  async function handlersOf(access: IncidentAccess) {
    const teamId = access.incident.teamId;
    if (teamId === null) return [{ id: access.actor.staff.staffId, name: access.actor.staff.name, role: access.actor.staff.role }];
    return db.selectFrom('staff').select(['id', sql<string>`given_name || ' ' || family_name`.as('name'), 'homeward_role as role']).where('team_id', '=', teamId).where('active', '=', true).where('homeward_role', 'in', ['clinical-lead', 'service-manager']).orderBy('family_name').execute();
  }

  typed.get('/safety/incidents/:incidentId', { schema: { hide: true, params: incidentParams, querystring: doneQuery } }, async (request, reply) =>
    showIncident(request, reply, request.params.incidentId, { done: request.query.done }));

  /** A handler's form on the incident's page: authorised to handle, written, or shown again with what was typed. */
  const handlerForm = (path: string, done: string, o: { formIdField?: string; write: (trx: Parameters<Parameters<typeof pageWrite>[2]['write']>[0], access: IncidentAccess, body: FormBody) => Promise<unknown>; anchor: string }) =>
    typed.post(`/safety/incidents/:incidentId/${path}`, { schema: { hide: true, params: incidentParams, body: formBody } }, async (request, reply) => {
      const access = await authoriseIncident(db, { actor: actorOf(request), incidentId: request.params.incidentId, handle: true });
      const body = request.body as FormBody;
      return pageWrite(request, reply, {
        ...(o.formIdField ? { formId: formField(body[o.formIdField]) } : {}),
        write: async (trx) => {
          await o.write(trx, access, body);
          return `/safety/incidents/${access.incident.id}?done=${done}#${o.anchor}`;
        },
        render: (fields, status) => showIncident(request, reply, access.incident.id, { fields, status, values: formValues(body) }),
      });
    });

  handlerForm('triage', 'triaged', { anchor: 'triage', write: (trx, access, body) => triageIncident(trx, { access, version: formVersion(body.version), investigationLevel: formField(body.investigationLevel), confirmedPhysicalHarm: formField(body.confirmedPhysicalHarm), handlerId: z.uuid().safeParse(formField(body.handlerId)).success ? formField(body.handlerId) : null, note: formField(body.note) }) });
  handlerForm('notes', 'note', { anchor: 'log', formIdField: 'noteFormId', write: (trx, access, body) => addIncidentNote(trx, { access, note: formField(body.note) }) });
  handlerForm('learning', 'learning', { anchor: 'findings-and-learning', write: (trx, access, body) => recordIncidentLearning(trx, { access, version: formVersion(body.version), findings: formField(body.findings), learning: formField(body.learning) }) });
  handlerForm('actions', 'action', {
    anchor: 'actions',
    formIdField: 'actionFormId',
    write: async (trx, access, body) => {
      const fields: FieldError[] = [];
      const hasDate = ['day', 'month', 'year'].some((p) => formField(body[`dueOn-${p}`]));
      const dueOn = hasDate ? dayOf(body, 'dueOn', fields) : null;
      if (fields.length) throw validationFailed(fields);
      const ownerId = formField(body.ownerId);
      return addIncidentAction(trx, { access, id: idFromForm(body, 'actionFormId'), action: formField(body.action), ownerId: z.uuid().safeParse(ownerId).success ? ownerId : null, dueOn });
    },
  });
  handlerForm('close', 'closed', { anchor: 'close', write: (trx, access, body) => closeIncident(trx, { access, version: formVersion(body.version), learning: formField(body.learning), outcomeForReporter: formField(body.outcomeForReporter) }) });

  // ---- The owner's actions ------------------------------------------------------------------------

  async function showActions(request: FastifyRequest, reply: FastifyReply, o: { fields?: FieldError[]; status?: number; done?: string } = {}) {
    const actor = await authoriseIncidentReport(db, { actor: actorOf(request) });
    const today = ukDateOf(actor.now);
    const actions = await listIncidentActions(db, { ownerId: actor.staff.staffId });
    const fields = o.fields ?? [];
    return reply.code(o.status ?? 200).page('safety/pages/incident-actions.njk', {
      title: 'My incident actions',
      section: 'safety',
      open: actions.filter((a) => a.status === 'open').map((a) => actionView(a, today)),
      done: actions.filter((a) => a.status === 'done').map((a) => actionView(a, today)),
      flash: flashOf(o.done),
      errors: errorList(fields),
      fieldErrors: errorsByField(fields),
      backHref: '/safety',
      backText: 'Safety',
    });
  }

  typed.get('/safety/incidents/actions', { schema: { hide: true, querystring: doneQuery } }, async (request, reply) => showActions(request, reply, { done: request.query.done }));

  typed.post('/safety/incidents/actions/:actionId/done', { schema: { hide: true, params: actionParams, body: formBody } }, async (request, reply) => {
    const actor = actorOf(request);
    const action = await authoriseIncidentAction(db, { actor, actionId: request.params.actionId });
    const body = request.body as FormBody;
    const from = formField(body.from) === 'incident' ? `/safety/incidents/${action.incidentId}?done=action-done#actions` : '/safety/incidents/actions?done=action-done';
    return pageWrite(request, reply, {
      write: async (trx) => {
        await completeIncidentAction(trx, { actor, actionId: action.id, version: formVersion(body.version) });
        return from;
      },
      render: (fields, status) => showActions(request, reply, { fields, status }),
    });
  });
}

function dayOf(body: FormBody, name: string, fields: FieldError[]): string | null {
  const d = formField(body[`${name}-day`]);
  const m = formField(body[`${name}-month`]);
  const y = formField(body[`${name}-year`]);
  if (!d || !m || !y) {
    fields.push({ path: name, message: 'Enter the date the action is due by, with a day, month and year' });
    return null;
  }
  const value = `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const parsed = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(value)) {
    fields.push({ path: name, message: 'The due date must be a real date' });
    return null;
  }
  return value;
}

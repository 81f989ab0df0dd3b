// The safeguarding pages (issue 17 #2): raising a concern from a patient's episode (with the patient
// banner) and its confirmation, the list of concerns (the lead's, by the decision clock; anyone else's,
// those they raised or were named on), one concern (decision, notes, people named, closing) and the
// safeguarding leads' designations. Thin: parse, authorise, delegate; every form works without JavaScript.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import {
  adultAbuseCategories, ageOn, childAbuseCategories, consentToShareLabels, consentToShareValues, homewardRoleLabels, safeguardingCategoryLabels,
  safeguardingDecisionClock, safeguardingDecisionLabels, safeguardingDecisions, ukDateOf, type HomewardRole,
} from '@homeward/clinical';
import { actorOf, requireClinicalActor } from '../platform/actor.ts';
import { formBody, formField, formVersion, pageWrite, type FormBody } from '../platform/form-body.ts';
import { notFound, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { auditRead } from '../access/public.ts';
import { loadEpisode } from '../caseload/public.ts';
import { findPatient } from '../patients/public.ts';
import { addSafeguardingNote } from './add-safeguarding-note.ts';
import { closeSafeguardingConcern } from './close-safeguarding-concern.ts';
import { decideSafeguardingConcern } from './decide-safeguarding-concern.ts';
import { designateSafeguardingLead, endSafeguardingDesignation } from './designate-safeguarding-lead.ts';
import { nameSafeguardingPerson, removeSafeguardingPerson } from './name-safeguarding-person.ts';
import { checkRaiseSafeguardingConcern, raiseSafeguardingConcern } from './raise-safeguarding-concern.ts';
import {
  actorIsSafeguardingLead, auditConcernRead, auditConcernsListed, authoriseConcern, authoriseConcernLead, authoriseDesignations, authoriseRaiseConcern,
  nameableRoles, safeguardingLeadRoles, type ConcernAccess,
} from './safeguarding-access.ts';
import { dateItems } from '../platform/form-fields.ts';
import { concernFromForm, optionalFormDay } from './safeguarding-form.ts';
import { listClinicalStaff, listConcernNotes, listConcernsFor, listDesignations, listNamedPeople, type SafeguardingConcern } from './safeguarding-queries.ts';

const concernParams = z.object({ concernId: z.uuid('concernId must be a UUID') });
const namedParams = z.object({ concernId: z.uuid('concernId must be a UUID'), namedId: z.uuid('namedId must be a UUID') });
const designationParams = z.object({ designationId: z.uuid('designationId must be a UUID') });
const newQuery = z.object({ episodeId: z.uuid('episodeId must be a UUID') });
const doneQuery = z.object({ done: z.string().max(40).optional() });
const listQuery = z.object({ done: z.string().max(40).optional(), show: z.enum(['open', 'all']).optional() });

const flashes: Record<string, string> = {
  decided: 'Decision recorded',
  note: 'Note added',
  named: 'Named: they can now see this concern',
  removed: 'Name removed: they can no longer see this concern',
  closed: 'Concern closed',
  designated: 'Safeguarding lead named',
  ended: 'Designation ended',
};
const flashOf = (done: string | undefined) => (done && Object.hasOwn(flashes, done) ? flashes[done] : null);
const roleText = (role: string) => homewardRoleLabels[role as HomewardRole] ?? role;
const formValues = (body: FormBody): Record<string, string> => Object.fromEntries(Object.entries(body).filter(([k]) => k !== '_csrf').map(([k, v]) => [k, formField(v)]));
const chosenId = (body: FormBody, name: string) => (z.uuid().safeParse(formField(body[name])).success ? formField(body[name]) : null);
const idFrom = (v: string | string[] | undefined) => (z.uuid().safeParse(formField(v)).success ? formField(v) : uuidv7());

const statusTags: Record<SafeguardingConcern['status'], { colour: string; text: string }> = {
  open: { colour: 'blue', text: 'Waiting for a decision' },
  decided: { colour: 'green', text: 'Decided' },
  closed: { colour: 'grey', text: 'Closed' },
};

/** A concern as the pages show it: labels, and the clock in words (red with the word when overdue). */
function concernView(c: SafeguardingConcern, now: Date) {
  const clock = c.status === 'open' ? safeguardingDecisionClock({ dueAt: c.decisionDueAt, now }) : null;
  return {
    ...c,
    categoryLabels: c.categories.map((k) => safeguardingCategoryLabels[k] ?? k),
    consentLabel: consentToShareLabels[c.consentToShare],
    decisionLabel: c.decision ? safeguardingDecisionLabels[c.decision] : null,
    statusTag: statusTags[c.status],
    clock: clock ? { ...clock, tag: clock.overdue ? { colour: 'red', text: 'Overdue' } : { colour: 'yellow', text: 'Due soon' } } : null,
  };
}

export async function safeguardingPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;

  // ---- Raising a concern, from the patient's episode ------------------------------------------------

  async function showNew(request: FastifyRequest, reply: FastifyReply, episodeId: string, o: { fields?: FieldError[]; status?: number; values?: Record<string, string>; chosen?: string[] } = {}) {
    const episode = await loadEpisode(request, episodeId);
    const grant = await authoriseRaiseConcern(db, { actor: actorOf(request), episode });
    const patient = await findPatient(db, episode.patientId);
    if (!patient) throw notFound('Patient');
    await auditRead(grant, db, { recordKind: 'patient', recordId: patient.id, detail: { page: 'raise-safeguarding-concern', episodeId: episode.id } });
    const fields = o.fields ?? [];
    const values = o.values ?? { formId: uuidv7() };
    const chosen = new Set(o.chosen ?? []);
    const kind = values.kind;
    const checks = (list: readonly string[]) => list.map((c) => ({ value: c, text: safeguardingCategoryLabels[c as keyof typeof safeguardingCategoryLabels], checked: chosen.has(c) }));
    return reply.code(o.status ?? 200).page('safety/pages/safeguarding-new.njk', {
      title: 'Raise a safeguarding concern',
      section: 'caseload',
      patient: { ...patient, age: ageOn(patient.dateOfBirth, ukDateOf(grant.actor.now)) },
      breakGlass: grant.breakGlass,
      episode,
      values,
      adultItems: checks(adultAbuseCategories),
      childItems: checks(childAbuseCategories),
      kind,
      consentItems: consentToShareValues.map((v) => ({ value: v, text: consentToShareLabels[v], checked: values.consentToShare === v })),
      errors: errorList(fields, { kind: 'kind', categories: kind === 'child' ? 'childCategories' : 'adultCategories', personAtRisk: 'personAtRisk', immediateDanger: 'immediateDanger', consentToShare: 'consentToShare' }),
      fieldErrors: errorsByField(fields),
      backHref: `/episodes/${episode.id}`,
      backText: 'Back to the episode',
    });
  }

  // Without an episode (the address typed, or a bookmark): how to raise one, not "episodeId must be a UUID".
  const startQuery = z.object({ episodeId: z.string().optional() });
  typed.get('/safety/safeguarding/new', { schema: { hide: true, querystring: startQuery } }, async (request, reply) => {
    const episodeId = request.query.episodeId?.trim();
    if (!episodeId) {
      await requireClinicalActor(db, actorOf(request));
      return reply.page('safety/pages/safeguarding-start.njk', { title: 'Raise a safeguarding concern', section: 'safety', backHref: '/safety', backText: 'Back to Safety' });
    }
    const parsed = newQuery.safeParse({ episodeId });
    if (!parsed.success) throw validationFailed([{ path: 'episodeId', message: 'episodeId must be a UUID' }]);
    return showNew(request, reply, parsed.data.episodeId);
  });

  typed.post('/safety/safeguarding/new', { schema: { hide: true, querystring: newQuery, body: formBody } }, async (request, reply) => {
    const episode = await loadEpisode(request, request.query.episodeId);
    const grant = await authoriseRaiseConcern(db, { actor: actorOf(request), episode });
    const body = request.body as FormBody;
    const input = concernFromForm(body);
    const id = idFrom(body.formId);
    return pageWrite(request, reply, {
      formId: formField(body.formId),
      check: () => checkRaiseSafeguardingConcern(input),
      write: async (trx) => {
        const concern = await raiseSafeguardingConcern(trx, { grant, episode, id, input });
        return `/safety/safeguarding/${concern.id}/raised`;
      },
      render: (fields, status) => showNew(request, reply, episode.id, { fields, status, values: formValues(body), chosen: input.categories as string[] }),
    });
  });

  typed.get('/safety/safeguarding/:concernId/raised', { schema: { hide: true, params: concernParams } }, async (request, reply) => {
    const access = await authoriseConcern(db, { actor: actorOf(request), concernId: request.params.concernId });
    const patient = await findPatient(db, access.concern.patient.id);
    if (!patient) throw notFound('Patient');
    await auditConcernRead(db, access, { page: 'raised' });
    return reply.page('safety/pages/safeguarding-raised.njk', {
      title: 'Safeguarding concern raised',
      section: 'caseload',
      patient: { ...patient, age: ageOn(patient.dateOfBirth, ukDateOf(access.actor.now)) },
      concern: concernView(access.concern, access.actor.now),
    });
  });

  // ---- The list -------------------------------------------------------------------------------------

  typed.get('/safety/safeguarding', { schema: { hide: true, querystring: listQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    await requireClinicalActor(db, actor);
    const isLead = await actorIsSafeguardingLead(db, actor);
    const show = request.query.show ?? 'open';
    const concerns = await listConcernsFor(db, { staffId: actor.staff.staffId, isLead, include: show });
    await auditConcernsListed(db, actor, concerns, { isLead, detail: { list: 'safeguarding-concerns' } });
    return reply.page('safety/pages/safeguarding-list.njk', {
      title: isLead ? 'Safeguarding concerns' : 'Safeguarding concerns you raised or were named on',
      section: 'safety',
      isLead,
      show,
      concerns: concerns.map((c) => concernView(c, actor.now)),
      flash: flashOf(request.query.done),
      backHref: '/safety',
      backText: 'Safety',
    });
  });

  // ---- One concern ----------------------------------------------------------------------------------

  async function showConcern(request: FastifyRequest, reply: FastifyReply, concernId: string, o: { fields?: FieldError[]; status?: number; values?: Record<string, string>; done?: string | undefined; form?: string } = {}) {
    const access: ConcernAccess = await authoriseConcern(db, { actor: actorOf(request), concernId });
    const c = access.concern;
    const patient = await findPatient(db, c.patient.id);
    if (!patient) throw notFound('Patient');
    const [notes, named] = await Promise.all([listConcernNotes(db, c.id), listNamedPeople(db, c.id)]);
    await auditConcernRead(db, access, { page: 'concern' });
    const fields = o.fields ?? [];
    const today = ukDateOf(access.actor.now);
    const values: Record<string, string> = {
      decision: c.decision ?? '', reason: c.decisionReason ?? '', localAuthorityReference: c.localAuthorityReference ?? '',
      ...(c.localAuthorityReferredOn ? { 'localAuthorityReferredOn-day': String(Number(c.localAuthorityReferredOn.slice(8, 10))), 'localAuthorityReferredOn-month': String(Number(c.localAuthorityReferredOn.slice(5, 7))), 'localAuthorityReferredOn-year': c.localAuthorityReferredOn.slice(0, 4) } : {}),
      noteFormId: uuidv7(), personFormId: uuidv7(),
      ...(o.values ?? {}),
      version: String(c.version),
    };
    const namedIds = new Set([...named.map((n) => n.staffId), c.raisedBy.id]);
    const staff = access.isLead ? (await listClinicalStaff(db, { roles: nameableRoles })).filter((s) => !namedIds.has(s.id)) : [];
    return reply.code(o.status ?? 200).page('safety/pages/safeguarding-concern.njk', {
      title: `Safeguarding concern ${c.reference}`,
      section: 'safety',
      patient: { ...patient, age: ageOn(patient.dateOfBirth, today) },
      concern: concernView(c, access.actor.now),
      isLead: access.isLead,
      basis: access.basis,
      notes,
      named: named.map((n) => ({ ...n, roleText: roleText(n.role) })),
      staffItems: [{ value: '', text: 'Choose a clinician' }, ...staff.map((s) => ({ value: s.id, text: `${s.name} (${roleText(s.role)})`, selected: s.id === values.staffId }))],
      decisionItems: safeguardingDecisions.map((d) => ({ value: d, text: safeguardingDecisionLabels[d], checked: values.decision === d })),
      referredOnItems: dateItems('localAuthorityReferredOn', values, !!errorsByField(fields).localAuthorityReferredOn),
      values,
      form: o.form ?? null,
      flash: flashOf(o.done),
      errors: errorList(fields, { decision: 'decision', localAuthorityReferredOn: 'localAuthorityReferredOn-day', version: o.form === 'close' ? 'close' : 'decision', form: o.form === 'close' ? 'close' : 'decision' }),
      fieldErrors: errorsByField(fields),
      backHref: '/safety/safeguarding',
      backText: 'Safeguarding concerns',
    });
  }

  typed.get('/safety/safeguarding/:concernId', { schema: { hide: true, params: concernParams, querystring: doneQuery } }, async (request, reply) =>
    showConcern(request, reply, request.params.concernId, { done: request.query.done }));

  typed.post('/safety/safeguarding/:concernId/decision', { schema: { hide: true, params: concernParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseConcernLead(db, { actor: actorOf(request), concernId: request.params.concernId, change: 'decision' });
    const body = request.body as FormBody;
    const today = ukDateOf(access.actor.now);
    return pageWrite(request, reply, {
      check: () => {
        const fields: FieldError[] = [];
        const referredOn = formField(body.decision) === 'refer-to-local-authority' ? optionalFormDay(body, 'localAuthorityReferredOn', 'The date of the referral', today, fields) : null;
        if (fields.length) throw validationFailed(fields);
        return referredOn;
      },
      write: async (trx, referredOn) => {
        await decideSafeguardingConcern(trx, { access, version: formVersion(body.version), decision: formField(body.decision), reason: formField(body.reason), localAuthorityReference: formField(body.localAuthorityReference), localAuthorityReferredOn: referredOn });
        return `/safety/safeguarding/${access.concern.id}?done=decided`;
      },
      render: (fields, status) => showConcern(request, reply, access.concern.id, { fields, status, values: formValues(body), form: 'decision' }),
    });
  });

  typed.post('/safety/safeguarding/:concernId/notes', { schema: { hide: true, params: concernParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseConcern(db, { actor: actorOf(request), concernId: request.params.concernId, action: 'write' });
    const body = request.body as FormBody;
    return pageWrite(request, reply, {
      formId: formField(body.noteFormId),
      write: async (trx) => {
        await addSafeguardingNote(trx, { access, id: idFrom(body.noteFormId), note: formField(body.note) });
        return `/safety/safeguarding/${access.concern.id}?done=note#notes`;
      },
      render: (fields, status) => showConcern(request, reply, access.concern.id, { fields, status, values: { note: formField(body.note), noteFormId: formField(body.noteFormId) }, form: 'note' }),
    });
  });

  typed.post('/safety/safeguarding/:concernId/people', { schema: { hide: true, params: concernParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseConcernLead(db, { actor: actorOf(request), concernId: request.params.concernId, change: 'name-person' });
    const body = request.body as FormBody;
    return pageWrite(request, reply, {
      formId: formField(body.personFormId),
      write: async (trx) => {
        await nameSafeguardingPerson(trx, { access, id: idFrom(body.personFormId), staffId: chosenId(body, 'staffId') });
        return `/safety/safeguarding/${access.concern.id}?done=named#people`;
      },
      render: (fields, status) => showConcern(request, reply, access.concern.id, { fields, status, values: { staffId: formField(body.staffId), personFormId: formField(body.personFormId) }, form: 'person' }),
    });
  });

  typed.post('/safety/safeguarding/:concernId/people/:namedId/remove', { schema: { hide: true, params: namedParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseConcernLead(db, { actor: actorOf(request), concernId: request.params.concernId, change: 'remove-person' });
    const body = request.body as FormBody;
    return pageWrite(request, reply, {
      write: async (trx) => {
        await removeSafeguardingPerson(trx, { access, namedId: request.params.namedId, version: formVersion(body.version) });
        return `/safety/safeguarding/${access.concern.id}?done=removed#people`;
      },
      render: (fields, status) => showConcern(request, reply, access.concern.id, { fields, status, form: 'person' }),
    });
  });

  typed.post('/safety/safeguarding/:concernId/close', { schema: { hide: true, params: concernParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseConcernLead(db, { actor: actorOf(request), concernId: request.params.concernId, change: 'close' });
    const body = request.body as FormBody;
    return pageWrite(request, reply, {
      write: async (trx) => {
        await closeSafeguardingConcern(trx, { access, version: formVersion(body.version) });
        return `/safety/safeguarding/${access.concern.id}?done=closed`;
      },
      render: (fields, status) => showConcern(request, reply, access.concern.id, { fields, status, form: 'close' }),
    });
  });

  // ---- Designations ---------------------------------------------------------------------------------

  async function showDesignations(request: FastifyRequest, reply: FastifyReply, o: { fields?: FieldError[]; status?: number; values?: Record<string, string>; done?: string | undefined } = {}) {
    const actor = await authoriseDesignations(db, { actor: actorOf(request), write: false });
    const today = ukDateOf(actor.now);
    const designations = await listDesignations(db, { today });
    const current = new Set(designations.filter((d) => d.endsOn === null).map((d) => d.staffId));
    const staff = (await listClinicalStaff(db, { roles: safeguardingLeadRoles })).filter((s) => !current.has(s.id));
    const fields = o.fields ?? [];
    const values = o.values ?? { formId: uuidv7(), 'startsOn-day': String(Number(today.slice(8, 10))), 'startsOn-month': String(Number(today.slice(5, 7))), 'startsOn-year': today.slice(0, 4) };
    return reply.code(o.status ?? 200).page('safety/pages/safeguarding-designations.njk', {
      title: 'Safeguarding leads',
      section: 'safety',
      designations: designations.map((d) => ({ ...d, roleText: roleText(d.role) })),
      staffItems: [{ value: '', text: 'Choose a clinician' }, ...staff.map((s) => ({ value: s.id, text: `${s.name} (${roleText(s.role)})`, selected: s.id === values.staffId }))],
      startsOnItems: dateItems('startsOn', values, !!errorsByField(fields).startsOn),
      values,
      flash: flashOf(o.done),
      errors: errorList(fields, { startsOn: 'startsOn-day' }),
      fieldErrors: errorsByField(fields),
      backHref: '/safety',
      backText: 'Safety',
    });
  }

  typed.get('/safety/designations', { schema: { hide: true, querystring: doneQuery } }, async (request, reply) => showDesignations(request, reply, { done: request.query.done }));

  typed.post('/safety/designations', { schema: { hide: true, body: formBody } }, async (request, reply) => {
    const actor = await authoriseDesignations(db, { actor: actorOf(request), write: true });
    const body = request.body as FormBody;
    const today = ukDateOf(actor.now);
    return pageWrite(request, reply, {
      formId: formField(body.formId),
      check: () => {
        const fields: FieldError[] = [];
        const startsOn = optionalFormDay(body, 'startsOn', 'The start date', today, fields);
        if (fields.length) throw validationFailed(fields);
        return startsOn;
      },
      write: async (trx, startsOn) => {
        await designateSafeguardingLead(trx, { actor, id: idFrom(body.formId), staffId: chosenId(body, 'staffId'), startsOn });
        return '/safety/designations?done=designated';
      },
      render: (fields, status) => showDesignations(request, reply, { fields, status, values: formValues(body) }),
    });
  });

  typed.post('/safety/designations/:designationId/end', { schema: { hide: true, params: designationParams, body: formBody } }, async (request, reply) => {
    const actor = await authoriseDesignations(db, { actor: actorOf(request), write: true });
    const body = request.body as FormBody;
    return pageWrite(request, reply, {
      write: async (trx) => {
        await endSafeguardingDesignation(trx, { actor, id: request.params.designationId, version: formVersion(body.version) });
        return '/safety/designations?done=ended';
      },
      render: (fields, status) => showDesignations(request, reply, { fields, status }),
    });
  });
}

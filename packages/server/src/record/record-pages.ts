// The clinical record as pages: the episode's record (consent and notes), recording consent and its
// withdrawal, writing, finalising and amending notes, and the supervisor's review queue. Same rules
// as the JSON API; every page carries the patient banner so nobody writes in the wrong record.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { AccessGrant } from '../access/public.ts';
import type { Database } from '../db/schema.ts';
import { actorOf } from '../platform/actor.ts';
import { formBody, formField, pageWrite, formVersion } from '../platform/form-body.ts';
import {
  ageOn,
  capacityFunctionLabels,
  capacityFunctions,
  capacityOutcomeLabels,
  consentGiverLabels,
  consentGivers,
  consentMethodLabels,
  consentMethods,
  consentScopeLabels,
  consentScopes,
  contactNoteKindLabels,
  contactNoteMissing,
  contactNoteKinds,
  fromUkWallClock,
  isNotSeenKind,
  isStrokeService,
  lateEntryThresholdHours,
  mayAssessCapacity,
  mayChangeContactNote,
  mayReviewNote,
  parseDateParts,
  parseTimeOfDay,
  serviceLabels,
  ssnapTherapyTypeLabels,
  ssnapTherapyTypes,
  toUkWallClock,
  treatmentKinds,
  ukDateOf,
  type ContactNoteInput,
  type ContactNoteKind,
  type HomewardRole,
} from '@homeward/clinical';
import type { Principal } from '../platform/principal.ts';
import type { EpisodeResponse } from '../caseload/public.ts';
import { HomewardError, notFound, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { redirectSeeOther, requirePrincipal } from '../platform/request-context.ts';
import { findPatient } from '../patients/public.ts';
import { loadEpisode, loadNote } from './record-route-helpers.ts';
import { amendContactNote } from './amend-contact-note.ts';
import { changeDraftNote } from './change-draft-note.ts';
import { authoriseNoteChange, checkNoteContent } from './contact-notes.ts';
import { finaliseContactNote } from './finalise-contact-note.ts';
import { reviewContactNote } from './review-contact-note.ts';
import { writeContactNote } from './write-contact-note.ts';
import { assessmentPromptsForEpisode } from './review-prompts.ts';
import { scoreChartSections } from './score-chart-sections.ts';
import { auditRecordRead, authoriseNoteReview, authoriseRecordRead, authoriseRecordWrite, mayWriteRecord, type RecordAccess } from './record-access.ts';
import { readReviewQueue } from './record-api-routes.ts';
import { checkConsentBody, recordConsent, withdrawConsent } from './record-consent.ts';
import { findContactNotes, hasLiveConsent, listConsents } from './record-queries.ts';
import { consentBody, type ContactNoteResponse } from './record-schema.ts';
import { listAssessments, summariseAssessments } from './assessments.ts';
import { previewNoteText } from './note-preview.ts';

const hidden = { hide: true };
const episodeParams = z.object({ id: z.uuid() });
const consentParams = z.object({ id: z.uuid(), consentId: z.uuid() });
const noteParams = z.object({ noteId: z.uuid() });
const doneQuery = z.object({ done: z.string().optional(), from: z.string().optional() });
const newNoteQuery = z.object({ visit: z.uuid('visit must be a UUID').optional() });

/**
 * The visits context's side of a note written at a visit on a run sheet (app.ts passes it in, so the
 * record does not depend on visits): what the form starts with, and linking the saved note to the visit.
 */
export type ContactNoteFromVisit = {
  prefill(db: Kysely<Database>, o: { grant: AccessGrant; episodeId: string; visitId: string }): Promise<{ occurredAt: Date | null; place: string | null; staffPresent: string | null; kind: ContactNoteKind | null; durationMinutes: number | null }>;
  link(trx: Kysely<Database>, o: { grant: AccessGrant; episodeId: string; visitId: string; noteId: string; finalised: boolean }): Promise<void>;
  /** A draft written from a visit, finalised later on its own page: the visit happened. */
  noteFinalised(trx: Kysely<Database>, o: { grant: AccessGrant; episodeId: string; noteId: string }): Promise<void>;
};
type Form = Record<string, string | string[]>;
const orNull = (v: string) => (v === '' ? null : v);

export const recordLabels = {
  services: serviceLabels,
  kinds: contactNoteKindLabels,
  therapyTypes: ssnapTherapyTypeLabels,
  scopes: consentScopeLabels,
  methods: consentMethodLabels,
  givers: consentGiverLabels,
  functions: capacityFunctionLabels,
  outcomes: capacityOutcomeLabels,
};

const flashes: Record<string, string> = {
  consent: 'Consent recorded',
  withdrawn: 'Withdrawal of consent recorded',
  draft: 'Draft note saved. It can be changed until it is finalised',
  final: 'Note finalised. It can no longer be changed, only amended',
  changed: 'Draft note changed',
  amended: 'Amendment added. The earlier version stays in the record',
  reviewed: 'Note marked as reviewed',
};

/** Reads a UK date-and-time from day, month, year and time fields. */
function parseWhen(body: Form, name: string, label: string, today: string): { at: Date | null; fields: FieldError[] } {
  const date = parseDateParts({ day: formField(body[`${name}-day`]), month: formField(body[`${name}-month`]), year: formField(body[`${name}-year`]) }, { label, today });
  const timeText = formField(body[`${name}-time`]);
  const time = parseTimeOfDay(timeText);
  const fields: FieldError[] = [];
  if (!date.ok) fields.push({ path: name, message: date.message });
  if (time === null) fields.push({ path: `${name}Time`, message: timeText ? 'Enter a real time, using the 24-hour clock, for example 14:30' : `Enter the time of the contact` });
  const at = date.ok && time !== null ? fromUkWallClock(date.value, time) : null;
  if (date.ok && time !== null && !at) fields.push({ path: `${name}Time`, message: 'That time did not happen: the clocks went forward an hour. Check the time' });
  return { at, fields };
}

function parseMinutes(text: string): number | null {
  if (text === '') return null;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

const noteFormOrder = ['kind', 'occurredAt', 'occurredAtTime', 'durationMinutes', 'therapyMinutes', 'body'];

/** Problems in the order the form asks (the error summary lists them so); stable within a field. */
function inNoteFormOrder(fields: FieldError[]): FieldError[] {
  const at = (f: FieldError) => {
    const i = noteFormOrder.indexOf(f.path.split('.')[0]!);
    return i < 0 ? noteFormOrder.length : i;
  };
  return [...fields].sort((a, b) => at(a) - at(b));
}

/** The note form as content for the clinical rules, or the form's own errors (dates, numbers). */
function parseNoteForm(body: Form, today: string): { content: ContactNoteInput | null; fields: FieldError[] } {
  const fields: FieldError[] = [];
  const kind = contactNoteKinds.find((k) => k === formField(body.kind));
  if (!kind) fields.push({ path: 'kind', message: 'Choose the kind of contact' });
  const when = parseWhen(body, 'occurredAt', 'Date of the contact', today);
  fields.push(...when.fields);
  const duration = parseMinutes(formField(body.durationMinutes));
  if (Number.isNaN(duration)) fields.push({ path: 'durationMinutes', message: 'Duration must be a whole number of minutes, for example 45' });
  const therapyMinutes: Record<string, number> = {};
  for (const type of ssnapTherapyTypes) {
    const m = parseMinutes(formField(body[`minutes-${type}`]));
    if (Number.isNaN(m)) fields.push({ path: `therapyMinutes.${type}`, message: `${ssnapTherapyTypeLabels[type]} minutes must be a whole number, for example 30` });
    else if (m !== null) therapyMinutes[type] = m;
  }
  if (!kind || !when.at || fields.length) {
    // The form cannot go to the rules yet, but what is plainly missing is said now too, so every
    // problem shows at once (a duration whatever the kind, unless it says the patient was not seen).
    if (formField(body.durationMinutes) === '' && !(kind && isNotSeenKind(kind))) fields.push({ path: 'durationMinutes', message: contactNoteMissing.duration });
    if (!formField(body.body).trim()) fields.push({ path: 'body', message: contactNoteMissing.body });
    return { content: null, fields: inNoteFormOrder(fields) };
  }
  return {
    content: {
      kind,
      occurredAt: when.at,
      durationMinutes: duration,
      place: orNull(formField(body.place)),
      staffPresent: orNull(formField(body.staffPresent)),
      body: formField(body.body),
      therapyMinutes,
      firstHolisticAssessment: formField(body.firstHolisticAssessment) === 'yes',
    },
    fields: [],
  };
}

function noteFormValues(note: ContactNoteResponse): Form {
  const v = note.current;
  const at = toUkWallClock(new Date(v.occurredAt));
  const [year, month, day] = at.date.split('-');
  const values: Form = {
    kind: v.kind,
    'occurredAt-day': String(Number(day)),
    'occurredAt-month': String(Number(month)),
    'occurredAt-year': year!,
    'occurredAt-time': at.time,
    durationMinutes: v.durationMinutes === null ? '' : String(v.durationMinutes),
    place: v.place ?? '',
    staffPresent: v.staffPresent ?? '',
    body: v.body,
    firstHolisticAssessment: v.firstHolisticAssessment ? 'yes' : '',
  };
  for (const [type, m] of Object.entries(v.therapyMinutes)) values[`minutes-${type}`] = String(m);
  return values;
}

function consentFromForm(body: Form): unknown {
  const yes = (name: string) => formField(body[name]) === 'yes';
  const inDoubt = yes('capacityInDoubt');
  return {
    scope: formField(body.scope) || 'episode',
    intervention: formField(body.intervention),
    agreedTo: formField(body.agreedTo),
    method: formField(body.method) || undefined,
    givenBy: formField(body.givenBy) || undefined,
    bestInterestsDecisionBy: formField(body.bestInterestsDecisionBy),
    bestInterestsConsulted: formField(body.bestInterestsConsulted),
    capacityInDoubt: inDoubt,
    assessment: inDoubt
      ? {
          impairment: yes('impairment'),
          impairmentDescription: formField(body.impairmentDescription),
          unable: Object.fromEntries(capacityFunctions.map((f) => [f, yes(`unable-${f}`)])),
          notes: Object.fromEntries(capacityFunctions.map((f) => [f, formField(body[`notes-${f}`])])),
        }
      : null,
    communicationSupport: formField(body.communicationSupport),
    note: formField(body.note),
  };
}

/** What the note page offers this person: only what the authorship and review rules let them do. */
function noteActions(principal: Pick<Principal, 'staffId' | 'role' | 'teamId'>, note: ContactNoteResponse, episode: EpisodeResponse) {
  const may = (change: 'change-draft' | 'finalise' | 'amend') => mayChangeContactNote({ change, actor: { staffId: principal.staffId, role: principal.role }, authorId: note.versions[0]!.writtenBy.id }).allowed;
  const awaiting = note.versions.filter((v) => note.versionsAwaitingReview.includes(v.number));
  return {
    changeDraft: note.status === 'draft' && may('change-draft'),
    finalise: note.status === 'draft' && may('finalise'),
    amend: note.status === 'final' && may('amend'),
    review: awaiting.length > 0 && principal.teamId === episode.teamId && awaiting.every((v) => mayReviewNote({ reviewer: principal.role, author: v.writtenByRole as HomewardRole })),
  };
}

/**
 * The record's notes, newest contact first by the time each note now gives (an amendment may have
 * corrected it), then the most recently written: how a clinician reads back through a history.
 */
function notesNewestFirst(notes: ContactNoteResponse[]): ContactNoteResponse[] {
  const key = (n: ContactNoteResponse) => [Date.parse(n.current.occurredAt), Date.parse(n.versions[0]!.writtenAt)] as const;
  return [...notes].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return kb[0] - ka[0] || kb[1] - ka[1] || (a.id < b.id ? 1 : -1);
  });
}

export async function recordPages(app: FastifyInstance, fromVisit: ContactNoteFromVisit | null = null): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const now = () => app.config.now();

  async function patientFor(episode: EpisodeResponse) {
    const patient = await findPatient(app.db, episode.patientId);
    if (!patient) throw notFound('Patient');
    return { ...patient, age: ageOn(patient.dateOfBirth, ukDateOf(now())) };
  }

  async function common(access: RecordAccess) {
    return { section: 'caseload', patient: await patientFor(access.episode), breakGlass: access.grant.breakGlass, episode: access.episode, labels: recordLabels };
  }


  typed.get('/episodes/:id/record', { schema: { ...hidden, params: episodeParams, querystring: doneQuery } }, async (request, reply) => {
    const access = await authoriseRecordRead(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: 'contact-note' });
    const [consent, notes, [assessments, prompts]] = await Promise.all([
      listConsents(app.db, access),
      findContactNotes(app.db, access),
      // Prompted where the clinician works: a baseline at the start, reassessment at review and discharge
      // (from the assessments just read, not read again).
      listAssessments(app.db, access).then(async (all) => [all, await assessmentPromptsForEpisode(app.db, access, ukDateOf(app.config.now()), { assessments: all })] as const),
    ]);
    await auditRecordRead(app.db, access, 'contact-note', access.episode.id, {
      noteIds: notes.map((n) => n.id),
      consentIds: consent.map((c) => c.id),
      assessmentIds: assessments.map((a) => a.id),
    });
    const role = access.grant.staff.role;
    return reply.page('record/pages/record.njk', {
      ...(await common(access)),
      title: 'Clinical record',
      consent,
      notes: notesNewestFirst(notes).map((n) => ({ ...n, preview: previewNoteText(n.current.body) })),
      byInstrument: assessments.length ? summariseAssessments(assessments) : null,
      compactCharts: assessments.length ? scoreChartSections(assessments, { compact: true }) : null,
      prompts,
      mayRecordAssessments: mayWriteRecord(role),
      may: { write: mayWriteRecord(role) },
      flash: request.query.done ? (flashes[request.query.done] ?? null) : null,
      backHref: `/episodes/${access.episode.id}`,
    });
  });

  // Consent and capacity.
  async function renderConsent(reply: FastifyReply, access: RecordAccess, values: Form, fields: FieldError[] = [], status = 200) {
    const radio = (list: readonly string[], labels: Record<string, string>, selected: unknown) => list.map((value) => ({ value, text: labels[value], checked: value === selected }));
    return reply.code(status).page('record/pages/consent-form.njk', {
      ...(await common(access)),
      title: 'Record consent',
      action: `/episodes/${access.episode.id}/consent/new`,
      values,
      functions: capacityFunctions.map((f) => ({ name: f, label: capacityFunctionLabels[f] })),
      mayAssessCapacity: mayAssessCapacity(access.grant.staff.role),
      items: { scopes: radio(consentScopes, consentScopeLabels, values.scope || 'episode'), methods: radio(consentMethods, consentMethodLabels, values.method), givers: radio(consentGivers, consentGiverLabels, values.givenBy) },
      errors: errorList(fields, { scope: 'scope', method: 'method', givenBy: 'givenBy', assessment: 'capacityInDoubt', form: 'main-form', 'assessment.impairmentDescription': 'impairmentDescription', ...Object.fromEntries(capacityFunctions.map((f) => [`assessment.notes.${f}`, `notes-${f}`])) }),
      fieldErrors: errorsByField(fields.map((f) => ({ ...f, path: f.path.replace(/^assessment\.notes\./, 'notes-').replace(/^assessment\./, '') }))),
      backHref: `/episodes/${access.episode.id}/record`,
    });
  }

  typed.get('/episodes/:id/consent/new', { schema: { ...hidden, params: episodeParams } }, async (request, reply) => {
    const access = await authoriseRecordWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: 'consent' });
    await auditRecordRead(app.db, access, 'consent', access.episode.id, { purpose: 'record-consent' });
    return renderConsent(reply, access, { scope: 'episode', capacityInDoubt: 'no', formId: uuidv7() });
  });

  typed.post('/episodes/:id/consent/new', { schema: { ...hidden, params: episodeParams, body: formBody } }, async (request, reply) => {
    const body = request.body as Form;
    const episode = await loadEpisode(request, request.params.id);
    const access = await authoriseRecordWrite(app.db, { actor: actorOf(request), episode: episode, kind: 'consent', ...{ assessesCapacity: formField(body.capacityInDoubt) === 'yes' || formField(body.givenBy) === 'best-interests' } });
    const values: Form = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, formField(v)]));
    return pageWrite(request, reply, {
      formId: formField(body.formId),
      check: () => {
        const parsed = consentBody.safeParse(consentFromForm(body));
        if (!parsed.success) {
          const fields = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
          throw new HomewardError('validation_failed', fields[0]!.message, { fields });
        }
        if (!parsed.data.agreedTo) throw new HomewardError('validation_failed', 'Enter what was agreed', { fields: [{ path: 'agreedTo', message: 'Enter what was agreed' }] });
        checkConsentBody(parsed.data);
        return parsed.data;
      },
      write: async (trx, input) => {
        await recordConsent(trx, { access, input });
        return `/episodes/${episode.id}/record?done=consent`;
      },
      render: (fields, status) => renderConsent(reply, access, values, fields, status),
    });
  });

  async function renderWithdraw(reply: FastifyReply, access: RecordAccess, consentId: string, values: Form, fields: FieldError[] = [], status = 200) {
    const consent = (await listConsents(app.db, access)).find((c) => c.id === consentId && c.kind === 'consent');
    if (!consent) throw notFound('Consent');
    return reply.code(status).page('record/pages/withdraw.njk', {
      ...(await common(access)),
      title: 'Record withdrawal of consent',
      action: `/episodes/${access.episode.id}/consent/${consentId}/withdraw`,
      consent,
      values,
      errors: errorList(fields, { form: 'note', consentId: 'note' }),
      fieldErrors: errorsByField(fields),
      backHref: `/episodes/${access.episode.id}/record`,
    });
  }

  typed.get('/episodes/:id/consent/:consentId/withdraw', { schema: { ...hidden, params: consentParams } }, async (request, reply) => {
    const access = await authoriseRecordWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: 'consent' });
    await auditRecordRead(app.db, access, 'consent', request.params.consentId, { purpose: 'withdraw-consent' });
    return renderWithdraw(reply, access, request.params.consentId, {});
  });

  typed.post('/episodes/:id/consent/:consentId/withdraw', { schema: { ...hidden, params: consentParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseRecordWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: 'consent' });
    const values: Form = { note: formField((request.body as Form).note) };
    return pageWrite(request, reply, {
      write: async (trx) => {
        await withdrawConsent(trx, { access, consentId: request.params.consentId, note: values.note as string });
        return `/episodes/${access.episode.id}/record?done=withdrawn`;
      },
      render: (fields, status) => renderWithdraw(reply, access, request.params.consentId, values, fields, status),
    });
  });

  // Contact notes.
  type NoteFormMode = 'new' | 'edit' | 'amend';
  async function renderNoteForm(reply: FastifyReply, access: RecordAccess, mode: NoteFormMode, values: Form, o: { note?: ContactNoteResponse; fields?: FieldError[]; status?: number } = {}) {
    const fields = o.fields ?? [];
    const consentOnRecord = await hasLiveConsent(app.db, access);
    return reply.code(o.status ?? 200).page('record/pages/note-form.njk', {
      ...(await common(access)),
      title: mode === 'new' ? 'Write a contact note' : mode === 'edit' ? 'Change the draft note' : 'Amend the note',
      mode,
      note: o.note ?? null,
      action: mode === 'new' ? `/episodes/${access.episode.id}/contact-notes/new` : `/contact-notes/${o.note!.id}/${mode}`,
      values,
      kindItems: contactNoteKinds.map((value) => ({ value, text: contactNoteKindLabels[value], checked: value === values.kind })),
      therapyTypes: isStrokeService(access.episode.service) ? ssnapTherapyTypes.map((t) => ({ name: t, label: ssnapTherapyTypeLabels[t] })) : [],
      consentOnRecord,
      treatmentKinds: treatmentKinds.map((k) => contactNoteKindLabels[k]).join(' or '),
      lateEntryThresholdHours,
      errors: errorList(fields, { occurredAt: 'occurredAt-day', kind: 'kind', form: 'main-form', version: 'main-form', status: 'main-form', therapyMinutes: 'therapyMinutes', ...Object.fromEntries(ssnapTherapyTypes.map((t) => [`therapyMinutes.${t}`, `minutes-${t}`])) }),
      fieldErrors: errorsByField(fields.map((f) => ({ ...f, path: f.path.replace(/^therapyMinutes\./, 'minutes-') }))),
      backHref: o.note ? `/contact-notes/${o.note.id}` : `/episodes/${access.episode.id}/record`,
    });
  }

  typed.get('/episodes/:id/contact-notes/new', { schema: { ...hidden, params: episodeParams, querystring: newNoteQuery } }, async (request, reply) => {
    const access = await authoriseRecordWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: 'contact-note' });
    // Started from a visit on the run sheet: its planned time, place and staff, to check and change.
    const visitId = fromVisit ? request.query.visit : undefined;
    const prefill = visitId ? await fromVisit!.prefill(app.db, { grant: access.grant, episodeId: access.episode.id, visitId }) : null;
    await auditRecordRead(app.db, access, 'contact-note', access.episode.id, { purpose: 'write-note', ...(visitId ? { visitId } : {}) });
    const at = toUkWallClock(prefill?.occurredAt ?? now());
    const [year, month, day] = at.date.split('-');
    return renderNoteForm(reply, access, 'new', {
      'occurredAt-day': String(Number(day)),
      'occurredAt-month': String(Number(month)),
      'occurredAt-year': year!,
      'occurredAt-time': at.time,
      formId: uuidv7(),
      ...(visitId ? { visitId, place: prefill?.place ?? '', staffPresent: prefill?.staffPresent ?? '', kind: prefill?.kind ?? '', durationMinutes: prefill?.durationMinutes ? String(prefill.durationMinutes) : '' } : {}),
    });
  });

  typed.post('/episodes/:id/contact-notes/new', { schema: { ...hidden, params: episodeParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseRecordWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: 'contact-note' });
    const body = request.body as Form;
    const values: Form = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, formField(v)]));
    const finalise = formField(body.action) === 'finalise';
    return pageWrite(request, reply, {
      formId: formField(body.formId),
      check: () => {
        const { content, fields } = parseNoteForm(body, ukDateOf(now()));
        if (!content) throw new HomewardError('validation_failed', fields[0]!.message, { fields });
        checkNoteContent(access.grant.actor.now, access, content);
        return content;
      },
      write: async (trx, content) => {
        const note = await writeContactNote(trx, { access, content, finalise, consentMissingReason: orNull(formField(body.consentMissingReason)) });
        const visitId = formField(body.visitId);
        const atVisit = fromVisit !== null && z.uuid().safeParse(visitId).success;
        if (atVisit) await fromVisit!.link(trx, { grant: access.grant, episodeId: access.episode.id, visitId, noteId: note.id, finalised: finalise });
        // Written at a visit: the confirmation's way back is the run sheet, where the next visit is.
        return `/contact-notes/${note.id}?done=${finalise ? 'final' : 'draft'}${atVisit ? '&from=run-sheet' : ''}`;
      },
      render: (fields, status) => renderNoteForm(reply, access, 'new', values, { fields, status }),
    });
  });

  typed.get('/contact-notes/:noteId', { schema: { ...hidden, params: noteParams, querystring: doneQuery } }, async (request, reply) => {
    const { note, episode } = await loadNote(request, request.params.noteId);
    const access = await authoriseRecordRead(app.db, { actor: actorOf(request), episode: episode, kind: 'contact-note' });
    await auditRecordRead(app.db, access, 'contact-note', note.id);
    const principal = access.grant.staff;
    return reply.page('record/pages/note.njk', {
      ...(await common(access)),
      title: `${contactNoteKindLabels[note.current.kind as ContactNoteKind] ?? note.current.kind} note`,
      note,
      consentOnRecord: await hasLiveConsent(app.db, access),
      isTreatment: (treatmentKinds as readonly string[]).includes(note.current.kind),
      may: noteActions(principal, note, episode),
      lateEntryThresholdHours,
      flash: request.query.done ? (flashes[request.query.done] ?? null) : null,
      errors: [],
      ...(request.query.from === 'run-sheet' ? { backHref: '/run-sheet', backText: 'Back to your run sheet' } : { backHref: `/episodes/${episode.id}/record` }),
    });
  });

  for (const mode of ['edit', 'amend'] as const) {
    typed.get(`/contact-notes/:noteId/${mode}`, { schema: { ...hidden, params: noteParams } }, async (request, reply) => {
      const { note, episode } = await loadNote(request, request.params.noteId);
      const access = await authoriseRecordWrite(app.db, { actor: actorOf(request), episode: episode, kind: 'contact-note' });
      await authoriseNoteChange(app.db, { access, note, change: mode === 'edit' ? 'change-draft' : 'amend' });
      await auditRecordRead(app.db, access, 'contact-note', note.id, { purpose: mode });
      if (mode === 'edit' && note.status === 'final') throw new HomewardError('version_conflict', 'This note is final and cannot be changed. Add an amendment instead: the original stays in the record, with your reason.');
      if (mode === 'amend' && note.status === 'draft') return redirectSeeOther(reply, `/contact-notes/${note.id}/edit`);
      return renderNoteForm(reply, access, mode, { ...noteFormValues(note), version: String(note.version) }, { note });
    });

    typed.post(`/contact-notes/:noteId/${mode}`, { schema: { ...hidden, params: noteParams, body: formBody } }, async (request, reply) => {
      const { note, episode } = await loadNote(request, request.params.noteId);
      const access = await authoriseRecordWrite(app.db, { actor: actorOf(request), episode: episode, kind: 'contact-note' });
      await authoriseNoteChange(app.db, { access, note, change: mode === 'edit' ? 'change-draft' : 'amend' });
      const body = request.body as Form;
      const values: Form = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, formField(v)]));
      return pageWrite(request, reply, {
        check: () => {
          const version = formVersion(body.version, 'The form is missing the note version; reload the page');
          const { content, fields } = parseNoteForm(body, ukDateOf(now()));
          if (mode === 'amend' && !formField(body.reason)) fields.unshift({ path: 'reason', message: 'Enter why the note is being amended' });
          if (!content || fields.length) throw new HomewardError('validation_failed', fields[0]!.message, { fields });
          return { version, content };
        },
        write: async (trx, { version, content }) => {
          if (mode === 'edit') await changeDraftNote(trx, { access, note, content, version });
          else await amendContactNote(trx, { access, note, content, reason: formField(body.reason), version });
          return `/contact-notes/${note.id}?done=${mode === 'edit' ? 'changed' : 'amended'}`;
        },
        render: (fields, status) => renderNoteForm(reply, access, mode, values, { note, fields, status }),
      });
    });
  }

  typed.post('/contact-notes/:noteId/finalise', { schema: { ...hidden, params: noteParams, body: formBody } }, async (request, reply) => {
    const { note, episode } = await loadNote(request, request.params.noteId);
    const access = await authoriseRecordWrite(app.db, { actor: actorOf(request), episode: episode, kind: 'contact-note' });
    await authoriseNoteChange(app.db, { access, note, change: 'finalise' });
    const body = request.body as Form;
    return pageWrite(request, reply, {
      check: () => formVersion(body.version),
      write: async (trx, version) => {
        await finaliseContactNote(trx, { access, note, version, consentMissingReason: orNull(formField(body.consentMissingReason)) });
        if (fromVisit) await fromVisit.noteFinalised(trx, { grant: access.grant, episodeId: access.episode.id, noteId: note.id });
        return `/contact-notes/${note.id}?done=final`;
      },
      render: async (fields, status) =>
        reply.code(status).page('record/pages/note.njk', {
          ...(await common(access)),
          title: `${contactNoteKindLabels[note.current.kind as ContactNoteKind] ?? note.current.kind} note`,
          note,
          consentOnRecord: await hasLiveConsent(app.db, access),
          isTreatment: (treatmentKinds as readonly string[]).includes(note.current.kind),
          may: { ...noteActions(access.grant.staff, note, episode), review: false },
          lateEntryThresholdHours,
          values: { consentMissingReason: formField(body.consentMissingReason) },
          // A draft whose date is out of bounds: the summary points at the entry, whose date it shows.
          errors: errorList(fields, { form: 'consentMissingReason', occurredAt: 'version-1' }),
          fieldErrors: errorsByField(fields),
          backHref: `/episodes/${episode.id}/record`,
        }),
    });
  });

  typed.post('/contact-notes/:noteId/review', { schema: { ...hidden, params: noteParams, body: formBody } }, async (request, reply) => {
    const { note, episode } = await loadNote(request, request.params.noteId);
    const access = await authoriseNoteReview(app.db, { actor: actorOf(request), episode: episode, note: note });
    try {
      await app.db.transaction().execute((trx) => reviewContactNote(trx, { access, note, version: formVersion((request.body as Form).version) }));
    } catch (error) {
      // A repeated or stale press: the note page shows it as it is now.
      if (error instanceof HomewardError && (error.code === 'version_conflict' || error.code === 'validation_failed')) return redirectSeeOther(reply, `/contact-notes/${note.id}`);
      throw error;
    }
    return redirectSeeOther(reply, `/contact-notes/${note.id}?done=reviewed`);
  });

  typed.get('/record/review-queue', { schema: { ...hidden } }, async (request, reply) => {
    const rows = await readReviewQueue(request);
    const reviewsStudents = mayReviewNote({ reviewer: requirePrincipal(request).role, author: 'student' });
    return reply.page('record/pages/review-queue.njk', { title: 'Notes to review', section: 'caseload', rows, reviewsStudents, labels: recordLabels, backHref: '/caseload' });
  });
}

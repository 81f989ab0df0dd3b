// The clinician's lone-working pages (issue 14 #1-#4): a session's page (status, expected times, place,
// the one-tap check-in and check-out, amber and red), the run sheet's taps, a visit started by hand,
// amber when not in a session, the red alert's confirmation, and the clinician's codes. Every form
// works without JavaScript; static/lone-working.js only sends taps by fetch and keeps them when offline.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { fromUkWallClock, parseTimeOfDay, ukDateOf } from '@homeward/clinical';
import { actorOf, auditAs, requireClinicalActor, type Actor } from '../platform/actor.ts';
import { formBody, formField, formProblem, formVersion, pageWrite, type FormBody } from '../platform/form-body.ts';
import { HomewardError, notFound, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { redirectSeeOther } from '../platform/request-context.ts';
import { hasLoneWorkingCodes } from './check-lone-working-code.ts';
import { endAmberAlert } from './end-amber-alert.ts';
import { extendAmberAlert } from './extend-amber-alert.ts';
import { raiseAlert } from './raise-alert.ts';
import { listOpenAlertsForStaff } from './read-alerts.ts';
import { authoriseSession } from './session-access.ts';
import { makeCheck } from './session-flow.ts';
import { findCurrentSession, findSessionForVisit, listSessionsForStaffDay } from './session-queries.ts';
import { clock, readFirstTold, readSessionPatient, statusText } from './session-view.ts';
import { checkLoneWorkingCodes, setLoneWorkingCodes } from './set-lone-working-codes.ts';
import { checkSessionByHand, startSessionByHand } from './start-session-by-hand.ts';
import { startAmberAlert } from './start-amber-alert.ts';

const sessionParams = z.object({ sessionId: z.uuid('sessionId must be a UUID') });
const visitParams = z.object({ visitId: z.uuid('visitId must be a UUID') });
const alertParams = z.object({ alertId: z.uuid('alertId must be a UUID') });
const doneQuery = z.object({ done: z.string().max(40).optional() });

const flashes: Record<string, string> = { in: 'You are checked in', out: 'You are checked out', started: 'Your visit has started: you are checked in', amber: 'Amber alert started', extended: 'Amber alert extended', ended: 'Amber alert ended', codes: 'Your codes are set' };

const amberMinutes = { least: 5, most: 240 };
const validationFailed = (fields: FieldError[]) => new HomewardError('validation_failed', fields[0]!.message, { fields });

/** A form's madeAt (filled by the page's script with the time of the tap), or null. */
function formMadeAt(body: FormBody): Date | null {
  const text = formField(body.madeAt);
  if (text === '') return null;
  const at = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(at.getTime())) throw validationFailed([{ path: 'madeAt', message: 'madeAt must be a date and time' }]);
  return at;
}

function amberMinutesOf(body: FormBody, fields: FieldError[]): number {
  const text = formField(body.minutes);
  const n = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
  if (text === '') fields.push({ path: 'minutes', message: 'Enter how many minutes, for example 30' });
  else if (!Number.isInteger(n) || n < amberMinutes.least || n > amberMinutes.most) fields.push({ path: 'minutes', message: `Minutes must be a whole number from ${amberMinutes.least} to ${amberMinutes.most}` });
  return n;
}

export async function sessionPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;

  /** What every lone-working page of the clinician's shows: their ambers, the red button, whom to call. */
  async function alertContext(actor: Actor, sessionId: string | null) {
    const me = actor.staff;
    const open = await listOpenAlertsForStaff(db, { staffId: me.staffId });
    const ambers = open.filter((a) => a.kind === 'amber' && a.status === 'running').map((a) => ({ ...a, dueText: clock(a.dueAt) }));
    const responder = me.teamId ? await readFirstTold(db, { teamId: me.teamId, clinicianStaffId: me.staffId, now: actor.now }) : null;
    return { ambers, responder, sessionId, redFormId: uuidv7(), amberFormId: uuidv7() };
  }

  async function showSession(request: FastifyRequest, reply: FastifyReply, sessionId: string, o: { fields?: FieldError[]; status?: number; values?: Record<string, string>; done?: string } = {}) {
    const access = await authoriseSession(db, { actor: actorOf(request), sessionId, act: false });
    const s = access.session;
    const patient = await readSessionPatient(db, { actor: access.actor, session: s });
    const withName = s.withStaffId ? (await db.selectFrom('staff').select(['given_name', 'family_name']).where('id', '=', s.withStaffId).executeTakeFirst()) : null;
    const reason = s.status === 'cancelled' ? ((await db.selectFrom('lone_working_sessions').select('cancelled_reason').where('id', '=', s.id).executeTakeFirst())?.cancelled_reason ?? null) : null;
    const fields = o.fields ?? [];
    return reply.code(o.status ?? 200).page('lone-working/pages/session-page.njk', {
      title: access.own ? `Lone working: ${s.place}` : `Lone working for ${s.staffName}: ${s.place}`,
      section: 'run-sheet',
      own: access.own,
      session: s,
      statusText: statusText(s, reason),
      expected: { start: clock(s.expectedStart), end: clock(s.expectedEnd) },
      patient,
      withName: withName ? `${withName.given_name} ${withName.family_name}` : null,
      asksForCode: access.own && s.status !== 'checked-out' ? await hasLoneWorkingCodes(db, s.staffId) : false,
      runSheetHref: s.visitId ? `/run-sheet?date=${s.date}#visit-${s.visitId}` : null,
      ...(access.own ? await alertContext(access.actor, s.status === 'checked-in' ? s.id : null) : { ambers: [], responder: null }),
      flash: o.done && Object.hasOwn(flashes, o.done) ? flashes[o.done] : null,
      values: o.values ?? {},
      errors: errorList(fields),
      fieldErrors: errorsByField(fields),
      backHref: '/run-sheet',
      backText: 'Run sheet',
    });
  }

  typed.get('/lone-working/sessions/:sessionId', { schema: { hide: true, params: sessionParams, querystring: doneQuery } }, async (request, reply) =>
    showSession(request, reply, request.params.sessionId, { done: request.query.done }));

  /** A tap from the session page or the run sheet: 303 to where it came from; a problem re-shows the session page. */
  async function tap(request: FastifyRequest, reply: FastifyReply, target: { sessionId: string } | { visitId: string }, check: 'in' | 'out') {
    const body = request.body as FormBody;
    const actor = await requireClinicalActor(db, actorOf(request));
    // A session named: the clinician's own (refusals audited). A visit named: only ever their own session of it.
    if ('sessionId' in target) await authoriseSession(db, { actor, sessionId: target.sessionId, act: true });
    try {
      const result = await makeCheck(db, {
        actor, target, check, madeAt: formMadeAt(body), code: check === 'out' ? formField(body.code) : null, notCheckedIn: formField(body.notCheckedIn) === 'yes',
      });
      const s = result.session;
      // The same address whichever code was given: nothing on the screen tells a duress check-out apart.
      return redirectSeeOther(reply, formField(body.from) === 'run-sheet' && s.visitId ? `/run-sheet?date=${s.date}#visit-${s.visitId}` : `/lone-working/sessions/${s.id}?done=${check}`);
    } catch (error) {
      const sessionId = 'sessionId' in target ? target.sessionId : (await findSessionForVisit(db, { visitId: target.visitId, staffId: actor.staff.staffId }))?.id;
      if (!sessionId) throw error;
      if (error instanceof HomewardError && error.code === 'too_many_attempts') return showSession(request, reply, sessionId, { fields: error.fields, status: 429 });
      const problem = formProblem(error);
      if (!problem) throw error;
      return showSession(request, reply, sessionId, { fields: problem.fields, status: problem.status, values: { notCheckedIn: formField(body.notCheckedIn) } });
    }
  }

  typed.post('/lone-working/sessions/:sessionId/check-in', { schema: { hide: true, params: sessionParams, body: formBody } }, async (request, reply) => tap(request, reply, { sessionId: request.params.sessionId }, 'in'));
  typed.post('/lone-working/sessions/:sessionId/check-out', { schema: { hide: true, params: sessionParams, body: formBody } }, async (request, reply) => tap(request, reply, { sessionId: request.params.sessionId }, 'out'));

  // From the run sheet before the day's sessions were made: the tap makes this visit's session first.
  for (const check of ['in', 'out'] as const) {
    typed.post(`/lone-working/visits/:visitId/check-${check}`, { schema: { hide: true, params: visitParams, body: formBody } }, async (request, reply) => tap(request, reply, { visitId: request.params.visitId }, check));
  }

  // A visit started by hand.
  async function caseloadChoices(actor: Actor) {
    const rows = await db
      .selectFrom('episodes as e')
      .innerJoin('patients as p', 'p.id', 'e.patient_id')
      .select(['p.id', 'p.given_name', 'p.family_name', 'p.postcode'])
      .where('e.allocated_to', '=', actor.staff.staffId)
      .where('e.status', '<>', 'discharged')
      .orderBy('p.family_name').orderBy('p.given_name')
      .execute();
    const seen = new Set<string>();
    return rows.filter((r) => !seen.has(r.id) && seen.add(r.id));
  }

  async function showNew(request: FastifyRequest, reply: FastifyReply, o: { values: Record<string, string>; fields?: FieldError[]; status?: number }) {
    const actor = await requireClinicalActor(db, actorOf(request));
    const patients = await caseloadChoices(actor);
    // The clinician's own caseload, listed by name: audited as read, one event each.
    for (const p of patients) await auditActorRead(actor, p.id);
    const team = actor.staff.teamId
      ? await db.selectFrom('staff').select(['id', 'given_name', 'family_name']).where('team_id', '=', actor.staff.teamId).where('active', '=', true).where('id', '<>', actor.staff.staffId).orderBy('family_name').execute()
      : [];
    const fields = o.fields ?? [];
    return reply.code(o.status ?? 200).page('lone-working/pages/session-new.njk', {
      title: 'Start a visit by hand',
      section: 'run-sheet',
      values: o.values,
      patientItems: [{ value: '', text: 'No patient, or not one of mine' }, ...patients.map((p) => ({ value: p.id, text: `${p.family_name.toUpperCase()}, ${p.given_name} (${p.postcode})`, selected: o.values.patientId === p.id }))],
      withItems: [{ value: '', text: 'Nobody' }, ...team.map((t) => ({ value: t.id, text: `${t.given_name} ${t.family_name}`, selected: o.values.withStaffId === t.id }))],
      errors: errorList(fields),
      fieldErrors: errorsByField(fields),
      backHref: '/lone-working/amber',
      backText: 'Lone working',
    });
  }

  async function auditActorRead(actor: Actor, patientId: string) {
    await auditAs(actor, db, { action: 'read', outcome: 'allowed', patientId, recordKind: 'episode', detail: { list: 'lone-working-by-hand' } });
  }

  typed.get('/lone-working/sessions/new', { schema: { hide: true } }, async (request, reply) => showNew(request, reply, { values: { formId: uuidv7() } }));

  typed.post('/lone-working/sessions/new', { schema: { hide: true, body: formBody } }, async (request, reply) => {
    const actor = await requireClinicalActor(db, actorOf(request));
    const body = request.body;
    const values = { formId: formField(body.formId), place: formField(body.place), patientId: formField(body.patientId), withStaffId: formField(body.withStaffId), expectedEnd: formField(body.expectedEnd) };
    return pageWrite(request, reply, {
      formId: values.formId,
      check: () => {
        const time = values.expectedEnd === '' ? null : parseTimeOfDay(values.expectedEnd);
        const expectedEnd = time ? fromUkWallClock(ukDateOf(actor.now), time) : null;
        const fields = checkSessionByHand({ place: values.place, expectedEnd, now: actor.now });
        if (values.expectedEnd !== '' && !time) fields.splice(fields.findIndex((f) => f.path === 'expectedEnd'), 1, { path: 'expectedEnd', message: 'Enter when you expect to leave as a time, for example 14:30' });
        const uuid = z.uuid();
        if (values.patientId && !uuid.safeParse(values.patientId).success) fields.push({ path: 'patientId', message: 'Choose a patient from your own caseload, or leave it empty' });
        if (values.withStaffId && !uuid.safeParse(values.withStaffId).success) fields.push({ path: 'withStaffId', message: 'Choose someone from your team, or leave it empty' });
        if (fields.length) throw validationFailed(fields);
        return { expectedEnd: expectedEnd! };
      },
      write: async (trx, checked) => {
        const { sessionId } = await startSessionByHand(trx, { actor, place: values.place, patientId: values.patientId || null, withStaffId: values.withStaffId || null, expectedEnd: checked.expectedEnd });
        return `/lone-working/sessions/${sessionId}?done=started`;
      },
      render: (fields, status) => showNew(request, reply, { values, fields, status }),
    });
  });

  // Amber, when not in a session (and the way to today's sessions and to a visit started by hand).
  async function showAmber(request: FastifyRequest, reply: FastifyReply, o: { fields?: FieldError[]; status?: number; values?: Record<string, string>; done?: string } = {}) {
    const actor = await requireClinicalActor(db, actorOf(request));
    const today = await listSessionsForStaffDay(db, { staffId: actor.staff.staffId, date: ukDateOf(actor.now) });
    const fields = o.fields ?? [];
    return reply.code(o.status ?? 200).page('lone-working/pages/session-amber.njk', {
      title: 'Lone working',
      section: 'run-sheet',
      backHref: '/run-sheet',
      backText: 'Run sheet',
      sessions: today.map((s) => ({ href: `/lone-working/sessions/${s.id}`, place: s.place, statusText: statusText(s) })),
      ...(await alertContext(actor, today.find((s) => s.status === 'checked-in')?.id ?? null)),
      flash: o.done && Object.hasOwn(flashes, o.done) ? flashes[o.done] : null,
      values: o.values ?? {},
      errors: errorList(fields),
      fieldErrors: errorsByField(fields),
    });
  }

  typed.get('/lone-working/amber', { schema: { hide: true, querystring: doneQuery } }, async (request, reply) => showAmber(request, reply, { done: request.query.done }));

  /** Where an amber or red form goes back to: the session's page when it came from one, else the amber page. */
  const backTo = (sessionId: string | null, done: string) => (sessionId ? `/lone-working/sessions/${sessionId}?done=${done}` : `/lone-working/amber?done=${done}`);

  /** The session an alert is raised in: the clinician's own, or none. */
  async function ownSessionOf(actor: Actor, body: FormBody): Promise<string | null> {
    const id = formField(body.sessionId);
    if (id === '') return null;
    if (!z.uuid().safeParse(id).success) throw validationFailed([{ path: 'sessionId', message: 'sessionId must be a UUID' }]);
    return (await authoriseSession(db, { actor, sessionId: id, act: true })).session.id;
  }

  typed.post('/lone-working/amber', { schema: { hide: true, body: formBody } }, async (request, reply) => {
    const actor = await requireClinicalActor(db, actorOf(request));
    const body = request.body;
    const sessionId = await ownSessionOf(actor, body);
    const values = { note: formField(body.note), minutes: formField(body.minutes) };
    return pageWrite(request, reply, {
      formId: formField(body.formId),
      check: () => {
        const fields: FieldError[] = [];
        if (values.note === '') fields.push({ path: 'note', message: 'Say what worries you and why, in a few words' });
        else if (values.note.length > 500) fields.push({ path: 'note', message: 'The note must be 500 characters or fewer' });
        const minutes = amberMinutesOf(body, fields);
        if (!actor.staff.teamId) fields.push({ path: 'form', message: 'You are not in a team, so nobody would be told' });
        if (fields.length) throw validationFailed(fields);
        return { minutes };
      },
      write: async (trx, c) => {
        await startAmberAlert(trx, { actor, teamId: actor.staff.teamId!, staffId: actor.staff.staffId, sessionId, note: values.note, minutes: c.minutes });
        return backTo(sessionId, 'amber');
      },
      render: (fields, status) => (sessionId ? showSession(request, reply, sessionId, { fields, status, values }) : showAmber(request, reply, { fields, status, values })),
    });
  });

  for (const change of ['extend', 'end'] as const) {
    typed.post(`/lone-working/amber/:alertId/${change}`, { schema: { hide: true, params: alertParams, body: formBody } }, async (request, reply) => {
      const actor = await requireClinicalActor(db, actorOf(request));
      const body = request.body;
      const sessionId = await ownSessionOf(actor, body);
      const own = (await listOpenAlertsForStaff(db, { staffId: actor.staff.staffId })).find((a) => a.id === request.params.alertId && a.kind === 'amber');
      if (!own) throw notFound('Your amber alert');
      return pageWrite(request, reply, {
        check: () => {
          const version = formVersion(body.version);
          const fields: FieldError[] = [];
          const minutes = change === 'extend' ? amberMinutesOf(body, fields) : 0;
          if (fields.length) throw validationFailed(fields);
          return { version, minutes };
        },
        write: async (trx, c) => {
          if (change === 'extend') await extendAmberAlert(trx, { actor, alertId: own.id, version: c.version, minutes: c.minutes });
          else await endAmberAlert(trx, { actor, alertId: own.id, version: c.version });
          return backTo(sessionId, change === 'extend' ? 'extended' : 'ended');
        },
        render: (fields, status) => (sessionId ? showSession(request, reply, sessionId, { fields, status }) : showAmber(request, reply, { fields, status })),
      });
    });
  }

  // Red: one tap, no confirmation (someone in danger has no time for one). The form id makes a
  // double tap raise one alert.
  typed.post('/lone-working/red', { schema: { hide: true, body: formBody } }, async (request, reply) => {
    const actor = await requireClinicalActor(db, actorOf(request));
    const body = request.body;
    // A session id that is malformed, gone or not theirs (a stale page, a tampered form) never stops the
    // alert: it is raised without the session (the refusal to use that session is audited as usual).
    const sessionId = await ownSessionOf(actor, body).catch((error: unknown) => {
      if (error instanceof HomewardError && error.statusCode < 500) return null;
      throw error;
    });
    if (!actor.staff.teamId) throw new HomewardError('forbidden', 'You are not in a team, so nobody can be told. Call 999 if you are in danger.');
    return pageWrite(request, reply, {
      formId: formField(body.formId),
      write: async (trx) => {
        const { alertId } = await raiseAlert(trx, { actor, kind: 'red', teamId: actor.staff.teamId!, staffId: actor.staff.staffId, sessionId, note: null });
        return `/lone-working/red/raised?alert=${alertId}`;
      },
      render: async (_fields, _status, error) => {
        throw error;
      },
    });
  });

  // The emergency page on its own: one button, for a phone's home screen.
  typed.get('/lone-working/red', { schema: { hide: true } }, async (request, reply) => {
    const actor = await requireClinicalActor(db, actorOf(request));
    const current = await findCurrentSession(db, { staffId: actor.staff.staffId });
    return reply.page('lone-working/pages/session-red.njk', { title: 'Emergency', section: 'run-sheet', ...(await alertContext(actor, current?.id ?? null)) });
  });

  typed.get('/lone-working/red/raised', { schema: { hide: true, querystring: z.object({ alert: z.uuid().optional() }) } }, async (request, reply) => {
    const actor = await requireClinicalActor(db, actorOf(request));
    const responder = actor.staff.teamId ? await readFirstTold(db, { teamId: actor.staff.teamId, clinicianStaffId: actor.staff.staffId, now: actor.now }) : null;
    return reply.page('lone-working/pages/session-red-raised.njk', { title: 'Alert raised, help is being called', section: 'run-sheet', responder });
  });

  // The clinician's codes.
  async function showCodes(request: FastifyRequest, reply: FastifyReply, o: { fields?: FieldError[]; status?: number; done?: string } = {}) {
    const actor = await requireClinicalActor(db, actorOf(request));
    const current = await db.selectFrom('lone_working_codes').select(['version', 'updated_at']).where('staff_id', '=', actor.staff.staffId).executeTakeFirst();
    const fields = o.fields ?? [];
    return reply.code(o.status ?? 200).page('lone-working/pages/codes.njk', {
      title: 'Your check-out and duress codes',
      section: 'run-sheet',
      current: current ? { version: current.version, updatedAt: current.updated_at } : null,
      flash: o.done && Object.hasOwn(flashes, o.done) ? flashes[o.done] : null,
      errors: errorList(fields),
      fieldErrors: errorsByField(fields),
      backHref: '/lone-working/amber',
      backText: 'Lone working',
    });
  }

  typed.get('/lone-working/codes', { schema: { hide: true, querystring: doneQuery } }, async (request, reply) => showCodes(request, reply, { done: request.query.done }));

  typed.post('/lone-working/codes', { schema: { hide: true, body: formBody } }, async (request, reply) => {
    const actor = await requireClinicalActor(db, actorOf(request));
    const body = request.body;
    const input = { checkOutCode: formField(body.checkOutCode), checkOutCodeAgain: formField(body.checkOutCodeAgain), duressCode: formField(body.duressCode), duressCodeAgain: formField(body.duressCodeAgain) };
    return pageWrite(request, reply, {
      check: () => {
        const version = formField(body.version) === '' ? null : formVersion(body.version);
        const fields = checkLoneWorkingCodes(input);
        if (fields.length) throw validationFailed(fields);
        return { version };
      },
      write: async (trx, c) => {
        await setLoneWorkingCodes(trx, { actor, checkOutCode: input.checkOutCode, duressCode: input.duressCode, version: c.version });
        return '/lone-working/codes?done=codes';
      },
      // The codes typed are never shown back.
      render: (fields, status) => showCodes(request, reply, { fields, status }),
    });
  });
}

// The MDT pages (issue 16 #6): the team's meetings, scheduling one, the meeting itself (attendance, the
// agenda built from the caseload, actions, open actions from earlier meetings), each patient's
// discussion, decision and actions, the owner's open actions, and flagging an episode from its page.
// Thin: parse, authorise, delegate; every form works without JavaScript.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { ageOn, dueStatusOf, dueStatusTags, homewardRoleLabels, mdtAgendaReasonLabels, serviceLabels, ukDateOf, type HomewardRole } from '@homeward/clinical';
import { actorOf, type Actor } from '../platform/actor.ts';
import { formBody, formField, formVersion, pageWrite, type FormBody } from '../platform/form-body.ts';
import { notFound, validationFailed as validation, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { authorisePatientAccess, auditRead } from '../access/public.ts';
import { authoriseEpisodeWrite, loadEpisode } from '../caseload/public.ts';
import { findPatient } from '../patients/public.ts';
import { addAttendee } from './add-attendee.ts';
import { addMdtAction } from './add-mdt-action.ts';
import { buildAgenda } from './build-agenda.ts';
import { changeMeetingStatus } from './change-meeting-status.ts';
import { closeMdtAction } from './close-mdt-action.ts';
import { flagEpisodeForMdt } from './flag-episode-for-mdt.ts';
import { authoriseMdtPatientWrite, authoriseMdtTeam, authoriseMeeting, type MeetingAccess } from './mdt-access.ts';
import { mdtActionSoonDays } from './mdt-due-items.ts';
import { hiddenAction, hiddenAgendaItem, myActions } from './mdt-shown.ts';
import { nameForReader } from './mdt-patient-names.ts';
import { chosenId, dateItems, formDay, formValues, idFromForm } from '../platform/form-fields.ts';
import { findAgendaItem, listActions, listAgenda, listAttendees, listMeetings, listMeetingStaff, type MdtAction, type MdtMeeting } from './mdt-queries.ts';
import { mdtOwnerRoles } from './mdt-roles.ts';
import { recordDiscussion } from './record-discussion.ts';
import { scheduleMeeting } from './schedule-meeting.ts';

const meetingParams = z.object({ meetingId: z.uuid('meetingId must be a UUID') });
const itemParams = z.object({ itemId: z.uuid('itemId must be a UUID') });
const actionParams = z.object({ actionId: z.uuid('actionId must be a UUID') });
const episodeParams = z.object({ id: z.uuid('Episode id must be a UUID') });
const doneQuery = z.object({ done: z.string().max(40).optional() });

const flashes: Record<string, string> = {
  scheduled: 'Meeting scheduled. Build its agenda from the caseload when you are ready.',
  agenda: 'Agenda built from the caseload',
  attendee: 'Attendance recorded',
  held: 'Meeting recorded as held',
  cancelled: 'Meeting cancelled',
  discussed: 'Discussion recorded. The decision is in the patient’s timeline.',
  action: 'Action added. It is on the owner’s home page until it is closed.',
  closed: 'Action closed',
  flagged: 'Flagged for discussion at the next MDT meeting',
};
/** An action whose close form was refused: which one, and the note typed into it, shown again. */
type Closing = { actionId: string; note: string };
/** The error summary's links to the refused close form's note. */
const closingAnchors = (closing: Closing | undefined): Record<string, string> => (closing ? { version: `note-${closing.actionId}`, note: `note-${closing.actionId}`, form: `note-${closing.actionId}` } : {});

const flashOf = (done: string | undefined) => (done && Object.hasOwn(flashes, done) ? flashes[done] : null);

const statusWords: Record<MdtMeeting['status'], { colour: string; text: string }> = {
  scheduled: { colour: 'blue', text: 'Scheduled' },
  held: { colour: 'green', text: 'Held' },
  cancelled: { colour: 'grey', text: 'Cancelled' },
};

const roleText = (role: string) => homewardRoleLabels[role as HomewardRole] ?? role;

function actionView<A extends Pick<MdtAction, 'dueOn' | 'status'>>(a: A, today: string) {
  const status = dueStatusOf({ dueOn: a.dueOn, today, soonDays: mdtActionSoonDays });
  return { ...a, tag: a.status === 'closed' ? { colour: 'grey', text: 'Closed' } : dueStatusTags[status] };
}

export async function meetingPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;

  async function staffItems(teamId: string, placeholder: string, selected?: string) {
    const staff = await listMeetingStaff(db, { teamId, roles: mdtOwnerRoles });
    return [{ value: '', text: placeholder }, ...staff.map((s) => ({ value: s.id, text: `${s.name} (${roleText(s.role)})`, selected: s.id === selected }))];
  }

  /** Actions about patients: named only where the reader's grant is full (each audited), the rest unnamed. */
  const shownActions = (actor: Actor, actions: readonly MdtAction[], detail: Record<string, unknown>) =>
    nameForReader(db, { actor, rows: actions, recordKind: 'mdt-action', detail, hide: hiddenAction });

  // ---- The team's meetings ------------------------------------------------------------------------

  typed.get('/mdt', { schema: { hide: true, querystring: doneQuery } }, async (request, reply) => {
    const access = await authoriseMdtTeam(db, { actor: actorOf(request) });
    const meetings = await listMeetings(db, { teamId: access.teamId });
    const now = access.actor.now;
    const upcoming = meetings.filter((m) => m.status === 'scheduled' && m.startsAt.getTime() >= now.getTime() - 12 * 3_600_000).reverse();
    const past = meetings.filter((m) => !upcoming.includes(m));
    const mine = await listActions(db, { ownerId: access.actor.staff.staffId, openOnly: true });
    // The team's open actions at a glance (issue 16 #7): how many overdue, due this week, later, and each one.
    const today = ukDateOf(now);
    const teamOpen = (await shownActions(access.actor, await listActions(db, { teamId: access.teamId, openOnly: true }), { list: 'team-mdt-actions' })).map((a) => actionView(a, today));
    const counts = (['overdue', 'due-soon', 'in-date'] as const).map((status) => ({ ...dueStatusTags[status], count: teamOpen.filter((a) => dueStatusOf({ dueOn: a.dueOn, today, soonDays: mdtActionSoonDays }) === status).length }));
    return reply.page('mdt/pages/meetings.njk', {
      title: 'MDT meetings',
      section: 'mdt',
      upcoming: upcoming.map((m) => ({ ...m, tag: statusWords[m.status] })),
      past: past.map((m) => ({ ...m, tag: statusWords[m.status] })),
      myOpenActions: mine.length,
      teamOpen,
      counts,
      flash: flashOf(request.query.done),
    });
  });

  async function showNew(request: FastifyRequest, reply: FastifyReply, o: { fields?: FieldError[]; status?: number; values?: Record<string, string> } = {}) {
    const access = await authoriseMdtTeam(db, { actor: actorOf(request) });
    const fields = o.fields ?? [];
    const values = o.values ?? { formId: uuidv7(), at: '13:00' };
    return reply.code(o.status ?? 200).page('mdt/pages/meeting-new.njk', {
      title: 'Schedule an MDT meeting',
      section: 'mdt',
      values,
      onItems: dateItems('on', values, !!errorsByField(fields).on),
      chairItems: await staffItems(access.teamId, 'Choose who chairs it (optional)', values.chairId),
      errors: errorList(fields, { on: 'on-day' }),
      fieldErrors: errorsByField(fields),
      backHref: '/mdt',
      backText: 'MDT meetings',
    });
  }

  typed.get('/mdt/meetings/new', { schema: { hide: true } }, async (request, reply) => showNew(request, reply));

  typed.post('/mdt/meetings/new', { schema: { hide: true, body: formBody } }, async (request, reply) => {
    const access = await authoriseMdtTeam(db, { actor: actorOf(request) });
    const body = request.body as FormBody;
    const id = idFromForm(body);
    const today = ukDateOf(access.actor.now);
    return pageWrite(request, reply, {
      formId: formField(body.formId),
      check: () => {
        const fields: FieldError[] = [];
        const on = formDay(body, 'on', 'The meeting date', today, fields);
        if (fields.length) throw validation(fields);
        return on!;
      },
      write: async (trx, on) => {
        const meeting = await scheduleMeeting(trx, { access, id, on, at: formField(body.at), place: formField(body.place), chairId: chosenId(body, 'chairId') });
        return `/mdt/meetings/${meeting.id}?done=scheduled`;
      },
      render: (fields, status) => showNew(request, reply, { fields, status, values: formValues(body) }),
    });
  });

  // ---- One meeting -------------------------------------------------------------------------------

  async function showMeeting(request: FastifyRequest, reply: FastifyReply, meetingId: string, o: { fields?: FieldError[]; status?: number; values?: Record<string, string>; done?: string; closing?: Closing } = {}) {
    const access = await authoriseMeeting(db, { actor: actorOf(request), meetingId });
    const m = access.meeting;
    const today = ukDateOf(access.actor.now);
    const [attendees, agendaRows, actionRows, earlierRows] = await Promise.all([
      listAttendees(db, m.id),
      listAgenda(db, m.id),
      listActions(db, { meetingId: m.id }),
      listActions(db, { teamId: m.teamId, openOnly: true, before: m.startsAt }),
    ]);
    const agenda = await nameForReader(db, { actor: access.actor, rows: agendaRows, recordKind: 'mdt-agenda-item', detail: { meetingId: m.id }, hide: hiddenAgendaItem });
    const actions = await shownActions(access.actor, actionRows, { meetingId: m.id });
    const earlier = await shownActions(access.actor, earlierRows, { meetingId: m.id });
    const fields = o.fields ?? [];
    const values: Record<string, string> = { attendeeFormId: uuidv7(), actionFormId: uuidv7(), ...(o.values ?? {}) };
    const running = m.status === 'scheduled';
    return reply.code(o.status ?? 200).page('mdt/pages/meeting.njk', {
      title: `MDT meeting, ${ukDateOf(m.startsAt)}`,
      section: 'mdt',
      meeting: { ...m, tag: statusWords[m.status], on: ukDateOf(m.startsAt) },
      running,
      attendees,
      agenda: agenda.map((i) => ({ ...i, reasonLabels: i.reasons.map((r) => mdtAgendaReasonLabels[r]) })),
      actions: actions.map((a) => actionView(a, today)),
      earlier: earlier.map((a) => actionView(a, today)),
      attendeeItems: await staffItems(m.teamId, 'Choose a member of the team', values.staffId),
      ownerItems: await staffItems(m.teamId, 'Choose who owns it', values.ownerId),
      dueItems: dateItems('dueOn', values, !!errorsByField(fields).dueOn),
      values,
      flash: flashOf(o.done),
      closing: o.closing ?? null,
      errors: errorList(fields, { dueOn: 'dueOn-day', ...closingAnchors(o.closing) }),
      fieldErrors: errorsByField(fields),
      backHref: '/mdt',
      backText: 'MDT meetings',
    });
  }

  typed.get('/mdt/meetings/:meetingId', { schema: { hide: true, params: meetingParams, querystring: doneQuery } }, async (request, reply) =>
    showMeeting(request, reply, request.params.meetingId, { done: request.query.done }));

  typed.post('/mdt/meetings/:meetingId/agenda', { schema: { hide: true, params: meetingParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseMeeting(db, { actor: actorOf(request), meetingId: request.params.meetingId });
    return pageWrite(request, reply, {
      write: async (trx) => {
        await buildAgenda(trx, { access });
        return `/mdt/meetings/${access.meeting.id}?done=agenda#agenda`;
      },
      render: (fields, status) => showMeeting(request, reply, access.meeting.id, { fields, status }),
    });
  });

  typed.post('/mdt/meetings/:meetingId/attendees', { schema: { hide: true, params: meetingParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseMeeting(db, { actor: actorOf(request), meetingId: request.params.meetingId });
    const body = request.body as FormBody;
    const staffId = formField(body.staffId);
    const name = formField(body.name);
    return pageWrite(request, reply, {
      formId: formField(body.attendeeFormId),
      check: () => {
        if (staffId && !chosenId(body, 'staffId')) throw validation([{ path: 'staffId', message: 'Choose someone from your team' }]);
      },
      write: async (trx) => {
        await addAttendee(trx, { access, id: idFromForm({ formId: body.attendeeFormId ?? '' }), staffId: staffId || null, name: name || null, role: formField(body.role) });
        return `/mdt/meetings/${access.meeting.id}?done=attendee#attendance`;
      },
      render: (fields, status) => showMeeting(request, reply, access.meeting.id, { fields, status, values: { ...formValues(body), attendeeFormId: formField(body.attendeeFormId) } }),
    });
  });

  typed.post('/mdt/meetings/:meetingId/actions', { schema: { hide: true, params: meetingParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseMeeting(db, { actor: actorOf(request), meetingId: request.params.meetingId });
    const body = request.body as FormBody;
    const today = ukDateOf(access.actor.now);
    return pageWrite(request, reply, {
      formId: formField(body.actionFormId),
      check: () => {
        const fields: FieldError[] = [];
        const dueOn = formDay(body, 'dueOn', 'The due date', today, fields);
        if (fields.length) throw validation(fields);
        return dueOn;
      },
      write: async (trx, dueOn) => {
        await addMdtAction(trx, { access, about: null, id: idFromForm({ formId: body.actionFormId ?? '' }), action: formField(body.action), ownerId: chosenId(body, 'ownerId'), dueOn });
        return `/mdt/meetings/${access.meeting.id}?done=action#actions`;
      },
      render: (fields, status) => showMeeting(request, reply, access.meeting.id, { fields, status, values: { ...formValues(body), actionFormId: formField(body.actionFormId) } }),
    });
  });

  typed.post('/mdt/meetings/:meetingId/status', { schema: { hide: true, params: meetingParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseMeeting(db, { actor: actorOf(request), meetingId: request.params.meetingId });
    const body = request.body as FormBody;
    const status = formField(body.status) === 'cancelled' ? 'cancelled' : 'held';
    return pageWrite(request, reply, {
      write: async (trx) => {
        await changeMeetingStatus(trx, { access, version: formVersion(body.version), status });
        return `/mdt/meetings/${access.meeting.id}?done=${status}`;
      },
      render: (fields, code) => showMeeting(request, reply, access.meeting.id, { fields, status: code }),
    });
  });

  // ---- One patient at the meeting -----------------------------------------------------------------

  async function itemAccess(request: FastifyRequest, itemId: string) {
    const item = await findAgendaItem(db, itemId);
    if (!item) throw notFound('Agenda item');
    const access = await authoriseMeeting(db, { actor: actorOf(request), meetingId: item.meetingId });
    return { item, access };
  }

  async function showItem(request: FastifyRequest, reply: FastifyReply, itemId: string, o: { fields?: FieldError[]; status?: number; values?: Record<string, string>; done?: string } = {}) {
    const { item: found, access } = await itemAccess(request, itemId);
    const grant = await authorisePatientAccess(db, { actor: access.actor, patientId: found.patient.id, action: 'read', recordKind: 'mdt-agenda-item', record: { id: found.episodeId, teamId: access.teamId } });
    // A 409 re-shows the item as it is now.
    const item = (await findAgendaItem(db, itemId))!;
    const patient = await findPatient(db, item.patient.id);
    if (!patient) throw notFound('Patient');
    const today = ukDateOf(access.actor.now);
    const [episode, actionRows, earlierRows] = await Promise.all([
      db.selectFrom('episodes').select(['id', 'service', 'mdt_flagged_at', 'mdt_flag_reason']).where('id', '=', item.episodeId).executeTakeFirstOrThrow(),
      listActions(db, { meetingId: item.meetingId }),
      listActions(db, { episodeId: item.episodeId, openOnly: true, before: access.meeting.startsAt }),
    ]);
    const actions = await shownActions(access.actor, actionRows.filter((a) => a.agendaItemId === item.id), { meetingId: item.meetingId });
    const earlier = await shownActions(access.actor, earlierRows, { meetingId: item.meetingId });
    await auditRead(grant, db, { recordKind: 'mdt-agenda-item', recordId: item.id, detail: { meetingId: item.meetingId } });
    const fields = o.fields ?? [];
    // The version is always the current one: after a 409 the form shows what was typed, against the record as it is now.
    const values: Record<string, string> = { discussion: item.discussion ?? '', decision: item.decision ?? '', actionFormId: uuidv7(), ...(o.values ?? {}), version: String(item.version) };
    return reply.code(o.status ?? 200).page('mdt/pages/agenda-item.njk', {
      title: `MDT discussion: ${patient.givenName} ${patient.familyName}`,
      section: 'mdt',
      patient: { ...patient, age: ageOn(patient.dateOfBirth, today) },
      breakGlass: grant.breakGlass,
      meeting: { ...access.meeting, on: ukDateOf(access.meeting.startsAt) },
      item: { ...item, reasonLabels: item.reasons.map((r) => mdtAgendaReasonLabels[r]) },
      episode: { ...episode, serviceLabel: serviceLabels[episode.service as keyof typeof serviceLabels] ?? episode.service },
      actions: actions.map((a) => actionView(a, today)),
      earlier: earlier.map((a) => actionView(a, today)),
      ownerItems: await staffItems(access.teamId, 'Choose who owns it', values.ownerId),
      dueItems: dateItems('dueOn', values, !!errorsByField(fields).dueOn),
      values,
      flash: flashOf(o.done),
      errors: errorList(fields, { dueOn: 'dueOn-day', version: 'discussion' }),
      fieldErrors: errorsByField(fields),
      backHref: `/mdt/meetings/${item.meetingId}#agenda`,
      backText: 'Back to the meeting',
    });
  }

  typed.get('/mdt/agenda-items/:itemId', { schema: { hide: true, params: itemParams, querystring: doneQuery } }, async (request, reply) =>
    showItem(request, reply, request.params.itemId, { done: request.query.done }));

  typed.post('/mdt/agenda-items/:itemId', { schema: { hide: true, params: itemParams, body: formBody } }, async (request, reply) => {
    const { item, access } = await itemAccess(request, request.params.itemId);
    const grant = await authoriseMdtPatientWrite(db, { access, patientId: item.patient.id, episodeId: item.episodeId, recordKind: 'mdt-agenda-item' });
    const body = request.body as FormBody;
    return pageWrite(request, reply, {
      write: async (trx) => {
        await recordDiscussion(trx, { access, grant, item, version: formVersion(body.version), discussion: formField(body.discussion), decision: formField(body.decision) });
        return `/mdt/agenda-items/${item.id}?done=discussed`;
      },
      render: (fields, status) => showItem(request, reply, item.id, { fields, status, values: formValues(body) }),
    });
  });

  typed.post('/mdt/agenda-items/:itemId/actions', { schema: { hide: true, params: itemParams, body: formBody } }, async (request, reply) => {
    const { item, access } = await itemAccess(request, request.params.itemId);
    const grant = await authoriseMdtPatientWrite(db, { access, patientId: item.patient.id, episodeId: item.episodeId, recordKind: 'mdt-action' });
    const body = request.body as FormBody;
    const today = ukDateOf(access.actor.now);
    return pageWrite(request, reply, {
      formId: formField(body.actionFormId),
      check: () => {
        const fields: FieldError[] = [];
        const dueOn = formDay(body, 'dueOn', 'The due date', today, fields);
        if (fields.length) throw validation(fields);
        return dueOn;
      },
      write: async (trx, dueOn) => {
        await addMdtAction(trx, { access, about: { item, grant }, id: idFromForm({ formId: body.actionFormId ?? '' }), action: formField(body.action), ownerId: chosenId(body, 'ownerId'), dueOn });
        return `/mdt/agenda-items/${item.id}?done=action#actions`;
      },
      render: (fields, status) => showItem(request, reply, item.id, { fields, status, values: { ...formValues(body), actionFormId: formField(body.actionFormId) } }),
    });
  });

  // ---- The owner's actions ------------------------------------------------------------------------

  async function showMine(request: FastifyRequest, reply: FastifyReply, o: { fields?: FieldError[]; status?: number; done?: string; closing?: Closing } = {}) {
    const access = await authoriseMdtTeam(db, { actor: actorOf(request) });
    const today = ukDateOf(access.actor.now);
    const actions = await myActions(db, { actor: access.actor, teamId: access.teamId, detail: { list: 'my-mdt-actions' } });
    const fields = o.fields ?? [];
    return reply.code(o.status ?? 200).page('mdt/pages/my-actions.njk', {
      title: 'My MDT actions',
      section: 'mdt',
      actions: actions.map((a) => ({ ...actionView(a, today), meetingOn: ukDateOf(a.meetingStartsAt) })),
      closing: o.closing ?? null,
      flash: flashOf(o.done),
      errors: errorList(fields, closingAnchors(o.closing)),
      fieldErrors: errorsByField(fields),
      backHref: '/',
      backText: 'Home',
    });
  }

  typed.get('/mdt/actions', { schema: { hide: true, querystring: doneQuery } }, async (request, reply) => showMine(request, reply, { done: request.query.done }));

  typed.post('/mdt/actions/:actionId/close', { schema: { hide: true, params: actionParams, body: formBody } }, async (request, reply) => {
    const action = (await listActions(db, { id: request.params.actionId }))[0];
    if (!action) throw notFound('MDT action');
    const access: MeetingAccess = await authoriseMeeting(db, { actor: actorOf(request), meetingId: action.meetingId });
    const grant = action.patient && action.episodeId ? await authoriseMdtPatientWrite(db, { access, patientId: action.patient.id, episodeId: action.episodeId, recordKind: 'mdt-action' }) : null;
    const body = request.body as FormBody;
    // Back to where it was closed from: the owner's list, or a meeting's page.
    const from = chosenId(body, 'fromMeetingId');
    return pageWrite(request, reply, {
      write: async (trx) => {
        await closeMdtAction(trx, { access, grant, action, version: formVersion(body.version), note: formField(body.note) });
        return from ? `/mdt/meetings/${from}?done=closed#earlier` : '/mdt/actions?done=closed';
      },
      // The note typed is shown again in that action's form (its version is read afresh), so nothing typed is lost on a 400 or 409.
      render: (fields, status) => {
        const closing: Closing = { actionId: action.id, note: formField(body.note) };
        return from ? showMeeting(request, reply, from, { fields, status, closing }) : showMine(request, reply, { fields, status, closing });
      },
    });
  });

  // ---- Flagging an episode, from its page ---------------------------------------------------------

  async function showFlag(request: FastifyRequest, reply: FastifyReply, episodeId: string, o: { fields?: FieldError[]; status?: number; values?: Record<string, string>; done?: string } = {}) {
    const episode = await loadEpisode(request, episodeId);
    const access = await authoriseEpisodeWrite(db, { actor: actorOf(request), episode, change: 'mdt-flag' });
    const patient = await findPatient(db, episode.patientId);
    if (!patient) throw notFound('Patient');
    const flag = await db.selectFrom('episodes').select(['mdt_flagged_at', 'mdt_flag_reason']).where('id', '=', episode.id).executeTakeFirstOrThrow();
    await auditRead(access.grant, db, { recordKind: 'episode', recordId: episode.id, detail: { page: 'mdt-flag' } });
    const fields = o.fields ?? [];
    return reply.code(o.status ?? 200).page('mdt/pages/flag.njk', {
      title: 'Flag for discussion at the MDT meeting',
      section: 'caseload',
      patient: { ...patient, age: ageOn(patient.dateOfBirth, ukDateOf(access.grant.actor.now)) },
      breakGlass: access.grant.breakGlass,
      episode,
      flag: flag.mdt_flagged_at ? { at: flag.mdt_flagged_at, reason: flag.mdt_flag_reason } : null,
      values: { reason: '', ...(o.values ?? {}), version: String(episode.version) },
      flash: flashOf(o.done),
      errors: errorList(fields, { version: 'reason' }),
      fieldErrors: errorsByField(fields),
      backHref: `/episodes/${episode.id}`,
      backText: 'Back to the episode',
    });
  }

  typed.get('/episodes/:id/mdt-flag', { schema: { hide: true, params: episodeParams, querystring: doneQuery } }, async (request, reply) => showFlag(request, reply, request.params.id, { done: request.query.done }));

  typed.post('/episodes/:id/mdt-flag', { schema: { hide: true, params: episodeParams, body: formBody } }, async (request, reply) => {
    const episode = await loadEpisode(request, request.params.id);
    const access = await authoriseEpisodeWrite(db, { actor: actorOf(request), episode, change: 'mdt-flag' });
    const body = request.body as FormBody;
    return pageWrite(request, reply, {
      write: async (trx) => {
        await flagEpisodeForMdt(trx, { access, version: formVersion(body.version), reason: formField(body.reason) });
        return `/episodes/${episode.id}/mdt-flag?done=flagged`;
      },
      render: (fields, status) => showFlag(request, reply, episode.id, { fields, status, values: formValues(body) }),
    });
  });
}

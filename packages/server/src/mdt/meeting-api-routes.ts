// /api/mdt/...: the MDT as JSON, with the pages' rules (mdt-access.ts; a patient's discussion and
// actions through their grant), every write version-checked where it changes a row and once-only with
// an Idempotency-Key; ids may be minted by the client (UUIDv7).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { mdtAgendaReasons } from '@homeward/clinical';
import { actorOf } from '../platform/actor.ts';
import { notFound } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import { authoriseEpisodeWrite, episodeResponse, loadEpisode } from '../caseload/public.ts';
import { addAttendee } from './add-attendee.ts';
import { addMdtAction } from './add-mdt-action.ts';
import { buildAgenda } from './build-agenda.ts';
import { changeMeetingStatus } from './change-meeting-status.ts';
import { closeMdtAction } from './close-mdt-action.ts';
import { flagEpisodeForMdt } from './flag-episode-for-mdt.ts';
import { authoriseMdtPatientWrite, authoriseMdtTeam, authoriseMeeting } from './mdt-access.ts';
import { nameForReader, type Shown } from './mdt-patient-names.ts';
import { hiddenAction, hiddenAgendaItem, myActions } from './mdt-shown.ts';
import { findAgendaItem, listActions, listAgenda, listAttendees, listMeetings, type MdtAction, type MdtAgendaItem, type MdtMeeting } from './mdt-queries.ts';
import { recordDiscussion } from './record-discussion.ts';
import { scheduleMeeting } from './schedule-meeting.ts';

const tags = ['mdt'];
const meetingParams = z.object({ meetingId: z.uuid('meetingId must be a UUID') });
const itemParams = z.object({ itemId: z.uuid('itemId must be a UUID') });
const actionParams = z.object({ actionId: z.uuid('actionId must be a UUID') });
const episodeParams = z.object({ id: z.uuid('Episode id must be a UUID') });
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });
const version = z.int({ error: 'version must be the number you read' }).min(1).max(2_147_483_647);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD');
const text = (max: number) => z.string().max(max, `At most ${max} characters`);

const meetingResponse = z.object({
  id: z.string(), version: z.number(), teamId: z.string(), startsAt: z.string(), place: z.string(),
  chair: z.object({ id: z.string(), name: z.string() }).nullable(), status: z.enum(['scheduled', 'held', 'cancelled']),
});
const patientResponse = z.object({ id: z.string(), nhsNumber: z.string(), givenName: z.string(), familyName: z.string() });
const agendaItemResponse = z.object({
  id: z.string(), version: z.number(), meetingId: z.string(), episodeId: z.string(), patient: patientResponse.nullable(),
  hidden: z.boolean().describe('True when the patient is not yours to see: the item is there, without the patient or what was said'),
  reasons: z.array(z.enum(mdtAgendaReasons)), position: z.number(), discussion: z.string().nullable(), decision: z.string().nullable(), discussedAt: z.string().nullable(),
});
const actionResponse = z.object({
  id: z.string(), version: z.number(), meetingId: z.string(), agendaItemId: z.string().nullable(), episodeId: z.string().nullable(), patient: patientResponse.nullable(),
  action: z.string(), owner: z.object({ id: z.string(), name: z.string() }), dueOn: z.string(), status: z.enum(['open', 'closed']), closedAt: z.string().nullable(), closingNote: z.string().nullable(),
  hidden: z.boolean().describe('True when the action is about a patient who is not yours to see: it is there, without the patient or its words'),
});
const attendeeResponse = z.object({ id: z.string(), staffId: z.string().nullable(), name: z.string(), role: z.string() });

const meetingJson = (m: MdtMeeting) => ({ id: m.id, version: m.version, teamId: m.teamId, startsAt: m.startsAt.toISOString(), place: m.place, chair: m.chair, status: m.status });
const itemJson = (i: Shown<MdtAgendaItem> | MdtAgendaItem) => ({
  id: i.id, version: i.version, meetingId: i.meetingId, episodeId: i.episodeId, patient: i.patient, hidden: 'hidden' in i ? i.hidden : false, reasons: i.reasons, position: i.position,
  discussion: i.discussion, decision: i.decision, discussedAt: i.discussedAt ? i.discussedAt.toISOString() : null,
});
const actionJson = (a: Shown<MdtAction> | MdtAction) => ({
  id: a.id, version: a.version, meetingId: a.meetingId, agendaItemId: a.agendaItemId, episodeId: a.episodeId, patient: a.patient, hidden: 'hidden' in a ? a.hidden : false,
  action: a.action, owner: a.owner, dueOn: a.dueOn, status: a.status, closedAt: a.closedAt ? a.closedAt.toISOString() : null, closingNote: a.closingNote,
});

export async function meetingApiRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;

  typed.get('/api/mdt/meetings', {
    schema: { tags, summary: 'Your team’s MDT meetings, newest first (no patients named)', response: { 200: z.object({ meetings: z.array(meetingResponse) }), ...errorResponse(401, 403) } },
  }, async (request) => {
    const access = await authoriseMdtTeam(db, { actor: actorOf(request) });
    return { meetings: (await listMeetings(db, { teamId: access.teamId })).map(meetingJson) };
  });

  typed.post('/api/mdt/meetings', {
    schema: {
      tags, summary: 'Schedule an MDT meeting for your team', headers: writeHeaders,
      body: z.strictObject({ id: z.uuid().optional(), on: day, at: z.string().regex(/^\d{2}:\d{2}$/, 'Enter the time as HH:MM'), place: text(200).default(''), chairId: z.uuid().nullable().default(null) }),
      response: { 201: meetingResponse, ...errorResponse(400, 401, 403, 409, 422) },
    },
  }, async (request, reply) => {
    const access = await authoriseMdtTeam(db, { actor: actorOf(request) });
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: meetingJson(await scheduleMeeting(trx, { access, id: b.id ?? uuidv7(), on: b.on, at: b.at, place: b.place, chairId: b.chairId })) }));
  });

  typed.get('/api/mdt/meetings/:meetingId', {
    schema: {
      tags, summary: 'A meeting: who attended, its agenda (each patient, why, what was discussed and decided), its actions and the open actions from earlier meetings',
      description: 'For your own team’s assistant practitioners, registered therapists, clinical leads and service managers. The patients named are audited as read.',
      params: meetingParams,
      response: { 200: z.object({ meeting: meetingResponse, attendees: z.array(attendeeResponse), agenda: z.array(agendaItemResponse), actions: z.array(actionResponse), earlierOpenActions: z.array(actionResponse) }), ...errorResponse(400, 401, 403, 404) },
    },
  }, async (request) => {
    const access = await authoriseMeeting(db, { actor: actorOf(request), meetingId: request.params.meetingId });
    const m = access.meeting;
    const [attendees, agendaRows, actionRows, earlierRows] = await Promise.all([listAttendees(db, m.id), listAgenda(db, m.id), listActions(db, { meetingId: m.id }), listActions(db, { teamId: m.teamId, openOnly: true, before: m.startsAt })]);
    const detail = { meetingId: m.id, via: 'api' };
    const agenda = await nameForReader(db, { actor: access.actor, rows: agendaRows, recordKind: 'mdt-agenda-item', detail, hide: hiddenAgendaItem });
    const actions = await nameForReader(db, { actor: access.actor, rows: actionRows, recordKind: 'mdt-action', detail, hide: hiddenAction });
    const earlier = await nameForReader(db, { actor: access.actor, rows: earlierRows, recordKind: 'mdt-action', detail, hide: hiddenAction });
    return { meeting: meetingJson(m), attendees, agenda: agenda.map(itemJson), actions: actions.map(actionJson), earlierOpenActions: earlier.map(actionJson) };
  });

  typed.post('/api/mdt/meetings/:meetingId/agenda', {
    schema: {
      tags, summary: 'Build the agenda from the caseload: adds the patients who belong on it and are not on it yet (flagged, open actions, breaches, reviews due, discharge planning)',
      params: meetingParams, headers: writeHeaders, body: z.strictObject({}).optional(),
      response: { 200: z.object({ added: z.array(z.object({ episodeId: z.string(), patientId: z.string(), reasons: z.array(z.enum(mdtAgendaReasons)) })) }), ...errorResponse(400, 401, 403, 404, 422) },
    },
  }, async (request, reply) => {
    const access = await authoriseMeeting(db, { actor: actorOf(request), meetingId: request.params.meetingId });
    return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: { added: await buildAgenda(trx, { access }) } }));
  });

  typed.post('/api/mdt/meetings/:meetingId/attendees', {
    schema: {
      tags, summary: 'Record someone who attended: a member of the team (staffId) or someone from outside it (name, role)', params: meetingParams, headers: writeHeaders,
      body: z.strictObject({ id: z.uuid().optional(), staffId: z.uuid().nullable().default(null), name: text(200).nullable().default(null), role: text(100).default('') }),
      response: { 201: attendeeResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const access = await authoriseMeeting(db, { actor: actorOf(request), meetingId: request.params.meetingId });
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: await addAttendee(trx, { access, id: b.id ?? uuidv7(), staffId: b.staffId, name: b.name, role: b.role }) }));
  });

  typed.post('/api/mdt/meetings/:meetingId/status', {
    schema: {
      tags, summary: 'Record a scheduled meeting as held, or cancel it. Send the version you read.', params: meetingParams, headers: writeHeaders,
      body: z.strictObject({ version, status: z.enum(['held', 'cancelled']) }),
      response: { 200: meetingResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const access = await authoriseMeeting(db, { actor: actorOf(request), meetingId: request.params.meetingId });
    return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: meetingJson(await changeMeetingStatus(trx, { access, version: request.body.version, status: request.body.status })) }));
  });

  typed.put('/api/mdt/agenda-items/:itemId', {
    schema: {
      tags, summary: 'Record what was discussed and decided about a patient at the meeting; the decision goes into the episode’s timeline. Send the version you read.',
      params: itemParams, headers: writeHeaders,
      body: z.strictObject({ version, discussion: text(10_000).default(''), decision: text(2_000).default('') }),
      response: { 200: agendaItemResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const item = await findAgendaItem(db, request.params.itemId);
    if (!item) throw notFound('Agenda item');
    const access = await authoriseMeeting(db, { actor: actorOf(request), meetingId: item.meetingId });
    const grant = await authoriseMdtPatientWrite(db, { access, patientId: item.patient.id, episodeId: item.episodeId, recordKind: 'mdt-agenda-item' });
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: itemJson(await recordDiscussion(trx, { access, grant, item, version: b.version, discussion: b.discussion, decision: b.decision })) }));
  });

  typed.post('/api/mdt/meetings/:meetingId/actions', {
    schema: {
      tags, summary: 'Add an action agreed at the meeting: about a patient on the agenda (agendaItemId) or the team; on its owner’s home page until closed',
      params: meetingParams, headers: writeHeaders,
      body: z.strictObject({ id: z.uuid().optional(), agendaItemId: z.uuid().nullable().default(null), action: text(500), ownerId: z.uuid('ownerId must be a UUID'), dueOn: day }),
      response: { 201: actionResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const access = await authoriseMeeting(db, { actor: actorOf(request), meetingId: request.params.meetingId });
    const b = request.body;
    let about = null;
    if (b.agendaItemId) {
      const item = await findAgendaItem(db, b.agendaItemId);
      if (!item || item.meetingId !== access.meeting.id) throw notFound('Agenda item');
      about = { item, grant: await authoriseMdtPatientWrite(db, { access, patientId: item.patient.id, episodeId: item.episodeId, recordKind: 'mdt-action' }) };
    }
    return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: actionJson(await addMdtAction(trx, { access, about, id: b.id ?? uuidv7(), action: b.action, ownerId: b.ownerId, dueOn: b.dueOn })) }));
  });

  typed.get('/api/mdt/actions', {
    schema: { tags, summary: 'Your open MDT actions (those from another team’s meetings, after a move, without the patient)', response: { 200: z.object({ actions: z.array(actionResponse) }), ...errorResponse(401, 403) } },
  }, async (request) => {
    const access = await authoriseMdtTeam(db, { actor: actorOf(request) });
    const actions = await myActions(db, { actor: access.actor, teamId: access.teamId, detail: { list: 'my-mdt-actions', via: 'api' } });
    return { actions: actions.map(actionJson) };
  });

  typed.post('/api/mdt/actions/:actionId/close', {
    schema: {
      tags, summary: 'Close an MDT action (done, or no longer needed), with a note. Send the version you read.', params: actionParams, headers: writeHeaders,
      body: z.strictObject({ version, note: text(1_000).default('') }),
      response: { 200: actionResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const action = (await listActions(db, { id: request.params.actionId }))[0];
    if (!action) throw notFound('MDT action');
    const access = await authoriseMeeting(db, { actor: actorOf(request), meetingId: action.meetingId });
    const grant = action.patient && action.episodeId ? await authoriseMdtPatientWrite(db, { access, patientId: action.patient.id, episodeId: action.episodeId, recordKind: 'mdt-action' }) : null;
    return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: actionJson(await closeMdtAction(trx, { access, grant, action, version: request.body.version, note: request.body.note })) }));
  });

  typed.post('/api/episodes/:id/mdt-flag', {
    schema: {
      tags, summary: 'Flag an episode for discussion at the next MDT meeting, with what the team needs to discuss. Send the episode’s version.', params: episodeParams, headers: writeHeaders,
      body: z.strictObject({ version, reason: text(500) }),
      response: { 200: episodeResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const episode = await loadEpisode(request, request.params.id);
    const access = await authoriseEpisodeWrite(db, { actor: actorOf(request), episode, change: 'mdt-flag' });
    return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: await flagEpisodeForMdt(trx, { access, version: request.body.version, reason: request.body.reason }) }));
  });
}

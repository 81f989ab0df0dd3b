// /api/supervision/...: someone's supervision (supervisor, when due, sessions), naming a supervisor,
// writing up a session (cases and actions in it), the supervisee's confirmation, and an action done.
// The same rules as the pages: supervision-access.ts decides who, the access seam decides each case.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { supervisionKinds, ukDateOf } from '@homeward/clinical';
import { actorOf } from '../platform/actor.ts';
import { notFound } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import { completeSupervisionAction } from './complete-supervision-action.ts';
import { confirmSupervisionSession } from './confirm-supervision-session.ts';
import { nameSupervisor } from './name-supervisor.ts';
import { recordSupervisionSession, type SupervisionCaseInput } from './record-supervision-session.ts';
import { auditSupervisionView, authoriseSessionWrite, authoriseSupervisionOf, authoriseSupervisionSession, authoriseSupervisorChange } from './supervision-access.ts';
import { authoriseCaseWrite, readSessionCases } from './supervision-cases.ts';
import { findSupervisionAction, listOpenActionsOfSupervisee, listSessionActions, listSupervisionSessions, readStandings } from './supervision-queries.ts';
import type { SupervisionAction, SupervisionArrangement, SupervisionSession } from './supervision-types.ts';

const tags = ['supervision'];
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });
const version = z.number({ error: 'version must be the number you read' }).int().positive().max(2_147_483_647);
const isoDate = (what: string) => z.iso.date({ error: `${what} must be a date like 2026-11-24` });
const staffParams = z.object({ staffId: z.uuid('staffId must be a UUID') });
const sessionParams = z.object({ sessionId: z.uuid('sessionId must be a UUID') });
const actionParams = z.object({ actionId: z.uuid('actionId must be a UUID') });
const dueStatus = z.enum(['overdue', 'due-soon', 'in-date']);

const arrangementResponse = z.object({ id: z.string(), version: z.number(), superviseeId: z.string(), supervisorId: z.string(), supervisorName: z.string(), startsOn: z.string(), endsOn: z.string().nullable() });
const actionResponse = z.object({ id: z.string(), version: z.number(), sessionId: z.string(), action: z.string(), ownerId: z.string(), ownerName: z.string(), dueOn: z.string(), status: z.enum(['open', 'done']), doneAt: z.string().nullable() });
const sessionResponse = z.object({
  id: z.string(), version: z.number(), superviseeId: z.string(), superviseeName: z.string(), supervisorId: z.string(), supervisorName: z.string(),
  heldOn: z.string(), kind: z.enum(supervisionKinds), themes: z.string(), status: z.enum(['recorded', 'confirmed']), superviseeComment: z.string().nullable(), confirmedAt: z.string().nullable(),
});
const caseResponse = z.object({ id: z.string(), episodeId: z.string().nullable().describe('Null when you may not see this patient'), patientId: z.string().nullable(), patientName: z.string().nullable().describe('Named on a read of the session, where you may see the patient'), note: z.string().nullable() });

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const arrangementJson = (a: SupervisionArrangement) => ({ id: a.id, version: a.version, superviseeId: a.superviseeId, supervisorId: a.supervisorId, supervisorName: a.supervisorName, startsOn: a.startsOn, endsOn: a.endsOn });
const actionJson = (a: SupervisionAction) => ({ id: a.id, version: a.version, sessionId: a.sessionId, action: a.action, ownerId: a.ownerId, ownerName: a.ownerName, dueOn: a.dueOn, status: a.status, doneAt: iso(a.doneAt) });
const sessionJson = (s: SupervisionSession) => ({
  id: s.id, version: s.version, superviseeId: s.superviseeId, superviseeName: s.superviseeName, supervisorId: s.supervisorId, supervisorName: s.supervisorName,
  heldOn: s.heldOn, kind: s.kind, themes: s.themes, status: s.status, superviseeComment: s.superviseeComment, confirmedAt: iso(s.confirmedAt),
});

export async function supervisionApiRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get('/api/supervision/people/:staffId', {
    schema: {
      tags, summary: 'Someone’s supervision: their supervisor, when the next session is due (red, amber, green), their sessions and open actions',
      description: 'For the person, their supervisor, and the team’s clinical lead and service manager. Reading someone else’s is audited.',
      params: staffParams,
      response: {
        200: z.object({ arrangement: arrangementResponse.nullable(), lastHeldOn: z.string().nullable(), dueOn: z.string().nullable(), status: dueStatus.nullable().describe('Null: the supervision policy does not cover this role'), sessions: z.array(sessionResponse), openActions: z.array(actionResponse) }),
        ...errorResponse(400, 401, 403, 404),
      },
    },
  }, async (request) => {
    const access = await authoriseSupervisionOf(app.db, { actor: actorOf(request), superviseeId: request.params.staffId });
    const [standing] = await readStandings(app.db, [access.supervisee], ukDateOf(access.actor.now));
    const sessions = await listSupervisionSessions(app.db, access.supervisee.id);
    const openActions = await listOpenActionsOfSupervisee(app.db, access.supervisee.id);
    await auditSupervisionView(app.db, access, { via: 'api' });
    return { arrangement: access.arrangement ? arrangementJson(access.arrangement) : null, lastHeldOn: standing?.lastHeldOn ?? null, dueOn: standing?.dueOn ?? null, status: standing?.status ?? null, sessions: sessions.map(sessionJson), openActions: openActions.map(actionJson) };
  });

  typed.put('/api/supervision/people/:staffId/supervisor', {
    schema: {
      tags, summary: 'Name someone’s supervisor from a day (the current one’s arrangement ends that day)',
      description: 'The team’s clinical lead or service manager. A supervisor is registered, on a higher band and active: otherwise refused with the rule. Send the current arrangement’s version (null when there is none); id: the new arrangement’s, if you mint it.',
      params: staffParams, headers: writeHeaders,
      body: z.object({ id: z.uuid('id must be a UUID').optional(), supervisorId: z.uuid('supervisorId must be a UUID'), startsOn: isoDate('startsOn').optional().describe('Default today'), version: version.nullable() }).strict(),
      response: { 200: z.object({ arrangement: arrangementResponse }), ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const access = await authoriseSupervisorChange(app.db, { actor: actorOf(request), superviseeId: request.params.staffId });
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => ({
      status: 200,
      body: { arrangement: arrangementJson(await nameSupervisor(trx, { actor: access.actor, supervisee: access.supervisee, id: b.id ?? uuidv7(), supervisorId: b.supervisorId, startsOn: b.startsOn ?? ukDateOf(access.actor.now), version: b.version })) },
    }));
  });

  typed.post('/api/supervision/sessions', {
    schema: {
      tags, summary: 'Write up a supervision session: date, type, themes, cases discussed, actions agreed',
      description: 'By the supervisee’s current supervisor. Each case names an episode you may write to (the usual access rules; audited). Actions are owned by the supervisee or the supervisor. The supervisee then confirms it. Idempotency-Key makes a retry write once.',
      headers: writeHeaders,
      body: z.object({
        id: z.uuid('id must be a UUID').optional(),
        superviseeId: z.uuid('superviseeId must be a UUID'),
        heldOn: isoDate('heldOn'),
        kind: z.enum(supervisionKinds, { error: `kind must be one of ${supervisionKinds.join(', ')}` }),
        themes: z.string().max(4000),
        cases: z.array(z.object({ episodeId: z.uuid('episodeId must be a UUID'), note: z.string().max(2000) }).strict()).max(20).default([]),
        actions: z.array(z.object({ action: z.string().max(500), ownerId: z.uuid('ownerId must be a UUID'), dueOn: isoDate('dueOn') }).strict()).max(20).default([]),
      }).strict(),
      response: { 201: z.object({ session: sessionResponse, cases: z.array(caseResponse), actions: z.array(actionResponse) }), ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const b = request.body;
    const access = await authoriseSessionWrite(app.db, { actor: actorOf(request), superviseeId: b.superviseeId });
    const cases: SupervisionCaseInput[] = [];
    for (const [i, c] of b.cases.entries()) cases.push({ id: uuidv7(), note: c.note, ...(await authoriseCaseWrite(app.db, { actor: access.actor, episodeId: c.episodeId, path: `cases.${i}.episodeId` })) });
    const id = b.id ?? uuidv7();
    return idempotentWrite(request, reply, async (trx) => {
      const session = await recordSupervisionSession(trx, { actor: access.actor, id, superviseeId: b.superviseeId, heldOn: b.heldOn, kind: b.kind, themes: b.themes, cases, actions: b.actions.map((a) => ({ id: uuidv7(), ...a })) });
      return {
        status: 201,
        body: { session: sessionJson(session), cases: cases.map((c) => ({ id: c.id, episodeId: c.episodeId, patientId: c.grant.patientId, patientName: null, note: c.note.trim() })), actions: (await listSessionActions(trx, id)).map(actionJson) },
      };
    });
  });

  typed.get('/api/supervision/sessions/:sessionId', {
    schema: {
      tags, summary: 'A supervision session: themes, cases discussed (named only where you may see the patient; audited), actions',
      params: sessionParams,
      response: { 200: z.object({ session: sessionResponse, cases: z.array(caseResponse), actions: z.array(actionResponse) }), ...errorResponse(400, 401, 403, 404) },
    },
  }, async (request) => {
    const { access, session } = await authoriseSupervisionSession(app.db, actorOf(request), request.params.sessionId);
    await auditSupervisionView(app.db, access, { recordId: session.id, via: 'api' });
    const cases = await readSessionCases(app.db, { actor: access.actor, sessionId: session.id, via: 'api' });
    return {
      session: sessionJson(session),
      cases: cases.map((c) => (c.patient ? { id: c.id, episodeId: c.episodeId, patientId: c.patient.id, patientName: c.patient.name, note: c.note } : { id: c.id, episodeId: null, patientId: null, patientName: null, note: null })),
      actions: (await listSessionActions(app.db, session.id)).map(actionJson),
    };
  });

  typed.post('/api/supervision/sessions/:sessionId/confirmation', {
    schema: {
      tags, summary: 'The supervisee confirms the write-up, with their comment if any: then it is final',
      description: 'Send the version you read: a stale one is a 409 with the session as it is.',
      params: sessionParams, headers: writeHeaders,
      body: z.object({ version, comment: z.string().max(2000).default('') }).strict(),
      response: { 200: z.object({ session: sessionResponse }), ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const { access, session } = await authoriseSupervisionSession(app.db, actorOf(request), request.params.sessionId);
    return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: { session: sessionJson(await confirmSupervisionSession(trx, { actor: access.actor, sessionId: session.id, version: request.body.version, comment: request.body.comment })) } }));
  });

  typed.post('/api/supervision/actions/:actionId/completion', {
    schema: {
      tags, summary: 'Mark an action agreed in supervision done (its owner, or the supervisor)',
      params: actionParams, headers: writeHeaders,
      body: z.object({ version }).strict(),
      response: { 200: z.object({ action: actionResponse }), ...errorResponse(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const action = await findSupervisionAction(app.db, request.params.actionId);
    if (!action) throw notFound('Supervision action');
    await authoriseSupervisionOf(app.db, { actor, superviseeId: action.superviseeId, session: action });
    return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: { action: actionJson(await completeSupervisionAction(trx, { actor, actionId: action.id, version: request.body.version })) } }));
  });
}

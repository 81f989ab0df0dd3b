// /api/lone-working/sessions/:sessionId (and /check-in, /check-out): the clinician's taps from a phone
// app or the page's script, with the same rules as the pages. madeAt: when the phone made the tap.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import { requireClinicalActor } from '../platform/actor.ts';
import { findSession } from './session-queries.ts';
import { startSessionByHand } from './start-session-by-hand.ts';
import type { LoneWorkingSession } from './lone-working-types.ts';
import { authoriseSession } from './session-access.ts';
import { makeCheck } from './session-flow.ts';
import { auditSessionRead } from './session-view.ts';

const sessionParams = z.object({ sessionId: z.uuid('sessionId must be a UUID') });
const writeHeaders = z.object({ 'x-csrf-token': z.string().optional() });
const madeAt = z.iso.datetime({ offset: true, error: 'madeAt must be a date and time like 2026-12-05T10:02:00Z' }).optional().describe('When the phone made the tap (default: when it arrives). Not in the future, nor over 24 hours old.');

const sessionResponse = z.object({
  id: z.string(),
  version: z.number(),
  staffId: z.string(),
  date: z.string(),
  origin: z.enum(['plan', 'by-hand']),
  visitId: z.string().nullable(),
  place: z.string(),
  withStaffId: z.string().nullable(),
  expectedStart: z.string(),
  expectedEnd: z.string(),
  status: z.enum(['expected', 'checked-in', 'checked-out', 'cancelled']),
  checkedInAt: z.string().nullable(),
  checkedInReceivedAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
  checkedOutReceivedAt: z.string().nullable(),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function sessionJson(s: LoneWorkingSession): z.infer<typeof sessionResponse> {
  return {
    id: s.id, version: s.version, staffId: s.staffId, date: s.date, origin: s.origin, visitId: s.visitId, place: s.place, withStaffId: s.withStaffId,
    expectedStart: s.expectedStart.toISOString(), expectedEnd: s.expectedEnd.toISOString(), status: s.status,
    checkedInAt: iso(s.checkedInAt), checkedInReceivedAt: iso(s.checkedInReceivedAt), checkedOutAt: iso(s.checkedOutAt), checkedOutReceivedAt: iso(s.checkedOutReceivedAt),
  };
}

const checkResponse = z.object({ session: sessionResponse, changed: z.boolean().describe('False for a duplicate tap: nothing was written') });

export async function sessionApiRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get('/api/lone-working/sessions/:sessionId', {
    schema: {
      tags: ['lone-working'],
      summary: 'A lone-working session: where, when expected, checked in and out (made on the phone, and received)',
      description: 'Your own; the clinical lead sees the team’s.',
      params: sessionParams,
      response: { 200: z.object({ session: sessionResponse }), ...errorResponse(400, 401, 403, 404) },
    },
  }, async (request) => {
    const access = await authoriseSession(app.db, { actor: actorOf(request), sessionId: request.params.sessionId, act: false });
    await auditSessionRead(app.db, { actor: access.actor, session: access.session, via: 'api' });
    return { session: sessionJson(access.session) };
  });

  typed.post('/api/lone-working/sessions', {
    schema: {
      tags: ['lone-working'],
      summary: 'Start a visit by hand (one not on the plan): where, the patient (one of your caseload) if any, who with, when you expect to leave. It starts now, checked in.',
      description: 'Idempotency-Key makes a retry start it once.',
      headers: z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() }),
      body: z.object({
        place: z.string().max(300, 'place must be 300 characters or fewer'),
        patientId: z.uuid('patientId must be a UUID').nullable().optional(),
        withStaffId: z.uuid('withStaffId must be a UUID').nullable().optional(),
        expectedEnd: z.iso.datetime({ offset: true, error: 'expectedEnd must be a date and time like 2026-12-05T14:30:00Z' }),
      }).strict(),
      response: { 201: z.object({ session: sessionResponse }), ...errorResponse(400, 401, 403, 409, 413, 422) },
    },
  }, async (request, reply) => {
    const actor = await requireClinicalActor(app.db, actorOf(request));
    const b = request.body;
    return idempotentWrite(request, reply, async (trx) => {
      const { sessionId } = await startSessionByHand(trx, { actor, place: b.place, patientId: b.patientId ?? null, withStaffId: b.withStaffId ?? null, expectedEnd: new Date(b.expectedEnd) });
      const session = await findSession(trx, sessionId);
      if (!session) throw new HomewardError('internal_error', 'The session was not saved');
      return { status: 201, body: { session: sessionJson(session) } };
    });
  });

  typed.post('/api/lone-working/sessions/:sessionId/check-in', {
    schema: {
      tags: ['lone-working'],
      summary: 'Check in to your session. A repeat is harmless (changed: false).',
      params: sessionParams,
      headers: writeHeaders,
      body: z.object({ madeAt }).strict(),
      response: { 200: checkResponse, ...errorResponse(400, 401, 403, 404) },
    },
  }, async (request) => {
    const access = await authoriseSession(app.db, { actor: actorOf(request), sessionId: request.params.sessionId, act: true });
    const result = await makeCheck(app.db, { actor: access.actor, target: { sessionId: access.session.id }, check: 'in', madeAt: request.body.madeAt ? new Date(request.body.madeAt) : null, code: null, notCheckedIn: false });
    return { session: sessionJson(result.session), changed: result.changed };
  });

  typed.post('/api/lone-working/sessions/:sessionId/check-out', {
    schema: {
      tags: ['lone-working'],
      summary: 'Check out of your session, with your check-out code once you have set codes. A repeat is harmless (changed: false).',
      description: 'A session never checked in is refused unless notCheckedIn is true (“I did not check in”). A wrong code: 400, nothing changes; too many: 429.',
      params: sessionParams,
      headers: writeHeaders,
      body: z.object({
        madeAt,
        code: z.string().max(20, 'code must be 20 characters or fewer').optional(),
        notCheckedIn: z.boolean().optional().describe('The clinician confirms they did not check in'),
      }).strict(),
      response: { 200: checkResponse, ...errorResponse(400, 401, 403, 404, 429) },
    },
  }, async (request) => {
    const access = await authoriseSession(app.db, { actor: actorOf(request), sessionId: request.params.sessionId, act: true });
    const b = request.body;
    const result = await makeCheck(app.db, { actor: access.actor, target: { sessionId: access.session.id }, check: 'out', madeAt: b.madeAt ? new Date(b.madeAt) : null, code: b.code ?? null, notCheckedIn: b.notCheckedIn === true });
    return { session: sessionJson(result.session), changed: result.changed };
  });
}

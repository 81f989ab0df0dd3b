// What check-in and check-out share: the session locked for the write (two taps at once take turns, so
// the second finds the first's state and writes nothing), its audit, and the late check a raised alert
// of the session is told about (the alert is never closed by it: only a responder closes one).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError, notFound } from '../platform/homeward-error.ts';
import type { LoneWorkingSession } from './lone-working-types.ts';
import { noteLateCheck } from './note-late-check.ts';
import { findSession } from './session-queries.ts';
import { sessionKind } from './sync-sessions-from-plan.ts';

export async function lockOwnSession(trx: Kysely<Database>, o: { actor: Actor; sessionId: string }): Promise<LoneWorkingSession> {
  await trx.selectFrom('lone_working_sessions').select('id').where('id', '=', o.sessionId).forUpdate().executeTakeFirst();
  const session = await findSession(trx, o.sessionId);
  if (!session) throw notFound('Lone working session');
  // The route authorised it; the rule again inside the write.
  if (session.staffId !== o.actor.staff.staffId) throw new HomewardError('forbidden', 'Only the clinician on the visit checks in and out for themselves.');
  return session;
}

export async function writeCheck(trx: Kysely<Database>, o: { actor: Actor; session: LoneWorkingSession; check: 'in' | 'out'; madeAt: Date; duress?: boolean; set: Record<string, unknown> }): Promise<LoneWorkingSession> {
  const now = o.actor.now;
  await trx.updateTable('lone_working_sessions')
    .set({ ...o.set, version: sql`version + 1`, updated_at: now, updated_by: o.actor.staff.staffId })
    .where('id', '=', o.session.id)
    .execute();
  await auditAs(o.actor, trx, {
    action: 'write',
    outcome: 'allowed',
    recordKind: sessionKind,
    recordId: o.session.id,
    patientId: o.session.patientId,
    detail: { change: o.check === 'in' ? 'checked-in' : 'checked-out', madeAt: o.madeAt.toISOString(), receivedAt: now.toISOString() },
  });
  // A check that arrives after a MISSED check-in or check-out alert of this session was raised (a phone
  // offline, a forgotten tap) is told to the alert, which stays open until a responder closes it. Not
  // after a red, duress or amber alert: the check is not late for those, and "checked out" would read
  // to the responder as safe. And never a duress check-out: the clinician is not safe, whatever alert.
  const missed = o.duress
    ? undefined
    : await trx.selectFrom('lone_working_alerts').select('id').where('session_id', '=', o.session.id).where('kind', 'in', ['missed-check-in', 'missed-check-out']).where('status', 'in', ['raised', 'acknowledged']).executeTakeFirst();
  if (missed) await noteLateCheck(trx, { actor: o.actor, sessionId: o.session.id, check: o.check, madeAt: o.madeAt, receivedAt: now });
  return (await findSession(trx, o.session.id))!;
}

export const sessionNotLive = (session: LoneWorkingSession) =>
  new HomewardError('validation_failed', `This visit is no longer on your plan (${session.status}). If you are at a visit, start one by hand so someone knows where you are.`, {
    fields: [{ path: 'session', message: 'This visit is no longer on your plan' }],
  });

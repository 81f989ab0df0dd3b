// The supervisee confirms the supervisor's write-up, with their own comment if they want one (where they
// see it differently). Confirmed, the session is final (a database trigger holds it).
import type { Kysely } from 'kysely';
import { supervisionTextLimits } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError, validationFailed } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { findSupervisionSession } from './supervision-queries.ts';
import { supervisionRecordKind, type SupervisionSession } from './supervision-types.ts';

export type ConfirmSupervisionSessionOptions = { actor: Actor; sessionId: string; version: number; comment: string };

export function commentProblems(comment: string) {
  return comment.length > supervisionTextLimits.comment ? [{ path: 'comment', message: `Your comment must be ${supervisionTextLimits.comment} characters or fewer` }] : [];
}

export async function confirmSupervisionSession(trx: Kysely<Database>, o: ConfirmSupervisionSessionOptions): Promise<SupervisionSession> {
  const problems = commentProblems(o.comment);
  if (problems.length) throw validationFailed(problems);
  const session = await findSupervisionSession(trx, o.sessionId);
  if (!session) throw new HomewardError('not_found', 'Supervision session was not found');
  if (session.superviseeId !== o.actor.staff.staffId) throw new HomewardError('forbidden', `Only ${session.superviseeName}, whose supervision it was, confirms it.`);
  const comment = o.comment.trim();
  await updateVersioned(trx, {
    actor: o.actor, table: 'supervision_sessions', id: o.sessionId, version: o.version, what: 'Supervision session',
    set: { status: 'confirmed', confirmed_at: o.actor.now, supervisee_comment: comment === '' ? null : comment },
    only: { status: 'recorded' },
    current: () => findSupervisionSession(trx, o.sessionId),
    conflict: (current) => new HomewardError('version_conflict', current.status === 'confirmed' ? 'You have already confirmed this session' : 'The supervisor changed this session since you read it: read it again', { current }),
  });
  await auditAs(o.actor, trx, { action: 'write', outcome: 'allowed', recordKind: supervisionRecordKind, recordId: o.sessionId, detail: { change: 'session-confirmed', commented: comment !== '' } });
  return (await findSupervisionSession(trx, o.sessionId))!;
}

// Who may see or act on a lone-working session: the clinician whose session it is acts on it (checks in
// and out, raises amber and red); the clinical lead of the team may see the team's. Anyone else is
// refused, and the refusal audited; a session of another team is a 404, as if it were not there.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs, requireClinicalActor, type Actor } from '../platform/actor.ts';
import { HomewardError, notFound } from '../platform/homeward-error.ts';
import type { LoneWorkingSession } from './lone-working-types.ts';
import { findSession } from './session-queries.ts';
import { sessionKind } from './sync-sessions-from-plan.ts';

export type SessionAccess = { actor: Actor; session: LoneWorkingSession; own: boolean };

export async function authoriseSession(db: Kysely<Database>, o: { actor: Actor; sessionId: string; act: boolean }): Promise<SessionAccess> {
  await requireClinicalActor(db, o.actor);
  const me = o.actor.staff;
  const session = await findSession(db, o.sessionId);
  const refuse = async (rule: string): Promise<never> => {
    await auditAs(o.actor, db, { action: o.act ? 'write' : 'read', outcome: 'refused', recordKind: sessionKind, recordId: o.sessionId, detail: { rule } });
    if (rule === 'other-team') throw notFound('Lone working session');
    throw new HomewardError('forbidden', o.act
      ? 'Only the clinician on the visit checks in and out, and raises an alert, for themselves.'
      : 'You can only see your own lone working. The team’s clinical lead can see everyone’s.');
  };
  if (!session) throw notFound('Lone working session');
  if (session.staffId === me.staffId) return { actor: o.actor, session, own: true };
  if (session.teamId !== me.teamId) return refuse('other-team');
  if (o.act) return refuse('not-own-session');
  if (me.role !== 'clinical-lead') return refuse('not-own-session');
  return { actor: o.actor, session, own: false };
}

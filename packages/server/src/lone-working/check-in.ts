// One tap: the clinician is in. A second tap (or one after checking out) writes nothing and answers
// with the session as it is: a duplicate tap is harmless.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { checkMadeAt } from './check-made-at.ts';
import type { LoneWorkingSession } from './lone-working-types.ts';
import { lockOwnSession, sessionNotLive, writeCheck } from './session-writes.ts';

export type CheckInOptions = { actor: Actor; sessionId: string; madeAt: Date | null };

export type CheckResult = { session: LoneWorkingSession; changed: boolean };

export async function checkIn(trx: Kysely<Database>, o: CheckInOptions): Promise<CheckResult> {
  const madeAt = checkMadeAt(o.madeAt, o.actor.now);
  const session = await lockOwnSession(trx, o);
  if (session.status === 'checked-in' || session.status === 'checked-out') return { session, changed: false };
  if (session.status === 'cancelled') throw sessionNotLive(session);
  const after = await writeCheck(trx, { actor: o.actor, session, check: 'in', madeAt, set: { status: 'checked-in', checked_in_at: madeAt, checked_in_received_at: o.actor.now } });
  return { session: after, changed: true };
}

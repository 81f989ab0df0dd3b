// One tap: the clinician is out and safe. The code (when they set codes) was checked before this
// transaction (check-lone-working-code.ts); the duress code checks out EXACTLY as the check-out code
// does, and raises a silent duress alert in the same transaction: nothing the clinician's screen shows
// differs, so someone watching them cannot tell.
//
// A check-out for a visit never checked in: refused unless the clinician says "I did not check in".
// A lone-working policy wants to know they were at the visit without anyone knowing (the missed
// check-in alert has been, or will be, raised for it), so the record keeps it as checked out without
// a check-in, rather than inventing one.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { checkMadeAt } from './check-made-at.ts';
import type { CheckResult } from './check-in.ts';
import { findOpenDuress, raiseDuressOnce } from './session-duress.ts';
import { clock } from './session-view.ts';
import { lockOwnSession, sessionNotLive, writeCheck } from './session-writes.ts';

export type CheckOutOptions = { actor: Actor; sessionId: string; madeAt: Date | null; notCheckedIn: boolean; duress: boolean };

export const notCheckedInMessage = 'You did not check in to this visit. If you did not, confirm “I did not check in” and check out again.';

export async function checkOut(trx: Kysely<Database>, o: CheckOutOptions): Promise<CheckResult> {
  const madeAt = checkMadeAt(o.madeAt, o.actor.now);
  const session = await lockOwnSession(trx, o);
  // Entered under duress at any point (even on a visit already checked out), the alert is raised: once
  // while it is open (a second tap adds a line to it).
  const openDuress = await findOpenDuress(trx, { staffId: session.staffId, sessionId: session.id });
  if (o.duress) await raiseDuressOnce(trx, { actor: o.actor, teamId: session.teamId, staffId: session.staffId, sessionId: session.id, madeAt, already: openDuress });
  if (session.status === 'checked-out') return { session, changed: false };
  if (session.status === 'cancelled') throw sessionNotLive(session);
  if (session.status === 'expected' && !o.notCheckedIn) {
    throw new HomewardError('validation_failed', notCheckedInMessage, { fields: [{ path: 'notCheckedIn', message: notCheckedInMessage }] });
  }
  // A phone's time before its own check-in cannot be right (a clock changed, a tap replayed out of order):
  // refused, saying which times, rather than a visit that ends before it began.
  if (session.checkedInAt && madeAt.getTime() < session.checkedInAt.getTime()) {
    const message = `The check-out time (${clock(madeAt)}) is before your check-in (${clock(session.checkedInAt)}). Check the time on your phone, then check out again.`;
    throw new HomewardError('validation_failed', message, { fields: [{ path: 'madeAt', message }] });
  }
  const after = await writeCheck(trx, { actor: o.actor, session, check: 'out', madeAt, duress: o.duress, set: { status: 'checked-out', checked_out_at: madeAt, checked_out_received_at: o.actor.now } });
  return { session: after, changed: true };
}

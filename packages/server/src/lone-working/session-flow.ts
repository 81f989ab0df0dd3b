// Check-in and check-out as one flow for the pages and the API alike: the code checked (and a wrong one
// counted) before the write, the write in one transaction, and a duress code that raises its alert even
// when the check-out itself is refused (a missing "I did not check in", a time out of range), since the
// refusal looks the same whichever code was given.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { HomewardError, notFound } from '../platform/homeward-error.ts';
import { checkIn, type CheckResult } from './check-in.ts';
import { checkLoneWorkingCode, codesLocked } from './check-lone-working-code.ts';
import { checkOut } from './check-out.ts';
import { raiseDuressOnce } from './session-duress.ts';
import { findSession, findSessionForVisit } from './session-queries.ts';
import { syncSessionsFromPlan } from './sync-sessions-from-plan.ts';

export type CheckRequest = {
  actor: Actor;
  /** The session, or (from the run sheet) the visit whose session it is for this clinician. */
  target: { sessionId: string } | { visitId: string };
  check: 'in' | 'out';
  madeAt: Date | null;
  code: string | null;
  notCheckedIn: boolean;
};

export async function makeCheck(db: Kysely<Database>, o: CheckRequest): Promise<CheckResult> {
  // The code is checked (and a wrong one counted) on its own, before the write: a refusal still counts.
  const outcome = o.check === 'out' ? await checkLoneWorkingCode(db, { staffId: o.actor.staff.staffId, code: o.code ?? '', now: o.actor.now }) : 'no-codes';
  const duress = outcome === 'duress';
  if (outcome === 'duress-locked') {
    await raiseDuressAfterRefusal(db, o);
    throw codesLocked();
  }
  try {
    // One transaction, the session made from the plan included: a refused tap leaves nothing behind.
    return await db.transaction().execute(async (trx) => {
      const sessionId = 'sessionId' in o.target ? o.target.sessionId : await sessionForVisit(trx, { actor: o.actor, visitId: o.target.visitId });
      if (!sessionId) throw notFound('This home visit on your published plan');
      return o.check === 'in' ? checkIn(trx, { actor: o.actor, sessionId, madeAt: o.madeAt }) : checkOut(trx, { actor: o.actor, sessionId, madeAt: o.madeAt, notCheckedIn: o.notCheckedIn, duress });
    });
  } catch (error) {
    if (duress && error instanceof HomewardError && error.statusCode < 500) await raiseDuressAfterRefusal(db, o);
    throw error;
  }
}

/** The duress code was given but the check-out refused (the refusal looks the same either way): the alert is raised all the same. */
async function raiseDuressAfterRefusal(db: Kysely<Database>, o: CheckRequest): Promise<void> {
  const session = 'sessionId' in o.target ? await findSession(db, o.target.sessionId) : await findSessionForVisit(db, { visitId: o.target.visitId, staffId: o.actor.staff.staffId });
  const own = session && session.staffId === o.actor.staff.staffId ? session : null;
  const teamId = own?.teamId ?? o.actor.staff.teamId;
  if (!teamId) return;
  await db.transaction().execute((trx) => raiseDuressOnce(trx, { actor: o.actor, teamId, staffId: o.actor.staff.staffId, sessionId: own?.id ?? null, madeAt: o.madeAt ?? o.actor.now }));
}

/**
 * The clinician's session for a visit on their run sheet, made (or brought up to date) now if the
 * plan's job has not run yet: a tap straight after a publication acts on what was published. Null when
 * the visit is not on their published plan.
 */
export async function sessionForVisit(trx: Kysely<Database>, o: { actor: Actor; visitId: string }): Promise<string | null> {
  const me = o.actor.staff;
  const found = await findSessionForVisit(trx, { visitId: o.visitId, staffId: me.staffId });
  if (found && (found.status === 'checked-in' || found.status === 'checked-out')) return found.id;
  const visit = await trx.selectFrom('visits').select(['team_id', 'on_date']).where('id', '=', o.visitId).executeTakeFirst();
  if (!visit || visit.team_id !== me.teamId) return null;
  const raw = visit.on_date as unknown;
  const date = raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw).slice(0, 10);
  await syncSessionsFromPlan(trx, { actor: o.actor, teamId: visit.team_id, date });
  return (await findSessionForVisit(trx, { visitId: o.visitId, staffId: me.staffId }))?.id ?? null;
}

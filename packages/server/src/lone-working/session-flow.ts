// Check-in and check-out as one flow for the pages and the API alike: the code checked (and a wrong one
// counted) before the write, the write in one transaction, and a duress code that raises its alert even
// when the check-out itself is refused (a missing "I did not check in", a time out of range), since the
// refusal looks the same whichever code was given.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { checkIn, type CheckResult } from './check-in.ts';
import { checkLoneWorkingCode } from './check-lone-working-code.ts';
import { checkOut } from './check-out.ts';
import { raiseAlert } from './raise-alert.ts';
import { findSession, findSessionForVisit } from './session-queries.ts';
import { syncSessionsFromPlan } from './sync-sessions-from-plan.ts';

export type CheckRequest = { actor: Actor; sessionId: string; check: 'in' | 'out'; madeAt: Date | null; code: string | null; notCheckedIn: boolean };

export async function makeCheck(db: Kysely<Database>, o: CheckRequest): Promise<CheckResult> {
  if (o.check === 'in') return db.transaction().execute((trx) => checkIn(trx, o));
  const outcome = await checkLoneWorkingCode(db, { staffId: o.actor.staff.staffId, code: o.code ?? '', now: o.actor.now });
  const duress = outcome === 'duress';
  try {
    return await db.transaction().execute((trx) => checkOut(trx, { ...o, duress }));
  } catch (error) {
    if (duress && error instanceof HomewardError && error.statusCode < 500) {
      const session = await findSession(db, o.sessionId);
      if (session && session.staffId === o.actor.staff.staffId) {
        await db.transaction().execute((trx) => raiseAlert(trx, { actor: o.actor, kind: 'duress', teamId: session.teamId, staffId: session.staffId, sessionId: session.id, note: null }));
      }
    }
    throw error;
  }
}

/**
 * The clinician's session for a visit on their run sheet, made (or brought up to date) now if the
 * plan's job has not run yet: a tap straight after a publication acts on what was published. Null when
 * the visit is not on their published plan.
 */
export async function sessionForVisit(db: Kysely<Database>, o: { actor: Actor; visitId: string }): Promise<string | null> {
  const me = o.actor.staff;
  const found = await findSessionForVisit(db, { visitId: o.visitId, staffId: me.staffId });
  if (found && (found.status === 'checked-in' || found.status === 'checked-out')) return found.id;
  const visit = await db.selectFrom('visits').select(['team_id', 'on_date']).where('id', '=', o.visitId).executeTakeFirst();
  if (!visit || visit.team_id !== me.teamId) return null;
  const raw = visit.on_date as unknown;
  const date = raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw).slice(0, 10);
  await db.transaction().execute((trx) => syncSessionsFromPlan(trx, { actor: o.actor, teamId: visit.team_id, date }));
  return (await findSessionForVisit(db, { visitId: o.visitId, staffId: me.staffId }))?.id ?? null;
}

// The duress code given at check-out: a silent red alert, raised once. A second tap of the same code
// (a double tap, a retry of a slow answer, the code entered again later) while that alert is still open
// adds a line to it rather than a second alert climbing the ladder beside the first: the responder is
// already acting on the first, and two alerts for one emergency split their attention.
//
// The clinician's codes row is locked first: duress taps of one clinician take turns (a duress code
// exists only once they have set codes), so two at once still make one alert.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { toUkWallClock } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { auditAlertWrite } from './alert-audit.ts';
import { raiseAlert } from './raise-alert.ts';

export type RaiseDuressOptions = { actor: Actor; teamId: string; staffId: string; sessionId: string | null; madeAt: Date };

/**
 * The clinician's open duress alert for the session (or for none), their codes row locked. Every
 * check-out asks it, duress or not: the two paths then do the same reads and take the same lock, so
 * the time an answer takes says less about which code was given.
 */
export async function findOpenDuress(trx: Kysely<Database>, o: { staffId: string; sessionId: string | null }): Promise<{ id: string; session_id: string | null } | null> {
  await trx.selectFrom('lone_working_codes').select('staff_id').where('staff_id', '=', o.staffId).forUpdate().executeTakeFirst();
  let open = trx.selectFrom('lone_working_alerts').select(['id', 'session_id']).where('staff_id', '=', o.staffId).where('kind', '=', 'duress').where('status', 'in', ['raised', 'acknowledged']);
  open = o.sessionId === null ? open.where('session_id', 'is', null) : open.where('session_id', '=', o.sessionId);
  return (await open.orderBy('raised_at', 'desc').executeTakeFirst()) ?? null;
}

export async function raiseDuressOnce(trx: Kysely<Database>, o: RaiseDuressOptions & { already?: { id: string; session_id: string | null } | null }): Promise<{ alertId: string; raised: boolean }> {
  const already = o.already !== undefined ? o.already : await findOpenDuress(trx, o);
  if (!already) return { ...(await raiseAlert(trx, { actor: o.actor, kind: 'duress', teamId: o.teamId, staffId: o.staffId, sessionId: o.sessionId, note: null })), raised: true };
  // Recorded in the alert's history, in the responder's words (the event kinds of the schema have none
  // of its own: 'action' by the clinician reads "Name: Duress code given again at 11:02").
  const at = toUkWallClock(o.madeAt).time;
  await trx.insertInto('lone_working_alert_events').values({
    id: uuidv7(), alert_id: already.id, at: o.actor.now, kind: 'action', level: null, by_staff_id: o.actor.staff.staffId, due_at: null,
    detail: JSON.stringify({ text: `Duress code given again at ${at}`, duressAgain: true, madeAt: o.madeAt.toISOString(), receivedAt: o.actor.now.toISOString() }),
  }).execute();
  await trx.updateTable('lone_working_alerts').set({ updated_at: o.actor.now }).where('id', '=', already.id).execute();
  await auditAlertWrite(trx, { actor: o.actor, alertId: already.id, sessionId: already.session_id, change: 'duress-again' });
  return { alertId: already.id, raised: false };
}

// A check-in or check-out that reached the service after its alert was raised (a phone that was
// offline): kept on every open alert of the session, with when it was made and when it arrived. It
// never closes one: only a responder does, having made sure the clinician is safe.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/schema.ts';
import type { AnyActor } from '../platform/actor.ts';
import { auditAlertWrite } from './alert-audit.ts';

export async function noteLateCheck(trx: Kysely<Database>, o: { actor: AnyActor; sessionId: string; check: 'in' | 'out'; madeAt: Date; receivedAt: Date }): Promise<void> {
  const alerts = await trx.selectFrom('lone_working_alerts').select(['id', 'session_id']).where('session_id', '=', o.sessionId).where('status', 'in', ['raised', 'acknowledged']).execute();
  for (const a of alerts) {
    await trx
      .insertInto('lone_working_alert_events')
      .values({ id: uuidv7(), alert_id: a.id, at: o.actor.now, kind: o.check === 'in' ? 'late-check-in' : 'late-check-out', level: null, by_staff_id: o.actor.staff?.staffId ?? null, due_at: null, detail: JSON.stringify({ madeAt: o.madeAt.toISOString(), receivedAt: o.receivedAt.toISOString() }) })
      .execute();
    await trx.updateTable('lone_working_alerts').set({ updated_at: o.actor.now }).where('id', '=', a.id).execute();
    await auditAlertWrite(trx, { actor: o.actor, alertId: a.id, sessionId: a.session_id, change: `late-check-${o.check}` });
  }
}

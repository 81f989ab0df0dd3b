// A check-in or check-out that reached the service after its alert was raised (a phone that was
// offline): kept on every open alert of the session, with when it was made and when it arrived. It
// never closes one: only a responder does, having made sure the clinician is safe.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/schema.ts';
import type { AnyActor } from '../platform/actor.ts';
import { formatUkDateTime } from '@homeward/clinical';
import { auditAlertWrite } from './alert-audit.ts';
import { createNotification } from './notify-rung.ts';

export async function noteLateCheck(trx: Kysely<Database>, o: { actor: AnyActor; sessionId: string; check: 'in' | 'out'; madeAt: Date; receivedAt: Date }): Promise<void> {
  const alerts = await trx.selectFrom('lone_working_alerts').select(['id', 'session_id', 'team_id', 'staff_id']).where('session_id', '=', o.sessionId).where('status', 'in', ['raised', 'acknowledged']).execute();
  for (const a of alerts) {
    await trx
      .insertInto('lone_working_alert_events')
      .values({ id: uuidv7(), alert_id: a.id, at: o.actor.now, kind: o.check === 'in' ? 'late-check-in' : 'late-check-out', level: null, by_staff_id: o.actor.staff?.staffId ?? null, due_at: null, detail: JSON.stringify({ madeAt: o.madeAt.toISOString(), receivedAt: o.receivedAt.toISOString() }) })
      .execute();
    await trx.updateTable('lone_working_alerts').set({ updated_at: o.actor.now }).where('id', '=', a.id).execute();
    await auditAlertWrite(trx, { actor: o.actor, alertId: a.id, sessionId: a.session_id, change: `late-check-${o.check}` });
    // The responders already told hear of it, in the app: it helps them, but only they close the alert.
    const told = await trx.selectFrom('notifications as n').innerJoin('staff as s', 's.id', 'n.staff_id').select(['s.id']).distinct().where('n.alert_id', '=', a.id).where('n.staff_id', '<>', a.staff_id).execute();
    const clinician = await trx.selectFrom('staff').select(['given_name', 'family_name']).where('id', '=', a.staff_id).executeTakeFirst();
    const name = clinician ? `${clinician.given_name} ${clinician.family_name}` : 'The clinician';
    for (const person of told) {
      await createNotification(trx, {
        config: o.actor.config,
        now: o.actor.now,
        notification: {
          staffId: person.id,
          teamId: a.team_id,
          alertId: a.id,
          kind: 'lone-working-late-check',
          urgent: false,
          title: `${name}’s check-${o.check} arrived late`,
          body: `${name} checked ${o.check} at ${formatUkDateTime(o.madeAt)}; it reached Homeward at ${formatUkDateTime(o.receivedAt)}. The alert stays open until a responder has made sure they are safe and closes it.`,
          link: `/lone-working/alerts/${a.id}`,
          email: null,
          phone: null,
        },
      });
    }
  }
}

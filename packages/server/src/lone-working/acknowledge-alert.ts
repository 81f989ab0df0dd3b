// The responder has it: the climb stops (the next rung's timer finds the alert acknowledged). The
// alert stays open until they close it with its outcome.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { changeRaisedAlert } from './change-raised-alert.ts';
import type { LoneWorkingAlert } from './lone-working-types.ts';

export async function acknowledgeAlert(trx: Kysely<Database>, o: { actor: Actor; alertId: string; version: number }): Promise<LoneWorkingAlert> {
  return changeRaisedAlert(trx, {
    ...o,
    from: ['raised'],
    set: { status: 'acknowledged', acknowledged_at: o.actor.now, acknowledged_by: o.actor.staff.staffId },
    event: 'acknowledged',
    conflict: (a) => (a.status === 'raised' ? 'The alert was changed meanwhile: look again' : a.status === 'acknowledged' ? 'Someone has already acknowledged this alert' : 'This alert is not raised: there is nothing to acknowledge'),
  });
}

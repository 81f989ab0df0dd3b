// The responder has it: the climb stops (the next rung's timer finds the alert acknowledged). The
// alert stays open until they close it with its outcome.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { auditAlertWrite } from './alert-audit.ts';
import type { LoneWorkingAlert } from './lone-working-types.ts';
import { findAlert, toAlert } from './read-alerts.ts';
import { appendAlertEvent } from './append-alert-event.ts';

export async function acknowledgeAlert(trx: Kysely<Database>, o: { actor: Actor; alertId: string; version: number }): Promise<LoneWorkingAlert> {
  const current = await findAlert(trx, o.alertId);
  const row = await updateVersioned(trx, {
    actor: o.actor,
    table: 'lone_working_alerts',
    id: o.alertId,
    version: o.version,
    set: { status: 'acknowledged', acknowledged_at: o.actor.now, acknowledged_by: o.actor.staff.staffId },
    only: { status: 'raised' },
    current: () => findAlert(trx, o.alertId),
    conflict: (a) =>
      new HomewardError('version_conflict', a.status === 'raised' ? 'The alert was changed meanwhile: look again' : a.status === 'acknowledged' ? 'Someone has already acknowledged this alert' : 'This alert is not raised: there is nothing to acknowledge', { current: a }),
    what: 'Alert',
  });
  await appendAlertEvent(trx, { actor: o.actor, alertId: o.alertId, kind: 'acknowledged' });
  await auditAlertWrite(trx, { actor: o.actor, alertId: o.alertId, sessionId: current?.sessionId ?? null, change: 'acknowledged' });
  return toAlert(row);
}

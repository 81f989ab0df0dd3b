// The responder closes a raised alert with its outcome ("spoke to her, safe, phone had died"): the only
// way a raised alert ends. Acknowledging first is not required: a responder who reaches the clinician
// at once closes it straight away.
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { HomewardError, validationFailed } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { auditAlertWrite } from './alert-audit.ts';
import type { LoneWorkingAlert } from './lone-working-types.ts';
import { findAlert, toAlert } from './read-alerts.ts';
import { alertTextProblem } from './record-alert-action.ts';
import { appendAlertEvent } from './append-alert-event.ts';

export async function closeAlert(trx: Kysely<Database>, o: { actor: Actor; alertId: string; version: number; outcome: string }): Promise<LoneWorkingAlert> {
  const problem = alertTextProblem('outcome', o.outcome, 'the outcome');
  if (problem) throw validationFailed([problem]);
  const current = await findAlert(trx, o.alertId);
  const row = await updateVersioned(trx, {
    actor: o.actor,
    table: 'lone_working_alerts',
    id: o.alertId,
    version: o.version,
    set: { status: 'closed', closed_at: o.actor.now, closed_by: o.actor.staff.staffId, outcome: o.outcome.trim() },
    onlyIf: sql<SqlBool>`status in ('raised', 'acknowledged')`,
    current: () => findAlert(trx, o.alertId),
    conflict: (a) => new HomewardError('version_conflict', a.status === 'closed' ? 'Someone has already closed this alert' : a.status === 'running' || a.status === 'ended' ? 'This alert is not raised: there is nothing to close' : 'The alert was changed meanwhile: look at what has happened, then close it', { current: a }),
    what: 'Alert',
  });
  await appendAlertEvent(trx, { actor: o.actor, alertId: o.alertId, kind: 'closed', detail: { outcome: o.outcome.trim() } });
  await auditAlertWrite(trx, { actor: o.actor, alertId: o.alertId, sessionId: current?.sessionId ?? null, change: 'closed' });
  return toAlert(row);
}

// The one write path of a responder's change to a raised alert (acknowledge, an action, close): version-
// checked against what they read, only while the alert is in a state that change applies to (else a 409
// that says what happened meanwhile), a line in its history, and an audited write naming the patient.
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database, LoneWorkingAlertEventKind, LoneWorkingAlertStatus, LoneWorkingAlertsTable } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { auditAlertWrite } from './alert-audit.ts';
import { appendAlertEvent } from './append-alert-event.ts';
import type { LoneWorkingAlert } from './lone-working-types.ts';
import { findAlert, toAlert } from './read-alerts.ts';

export type ChangeRaisedAlertOptions = {
  actor: Actor;
  alertId: string;
  version: number;
  /** The statuses the change applies to. */
  from: readonly LoneWorkingAlertStatus[];
  set: Partial<Pick<LoneWorkingAlertsTable, 'status' | 'acknowledged_at' | 'acknowledged_by' | 'closed_at' | 'closed_by' | 'outcome'>>;
  event: LoneWorkingAlertEventKind;
  detail?: Record<string, unknown>;
  /** What the 409 says, given the alert as it now is. */
  conflict: (current: LoneWorkingAlert) => string;
};

export async function changeRaisedAlert(trx: Kysely<Database>, o: ChangeRaisedAlertOptions): Promise<LoneWorkingAlert> {
  const before = await findAlert(trx, o.alertId);
  const row = await updateVersioned(trx, {
    actor: o.actor,
    table: 'lone_working_alerts',
    id: o.alertId,
    version: o.version,
    set: o.set,
    onlyIf: sql<SqlBool>`status in (${sql.join(o.from.map((s) => sql.lit(s)))})`,
    current: () => findAlert(trx, o.alertId),
    conflict: (a) => new HomewardError('version_conflict', o.conflict(a), { current: a }),
    what: 'Alert',
  });
  await appendAlertEvent(trx, { actor: o.actor, alertId: o.alertId, kind: o.event, ...(o.detail ? { detail: o.detail } : {}) });
  await auditAlertWrite(trx, { actor: o.actor, alertId: o.alertId, sessionId: before?.sessionId ?? null, change: o.event });
  return toAlert(row);
}

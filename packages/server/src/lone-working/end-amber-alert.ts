// The clinician ends their amber safe before it runs out. One that has already raised is the
// responder's to close: ending it here is refused.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AnyActor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { auditAlertWrite } from './alert-audit.ts';
import type { LoneWorkingAlert } from './lone-working-types.ts';
import { findAlert, toAlert } from './read-alerts.ts';
import { appendAlertEvent } from './append-alert-event.ts';

export async function endAmberAlert(trx: Kysely<Database>, o: { actor: AnyActor; alertId: string; version: number }): Promise<LoneWorkingAlert> {
  const current = await findAlert(trx, o.alertId);
  if (!current || current.kind !== 'amber') throw new HomewardError('not_found', 'Amber alert not found');
  const row = await updateVersioned(trx, {
    actor: o.actor,
    table: 'lone_working_alerts',
    id: o.alertId,
    version: o.version,
    set: { status: 'ended' },
    only: { status: 'running' },
    current: () => findAlert(trx, o.alertId),
    conflict: (a) => (a.status === 'running' ? new HomewardError('version_conflict', 'The alert was changed meanwhile: look again', { current: a }) : new HomewardError('version_conflict', a.status === 'ended' ? 'The amber alert has already ended' : 'The amber alert has already raised: your responder has it and will close it', { current: a })),
    what: 'Amber alert',
  });
  await appendAlertEvent(trx, { actor: o.actor, alertId: o.alertId, kind: 'ended' });
  await auditAlertWrite(trx, { actor: o.actor, alertId: o.alertId, sessionId: current.sessionId, change: 'amber-ended' });
  return toAlert(row);
}

// Extending a running amber: the new end is the later of now and its current end, plus the minutes.
// The timer for the old end finds the end moved on and does nothing.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AnyActor } from '../platform/actor.ts';
import { HomewardError, validationFailed } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { auditAlertWrite } from './alert-audit.ts';
import type { LoneWorkingAlert } from './lone-working-types.ts';
import { findAlert, toAlert } from './read-alerts.ts';
import { amberMinutesProblem, enqueueAmberDue } from './start-amber-alert.ts';
import { appendAlertEvent } from './append-alert-event.ts';

export async function extendAmberAlert(trx: Kysely<Database>, o: { actor: AnyActor; alertId: string; version: number; minutes: number }): Promise<LoneWorkingAlert> {
  const problem = amberMinutesProblem(o.minutes);
  if (problem) throw validationFailed([{ path: 'minutes', message: problem }]);
  const current = await findAlert(trx, o.alertId);
  if (!current || current.kind !== 'amber') throw new HomewardError('not_found', 'Amber alert not found');
  const now = o.actor.now;
  const dueAt = new Date(Math.max(current.dueAt.getTime(), now.getTime()) + o.minutes * 60_000);
  const row = await updateVersioned(trx, {
    actor: o.actor,
    table: 'lone_working_alerts',
    id: o.alertId,
    version: o.version,
    set: { due_at: dueAt },
    only: { status: 'running' },
    current: () => findAlert(trx, o.alertId),
    conflict: (a) => (a.status === 'running' ? new HomewardError('version_conflict', 'The alert was changed meanwhile: look again', { current: a }) : new HomewardError('version_conflict', 'The amber alert has already ended or raised: it cannot be extended', { current: a })),
    what: 'Amber alert',
  });
  await appendAlertEvent(trx, { actor: o.actor, alertId: o.alertId, kind: 'extended', dueAt, detail: { minutes: o.minutes } });
  await enqueueAmberDue(trx, { alertId: o.alertId, dueAt, now });
  await auditAlertWrite(trx, { actor: o.actor, alertId: o.alertId, sessionId: current.sessionId, change: 'amber-extended', detail: { minutes: o.minutes } });
  return toAlert(row);
}

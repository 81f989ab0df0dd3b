// What a responder did ("called the clinician, no answer"), time-stamped on the alert. Version-checked
// like every change to an alert, so two responders see each other's actions before adding theirs.
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { HomewardError, validationFailed } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { auditAlertWrite } from './alert-audit.ts';
import type { LoneWorkingAlert } from './lone-working-types.ts';
import { findAlert, toAlert } from './read-alerts.ts';
import { appendAlertEvent } from './append-alert-event.ts';

export function alertTextProblem(path: string, text: string, what: string): { path: string; message: string } | null {
  if (text.trim() === '') return { path, message: `Enter ${what}` };
  if (text.length > 2000) return { path, message: `${what[0]!.toUpperCase()}${what.slice(1)} must be 2000 characters or fewer` };
  return null;
}

export async function recordAlertAction(trx: Kysely<Database>, o: { actor: Actor; alertId: string; version: number; text: string }): Promise<LoneWorkingAlert> {
  const problem = alertTextProblem('text', o.text, 'what you did');
  if (problem) throw validationFailed([problem]);
  const current = await findAlert(trx, o.alertId);
  const row = await updateVersioned(trx, {
    actor: o.actor,
    table: 'lone_working_alerts',
    id: o.alertId,
    version: o.version,
    set: {},
    onlyIf: sql<SqlBool>`status in ('raised', 'acknowledged')`,
    current: () => findAlert(trx, o.alertId),
    conflict: (a) => new HomewardError('version_conflict', a.status === 'closed' ? 'The alert has been closed meanwhile' : a.status === 'running' || a.status === 'ended' ? 'This alert is not raised: there is nothing to act on' : 'The alert was changed meanwhile: look at what has happened, then add yours', { current: a }),
    what: 'Alert',
  });
  await appendAlertEvent(trx, { actor: o.actor, alertId: o.alertId, kind: 'action', detail: { text: o.text.trim() } });
  await auditAlertWrite(trx, { actor: o.actor, alertId: o.alertId, sessionId: current?.sessionId ?? null, change: 'action' });
  return toAlert(row);
}

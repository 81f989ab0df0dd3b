// What a responder did ("called the clinician, no answer"), time-stamped on the alert. Version-checked
// like every change to an alert, so two responders see each other's actions before adding theirs.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { validationFailed } from '../platform/homeward-error.ts';
import { changeRaisedAlert } from './change-raised-alert.ts';
import type { LoneWorkingAlert } from './lone-working-types.ts';

export function alertTextProblem(path: string, text: string, what: string): { path: string; message: string } | null {
  if (text.trim() === '') return { path, message: `Enter ${what}` };
  if (text.length > 2000) return { path, message: `${what[0]!.toUpperCase()}${what.slice(1)} must be 2000 characters or fewer` };
  return null;
}

export async function recordAlertAction(trx: Kysely<Database>, o: { actor: Actor; alertId: string; version: number; text: string }): Promise<LoneWorkingAlert> {
  const problem = alertTextProblem('text', o.text, 'what you did');
  if (problem) throw validationFailed([problem]);
  return changeRaisedAlert(trx, {
    actor: o.actor,
    alertId: o.alertId,
    version: o.version,
    from: ['raised', 'acknowledged'],
    set: {},
    event: 'action',
    detail: { text: o.text.trim() },
    conflict: (a) => (a.status === 'closed' ? 'The alert has been closed meanwhile' : a.status === 'running' || a.status === 'ended' ? 'This alert is not raised: there is nothing to act on' : 'The alert was changed meanwhile: look at what has happened, then add yours'),
  });
}

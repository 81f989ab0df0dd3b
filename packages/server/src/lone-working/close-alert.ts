// The responder closes a raised alert with its outcome ("spoke to her, safe, phone had died"): the only
// way a raised alert ends. Acknowledging first is not required: a responder who reaches the clinician
// at once closes it straight away.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { validationFailed } from '../platform/homeward-error.ts';
import { changeRaisedAlert } from './change-raised-alert.ts';
import type { LoneWorkingAlert } from './lone-working-types.ts';
import { alertTextProblem } from './record-alert-action.ts';

export async function closeAlert(trx: Kysely<Database>, o: { actor: Actor; alertId: string; version: number; outcome: string }): Promise<LoneWorkingAlert> {
  const problem = alertTextProblem('outcome', o.outcome, 'the outcome');
  if (problem) throw validationFailed([problem]);
  const outcome = o.outcome.trim();
  return changeRaisedAlert(trx, {
    actor: o.actor,
    alertId: o.alertId,
    version: o.version,
    from: ['raised', 'acknowledged'],
    set: { status: 'closed', closed_at: o.actor.now, closed_by: o.actor.staff.staffId, outcome },
    event: 'closed',
    detail: { outcome },
    conflict: (a) => (a.status === 'closed' ? 'Someone has already closed this alert' : a.status === 'running' || a.status === 'ended' ? 'This alert is not raised: there is nothing to close' : 'The alert was changed meanwhile: look at what has happened, then close it'),
  });
}

// An action agreed in supervision marked done, by its owner or the session's supervisor.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { findSupervisionAction } from './supervision-queries.ts';
import { supervisionRecordKind, type SupervisionAction } from './supervision-types.ts';

export type CompleteSupervisionActionOptions = { actor: Actor; actionId: string; version: number };

export async function completeSupervisionAction(trx: Kysely<Database>, o: CompleteSupervisionActionOptions): Promise<SupervisionAction> {
  const action = await findSupervisionAction(trx, o.actionId);
  if (!action) throw new HomewardError('not_found', 'Supervision action was not found');
  const me = o.actor.staff.staffId;
  if (me !== action.ownerId && me !== action.supervisorId) throw new HomewardError('forbidden', `Only ${action.ownerName}, who owns this action, or the supervisor marks it done.`);
  await updateVersioned(trx, {
    actor: o.actor, table: 'supervision_actions', id: o.actionId, version: o.version, what: 'Supervision action',
    set: { status: 'done', done_at: o.actor.now }, only: { status: 'open' },
    current: () => findSupervisionAction(trx, o.actionId),
    conflict: (current) => new HomewardError('version_conflict', current.status === 'done' ? 'This action is already done' : 'This action changed since you read it: read it again', { current }),
  });
  await auditAs(o.actor, trx, { action: 'write', outcome: 'allowed', recordKind: supervisionRecordKind, recordId: o.actionId, detail: { change: 'action-done', sessionId: action.sessionId } });
  return (await findSupervisionAction(trx, o.actionId))!;
}

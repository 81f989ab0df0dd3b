// An action to bring a risk down to its target (issue 17 #3): what, who, by when. On its owner's home
// page until it is done.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { checkRiskAction } from './check-risk.ts';
import { riskRecordKind, type RiskChangeAccess } from './risk-access.ts';
import { listRiskActions, type RiskAction } from './risk-queries.ts';

export type AddRiskActionOptions = { access: RiskChangeAccess; id: string; action: string; ownerId: string | null; dueOn: string | null };

export async function addRiskAction(trx: Kysely<Database>, o: AddRiskActionOptions): Promise<RiskAction> {
  const actor = o.access.actor;
  await checkRiskAction(trx, { ...o, now: actor.now });
  if (o.access.risk.status !== 'open') throw new HomewardError('version_conflict', 'This risk is closed: it takes no more actions', { current: o.access.risk });
  const me = actor.staff.staffId;
  const inserted = await trx.insertInto('risk_actions')
    .values({ id: o.id, risk_id: o.access.risk.id, action: o.action.trim(), owner_id: o.ownerId!, due_on: o.dueOn!, created_at: actor.now, created_by: me, updated_at: actor.now, updated_by: me })
    .onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  if (!inserted) throw new HomewardError('duplicate', 'A risk action with this id already exists');
  await auditAs(actor, trx, { action: 'write', outcome: 'allowed', recordKind: riskRecordKind, recordId: o.access.risk.id, detail: { change: 'action-added', actionId: o.id, ownerId: o.ownerId, dueOn: o.dueOn } });
  return (await listRiskActions(trx, { id: o.id }))[0]!;
}

// A risk action done (issue 17 #3): by its owner, or by whoever may change the risk. It leaves the
// owner's home page; the row is kept.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { riskRecordKind, type RiskActionAccess } from './risk-access.ts';
import { listRiskActions, type RiskAction } from './risk-queries.ts';

export type CompleteRiskActionOptions = { access: RiskActionAccess; version: number };

export async function completeRiskAction(trx: Kysely<Database>, o: CompleteRiskActionOptions): Promise<RiskAction> {
  const actor = o.access.actor;
  const a = o.access.action;
  await updateVersioned(trx, {
    actor, table: 'risk_actions', id: a.id, version: o.version, only: { status: 'open' }, what: 'Risk action',
    set: { status: 'done', done_at: actor.now },
    current: async () => (await listRiskActions(trx, { id: a.id }))[0],
  });
  await auditAs(actor, trx, { action: 'write', outcome: 'allowed', recordKind: riskRecordKind, recordId: a.riskId, detail: { change: 'action-done', actionId: a.id } });
  return (await listRiskActions(trx, { id: a.id }))[0]!;
}

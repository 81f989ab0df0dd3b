// Closing a risk (issue 17 #3), with the reason: it leaves the open register and the heat map, is kept
// for good, and cannot change again (the database holds a closed risk final).
import type { Kysely } from 'kysely';
import { ukDateOf } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { checkCloseRisk } from './check-risk.ts';
import { riskRecordKind, type RiskChangeAccess } from './risk-access.ts';
import { findRisk, type Risk } from './risk-queries.ts';

export type CloseRiskOptions = { access: RiskChangeAccess; version: number; reason: string };

export async function closeRisk(trx: Kysely<Database>, o: CloseRiskOptions): Promise<Risk> {
  checkCloseRisk(o);
  const actor = o.access.actor;
  const risk = o.access.risk;
  await updateVersioned(trx, {
    actor, table: 'risks', id: risk.id, version: o.version, only: { status: 'open' }, what: 'Risk',
    set: { status: 'closed', closed_on: ukDateOf(actor.now), closed_reason: o.reason.trim() },
    current: () => findRisk(trx, risk.id),
  });
  await auditAs(actor, trx, { action: 'write', outcome: 'allowed', recordKind: riskRecordKind, recordId: risk.id, detail: { change: 'closed' } });
  return (await findRisk(trx, risk.id))!;
}

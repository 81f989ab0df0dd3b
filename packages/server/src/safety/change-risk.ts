// Changing a risk's words, team, owner, controls, target and review date (issue 17 #3). The current
// score moves only with a review (review-risk.ts), so the register's history of scores is never rewritten.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { checkRiskDetails, type RiskDetails } from './check-risk.ts';
import { riskRecordKind, type RiskChangeAccess } from './risk-access.ts';
import { findRisk, type Risk } from './risk-queries.ts';

export type ChangeRiskOptions = { access: RiskChangeAccess; version: number } & RiskDetails;

export async function changeRisk(trx: Kysely<Database>, o: ChangeRiskOptions): Promise<Risk> {
  const actor = o.access.actor;
  const risk = o.access.risk;
  await checkRiskDetails(trx, { ...o, likelihood: risk.likelihood, consequence: risk.consequence, now: actor.now });
  await updateVersioned(trx, {
    actor, table: 'risks', id: risk.id, version: o.version, only: { status: 'open' }, what: 'Risk',
    set: {
      title: o.title.trim(), description: o.description.trim(), cause: o.cause.trim(), effect: o.effect.trim(), team_id: o.teamId, owner_id: o.ownerId!,
      controls: o.controls.trim(), gaps_in_controls: o.gapsInControls.trim() || null, target_likelihood: o.targetLikelihood!, target_consequence: o.targetConsequence!, review_on: o.reviewOn!,
    },
    current: () => findRisk(trx, risk.id),
  });
  await auditAs(actor, trx, { action: 'write', outcome: 'allowed', recordKind: riskRecordKind, recordId: risk.id, detail: { change: 'changed', ownerId: o.ownerId } });
  return (await findRisk(trx, risk.id))!;
}

// Adding a risk to the register (issue 17 #3): any clinical member of staff, with its cause, effect,
// owner, controls, the score now and the score it should come down to, and when it is next reviewed.
// Its reference (RSK-000012) is what people say in meetings.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { ukDateOf } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { checkRiskDetails, type RiskDetails, type RiskScoreInput } from './check-risk.ts';
import { riskRecordKind, type RiskRegisterAccess } from './risk-access.ts';
import { findRisk, type Risk } from './risk-queries.ts';

export type AddRiskOptions = { access: RiskRegisterAccess; id: string } & RiskDetails & RiskScoreInput;

export async function addRisk(trx: Kysely<Database>, o: AddRiskOptions): Promise<Risk> {
  const actor = o.access.actor;
  await checkRiskDetails(trx, { ...o, now: actor.now });
  const me = actor.staff.staffId;
  if (await trx.selectFrom('risks').select('id').where('id', '=', o.id).executeTakeFirst()) throw new HomewardError('duplicate', 'A risk with this id already exists');
  const n = (await sql<{ n: string }>`select nextval('risk_reference_seq') as n`.execute(trx)).rows[0]!.n;
  const reference = `RSK-${String(n).padStart(6, '0')}`;
  await trx.insertInto('risks').values({
    id: o.id, reference, title: o.title.trim(), description: o.description.trim(), cause: o.cause.trim(), effect: o.effect.trim(),
    team_id: o.teamId, owner_id: o.ownerId!, controls: o.controls.trim(), gaps_in_controls: o.gapsInControls.trim() || null,
    likelihood: o.likelihood!, consequence: o.consequence!, target_likelihood: o.targetLikelihood!, target_consequence: o.targetConsequence!,
    opened_on: ukDateOf(actor.now), review_on: o.reviewOn!,
    created_at: actor.now, created_by: me, updated_at: actor.now, updated_by: me,
  }).execute();
  await auditAs(actor, trx, { action: 'write', outcome: 'allowed', recordKind: riskRecordKind, recordId: o.id, detail: { change: 'added', reference, score: o.likelihood! * o.consequence!, ownerId: o.ownerId } });
  return (await findRisk(trx, o.id))!;
}

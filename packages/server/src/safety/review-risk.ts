// Reviewing a risk (issue 17 #3): rescored on the 5x5 matrix with what was found and the next review
// date. The review is kept for good (risk_reviews, append-only); the risk's current score and review date
// move with it in the same transaction.
import type { Kysely } from 'kysely';
import { ukDateOf } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { checkRiskReview, type RiskScoreInput } from './check-risk.ts';
import { riskRecordKind, type RiskChangeAccess } from './risk-access.ts';
import { findRisk, type Risk } from './risk-queries.ts';

export type ReviewRiskOptions = { access: RiskChangeAccess; id: string; version: number; note: string; nextReviewOn: string | null } & RiskScoreInput;

export async function reviewRisk(trx: Kysely<Database>, o: ReviewRiskOptions): Promise<Risk> {
  const actor = o.access.actor;
  const risk = o.access.risk;
  checkRiskReview({ ...o, target: { likelihood: risk.targetLikelihood, consequence: risk.targetConsequence }, now: actor.now });
  await updateVersioned(trx, {
    actor, table: 'risks', id: risk.id, version: o.version, only: { status: 'open' }, what: 'Risk',
    set: { likelihood: o.likelihood!, consequence: o.consequence!, review_on: o.nextReviewOn! },
    current: () => findRisk(trx, risk.id),
  });
  if (await trx.selectFrom('risk_reviews').select('id').where('id', '=', o.id).executeTakeFirst()) throw new HomewardError('duplicate', 'A review with this id already exists');
  await trx.insertInto('risk_reviews').values({
    id: o.id, risk_id: risk.id, reviewed_on: ukDateOf(actor.now), likelihood: o.likelihood!, consequence: o.consequence!, note: o.note.trim(), next_review_on: o.nextReviewOn!,
    created_at: actor.now, created_by: actor.staff.staffId,
  }).execute();
  await auditAs(actor, trx, { action: 'write', outcome: 'allowed', recordKind: riskRecordKind, recordId: risk.id, detail: { change: 'reviewed', reviewId: o.id, from: risk.score, to: o.likelihood! * o.consequence!, nextReviewOn: o.nextReviewOn } });
  return (await findRisk(trx, risk.id))!;
}

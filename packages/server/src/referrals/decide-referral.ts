import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { requireGrant, type WriteGrant } from '../access/authorise-patient-access.ts';
import { decisionConflict } from './decision-conflict.ts';
import { findReferral, toReferral } from './referral-queries.ts';
import type { RejectionReason } from '@homeward/clinical';
import type { ReferralResponse } from './referral-schema.ts';

export type DecideReferralOptions = {
  grant: WriteGrant;
  id: string;
  /** The version the decider read. */
  version: number;
  decision: { status: 'accepted' } | { status: 'rejected'; reason: RejectionReason; detail: string | null };
};

/**
 * Records the decision only if the referral is still incoming at the version read; otherwise says what
 * already happened (decisionConflict). The grant must be for the referral's patient, or nothing is kept.
 */
export async function decideReferral(trx: Kysely<Database>, o: DecideReferralOptions): Promise<ReferralResponse> {
  const actor = o.grant.actor;
  const row = await updateVersioned(trx, {
    actor,
    table: 'referrals',
    id: o.id,
    version: o.version,
    only: { status: 'incoming' },
    set: {
      status: o.decision.status,
      rejection_reason: o.decision.status === 'rejected' ? o.decision.reason : null,
      rejection_detail: o.decision.status === 'rejected' ? o.decision.detail : null,
      decided_at: actor.now,
      decided_by: actor.staff.staffId,
    },
    current: () => findReferral(trx, o.id),
    conflict: (current) => decisionConflict(current, o.decision.status === 'accepted' ? 'triage' : 'reject'),
    what: 'Referral',
  });
  const referral = toReferral(row);
  // Thrown inside the write's transaction: a grant for another patient keeps nothing.
  requireGrant(o.grant, referral.patientId);
  return referral;
}

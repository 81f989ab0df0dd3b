import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { validationFailed } from '../platform/homeward-error.ts';
import { auditWrite, type WriteGrant } from '../access/authorise-patient-access.ts';
import { decideReferral } from './decide-referral.ts';
import type { ReferralResponse, RejectDetailsInput } from './referral-schema.ts';

export type RejectReferralOptions = {
  /** Access to write the referral's patient's record (authoriseReferralDecision). */
  grant: WriteGrant;
  referralId: string;
  /** The version the rejecter read. */
  version: number;
  rejection: RejectDetailsInput;
};

/** 'Other' says nothing to the referrer on its own, so it needs the detail. */
export function checkRejection(rejection: RejectDetailsInput): Array<{ path: string; message: string }> {
  return rejection.reason === 'other' && !rejection.detail ? [{ path: 'detail', message: 'Enter why the referral is not accepted, for the referrer' }] : [];
}

/**
 * Records that the team does not accept the referral, with the reason kept for the referrer.
 * Refused (nothing changed) if the referral is no longer incoming at the version read.
 * Runs inside the caller's transaction; authoriseReferralDecision() must have allowed it first.
 */
export async function rejectReferral(trx: Kysely<Database>, o: RejectReferralOptions): Promise<ReferralResponse> {
  const problems = checkRejection(o.rejection);
  if (problems.length) throw validationFailed(problems);
  const referral = await decideReferral(trx, {
    grant: o.grant,
    id: o.referralId,
    version: o.version,
    decision: { status: 'rejected', reason: o.rejection.reason, detail: o.rejection.detail },
  });
  await auditWrite(o.grant, trx, { recordKind: 'referral', recordId: referral.id, detail: { change: 'rejected', rejectionReason: o.rejection.reason } });
  return referral;
}

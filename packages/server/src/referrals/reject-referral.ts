import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { notFound, validationFailed } from '../platform/homeward-error.ts';
import { audit, requirePrincipal } from '../platform/request-context.ts';
import { decisionConflict } from './decision-conflict.ts';
import { decideReferral, findReferral } from './referral-queries.ts';
import type { ReferralResponse, RejectDetailsInput } from './referral-schema.ts';

export type RejectReferralOptions = {
  referralId: string;
  expectedVersion: number;
  rejection: RejectDetailsInput;
  reason: string | null;
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
export async function rejectReferral(request: FastifyRequest, trx: Kysely<Database>, o: RejectReferralOptions): Promise<ReferralResponse> {
  const principal = requirePrincipal(request);
  const problems = checkRejection(o.rejection);
  if (problems.length) throw validationFailed(problems);
  const referral = await decideReferral(trx, {
    id: o.referralId,
    expectedVersion: o.expectedVersion,
    staffId: principal.staffId,
    now: request.server.config.now(),
    decision: { status: 'rejected', reason: o.rejection.reason, detail: o.rejection.detail },
  });
  if (!referral) {
    const current = await findReferral(trx, o.referralId);
    if (!current) throw notFound('Referral');
    throw decisionConflict(current, 'reject');
  }
  await audit(
    request,
    { action: 'write', outcome: 'allowed', patientId: referral.patientId, recordKind: 'referral', recordId: referral.id, reason: o.reason, detail: { change: 'rejected', rejectionReason: o.rejection.reason } },
    trx,
  );
  return referral;
}

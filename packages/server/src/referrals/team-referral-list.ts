// The team's referral lists are a team-level read: clinical roles see their own team's, and the read
// is audited once for the list (with the referrals shown), not once per patient.
import type { FastifyRequest } from 'fastify';
import { audit } from '../platform/request-context.ts';
import type { ReferralListItem } from './referral-schema.ts';

/** Enough for a team's incoming list; more than this is a backlog to work through oldest first anyway. */
export const referralListLimit = 500;

// Listing every id keeps the audit answerable ("who saw Mrs B on a list?") without bloating it.
const auditIdLimit = 200;

export async function auditTeamReferralList(request: FastifyRequest, status: string, referrals: readonly ReferralListItem[]): Promise<void> {
  await audit(request, {
    action: 'read',
    outcome: 'allowed',
    recordKind: 'referral-list',
    detail:
      referrals.length <= auditIdLimit
        ? { status, count: referrals.length, referralIds: referrals.map((r) => r.id), patientIds: referrals.map((r) => r.patient.id) }
        : { status, count: referrals.length },
  });
}

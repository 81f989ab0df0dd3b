import type { FastifyRequest } from 'fastify';
import { actorOf } from '../platform/actor.ts';
import { mayTriage } from '@homeward/clinical';
import { HomewardError } from '../platform/homeward-error.ts';
import { audit, requirePrincipal } from '../platform/request-context.ts';
import { authorisePatientAccess, type PatientAccessGrant } from '../access/authorise-patient-access.ts';
import type { ReferralResponse } from './referral-schema.ts';

export type ReferralDecision = 'triage' | 'reject';

const refusals: Record<ReferralDecision, string> = {
  triage: 'Only registered therapists and clinical leads can triage referrals: triage sets complexity and priority, which needs a registered therapist’s judgement.',
  reject: 'Only registered therapists and clinical leads can reject referrals: deciding that a referral does not meet the service’s criteria needs a registered therapist’s judgement.',
};

export function decisionRefusal(decision: ReferralDecision): string {
  return refusals[decision];
}

/**
 * May this person triage (accept) or reject this referral? Registered therapists and clinical leads of
 * the receiving team only; every refusal is audited. Call before opening the write's transaction, so
 * the refusal's audit record is not rolled back. `action` is 'read' for the form, 'write' for the decision.
 */
export async function authoriseReferralDecision(
  request: FastifyRequest,
  referral: ReferralResponse,
  decision: ReferralDecision,
  action: 'read' | 'write',
): Promise<PatientAccessGrant> {
  const principal = requirePrincipal(request);
  const recordKind = decision === 'triage' ? 'episode' : 'referral';
  if (!mayTriage(principal.role)) {
    await audit(request, {
      action,
      outcome: 'refused',
      patientId: referral.patientId,
      recordKind,
      recordId: referral.id,
      detail: { rule: decision === 'triage' ? 'triage-needs-registered-therapist' : 'reject-needs-registered-therapist', decision },
    });
    throw new HomewardError('forbidden', refusals[decision]);
  }
  if (referral.teamId !== principal.teamId) {
    await audit(request, { action, outcome: 'refused', patientId: referral.patientId, recordKind, recordId: referral.id, detail: { rule: 'referral-to-another-team', decision } });
    throw new HomewardError('forbidden', 'This referral was made to another team. Only the team that received it can triage or reject it.');
  }
  return authorisePatientAccess(request.server.db, { actor: actorOf(request), patientId: referral.patientId, action, recordKind, record: { id: referral.id, teamId: referral.teamId } });
}

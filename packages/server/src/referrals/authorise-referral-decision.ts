import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { mayTriage } from '@homeward/clinical';
import { HomewardError } from '../platform/homeward-error.ts';
import { authorisePatientAccess, type AccessGrant } from '../access/authorise-patient-access.ts';
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
export type AuthoriseReferralDecisionOptions<A extends 'read' | 'write'> = {
  actor: Actor;
  referral: ReferralResponse;
  decision: ReferralDecision;
  /** 'read' for the form, 'write' for the decision. */
  action: A;
};

export async function authoriseReferralDecision<A extends 'read' | 'write'>(db: Kysely<Database>, o: AuthoriseReferralDecisionOptions<A>): Promise<AccessGrant<A>> {
  const { actor, referral, decision, action } = o;
  const staff = actor.staff;
  const recordKind = decision === 'triage' ? 'episode' : 'referral';
  if (!mayTriage(staff.role)) {
    await auditAs(actor, db, {
      action,
      outcome: 'refused',
      patientId: referral.patientId,
      recordKind,
      recordId: referral.id,
      detail: { rule: decision === 'triage' ? 'triage-needs-registered-therapist' : 'reject-needs-registered-therapist', decision },
    });
    throw new HomewardError('forbidden', refusals[decision]);
  }
  if (referral.teamId !== staff.teamId) {
    await auditAs(actor, db, { action, outcome: 'refused', patientId: referral.patientId, recordKind, recordId: referral.id, detail: { rule: 'referral-to-another-team', decision } });
    throw new HomewardError('forbidden', 'This referral was made to another team. Only the team that received it can triage or reject it.');
  }
  return authorisePatientAccess(db, { actor, patientId: referral.patientId, action, recordKind, record: { id: referral.id, teamId: referral.teamId } });
}

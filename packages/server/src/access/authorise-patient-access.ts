// The gate in front of every patient record: decide (packages/clinical), audit, and refuse or allow.
import type { FastifyRequest } from 'fastify';
import { decidePatientAccess, type AccessDecision, type AccessRule, type PatientAction } from '@homeward/clinical';
import { HomewardError } from '../platform/homeward-error.ts';
import { audit, requirePrincipal } from '../platform/request-context.ts';
import type { Principal } from '../platform/principal.ts';
import { loadAccessFacts, type AccessFacts } from './relationship-queries.ts';

export type PatientAccessGrant = {
  principal: Principal;
  basis: 'relationship' | 'break-glass';
  /** 'summary': another team's episode, seen through the clinician's own relationship (header, final discharge summary, letters). */
  scope: 'full' | 'summary';
  breakGlass: AccessFacts['breakGlass'];
};

/** The episode (or another team-owned record about one patient: a referral) a read or write is about. */
export type TeamRecord = { id: string; teamId: string };

/** The refusal a client sees: the rules that break-glass can answer point to it (the page offers it). */
export function accessRefusal(rule: AccessRule, message: string, patientId: string): HomewardError {
  const answerable = rule === 'no-relationship' || rule === 'other-team-episode';
  return new HomewardError(answerable ? 'no_legitimate_relationship' : 'forbidden', message, answerable ? { breakGlassPatientId: patientId } : {});
}

/**
 * Allows a read or write of one patient's record, or throws after auditing the refusal. The allowed
 * access itself is audited by the caller, which knows what record was read or written. Reads and
 * writes of one episode's record (or of another team's referral) name it, so another team's episode
 * is seen only in summary without break-glass.
 */
export async function authorisePatientAccess(
  request: FastifyRequest,
  patientId: string,
  action: Extract<PatientAction, 'read' | 'write'>,
  recordKind = 'patient',
  teamRecord?: TeamRecord,
): Promise<PatientAccessGrant> {
  const principal = requirePrincipal(request);
  const app = request.server;
  const facts = (await loadAccessFacts(app.db, principal, [patientId], app.config.now())).get(patientId)!;
  const decision: AccessDecision = decidePatientAccess({
    role: principal.role,
    action,
    hasRelationship: facts.hasRelationship,
    hasActiveBreakGlass: facts.breakGlass !== null,
    ...(teamRecord ? { episode: { ownTeam: teamRecord.teamId === principal.teamId, recordKind } } : {}),
  });
  if (!decision.allowed) {
    await audit(request, {
      action,
      outcome: 'refused',
      patientId,
      recordKind,
      recordId: teamRecord?.id ?? patientId,
      detail: { rule: decision.rule },
    });
    throw accessRefusal(decision.rule, decision.message, patientId);
  }
  return {
    principal,
    basis: decision.basis === 'break-glass' ? 'break-glass' : 'relationship',
    scope: decision.scope === 'summary' ? 'summary' : 'full',
    breakGlass: decision.basis === 'break-glass' ? facts.breakGlass : null,
  };
}

/** The reason to record with an audited access: the break-glass reason when that is the basis. */
export function auditReason(grant: PatientAccessGrant): string | null {
  if (grant.basis !== 'break-glass' || !grant.breakGlass) return null;
  return grant.breakGlass.detail ? `${grant.breakGlass.reason}: ${grant.breakGlass.detail}` : grant.breakGlass.reason;
}

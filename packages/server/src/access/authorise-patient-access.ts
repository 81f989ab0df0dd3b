// The gate in front of every patient record: decide (packages/clinical), audit, and refuse or allow.
import type { FastifyRequest } from 'fastify';
import { decidePatientAccess, type PatientAction } from '@homeward/clinical';
import { HomewardError } from '../platform/homeward-error.ts';
import { audit, requirePrincipal } from '../platform/request-context.ts';
import type { Principal } from '../platform/principal.ts';
import { loadAccessFacts, type AccessFacts } from './relationship-queries.ts';

export type PatientAccessGrant = {
  principal: Principal;
  basis: 'relationship' | 'break-glass';
  breakGlass: AccessFacts['breakGlass'];
};

/**
 * Allows a read or write of one patient's record, or throws after auditing the refusal. The allowed
 * access itself is audited by the caller, which knows what record was read or written.
 */
export async function authorisePatientAccess(
  request: FastifyRequest,
  patientId: string,
  action: Extract<PatientAction, 'read' | 'write'>,
  recordKind = 'patient',
): Promise<PatientAccessGrant> {
  const principal = requirePrincipal(request);
  const app = request.server;
  const facts = (await loadAccessFacts(app.db, principal, [patientId], app.config.now())).get(patientId)!;
  const decision = decidePatientAccess({
    role: principal.role,
    action,
    hasRelationship: facts.hasRelationship,
    hasActiveBreakGlass: facts.breakGlass !== null,
  });
  if (!decision.allowed) {
    await audit(request, {
      action,
      outcome: 'refused',
      patientId,
      recordKind,
      recordId: patientId,
      detail: { rule: decision.rule },
    });
    throw new HomewardError(decision.rule === 'no-relationship' ? 'no_legitimate_relationship' : 'forbidden', decision.message);
  }
  return {
    principal,
    basis: decision.basis === 'break-glass' ? 'break-glass' : 'relationship',
    breakGlass: decision.basis === 'break-glass' ? facts.breakGlass : null,
  };
}

/** The reason to record with an audited access: the break-glass reason when that is the basis. */
export function auditReason(grant: PatientAccessGrant): string | null {
  if (grant.basis !== 'break-glass' || !grant.breakGlass) return null;
  return grant.breakGlass.detail ? `${grant.breakGlass.reason}: ${grant.breakGlass.detail}` : grant.breakGlass.reason;
}

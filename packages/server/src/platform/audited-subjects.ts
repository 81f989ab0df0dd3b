// Which records a request's audit events named, so that a response handed back again later (an
// idempotent replay) can be audited as a read of the same records. Collected on the request's actor
// (auditAs notes each allowed event) only while asked for.
import type { Actor, AuditedSubject } from './actor.ts';

export type { AuditedSubject };

/** Starts collecting the records this actor's allowed audit events name. */
export function collectAuditedSubjects(actor: Actor): void {
  actor.auditedSubjects = [];
}

/** The records collected so far (each once), and stops collecting. */
export function takeAuditedSubjects(actor: Actor): AuditedSubject[] {
  const subjects = actor.auditedSubjects ?? [];
  actor.auditedSubjects = null;
  const seen = new Set<string>();
  return subjects.filter((s) => {
    const key = `${s.recordKind}|${s.recordId}|${s.patientId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

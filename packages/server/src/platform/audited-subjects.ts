// Which records a request's audit events named, so that a response handed back again later (an
// idempotent replay) can be audited as a read of the same records. Collected only while asked for.
import type { FastifyRequest } from 'fastify';

export type AuditedSubject = { recordKind: string | null; recordId: string | null; patientId: string | null };

const collecting = new WeakMap<FastifyRequest, AuditedSubject[]>();

/** Starts collecting the records this request's allowed audit events name. */
export function collectAuditedSubjects(request: FastifyRequest): void {
  collecting.set(request, []);
}

/** The records collected so far (each once), and stops collecting. */
export function takeAuditedSubjects(request: FastifyRequest): AuditedSubject[] {
  const subjects = collecting.get(request) ?? [];
  collecting.delete(request);
  const seen = new Set<string>();
  return subjects.filter((s) => {
    const key = `${s.recordKind}|${s.recordId}|${s.patientId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function noteAuditedSubject(
  request: FastifyRequest,
  event: { outcome: string; recordKind?: string | null; recordId?: string | null; patientId?: string | null },
): void {
  const subjects = collecting.get(request);
  if (!subjects || event.outcome !== 'allowed') return;
  if (!event.recordId && !event.patientId) return;
  subjects.push({ recordKind: event.recordKind ?? null, recordId: event.recordId ?? null, patientId: event.patientId ?? null });
}

// What is recorded about every access to patient data, and how the chain hash is computed.
import { createHash } from 'node:crypto';
import { stableStringify } from '../platform/stable-json.ts';

export const auditActions = [
  'read',
  'write',
  'search',
  'print',
  'export',
  'break-glass',
  'sign-in',
  'sign-out',
  'staff-admin',
] as const;
export type AuditAction = (typeof auditActions)[number];
export type AuditOutcome = 'allowed' | 'refused' | 'failed';

export type AuditEventInput = {
  staffId: string | null;
  staffRole: string | null;
  action: AuditAction;
  outcome: AuditOutcome;
  patientId?: string | null;
  recordKind?: string | null;
  recordId?: string | null;
  reason?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  detail?: Record<string, unknown>;
};

export type ChainedFields = {
  seq: number;
  id: string;
  occurredAt: Date;
  staffId: string | null;
  staffRole: string | null;
  action: string;
  outcome: string;
  patientId: string | null;
  recordKind: string | null;
  recordId: string | null;
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  detail: Record<string, unknown>;
  prevHash: string;
};

/** Every field but the chain's own (seq, prevHash), as canonical text. */
export function auditPayload(event: Omit<ChainedFields, 'seq' | 'prevHash'>): string {
  return stableStringify({ ...event, occurredAt: event.occurredAt.toISOString() });
}

/**
 * sha-256 over the previous hash, the sequence number and every field: change any one, anywhere,
 * and the chain breaks. The database computes the same (record-audit-event.ts), so appending an
 * event is one statement.
 */
export function chainHash(event: ChainedFields): string {
  const { seq, prevHash, ...rest } = event;
  return createHash('sha256').update(`${prevHash}\n${seq}\n${auditPayload(rest)}`, 'utf8').digest('hex');
}

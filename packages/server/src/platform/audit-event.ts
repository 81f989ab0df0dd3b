// What is recorded about every access to patient data.
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
  /** The server's own id for the request. */
  requestId?: string | null;
  /** The X-Request-Id the caller sent, kept as what they claimed. */
  requestIdClaimed?: string | null;
  detail?: Record<string, unknown>;
};

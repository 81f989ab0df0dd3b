// The shapes of /api/audit: what the privacy officer's tools may ask for and get back.
import { z } from 'zod';
import { homewardRoles } from '@homeward/clinical';
import type { AuditEntry, BreakGlassEntry, PatientHeader, RefusalEntry } from './audit-queries.ts';

export const maxAuditPageSize = 200;
const limit = z.coerce.number().int('Limit must be a whole number').min(1, 'Limit must be at least 1').max(maxAuditPageSize, `Limit must be at most ${maxAuditPageSize}`).default(50);
const before = z.coerce.number().int('Before must be an event number').min(1, 'Before must be an event number').optional();

export const patientIdParams = z.object({ id: z.uuid('Patient id must be a UUID') });

export const breakGlassQuery = z.strictObject({
  page: z.coerce.number().int('Page must be a whole number').min(1, 'Page must be at least 1').default(1),
  limit,
});

export const patientEventsQuery = z.strictObject({ before, limit });

export const refusalsQuery = z.strictObject({
  before,
  limit,
  days: z.coerce.number().int('Days must be a whole number').min(1, 'Days must be at least 1').max(366, 'Days must be at most 366').default(30),
});

const staffSummary = z.object({ id: z.string(), name: z.string(), role: z.string().nullable() });

const patientHeader = z.object({
  id: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  nhsNumber: z.string(),
  dateOfBirth: z.string(),
});

export const breakGlassResponse = z.object({
  breakGlass: z.array(
    z.object({
      id: z.string(),
      staff: z.object({ id: z.string(), name: z.string(), role: z.enum(homewardRoles), teamName: z.string().nullable() }),
      patient: patientHeader.omit({ dateOfBirth: true }),
      reason: z.string(),
      detail: z.string().nullable(),
      startedAt: z.string(),
      expiresAt: z.string(),
      active: z.boolean(),
    }),
  ),
  page: z.number(),
  limit: z.number(),
  total: z.number(),
});

const auditEvent = z.object({
  seq: z.number(),
  id: z.string(),
  occurredAt: z.string(),
  staff: staffSummary.nullable(),
  action: z.string(),
  outcome: z.enum(['allowed', 'refused', 'failed']),
  recordKind: z.string().nullable(),
  recordId: z.string().nullable(),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  clinicalTextWithheld: z.array(z.string()).describe('Detail keys whose clinical words were recorded but are not shown to the privacy officer (for example an amendment’s reason)'),
});

export const patientEventsResponse = z.object({
  patient: patientHeader,
  events: z.array(auditEvent.extend({ matchedBy: z.enum(['patient', 'search-result']) })),
  nextBefore: z.number().nullable(),
});

export const refusalsResponse = z.object({
  since: z.string(),
  events: z.array(auditEvent.extend({ patient: patientHeader.nullable(), rule: z.string().nullable(), route: z.string().nullable() })),
  nextBefore: z.number().nullable(),
});

export function breakGlassJson(e: BreakGlassEntry) {
  return { ...e, startedAt: e.startedAt.toISOString(), expiresAt: e.expiresAt.toISOString() };
}

function auditEventJson(e: AuditEntry) {
  return {
    seq: e.seq,
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    staff: e.staff,
    action: e.action,
    outcome: e.outcome,
    recordKind: e.recordKind,
    recordId: e.recordId,
    reason: e.reason,
    ip: e.ip,
    userAgent: e.userAgent,
    detail: e.detail,
    clinicalTextWithheld: e.clinicalTextWithheld,
  };
}

export function patientEventJson(e: AuditEntry) {
  return { ...auditEventJson(e), matchedBy: e.matchedBy };
}

export function refusalJson(e: RefusalEntry) {
  return { ...auditEventJson(e), patient: e.patient satisfies PatientHeader | null, rule: e.rule, route: e.route };
}

import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/schema.ts';
import type { AuditEventInput } from './audit-event.ts';
import { storableDetailJson, storableText } from './storable-audit-values.ts';

/**
 * Appends one event to the access audit: one INSERT, no lock but the row's own. The database gives
 * it its number (a sequence, in a trigger); the sealer hashes it into a batch a second or so later
 * (seal-audit-log.ts), from the row as stored. Pass the write's own transaction when there is one,
 * so the record and its audit commit or fail together. Without one, the event has committed by the
 * time this returns: a read's audit is durable before the data is shown.
 */
export async function recordAuditEvent(db: Kysely<Database>, input: AuditEventInput, now: Date): Promise<void> {
  await db.insertInto('audit_events').values(auditRow(input, now)).execute();
}

/** Appends several events in one INSERT (one round trip); each still gets its own number from the trigger. */
export async function recordAuditEvents(db: Kysely<Database>, inputs: readonly AuditEventInput[], now: Date): Promise<void> {
  if (inputs.length === 0) return;
  await db.insertInto('audit_events').values(inputs.map((input) => auditRow(input, now))).execute();
}

/** The row an event is stored as (for a statement that appends it itself, as the patient search does). */
export function auditRow(input: AuditEventInput, now: Date) {
  return {
    id: uuidv7(),
    occurred_at: now,
    staff_id: input.staffId,
    staff_role: storableText(input.staffRole),
    action: input.action,
    outcome: input.outcome,
    patient_id: input.patientId ?? null,
    record_kind: storableText(input.recordKind),
    record_id: storableText(input.recordId),
    reason: storableText(input.reason),
    ip: storableText(input.ip),
    user_agent: storableText(input.userAgent),
    request_id: storableText(input.requestId),
    request_id_claimed: storableText(input.requestIdClaimed),
    detail: storableDetailJson(input.detail ?? {}),
  };
}

import { sql, type Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/schema.ts';
import { auditPayload, type AuditEventInput } from './audit-event.ts';

/**
 * Appends one event to the access audit, in a single statement: lock the chain head, insert the
 * event with its hash (computed by the database from the previous hash, exactly as chainHash()
 * does), and move the head on. One round trip, so auditing every read stays cheap; the row lock on
 * the head is what lets several app instances extend one chain. Pass the write's own transaction
 * when there is one, so the record and its audit commit or fail together.
 */
export async function recordAuditEvent(db: Kysely<Database>, input: AuditEventInput, now: Date): Promise<void> {
  const event = {
    id: uuidv7(),
    occurredAt: now,
    staffId: input.staffId,
    staffRole: input.staffRole,
    action: input.action,
    outcome: input.outcome,
    patientId: input.patientId ?? null,
    recordKind: input.recordKind ?? null,
    recordId: input.recordId ?? null,
    reason: input.reason ?? null,
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
    requestId: input.requestId ?? null,
    detail: input.detail ?? {},
  };
  const payload = auditPayload(event);
  await sql`
    with head as (
      select seq, hash from audit_chain_head where id = 1 for update
    ), appended as (
      insert into audit_events (seq, id, occurred_at, staff_id, staff_role, action, outcome, patient_id,
        record_kind, record_id, reason, ip, user_agent, request_id, detail, prev_hash, hash)
      select head.seq + 1, ${event.id}::uuid, ${event.occurredAt}::timestamptz, ${event.staffId}::uuid, ${event.staffRole},
        ${event.action}, ${event.outcome}, ${event.patientId}::uuid, ${event.recordKind}, ${event.recordId},
        ${event.reason}, ${event.ip}, ${event.userAgent}, ${event.requestId}, ${JSON.stringify(event.detail)}::jsonb,
        head.hash,
        encode(sha256(convert_to(head.hash || E'\\n' || (head.seq + 1)::text || E'\\n' || ${payload}::text, 'UTF8')), 'hex')
      from head
      returning seq, hash
    )
    update audit_chain_head set seq = appended.seq, hash = appended.hash
    from appended where audit_chain_head.id = 1
  `.execute(db);
}

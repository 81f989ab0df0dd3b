import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/schema.ts';
import { chainHash, type AuditEventInput } from './audit-event.ts';

/**
 * Appends one event to the access audit. Pass the write's own transaction when there is one, so the
 * record and its audit commit or fail together. The chain head row is locked for the rest of that
 * transaction, which is what lets several app instances extend a single chain.
 */
export async function recordAuditEvent(db: Kysely<Database>, input: AuditEventInput, now: Date): Promise<void> {
  if (db.isTransaction) {
    await appendEvent(db, input, now);
  } else {
    await db.transaction().execute((trx) => appendEvent(trx, input, now));
  }
}

async function appendEvent(trx: Kysely<Database>, input: AuditEventInput, now: Date): Promise<void> {
  const head = await trx
    .selectFrom('audit_chain_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const event = {
    seq: head.seq + 1,
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
    prevHash: head.hash,
  };
  const hash = chainHash(event);
  await trx
    .insertInto('audit_events')
    .values({
      seq: event.seq,
      id: event.id,
      occurred_at: event.occurredAt,
      staff_id: event.staffId,
      staff_role: event.staffRole,
      action: event.action,
      outcome: event.outcome,
      patient_id: event.patientId,
      record_kind: event.recordKind,
      record_id: event.recordId,
      reason: event.reason,
      ip: event.ip,
      user_agent: event.userAgent,
      request_id: event.requestId,
      detail: JSON.stringify(event.detail),
      prev_hash: event.prevHash,
      hash,
    })
    .execute();
  await trx.updateTable('audit_chain_head').set({ seq: event.seq, hash }).where('id', '=', 1).execute();
}

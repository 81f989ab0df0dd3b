import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { chainHash } from './audit-event.ts';

export type AuditChainReport =
  | { ok: true; events: number }
  | { ok: false; events: number; brokenAt: number; problem: string };

/** Walks the whole chain from the first event, recomputing every hash and link. */
export async function verifyAuditChain(db: Kysely<Database>, batchSize = 5_000): Promise<AuditChainReport> {
  let prevHash = 'genesis';
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return { ok: false, events: count, brokenAt: expectedSeq, problem: `event ${expectedSeq} is missing` };
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, events: count, brokenAt: row.seq, problem: `event ${row.seq} does not link to the event before it` };
      }
      const recomputed = chainHash({
        seq: row.seq,
        id: row.id,
        occurredAt: row.occurred_at,
        staffId: row.staff_id,
        staffRole: row.staff_role,
        action: row.action,
        outcome: row.outcome,
        patientId: row.patient_id,
        recordKind: row.record_kind,
        recordId: row.record_id,
        reason: row.reason,
        ip: row.ip,
        userAgent: row.user_agent,
        requestId: row.request_id,
        detail: row.detail,
        prevHash: row.prev_hash,
      });
      if (recomputed !== row.hash) {
        return { ok: false, events: count, brokenAt: row.seq, problem: `event ${row.seq} has been altered` };
      }
      prevHash = row.hash;
      expectedSeq += 1;
      count += 1;
    }
  }
  const head = await db.selectFrom('audit_chain_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!head || head.seq !== count || head.hash !== prevHash) {
    return { ok: false, events: count, brokenAt: count + 1, problem: 'events after the last one found have been removed' };
  }
  return { ok: true, events: count };
}

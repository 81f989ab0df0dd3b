// The one once-only mechanism, for the API's Idempotency-Key and the pages' form ids alike: a key is
// claimed in the same transaction as the write it guards, and the outcome stored with it. A crash
// between the claim and the write rolls the claim back with the write, so a repeat is never refused
// for a write that was lost; a concurrent duplicate waits on the key's primary key until the first
// commits, then finds its outcome. Keys are per member of staff (a form id is one key: `form:<id>`).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import type { AuditedSubject } from './audited-subjects.ts';

export type EarlierOutcome = { requestHash: string; status: number | null; response: unknown; auditedSubjects: AuditedSubject[] };

export type OnceOnlyOptions = { actor: Actor; key: string; requestHash: string };

/** Claims the key inside `trx`; null when claimed, else the outcome of the write that claimed it first. */
export async function claimOnce(trx: Kysely<Database>, o: OnceOnlyOptions): Promise<EarlierOutcome | null> {
  const claimed = await trx
    .insertInto('idempotency_keys')
    .values({ staff_id: o.actor.staff.staffId, key: o.key, request_hash: o.requestHash, created_at: o.actor.now })
    .onConflict((oc) => oc.columns(['staff_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (claimed) return null;
  return (await findEarlierOutcome(trx, o))!;
}

/** The outcome stored under the key, if a write has committed one (a read, outside any write). */
export async function findEarlierOutcome(db: Kysely<Database>, o: Omit<OnceOnlyOptions, 'requestHash'>): Promise<EarlierOutcome | null> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'response', 'audit_subjects'])
    .where('staff_id', '=', o.actor.staff.staffId)
    .where('key', '=', o.key)
    .executeTakeFirst();
  if (!row) return null;
  return { requestHash: row.request_hash, status: row.status_code, response: row.response, auditedSubjects: (row.audit_subjects as AuditedSubject[] | null) ?? [] };
}

/** Stores the write's outcome with its claim, in the write's transaction. */
export async function storeOutcome(trx: Kysely<Database>, o: Omit<OnceOnlyOptions, 'requestHash'> & { status: number; response: unknown; auditedSubjects?: AuditedSubject[] }): Promise<void> {
  await trx
    .updateTable('idempotency_keys')
    .set({ status_code: o.status, response: JSON.stringify(o.response), ...(o.auditedSubjects ? { audit_subjects: JSON.stringify(o.auditedSubjects) } : {}) })
    .where('staff_id', '=', o.actor.staff.staffId)
    .where('key', '=', o.key)
    .execute();
}

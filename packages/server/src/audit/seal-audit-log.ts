// The sealer: hashes the events written since the last seal into the next batch of the audit's chain.
// One sealer at a time across every app instance (a transaction-level advisory lock: another
// instance that finds it taken simply leaves the work to the holder), run every second or so by
// audit-sealer-job.ts, and on demand by audit:verify and the tests.
//
// Gaps. Event numbers come from a sequence, so a rolled-back transaction leaves a number unused, and
// a transaction still running holds a number that is not visible yet. The sealer must not mistake the
// second for the first. So it reads how far the sequence has gone, then waits until every
// transaction of this database that was running at that moment has ended (each event's transaction
// takes its id before its number, so it is listed; see the 2026-12-04 migration). From then on every number up to what it read is
// settled: a committed event, or a rollback that can never appear. The batch lists the absent
// numbers, and its hash covers that list, so a deletion after sealing is never taken for a rollback.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { batchHash, findLatestAuditBatch, genesisHash, type AuditBatch } from './audit-batch.ts';
import { MerkleTreeHash } from './merkle-tree.ts';
import { streamSealedEventLeaves, utcMicrosecondsText } from './sealed-event-leaves.ts';

/** The sealer's advisory lock key: "HWAU" in ASCII, so it stands out in pg_locks. */
export const sealerLockKey = 0x48574155;

export type SealOptions = {
  /** At most this many event numbers per batch, so one seal is a short transaction. */
  maxSeqsPerBatch?: number;
  /** How long to wait for transactions in flight before giving up until the next run. */
  settleTimeoutMs?: number;
  pageSize?: number;
};

export type SealResult = {
  batches: AuditBatch[];
  /** True when another sealer held the lock, or transactions in flight did not end in time. */
  deferred: boolean;
};

/** Seals everything written so far, in as many batches as it takes. */
export async function sealAuditLog(db: Kysely<Database>, options: SealOptions = {}): Promise<SealResult> {
  const batches: AuditBatch[] = [];
  for (;;) {
    const step = await sealNextBatch(db, options);
    if (step === 'deferred') return { batches, deferred: true };
    if (step === null) return { batches, deferred: false };
    batches.push(step.batch);
    if (!step.more) return { batches, deferred: false };
  }
}

async function sealNextBatch(db: Kysely<Database>, o: SealOptions): Promise<'deferred' | null | { batch: AuditBatch; more: boolean }> {
  const maxSeqs = o.maxSeqsPerBatch ?? 10_000;
  const pageSize = o.pageSize ?? 2_000;
  return db.transaction().execute(async (trx) => {
    const lock = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${sealerLockKey}) as locked`.execute(trx);
    if (!lock.rows[0]!.locked) return 'deferred';

    // First how far numbering has gone, then who is still running: the order matters (see above).
    const numbered = await sql<{ n: string }>`select (case when is_called then last_value else last_value - 1 end)::text as n from audit_event_seq`.execute(trx);
    const handedOut = Number(numbered.rows[0]!.n);
    if (!(await runningTransactionsEnded(trx, o.settleTimeoutMs ?? 2_000))) return 'deferred';

    const previous = await findLatestAuditBatch(trx);
    const firstSeq = (previous?.lastSeq ?? 0) + 1;
    if (handedOut < firstSeq) return null;
    const lastSeq = Math.min(handedOut, firstSeq + maxSeqs - 1);

    const tree = new MerkleTreeHash();
    const leafHashes: Buffer[] = [];
    const absentSeqs: number[] = [];
    let expected = firstSeq;
    for await (const leaf of streamSealedEventLeaves(trx, { afterSeq: firstSeq - 1, throughSeq: lastSeq, pageSize })) {
      for (; expected < leaf.seq; expected += 1) absentSeqs.push(expected);
      expected = leaf.seq + 1;
      tree.push(leaf.hash);
      leafHashes.push(leaf.hash);
    }
    for (; expected <= lastSeq; expected += 1) absentSeqs.push(expected);

    // The time as the database will store it, to the microsecond, so the hash covers the stored value.
    const clock = await sql<{ t: string }>`select ${sql.raw(utcMicrosecondsText('clock_timestamp()'))} as t`.execute(trx);
    const fields = {
      batchNo: (previous?.batchNo ?? 0) + 1,
      firstSeq,
      lastSeq,
      eventCount: tree.size,
      absentSeqs,
      merkleRoot: tree.root().toString('hex'),
      treeSize: (previous?.treeSize ?? 0) + tree.size,
      sealedAt: clock.rows[0]!.t,
      prevHash: previous?.hash ?? genesisHash,
    };
    const batch: AuditBatch = { ...fields, hash: batchHash(fields) };
    await trx
      .insertInto('audit_batches')
      .values({
        batch_no: batch.batchNo,
        first_seq: batch.firstSeq,
        last_seq: batch.lastSeq,
        event_count: batch.eventCount,
        absent_seqs: `{${batch.absentSeqs.join(',')}}`,
        merkle_root: batch.merkleRoot,
        leaf_hashes: Buffer.concat(leafHashes),
        tree_size: batch.treeSize,
        sealed_at: batch.sealedAt,
        prev_hash: batch.prevHash,
        hash: batch.hash,
      })
      .execute();
    return { batch, more: lastSeq < handedOut };
  });
}

/**
 * Waits until every transaction running in this database now (other than this one) has ended.
 * Transactions that write an event are short; a long one only delays sealing, it never lets a
 * number be sealed too early. Only this database's transactions count (pg_stat_activity), so work in
 * other databases of the cluster does not hold the sealer up. (Prepared two-phase transactions are
 * not listed there; Homeward does not use them.)
 */
async function runningTransactionsEnded(trx: Kysely<Database>, timeoutMs: number): Promise<boolean> {
  const here = sql`datid = (select oid from pg_database where datname = current_database()) and pid <> pg_backend_pid()`;
  // pg_stat_activity is read once per transaction unless the snapshot is cleared.
  const fresh = () => sql`select pg_stat_clear_snapshot()`.execute(trx);
  await fresh();
  const { rows } = await sql<{ xids: string[] | null }>`select array_agg(backend_xid::text) as xids from pg_stat_activity where ${here} and backend_xid is not null`.execute(trx);
  const xids = rows[0]!.xids ?? [];
  if (xids.length === 0) return true;
  const deadline = Date.now() + timeoutMs;
  for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
    await new Promise((resolve) => setTimeout(resolve, pause));
    await fresh();
    const still = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where ${here} and backend_xid::text = any(${xids}::text[])`.execute(trx);
    if (still.rows[0]!.n === 0) return true;
    if (Date.now() >= deadline) return false;
  }
}

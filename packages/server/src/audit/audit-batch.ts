// A sealed batch of the access audit: which event numbers it covers, the Merkle root of those events
// (RFC 6962) and the hash that chains it to the batch before. Like the events, a batch is hashed as
// the database stores it, read back as text (sealed_at to the microsecond).
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { utcMicrosecondsText } from './sealed-event-leaves.ts';

export const genesisHash = 'genesis';

export type AuditBatch = {
  batchNo: number;
  firstSeq: number;
  lastSeq: number;
  eventCount: number;
  /** Numbers in firstSeq..lastSeq that are not events: their transactions rolled back. */
  absentSeqs: number[];
  merkleRoot: string;
  /** Events in this batch and every batch before it. */
  treeSize: number;
  /** UTC, microseconds: the stored value's text. */
  sealedAt: string;
  prevHash: string;
  hash: string;
};

export type StoredAuditBatch = AuditBatch & {
  /** The events' leaf hashes, 32 bytes each, in seq order: they show which event changed. */
  leafHashes: Uint8Array;
};

/** sha-256 over every field but the hash itself, so changing any of them breaks the chain here. */
export function batchHash(b: Omit<AuditBatch, 'hash'>): string {
  const text = [
    'homeward-audit-batch v1',
    b.batchNo,
    b.firstSeq,
    b.lastSeq,
    b.eventCount,
    b.absentSeqs.join(','),
    b.merkleRoot,
    b.treeSize,
    b.sealedAt,
    b.prevHash,
  ].join('\n');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

type BatchRow = {
  batch_no: string;
  first_seq: string;
  last_seq: string;
  event_count: string;
  absent_seqs: string;
  merkle_root: string;
  tree_size: string;
  sealed_at: string;
  prev_hash: string;
  hash: string;
  leaf_hashes: string;
};

// Every column read back as text, under its own name: so ORDER BY must name the table's column
// (audit_batches.batch_no), or it would sort the text ("10" before "9").
const batchColumns = (withLeafHashes: boolean) => sql.raw(
  [
    'batch_no::text as batch_no',
    'first_seq::text as first_seq',
    'last_seq::text as last_seq',
    'event_count::text as event_count',
    "array_to_string(absent_seqs, ',') as absent_seqs",
    'merkle_root',
    'tree_size::text as tree_size',
    `${utcMicrosecondsText('sealed_at')} as sealed_at`,
    'prev_hash',
    'hash',
    withLeafHashes ? "encode(leaf_hashes, 'hex') as leaf_hashes" : "'' as leaf_hashes",
  ].join(', '),
);

function toBatch(r: BatchRow): StoredAuditBatch {
  return {
    batchNo: Number(r.batch_no),
    firstSeq: Number(r.first_seq),
    lastSeq: Number(r.last_seq),
    eventCount: Number(r.event_count),
    absentSeqs: r.absent_seqs === '' ? [] : r.absent_seqs.split(',').map(Number),
    merkleRoot: r.merkle_root,
    treeSize: Number(r.tree_size),
    sealedAt: r.sealed_at,
    prevHash: r.prev_hash,
    hash: r.hash,
    leafHashes: Buffer.from(r.leaf_hashes, 'hex'),
  };
}

/** Batches numbered afterBatch < batch_no <= throughBatch, in order (by range, like the events). */
export async function readAuditBatches(db: Kysely<Database>, o: { afterBatch: number; throughBatch: number }): Promise<StoredAuditBatch[]> {
  const { rows } = await sql<BatchRow>`
    select ${batchColumns(true)} from audit_batches
    where batch_no > ${o.afterBatch} and batch_no <= ${o.throughBatch}
    order by audit_batches.batch_no
  `.execute(db);
  return rows.map(toBatch);
}

/** The highest batch number (0 before the first seal). */
export async function highestBatchNo(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: string | null }>`select max(batch_no)::text as n from audit_batches`.execute(db);
  return Number(rows[0]!.n ?? 0);
}

export async function* streamAuditBatches(db: Kysely<Database>, o: { afterBatch: number; throughBatch: number; pageSize: number }): AsyncGenerator<StoredAuditBatch> {
  for (let after = o.afterBatch; after < o.throughBatch; after += o.pageSize) {
    for (const batch of await readAuditBatches(db, { afterBatch: after, throughBatch: Math.min(after + o.pageSize, o.throughBatch) })) yield batch;
  }
}

/** The newest batch (without its leaf hashes), or null before the first seal. */
export async function findLatestAuditBatch(db: Kysely<Database>): Promise<AuditBatch | null> {
  const { rows } = await sql<BatchRow>`
    select ${batchColumns(false)} from audit_batches order by audit_batches.batch_no desc limit 1
  `.execute(db);
  if (!rows[0]) return null;
  const { leafHashes: _omitted, ...batch } = toBatch(rows[0]);
  return batch;
}

export async function findAuditBatches(db: Kysely<Database>, batchNos: number[]): Promise<Map<number, AuditBatch>> {
  if (batchNos.length === 0) return new Map();
  const { rows } = await sql<BatchRow>`
    select ${batchColumns(false)} from audit_batches where batch_no = any(${`{${batchNos.join(',')}}`}::bigint[])
  `.execute(db);
  return new Map(rows.map((r) => {
    const { leafHashes: _omitted, ...batch } = toBatch(r);
    return [batch.batchNo, batch];
  }));
}

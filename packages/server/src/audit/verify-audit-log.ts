// Checks the access audit: every batch (its number, its place in the chain, its hash), every event
// in it (present, unaltered, in the batch's Merkle root), the numbers between (rolled back, or
// events that appeared later), and every signed checkpoint against the batch it names. It reports
// every break it finds and carries on, so one break never hides another. Events and batches are read
// a page at a time in step (bounded memory whatever the size of the audit), and a run can start
// where the last clean one ended (incremental), or from the first event (full).
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { batchHash, findAuditBatches, genesisHash, highestBatchNo, streamAuditBatches, type AuditBatch } from './audit-batch.ts';
import { checkpointSignatureValid, fileSize, readCheckpointLines, type AuditCheckpoint, type CheckpointVerifier } from './audit-checkpoints.ts';
import { MerkleTreeHash } from './merkle-tree.ts';
import { highestEventSeq, streamSealedEventLeaves, type SealedEventLeaf } from './sealed-event-leaves.ts';

export type AuditProblem = {
  kind:
    | 'batch-missing'
    | 'batch-misplaced'
    | 'batch-unlinked'
    | 'batch-altered'
    | 'event-missing'
    | 'event-altered'
    | 'event-unsealed'
    | 'event-appeared'
    | 'event-beyond-sequence'
    | 'checkpoint-mismatch'
    | 'checkpoint-signature'
    | 'checkpoints-missing'
    | 'verified-batch-changed';
  batch?: number;
  seq?: number;
  message: string;
};

/** Where the last clean run ended: the next incremental run starts here. */
export type VerifiedPoint = { batch: number; lastSeq: number; treeSize: number; hash: string; checkpointBytes: number; verifiedAt: string };

export type VerifyAuditOptions = {
  /** Start after this point instead of at the first event (incremental); ignored when full. */
  since?: VerifiedPoint | null;
  checkpoints?: { file: string; verifier: CheckpointVerifier | null } | null;
  pageSize?: number;
  batchPageSize?: number;
  /** Called with each problem as it is found (the CLI prints them); the report keeps the first maxProblemsKept. */
  onProblem?: (problem: AuditProblem) => void;
  maxProblemsKept?: number;
  now?: () => Date;
};

export type AuditVerifyReport = {
  ok: boolean;
  mode: 'full' | 'incremental';
  /** Sealed events checked in this run. */
  events: number;
  batches: number;
  checkpoints: number;
  /** Events written but not sealed yet: they cannot be checked until they are. */
  unsealedEvents: number;
  head: AuditBatch | null;
  problems: AuditProblem[];
  problemCount: number;
  /** Things to know that are not breaks (a half-written checkpoint line, unsealed events). */
  notes: string[];
  /** Where this run ended, when it found nothing wrong: the next incremental run starts here. */
  verifiedThrough: VerifiedPoint | null;
};

const origin = { batch: 0, lastSeq: 0, treeSize: 0, hash: genesisHash };

export async function verifyAuditLog(db: Kysely<Database>, options: VerifyAuditOptions = {}): Promise<AuditVerifyReport> {
  const pageSize = options.pageSize ?? 2_000;
  const problems: AuditProblem[] = [];
  const notes: string[] = [];
  let problemCount = 0;
  const report = (p: AuditProblem) => {
    problemCount += 1;
    if (problems.length < (options.maxProblemsKept ?? 10_000)) problems.push(p);
    options.onProblem?.(p);
  };

  // Incremental: the batch the last clean run ended at must still be exactly as it was.
  let since = options.since ?? null;
  if (since) {
    const pinned = (await findAuditBatches(db, [since.batch])).get(since.batch);
    const intact = pinned && batchHash((({ hash: _h, ...fields }) => fields)(pinned)) === pinned.hash;
    if (!pinned || !intact || pinned.hash !== since.hash || pinned.lastSeq !== since.lastSeq || pinned.treeSize !== since.treeSize) {
      report({ kind: 'verified-batch-changed', batch: since.batch, message: `batch ${since.batch}, verified on ${since.verifiedAt}, is ${pinned ? 'not as it was then' : 'gone'}; checking everything from the first event` });
      since = null;
    }
  }
  const mode = since ? 'incremental' : 'full';
  // What this run covers, read in this order while the app may go on writing and sealing: every
  // batch up to lastBatch covers events that existed before lastEvent was read, and every event up
  // to lastEvent had its number handed out before handedOut was read. So nothing written during the
  // run can look like a break.
  const lastBatch = await highestBatchNo(db);
  const lastEvent = await highestEventSeq(db);
  const handedOut = await sequenceHandedOut(db);
  const head = (await findAuditBatches(db, [lastBatch])).get(lastBatch) ?? null;

  let prev: { batch: number; lastSeq: number; treeSize: number; hash: string } = since ?? origin;
  let events = 0;
  let batches = 0;
  const leaves = peekable(streamSealedEventLeaves(db, { afterSeq: prev.lastSeq, throughSeq: lastEvent, pageSize }));

  for await (const batch of streamAuditBatches(db, { afterBatch: prev.batch, throughBatch: lastBatch, pageSize: options.batchPageSize ?? 8 })) {
    batches += 1;
    const inPlace = batch.batchNo === prev.batch + 1;
    if (!inPlace) {
      report({ kind: 'batch-missing', batch: prev.batch + 1, message: batch.batchNo === prev.batch + 2 ? `batch ${prev.batch + 1} is missing` : `batches ${prev.batch + 1} to ${batch.batchNo - 1} are missing` });
    }
    if (batch.firstSeq !== prev.lastSeq + 1) {
      report({ kind: 'batch-misplaced', batch: batch.batchNo, message: `batch ${batch.batchNo} covers events ${batch.firstSeq} to ${batch.lastSeq}, but the batch before it ended at event ${prev.lastSeq}` });
    }
    if (batch.prevHash !== prev.hash) {
      report({ kind: 'batch-unlinked', batch: batch.batchNo, message: `batch ${batch.batchNo} does not link to the batch before it` });
    }
    const { hash: _stored, leafHashes: _leaves, ...fields } = batch;
    // (After a missing batch the running total is unknown, so the tree size is checked only in place.)
    if (batchHash(fields) !== batch.hash || (inPlace && batch.treeSize !== prev.treeSize + batch.eventCount)) {
      report({ kind: 'batch-altered', batch: batch.batchNo, message: `batch ${batch.batchNo} (events ${batch.firstSeq} to ${batch.lastSeq}) has been altered` });
    }

    // Events between the previous batch and this one belong to no batch.
    while ((await leaves.peek()) && (await leaves.peek())!.seq < batch.firstSeq) {
      const leaf = (await leaves.next())!;
      report({ kind: 'event-unsealed', seq: leaf.seq, message: `event ${leaf.seq} lies between sealed batches but is in none of them` });
    }
    events += await checkBatchEvents(batch, leaves, report);
    prev = { batch: batch.batchNo, lastSeq: batch.lastSeq, treeSize: batch.treeSize, hash: batch.hash };
  }

  // What is left has not been sealed yet. It cannot be checked, but it cannot claim numbers the
  // database never handed out either (only an INSERT with the numbering trigger disabled could).
  let unsealedEvents = 0;
  for (let leaf = await leaves.next(); leaf; leaf = await leaves.next()) {
    unsealedEvents += 1;
    if (leaf.seq > handedOut) report({ kind: 'event-beyond-sequence', seq: leaf.seq, message: `event ${leaf.seq} has a number the database has not handed out yet (${handedOut} so far)` });
  }
  if (unsealedEvents) notes.push(`${unsealedEvents} event${unsealedEvents === 1 ? '' : 's'} not sealed yet (the sealer seals them within seconds while the app runs).`);

  const checkpointResult = await checkCheckpoints(db, options.checkpoints ?? null, mode === 'incremental' ? since!.checkpointBytes : 0, head, report, notes);

  const ok = problemCount === 0;
  return {
    ok,
    mode,
    events,
    batches,
    checkpoints: checkpointResult.count,
    unsealedEvents,
    head,
    problems,
    problemCount,
    notes,
    verifiedThrough: ok ? { ...prev, checkpointBytes: checkpointResult.endByte, verifiedAt: (options.now?.() ?? new Date()).toISOString() } : null,
  };
}

/** Checks the events a batch covers against it; returns how many were checked. */
async function checkBatchEvents(
  batch: AuditBatch & { leafHashes: Uint8Array },
  leaves: Peekable<SealedEventLeaf>,
  report: (p: AuditProblem) => void,
): Promise<number> {
  const absent = new Set(batch.absentSeqs);
  const stored = Buffer.from(batch.leafHashes);
  const storedCount = Math.floor(stored.length / 32);
  if (stored.length % 32 !== 0 || storedCount !== batch.eventCount) {
    report({ kind: 'batch-altered', batch: batch.batchNo, message: `batch ${batch.batchNo} does not hold one hash per event it covers` });
  }
  // The Merkle root over the stored leaf hashes: they are what the batch hash vouches for.
  const tree = new MerkleTreeHash();
  for (let i = 0; i < storedCount; i += 1) tree.push(stored.subarray(i * 32, i * 32 + 32));
  if (tree.root().toString('hex') !== batch.merkleRoot) {
    report({ kind: 'batch-altered', batch: batch.batchNo, message: `batch ${batch.batchNo}: its event hashes do not give its Merkle root` });
  }

  let checked = 0;
  let index = 0; // position among the events the batch covers, and so among its leaf hashes
  const missing = (from: number, to: number) =>
    report({ kind: 'event-missing', batch: batch.batchNo, seq: from, message: `${from === to ? `event ${from}` : `events ${from} to ${to}`} (sealed in batch ${batch.batchNo}) ${from === to ? 'is' : 'are'} missing` });
  let seq = batch.firstSeq;
  while (seq <= batch.lastSeq) {
    const next = await leaves.peek();
    const nextSeq = next && next.seq <= batch.lastSeq ? next.seq : batch.lastSeq + 1;
    // Numbers with no event before the next one: each is either a rollback the batch lists, or gone.
    let gone: number | null = null;
    for (; seq < nextSeq; seq += 1) {
      if (absent.has(seq)) {
        if (gone !== null) missing(gone, seq - 1);
        gone = null;
      } else {
        gone ??= seq;
        index += 1;
      }
    }
    if (gone !== null) missing(gone, seq - 1);
    if (seq > batch.lastSeq) break;
    const leaf = (await leaves.next())!;
    if (absent.has(seq)) {
      report({ kind: 'event-appeared', batch: batch.batchNo, seq, message: `event ${seq} appeared after batch ${batch.batchNo} sealed its number as unused` });
    } else {
      const expected = index < storedCount ? stored.subarray(index * 32, index * 32 + 32) : null;
      if (!expected || !expected.equals(leaf.hash)) {
        report({ kind: 'event-altered', batch: batch.batchNo, seq, message: `event ${seq} has been altered since it was sealed in batch ${batch.batchNo}` });
      }
      index += 1;
      checked += 1;
    }
    seq += 1;
  }
  return checked;
}

async function checkCheckpoints(
  db: Kysely<Database>,
  checkpoints: { file: string; verifier: CheckpointVerifier | null } | null,
  fromByte: number,
  head: AuditBatch | null,
  report: (p: AuditProblem) => void,
  notes: string[],
): Promise<{ count: number; endByte: number }> {
  if (!checkpoints) {
    if (head) notes.push('No checkpoint file was given: the batches were checked against each other only.');
    return { count: 0, endByte: 0 };
  }
  const size = await fileSize(checkpoints.file);
  if (size === null) {
    if (head) report({ kind: 'checkpoints-missing', message: notAnchored(head, checkpoints.file) });
    return { count: 0, endByte: 0 };
  }
  if (!checkpoints.verifier) {
    report({ kind: 'checkpoint-signature', message: 'no public key to check the checkpoints with; set HOMEWARD_AUDIT_PUBLIC_KEY_FILE' });
    return { count: 0, endByte: fromByte };
  }
  let start = fromByte;
  if (size < fromByte) {
    report({ kind: 'checkpoint-mismatch', message: `the checkpoint file is shorter (${size} bytes) than when it was last verified (${fromByte} bytes); checking all of it` });
    start = 0;
  }
  let count = 0;
  let endByte = start;
  let newest: AuditCheckpoint | null = null;
  let pending: AuditCheckpoint[] = [];
  const flush = async () => {
    const found = await findAuditBatches(db, pending.map((c) => c.batch));
    for (const c of pending) {
      const batch = found.get(c.batch);
      if (!batch) {
        report({ kind: 'checkpoint-mismatch', batch: c.batch, message: `checkpoint of ${c.writtenAt} names batch ${c.batch}, which is not in the database: sealed batches have been removed` });
      } else if (batch.hash !== c.hash || batch.lastSeq !== c.lastSeq || batch.treeSize !== c.treeSize || batch.sealedAt !== c.sealedAt) {
        report({ kind: 'checkpoint-mismatch', batch: c.batch, message: `batch ${c.batch} is not the batch signed in the checkpoint of ${c.writtenAt}: the sealed audit has been rewritten` });
      }
    }
    pending = [];
  };
  for await (const line of readCheckpointLines(checkpoints.file, start)) {
    endByte = Math.min(line.endByte, size);
    if (!line.ok) {
      notes.push(`Checkpoint file line ${line.lineNo} (after byte ${start}) is not a checkpoint (a write cut short?); it proves nothing either way.`);
      continue;
    }
    count += 1;
    if (!checkpointSignatureValid(checkpoints.verifier, line.checkpoint)) {
      report({ kind: 'checkpoint-signature', batch: line.checkpoint.batch, message: `checkpoint of ${line.checkpoint.writtenAt} for batch ${line.checkpoint.batch} is not signed by key ${checkpoints.verifier.keyId}` });
      continue;
    }
    if (!newest || line.checkpoint.batch > newest.batch) newest = line.checkpoint;
    pending.push(line.checkpoint);
    if (pending.length >= 500) await flush();
  }
  await flush();
  endByte = Math.max(endByte, start);
  if (head && newest && newest.batch < head.batchNo) {
    notes.push(`The newest checkpoint is of batch ${newest.batch}; batches ${newest.batch + 1} to ${head.batchNo} are chained to it but not checkpointed yet.`);
  }
  if (head && !newest && start === 0) {
    report({ kind: 'checkpoints-missing', message: notAnchored(head, checkpoints.file) });
  }
  return { count, endByte };
}

const notAnchored = (head: AuditBatch, file: string) =>
  `the database has sealed batches up to batch ${head.batchNo}, but ${file} holds no signed checkpoint of them (set HOMEWARD_AUDIT_CHECKPOINT_FILE to where the sealer writes them)`;

async function sequenceHandedOut(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: string }>`select (case when is_called then last_value else last_value - 1 end)::text as n from audit_event_seq`.execute(db);
  return Number(rows[0]!.n);
}

type Peekable<T> = { peek(): Promise<T | undefined>; next(): Promise<T | undefined> };

function peekable<T>(source: AsyncGenerator<T>): Peekable<T> {
  let buffered: { value: T | undefined } | null = null;
  const pull = async () => {
    const r = await source.next();
    return r.done ? undefined : r.value;
  };
  return {
    peek: async () => {
      buffered ??= { value: await pull() };
      return buffered.value;
    },
    next: async () => {
      if (buffered) {
        const { value } = buffered;
        buffered = null;
        return value;
      }
      return pull();
    },
  };
}

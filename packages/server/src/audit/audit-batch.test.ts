import { Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../db/schema.ts';
import { batchHash, findAuditBatches, findLatestAuditBatch, genesisHash, highestBatchNo, readAuditBatches, streamAuditBatches, type AuditBatch } from './audit-batch.ts';

const batch: Omit<AuditBatch, 'hash'> = {
  batchNo: 3,
  firstSeq: 41,
  lastSeq: 57,
  eventCount: 16,
  absentSeqs: [44],
  merkleRoot: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  treeSize: 56,
  sealedAt: '2026-12-04T09:00:00.123456Z',
  prevHash: '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
};

const PINNED = '18a4da0040b1ec1988ff0cb30e3c92ca46a564cf7848beff500e0fd40206d02f';

describe('batchHash', () => {
  it('is a sha-256 hex digest', () => {
    expect(batchHash(batch)).toMatch(/^[0-9a-f]{64}$/);
    expect(batchHash({ ...batch })).toBe(batchHash(batch));
  });
  // Signed checkpoints kept outside the database name batch hashes, so the v1 text hashed must never
  // change. PINNED is sha256sum of the fields above, one a line after 'homeward-audit-batch v1' (checked
  // with coreutils, not with batchHash).
  it('is the v1 digest, unchanged', () => {
    expect(batchHash(batch)).toBe(PINNED);
  });
  it('starts the chain from the genesis hash the stored chains start from', () => {
    expect(genesisHash).toBe('genesis');
  });
  it('tells apart rolled-back numbers that run together without a separator', () => {
    expect(batchHash({ ...batch, absentSeqs: [4, 45] })).not.toBe(batchHash({ ...batch, absentSeqs: [44, 5] }));
  });
  it.each([
    ['number', { batchNo: 4 }],
    ['first event', { firstSeq: 42 }],
    ['last event', { lastSeq: 58 }],
    ['event count', { eventCount: 15 }],
    ['rolled-back numbers', { absentSeqs: [45] }],
    ['rolled-back numbers (none)', { absentSeqs: [] }],
    ['Merkle root', { merkleRoot: '0'.repeat(64) }],
    ['tree size', { treeSize: 57 }],
    ['sealing time, by a microsecond', { sealedAt: '2026-12-04T09:00:00.123457Z' }],
    ['previous batch', { prevHash: 'genesis' }],
  ] as Array<[string, Partial<AuditBatch>]>)('changes when the %s changes', (_name, change) => {
    expect(batchHash({ ...batch, ...change })).not.toBe(batchHash(batch));
  });
});

// The reads below are SQL, held on both databases by the audit integration tests. Here a stand-in
// driver records the SQL each read sends and answers with rows shaped as PostgreSQL returns them
// (every column as text), so the unit tests see what is asked for and how the answer is read back.
type Answer = (q: CompiledQuery) => Record<string, unknown>[];
function recordingDb(answer: Answer): { db: Kysely<Database>; sent: CompiledQuery[] } {
  const sent: CompiledQuery[] = [];
  const connection: DatabaseConnection = {
    async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
      sent.push(q);
      return { rows: answer(q) as R[] };
    },
    streamQuery() {
      throw new Error('not used');
    },
  };
  const driver: Driver = {
    async init() {},
    async acquireConnection() {
      return connection;
    },
    async beginTransaction() {},
    async commitTransaction() {},
    async rollbackTransaction() {},
    async releaseConnection() {},
    async destroy() {},
  };
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createQueryCompiler: () => new PostgresQueryCompiler(),
      createIntrospector: (k) => new PostgresIntrospector(k),
    },
  });
  return { db, sent };
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

// Each column read back as text under its own name: numbers beyond 2^53 and microseconds survive.
const columnsAsText = [
  'batch_no::text as batch_no',
  'first_seq::text as first_seq',
  'last_seq::text as last_seq',
  'event_count::text as event_count',
  "array_to_string(absent_seqs, ',') as absent_seqs",
  'merkle_root',
  'tree_size::text as tree_size',
  `to_char(sealed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as sealed_at`,
  'prev_hash',
  'hash',
].join(', ');

const row = (o: Partial<Record<string, string>> = {}) => ({
  batch_no: '3',
  first_seq: '41',
  last_seq: '57',
  event_count: '16',
  absent_seqs: '44',
  merkle_root: batch.merkleRoot,
  tree_size: '56',
  sealed_at: batch.sealedAt,
  prev_hash: batch.prevHash,
  hash: 'f'.repeat(64),
  leaf_hashes: '',
  ...o,
});

describe('reading sealed batches', () => {
  it('reads batches after one number through another, in number order, with their leaf hashes, as numbers and bytes', async () => {
    const { db, sent } = recordingDb(() => [row({ absent_seqs: '44,45', leaf_hashes: '00ff10' }), row({ batch_no: '4', absent_seqs: '' })]);
    const batches = await readAuditBatches(db, { afterBatch: 2, throughBatch: 4 });
    expect(sent.map((q) => [oneLine(q.sql), q.parameters])).toEqual([
      [
        `select ${columnsAsText}, encode(leaf_hashes, 'hex') as leaf_hashes from audit_batches where batch_no > $1 and batch_no <= $2 order by audit_batches.batch_no`,
        [2, 4],
      ],
    ]);
    expect(batches).toEqual([
      { ...batch, absentSeqs: [44, 45], hash: 'f'.repeat(64), leafHashes: Buffer.from([0x00, 0xff, 0x10]) },
      { ...batch, batchNo: 4, absentSeqs: [], hash: 'f'.repeat(64), leafHashes: Buffer.alloc(0) },
    ]);
    expect(batches[0]!.leafHashes).toBeInstanceOf(Uint8Array);
  });

  it('reads the highest batch number, and 0 before the first seal', async () => {
    const sealed = recordingDb(() => [{ n: '12' }]);
    expect(await highestBatchNo(sealed.db)).toBe(12);
    expect(sealed.sent.map((q) => oneLine(q.sql))).toEqual(['select max(batch_no)::text as n from audit_batches']);
    expect(await highestBatchNo(recordingDb(() => [{ n: null }]).db)).toBe(0);
  });

  it('streams a range a page at a time, the last page cut at the end of the range', async () => {
    const { db, sent } = recordingDb((q) => {
      const [after, through] = q.parameters as number[];
      return Array.from({ length: through! - after! }, (_, i) => row({ batch_no: String(after! + i + 1) }));
    });
    const numbers: number[] = [];
    for await (const b of streamAuditBatches(db, { afterBatch: 1, throughBatch: 6, pageSize: 2 })) numbers.push(b.batchNo);
    expect(numbers).toEqual([2, 3, 4, 5, 6]);
    expect(sent.map((q) => q.parameters)).toEqual([[1, 3], [3, 5], [5, 6]]);
    const none = recordingDb(() => []);
    for await (const _ of streamAuditBatches(none.db, { afterBatch: 6, throughBatch: 6, pageSize: 2 })) numbers.push(0);
    expect(none.sent).toEqual([]);
  });

  it('finds the newest batch without its leaf hashes, and null before the first seal', async () => {
    const { db, sent } = recordingDb(() => [row()]);
    expect(await findLatestAuditBatch(db)).toEqual({ ...batch, hash: 'f'.repeat(64) });
    expect(sent.map((q) => oneLine(q.sql))).toEqual([`select ${columnsAsText}, '' as leaf_hashes from audit_batches order by audit_batches.batch_no desc limit 1`]);
    expect(await findLatestAuditBatch(recordingDb(() => []).db)).toBeNull();
  });

  it('finds batches by number, without leaf hashes, and asks nothing for no numbers', async () => {
    const { db, sent } = recordingDb(() => [row(), row({ batch_no: '9', absent_seqs: '' })]);
    const found = await findAuditBatches(db, [3, 9]);
    expect(sent.map((q) => [oneLine(q.sql), q.parameters])).toEqual([
      [`select ${columnsAsText}, '' as leaf_hashes from audit_batches where batch_no = any($1::bigint[])`, ['{3,9}']],
    ]);
    expect([...found]).toEqual([
      [3, { ...batch, hash: 'f'.repeat(64) }],
      [9, { ...batch, batchNo: 9, absentSeqs: [], hash: 'f'.repeat(64) }],
    ]);
    const none = recordingDb(() => []);
    expect(await findAuditBatches(none.db, [])).toEqual(new Map());
    expect(none.sent).toEqual([]);
  });
});

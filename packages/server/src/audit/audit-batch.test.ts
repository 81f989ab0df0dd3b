import { describe, expect, it } from 'vitest';
import { batchHash, genesisHash, type AuditBatch } from './audit-batch.ts';

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

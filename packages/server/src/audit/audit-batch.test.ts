import { describe, expect, it } from 'vitest';
import { batchHash, type AuditBatch } from './audit-batch.ts';

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

describe('batchHash', () => {
  it('is a sha-256 hex digest', () => {
    expect(batchHash(batch)).toMatch(/^[0-9a-f]{64}$/);
    expect(batchHash({ ...batch })).toBe(batchHash(batch));
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

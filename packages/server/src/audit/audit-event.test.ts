import { describe, expect, it } from 'vitest';
import { chainHash, type ChainedFields } from './audit-event.ts';

const event: ChainedFields = {
  seq: 7,
  id: '01a20b6c-a1e2-77c2-859a-8495f25fc2ed',
  occurredAt: new Date('2026-11-24T09:00:00Z'),
  staffId: '01a20b6c-a1e2-77c2-859a-8495f25fc2ee',
  staffRole: 'registered-therapist',
  action: 'read',
  outcome: 'allowed',
  patientId: '01a20b6c-a1e2-77c2-859a-8495f25fc2ef',
  recordKind: 'patient',
  recordId: '01a20b6c-a1e2-77c2-859a-8495f25fc2ef',
  reason: null,
  ip: '127.0.0.1',
  userAgent: 'test',
  requestId: 'r1',
  detail: { basis: 'relationship' },
  prevHash: 'genesis',
};

describe('chainHash', () => {
  it('is a sha-256 hex digest that does not depend on the order of detail keys', () => {
    const h = chainHash(event);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash({ ...event, detail: { basis: 'relationship' } })).toBe(h);
  });
  it.each([
    ['seq', { seq: 8 }],
    ['previous hash', { prevHash: 'x' }],
    ['time', { occurredAt: new Date('2026-11-24T09:00:00.001Z') }],
    ['outcome', { outcome: 'refused' }],
    ['reason', { reason: 'Covering another team' }],
    ['detail', { detail: { basis: 'break-glass' } }],
    ['patient', { patientId: null }],
  ] as const)('changes when the %s changes', (_name, change) => {
    expect(chainHash({ ...event, ...change })).not.toBe(chainHash(event));
  });
});

import { describe, expect, it } from 'vitest';
import { decideCpdRead, mayWriteCpd } from './cpd-readers.ts';

const owner = { staffId: 'owner', teamId: 'a', name: 'Ada Owen' };
describe('who sees a CPD log', () => {
  it.each([
    { who: 'the person', reader: { staffId: 'owner', role: 'assistant-practitioner', teamId: 'a' }, supervises: false, expected: 'own' },
    { who: 'their supervisor, even from another team', reader: { staffId: 's', role: 'registered-therapist', teamId: 'b' }, supervises: true, expected: 'supervisor' },
    { who: 'their clinical lead', reader: { staffId: 'l', role: 'clinical-lead', teamId: 'a' }, supervises: false, expected: 'team-lead' },
    { who: 'their service manager', reader: { staffId: 'm', role: 'service-manager', teamId: 'a' }, supervises: false, expected: 'team-lead' },
    { who: 'another team’s lead', reader: { staffId: 'l2', role: 'clinical-lead', teamId: 'b' }, supervises: false, expected: 'other-team' },
    { who: 'a colleague', reader: { staffId: 'c', role: 'registered-therapist', teamId: 'a' }, supervises: false, expected: 'not-their-supervisor' },
    { who: 'an administrator', reader: { staffId: 'ad', role: 'administrator', teamId: 'a' }, supervises: false, expected: 'not-their-supervisor' },
    { who: 'a privacy officer', reader: { staffId: 'p', role: 'privacy-officer', teamId: null }, supervises: false, expected: 'not-their-supervisor' },
    { who: 'a lead with no team', reader: { staffId: 'l3', role: 'clinical-lead', teamId: null }, supervises: false, expected: 'other-team' },
  ] as const)('$who: $expected', ({ reader, supervises, expected }) => {
    const decision = decideCpdRead({ reader, owner: supervises ? { ...owner, teamId: 'a' } : owner, readerSupervisesOwner: supervises });
    expect(decision.allowed ? decision.basis : decision.rule).toBe(expected);
    if (!decision.allowed) expect(decision.message).toContain('Ada Owen');
  });
  it('is written by its owner only', () => {
    expect(mayWriteCpd({ writerStaffId: 'a', ownerStaffId: 'a' })).toBe(true);
    expect(mayWriteCpd({ writerStaffId: 'lead', ownerStaffId: 'a' })).toBe(false);
  });
});

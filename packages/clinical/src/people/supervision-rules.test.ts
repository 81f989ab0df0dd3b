import { describe, expect, it } from 'vitest';
import { bandRank, decideSupervisor, supervisionDue, type SupervisionPerson } from './supervision-rules.ts';

const person = (id: string, p: Partial<SupervisionPerson>): SupervisionPerson & { id: string } => ({ id, name: id, role: 'registered-therapist', profession: 'OT', band: '6', active: true, ...p });

describe('who may supervise whom', () => {
  const ap = person('Amira', { role: 'assistant-practitioner', profession: 'none', band: '4' });

  it('a registered band 6 supervises a band 4 assistant practitioner', () => {
    expect(decideSupervisor({ supervisor: person('Sam', {}), supervisee: ap })).toEqual({ allowed: true });
  });

  it('refuses someone not registered, saying the rule', () => {
    expect(decideSupervisor({ supervisor: person('Pat', { role: 'assistant-practitioner', profession: 'none', band: '5' }), supervisee: ap })).toEqual({
      allowed: false, rule: 'supervisor-not-registered', message: 'Pat is not a registered professional: a supervisor must be a registered occupational therapist or physiotherapist',
    });
  });

  it('refuses a supervisor on the same band or a lower one', () => {
    const band6 = person('Sue', { band: '6' });
    expect(decideSupervisor({ supervisor: person('Lee', { band: '6' }), supervisee: band6 })).toEqual({
      allowed: false, rule: 'supervisor-not-senior', message: 'Lee (band 6) is not senior to Sue (band 6): a supervisor must be on a higher band',
    });
    expect(decideSupervisor({ supervisor: person('Lee', { band: '5' }), supervisee: band6 })).toMatchObject({ rule: 'supervisor-not-senior' });
    expect(decideSupervisor({ supervisor: person('Lee', { band: '7' }), supervisee: band6 })).toEqual({ allowed: true });
  });

  it('refuses the supervisee themselves, and an inactive supervisor, before anything else', () => {
    expect(decideSupervisor({ supervisor: ap, supervisee: ap })).toMatchObject({ rule: 'supervisor-is-supervisee' });
    expect(decideSupervisor({ supervisor: person('Old', { active: false, profession: 'none' }), supervisee: ap })).toEqual({ allowed: false, rule: 'supervisor-inactive', message: 'Old is not active and cannot supervise' });
  });

  it('refuses a supervisee the policy does not cover', () => {
    expect(decideSupervisor({ supervisor: person('Sam', { band: '7' }), supervisee: person('Stu', { role: 'student', profession: 'none', band: 'none' }) })).toEqual({
      allowed: false, rule: 'supervisee-not-supervised', message: 'A therapy student on placement is not supervised under this policy',
    });
  });

  it("ranks bands in Agenda for Change order, with 'none' below all", () => {
    expect(bandRank('none')).toBeLessThan(bandRank('2'));
    expect(bandRank('7')).toBeLessThan(bandRank('8a'));
    expect(bandRank('8d')).toBeLessThan(bandRank('9'));
  });
});

describe('when supervision is next due', () => {
  it.each([
    { role: 'assistant-practitioner', lastHeldOn: null, today: '2026-12-05', dueOn: '2026-12-05', status: 'overdue' },
    { role: 'assistant-practitioner', lastHeldOn: '2026-11-06', today: '2026-12-03', dueOn: '2026-12-18', status: 'in-date' },
    { role: 'assistant-practitioner', lastHeldOn: '2026-11-06', today: '2026-12-04', dueOn: '2026-12-18', status: 'due-soon' },
    { role: 'assistant-practitioner', lastHeldOn: '2026-11-06', today: '2026-12-18', dueOn: '2026-12-18', status: 'due-soon' },
    { role: 'assistant-practitioner', lastHeldOn: '2026-11-06', today: '2026-12-19', dueOn: '2026-12-18', status: 'overdue' },
    { role: 'registered-therapist', lastHeldOn: '2026-10-01', today: '2026-11-12', dueOn: '2026-11-26', status: 'due-soon' },
    { role: 'registered-therapist', lastHeldOn: '2026-10-01', today: '2026-11-11', dueOn: '2026-11-26', status: 'in-date' },
    { role: 'clinical-lead', lastHeldOn: '2026-10-01', today: '2026-12-24', dueOn: '2026-12-24', status: 'due-soon' },
  ] as const)('$role last supervised $lastHeldOn, on $today: due $dueOn, $status', ({ role, lastHeldOn, today, dueOn, status }) => {
    expect(supervisionDue({ role, lastHeldOn, today })).toEqual({ dueOn, status });
  });

  it('says nothing is due for a role the policy does not cover', () => {
    expect(supervisionDue({ role: 'student', lastHeldOn: null, today: '2026-12-05' })).toBeNull();
  });
});

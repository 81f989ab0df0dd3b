import { describe, expect, it } from 'vitest';
import { competenceCounts, competenceExpiryProblem, heldSkills, isRecordableCompetence, mayHoldCompetences, recordableCompetenceLabel } from './competence-currency.ts';
import { addCalendarDays } from '../episode-dates.ts';

describe('when a recorded competence counts', () => {
  it.each([
    { withdrawn: false, expiresOn: null, onDay: '2026-12-05', counts: true },
    { withdrawn: false, expiresOn: '2026-12-06', onDay: '2026-12-05', counts: true },
    { withdrawn: false, expiresOn: '2026-12-05', onDay: '2026-12-05', counts: true },
    { withdrawn: false, expiresOn: '2026-12-04', onDay: '2026-12-05', counts: false },
    { withdrawn: true, expiresOn: null, onDay: '2026-12-05', counts: false },
    { withdrawn: true, expiresOn: '2027-12-05', onDay: '2026-12-05', counts: false },
  ])('withdrawn $withdrawn, expires $expiresOn, on $onDay: $counts', ({ onDay, counts, ...c }) => {
    expect(competenceCounts(c, onDay)).toBe(counts);
  });
});

describe('the skills a person holds on a day', () => {
  const onDay = '2026-12-05';
  it.each([
    { why: 'a listed skill never recorded still counts', listed: ['hoist-competent'], recorded: [], held: ['hoist-competent'] },
    { why: 'a current recorded competence counts', listed: [], recorded: [{ competence: 'hoist-competent', withdrawn: false, expiresOn: '2027-01-01' }], held: ['hoist-competent'] },
    { why: 'an expired recorded competence takes the listed skill away', listed: ['hoist-competent'], recorded: [{ competence: 'hoist-competent', withdrawn: false, expiresOn: '2026-12-04' }], held: [] },
    { why: 'a withdrawn one takes it away', listed: ['hoist-competent'], recorded: [{ competence: 'hoist-competent', withdrawn: true, expiresOn: null }], held: [] },
    { why: 'a renewal after an expiry counts', listed: [], recorded: [{ competence: 'hoist-competent', withdrawn: true, expiresOn: '2026-01-01' }, { competence: 'hoist-competent', withdrawn: false, expiresOn: '2027-12-01' }], held: ['hoist-competent'] },
    { why: 'delegated activities sit beside skills, sorted', listed: ['two-person'], recorded: [{ competence: 'kitchen-practice', withdrawn: false, expiresOn: null }], held: ['kitchen-practice', 'two-person'] },
  ])('$why', ({ listed, recorded, held }) => {
    expect(heldSkills({ listed, recorded, onDay })).toEqual(held);
  });
});

describe('the competence vocabulary and who holds one', () => {
  it('records hoisting and the delegated activities, nothing else', () => {
    expect(isRecordableCompetence('hoist-competent')).toBe(true);
    expect(isRecordableCompetence('kitchen-practice')).toBe(true);
    expect(isRecordableCompetence('OT')).toBe(false);
    expect(isRecordableCompetence('toString')).toBe(false);
    expect(recordableCompetenceLabel('toString')).toBe('toString');
    expect(recordableCompetenceLabel('hoist-competent')).toMatch(/hoist/i);
  });
  it.each([
    ['support-worker', true],
    ['assistant-practitioner', true],
    ['registered-therapist', true],
    ['clinical-lead', true],
    ['student', true],
    ['service-manager', false],
    ['administrator', false],
    ['privacy-officer', false],
  ] as const)('%s holds competences: %s', (role, holds) => {
    expect(mayHoldCompetences(role)).toBe(holds);
  });
  it.each([
    { expiresOn: null, problem: null },
    { expiresOn: '2027-12-01', problem: null },
    { expiresOn: '2026-12-01', problem: /after/ },
    { expiresOn: '2026-11-30', problem: /after/ },
    { expiresOn: '2032-12-01', problem: /within 5 years/ },
  ])('expiry $expiresOn after an assessment on 2026-12-01', ({ expiresOn, problem }) => {
    const found = competenceExpiryProblem({ assessedOn: '2026-12-01', expiresOn });
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });
});

describe('how far ahead an expiry may be', () => {
  it('takes five years of 366 days from the assessment, and refuses a day more', () => {
    expect(competenceExpiryProblem({ assessedOn: '2026-01-01', expiresOn: addCalendarDays('2026-01-01', 366 * 5) })).toBeNull();
    expect(competenceExpiryProblem({ assessedOn: '2026-01-01', expiresOn: addCalendarDays('2026-01-01', 366 * 5 + 1) })).toBe('The expiry date must be within 5 years of the date they were assessed');
    expect(competenceExpiryProblem({ assessedOn: '2026-01-01', expiresOn: null })).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { homewardRoles } from '../staff-roles.ts';
import { leadVisitorSkills, professionsMetOnVisits, secondVisitorSkills } from './visit-professions.ts';

describe('who meets a visit’s profession need', () => {
  it.each([
    ['registered-therapist', 'OT', ['OT']],
    ['registered-therapist', 'PT', ['PT']],
    ['registered-therapist', 'none', []],
    ['clinical-lead', 'PT', ['PT']],
    ['assistant-practitioner', 'none', ['OT', 'PT']],
    ['assistant-practitioner', 'OT', ['OT', 'PT']],
    ['support-worker', 'none', []],
    ['student', 'OT', []],
    ['service-manager', 'OT', []],
    ['administrator', 'none', []],
    ['privacy-officer', 'none', []],
  ] as const)('a %s (%s) meets %j', (role, profession, met) => {
    expect(professionsMetOnVisits({ role, profession })).toEqual(met);
  });

  it('has an answer for every role', () => {
    for (const role of homewardRoles) expect(Array.isArray(professionsMetOnVisits({ role, profession: 'OT' }))).toBe(true);
  });

  it.each([
    [['OT'], ['OT']],
    [['PT', 'hoist-competent'], ['PT', 'hoist-competent']],
    [['OT', 'PT'], []],
    [['PT', 'hoist-competent', 'OT'], ['hoist-competent']],
    [[], []],
  ])('the lead visitor for %j must hold %j', (skills, lead) => {
    expect(leadVisitorSkills(skills)).toEqual(lead);
  });

  it.each([
    [['OT', 'hoist-competent'], ['hoist-competent']],
    [['OT', 'PT'], []],
    [['hoist-competent'], ['hoist-competent']],
  ])('the second visitor for %j must hold %j', (skills, second) => {
    expect(secondVisitorSkills(skills)).toEqual(second);
  });
});

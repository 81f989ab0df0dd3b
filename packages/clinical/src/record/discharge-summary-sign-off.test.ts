import { describe, expect, it } from 'vitest';
import type { HomewardRole } from '../staff-roles.ts';
import { mayFinaliseDischargeSummary } from './discharge-summary-sign-off.ts';

const team = 'team-a';
const holder = 'staff-holder';
const decide = (role: HomewardRole, o: { holds?: boolean; teamId?: string | null; holderId?: string | null } = {}) => {
  const d = mayFinaliseDischargeSummary({
    actor: { staffId: o.holds ? holder : 'staff-other', role, teamId: o.teamId === undefined ? team : o.teamId },
    episode: { teamId: team, holderId: o.holderId === undefined ? holder : o.holderId },
  });
  return d.allowed ? 'allowed' : d.rule;
};

describe('who may finalise a discharge summary', () => {
  it.each<[string, HomewardRole, Parameters<typeof decide>[1], string]>([
    ['the assistant practitioner who holds the episode', 'assistant-practitioner', { holds: true }, 'allowed'],
    ['an assistant practitioner who does not hold it', 'assistant-practitioner', {}, 'not-the-episodes-clinician'],
    ['an assistant practitioner on an unallocated episode', 'assistant-practitioner', { holderId: null }, 'not-the-episodes-clinician'],
    ['a registered therapist of the team', 'registered-therapist', {}, 'allowed'],
    ['a clinical lead of the team', 'clinical-lead', {}, 'allowed'],
    ['a registered therapist of another team (break-glass)', 'registered-therapist', { teamId: 'team-b' }, 'not-the-episodes-clinician'],
    ['a registered therapist of another team who holds it', 'registered-therapist', { teamId: 'team-b', holds: true }, 'allowed'],
    ['a registered therapist with no team', 'registered-therapist', { teamId: null }, 'not-the-episodes-clinician'],
    ['a support worker, even one recorded as holder', 'support-worker', { holds: true }, 'role-does-not-write-discharge-summaries'],
    ['a student', 'student', {}, 'role-does-not-write-discharge-summaries'],
    ['a service manager', 'service-manager', {}, 'role-does-not-write-discharge-summaries'],
  ])('%s: %s', (_who, role, o, expected) => {
    expect(decide(role, o)).toBe(expected);
  });

  it('says what to do instead', () => {
    const base = { episode: { teamId: team, holderId: holder } };
    expect(mayFinaliseDischargeSummary({ ...base, actor: { staffId: holder, role: 'support-worker', teamId: team } })).toEqual({
      allowed: false,
      rule: 'role-does-not-write-discharge-summaries',
      message: 'Only an assistant practitioner, registered therapist or clinical lead can write the discharge summary or produce its letters. Ask the clinician who holds the episode.',
    });
    expect(mayFinaliseDischargeSummary({ ...base, actor: { staffId: 'staff-other', role: 'assistant-practitioner', teamId: team } })).toEqual({
      allowed: false,
      rule: 'not-the-episodes-clinician',
      message: 'Only the clinician who holds this episode, or a registered therapist or clinical lead of its team, can finalise the discharge summary: finalising signs off the discharge. You can still edit the draft.',
    });
  });
});

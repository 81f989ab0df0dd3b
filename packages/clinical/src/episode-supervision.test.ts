import { describe, expect, it } from 'vitest';
import { checkSupervision, isSupervisedRole, maySupervise, type CheckSupervisionOptions } from './episode-supervision.ts';
import { homewardRoles, type HomewardRole } from './staff-roles.ts';

const supervisee = (role: HomewardRole, o: Partial<{ active: boolean; inEpisodeTeam: boolean }> = {}) => ({ name: 'Sam Student', role, active: true, inEpisodeTeam: true, ...o });
const check = (o: Partial<CheckSupervisionOptions>) => checkSupervision({ supervisorRole: 'registered-therapist', supervisee: supervisee('student'), episodeDischarged: false, ...o });

describe('who works on an episode under supervision, and who supervises them', () => {
  // From the grades: a support worker's supervisor is an assistant practitioner or registered staff; a
  // student's is registered (the practice educator).
  const supervisors: Record<'support-worker' | 'student', HomewardRole[]> = {
    'support-worker': ['assistant-practitioner', 'registered-therapist', 'clinical-lead'],
    student: ['registered-therapist', 'clinical-lead'],
  };
  const cells = homewardRoles.flatMap((supervisorRole) => (['support-worker', 'student'] as const).map((role) => [supervisorRole, role] as const));
  it.each(cells)('%s supervising a %s', (supervisorRole, role) => {
    const decision = check({ supervisorRole, supervisee: supervisee(role) });
    if (supervisors[role].includes(supervisorRole)) expect(decision).toEqual({ allowed: true });
    else expect(decision).toMatchObject({ allowed: false, rule: 'supervisor-role', path: 'staffId' });
  });

  it('only support workers and students are supervised on an episode: everyone else sees the team’s patients already', () => {
    expect(homewardRoles.filter(isSupervisedRole)).toEqual(['support-worker', 'student']);
    for (const role of ['assistant-practitioner', 'registered-therapist', 'clinical-lead', 'service-manager'] as const) {
      expect(check({ supervisee: supervisee(role) })).toMatchObject({ allowed: false, rule: 'supervisee-role' });
    }
  });

  it('maySupervise: the roles that supervise anyone', () => {
    expect(homewardRoles.filter(maySupervise)).toEqual(['assistant-practitioner', 'registered-therapist', 'clinical-lead']);
  });

  it.each([
    ['a discharged episode', { episodeDischarged: true }, 'episode-discharged'],
    ['nobody chosen', { supervisee: null }, 'supervisee-needed'],
    ['someone who has left', { supervisee: supervisee('student', { active: false }) }, 'supervisee-inactive'],
    ['someone from another team', { supervisee: supervisee('student', { inEpisodeTeam: false }) }, 'supervisee-other-team'],
  ] as const)('refuses %s', (_what, o, rule) => {
    const decision = check(o);
    expect(decision).toMatchObject({ allowed: false, rule, path: 'staffId' });
    if (!decision.allowed) expect(decision.message.length).toBeGreaterThan(20);
  });

  // Mutation testing found these messages unread by any test: they tell the clinician what to do next.
  it('says who is already able to see the patients, and who may supervise a student or a support worker', () => {
    expect(check({ supervisee: { ...supervisee('assistant-practitioner'), name: 'Ade Assistant' } })).toEqual({
      allowed: false, rule: 'supervisee-role', path: 'staffId',
      message: 'Ade Assistant (Therapy assistant practitioner) sees the team’s patients already. Only support workers and students are added to an episode to work under supervision',
    });
    expect(check({ supervisorRole: 'assistant-practitioner', supervisee: supervisee('student') })).toEqual({
      allowed: false, rule: 'supervisor-role', path: 'staffId',
      message: 'Only a registered therapist or clinical lead (a student’s practice educator is registered) can supervise Sam Student on an episode',
    });
    expect(check({ supervisorRole: 'service-manager', supervisee: { ...supervisee('support-worker'), name: 'Sue Support' } })).toEqual({
      allowed: false, rule: 'supervisor-role', path: 'staffId',
      message: 'Only an assistant practitioner, registered therapist or clinical lead can supervise Sue Support on an episode',
    });
  });
});


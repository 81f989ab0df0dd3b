import { describe, it, expect } from 'vitest';
import type { AllocationClinician, AllocationDecision, AllocationEpisode, AllocationRule } from './allocation-competence.ts';
import { checkAllocation, mayAllocate, mayHoldEpisodes, mayTriage } from './allocation-competence.ts';
import type { Complexity, Skill } from './referral-vocabulary.ts';
import { complexities, skills } from './referral-vocabulary.ts';
import type { HomewardRole, Profession } from './staff-roles.ts';
import { homewardRoles, professions } from './staff-roles.ts';

// Every subset of the four skills an episode may need.
const skillSets: Skill[][] = Array.from({ length: 1 << skills.length }, (_, mask) => skills.filter((_, i) => mask & (1 << i)));

// The expected rule, written from the service's grades rather than from the implementation.
function expectedRule(
  role: HomewardRole,
  complexity: Complexity,
  needed: Skill[],
  profession: Profession,
  hoistCompetent: boolean,
  active: boolean,
): AllocationRule | null {
  if (!active) return 'clinician-inactive';
  const canSeePatients = ['support-worker', 'student', 'assistant-practitioner', 'registered-therapist', 'clinical-lead', 'service-manager'];
  if (!canSeePatients.includes(role)) return 'role-not-clinical';
  if (role === 'service-manager') return 'service-manager-no-caseload';
  if (role === 'support-worker') return 'support-worker-no-episodes';
  if (role === 'student') return 'student-no-episodes';
  if (role === 'assistant-practitioner' && complexity === 'complex') return 'assistant-practitioner-non-complex-only';
  const registered = role === 'registered-therapist' || role === 'clinical-lead';
  const needsOt = needed.includes('OT');
  const needsPt = needed.includes('PT');
  if (registered && (needsOt || needsPt)) {
    const ok = (needsOt && profession === 'OT') || (needsPt && profession === 'PT');
    if (!ok) return 'profession-needed';
  }
  if (needed.includes('hoist-competent') && !hoistCompetent) return 'hoist-competence-needed';
  return null;
}

type Case = [HomewardRole, Complexity, Skill[], Profession, boolean, boolean];
const cases: Case[] = [];
for (const role of homewardRoles)
  for (const complexity of complexities)
    for (const needed of skillSets)
      for (const profession of professions)
        for (const hoistCompetent of [true, false])
          for (const active of [true, false]) cases.push([role, complexity, needed, profession, hoistCompetent, active]);

function ruleOf(decision: AllocationDecision): AllocationRule | null {
  return decision.allowed ? null : decision.rule;
}

describe('checkAllocation: every role x complexity x skills needed x profession x hoist competence x active', () => {
  it('covers 8 roles x 2 complexities x 16 skill sets x 3 professions x 2 x 2', () => {
    expect(cases).toHaveLength(3072);
  });

  it.each(cases)('%s, %s, needs %j, %s, hoist %s, active %s', (role, complexity, needed, profession, hoistCompetent, active) => {
    for (const assessmentDone of [true, false]) {
      const decision = checkAllocation({
        episode: { complexity, skillsNeeded: needed, assessmentDone },
        clinician: { role, profession, skills: hoistCompetent ? ['hoist-competent'] : [], active },
      });
      expect(ruleOf(decision)).toBe(expectedRule(role, complexity, needed, profession, hoistCompetent, active));
      if (!decision.allowed) expect(decision.message).toMatch(/\. [A-Z].*\.$/); // rule, then this case's fact
    }
  });

  it('allows some allocations for each role that may hold episodes, and none for the others', () => {
    for (const role of homewardRoles) {
      const anyAllowed = cases.some((c) => c[0] === role && expectedRule(...c) === null);
      expect(anyAllowed).toBe(mayHoldEpisodes(role));
    }
  });
});

const ap: AllocationClinician = { role: 'assistant-practitioner', profession: 'none', skills: [], active: true };
const ot: AllocationClinician = { role: 'registered-therapist', profession: 'OT', skills: ['hoist-competent'], active: true };
const pt: AllocationClinician = { role: 'registered-therapist', profession: 'PT', skills: [], active: true };
const mrsB: AllocationEpisode = { complexity: 'non-complex', skillsNeeded: ['OT'], assessmentDone: false };
const complexStroke: AllocationEpisode = { complexity: 'complex', skillsNeeded: ['PT', 'OT'], assessmentDone: false };

describe('checkAllocation: the story and its messages', () => {
  it.each<[string, AllocationEpisode, AllocationClinician, AllocationDecision]>([
    ['Mrs B (non-complex, needs OT) to an assistant practitioner', mrsB, ap, { allowed: true }],
    [
      'a complex stroke patient to the assistant practitioner',
      complexStroke,
      ap,
      {
        allowed: false,
        rule: 'assistant-practitioner-non-complex-only',
        message: 'Assistant practitioners can only hold non-complex episodes. This episode is complex.',
      },
    ],
    ['a complex stroke patient needing OT and PT to a physiotherapist', complexStroke, pt, { allowed: true }],
    [
      'an OT episode to a physiotherapist',
      mrsB,
      pt,
      {
        allowed: false,
        rule: 'profession-needed',
        message: 'Episodes that need occupational therapy must be held by an occupational therapist. This clinician is a physiotherapist.',
      },
    ],
    [
      'a hoisting episode to a physiotherapist who is not hoist competent',
      { complexity: 'non-complex', skillsNeeded: ['PT', 'hoist-competent', 'two-person'], assessmentDone: true },
      pt,
      {
        allowed: false,
        rule: 'hoist-competence-needed',
        message:
          'Episodes that need hoisting must be held by someone who is hoist competent. This clinician has no current hoist competence: none is signed off, or it has expired.',
      },
    ],
    [
      'an episode to a support worker before assessment',
      mrsB,
      { ...ap, role: 'support-worker' },
      {
        allowed: false,
        rule: 'support-worker-no-episodes',
        message:
          'Therapy support workers do not hold episodes of care or carry out assessments. This episode still needs its first assessment.',
      },
    ],
    [
      'an episode to a support worker after assessment',
      { ...mrsB, assessmentDone: true },
      { ...ap, role: 'support-worker' },
      {
        allowed: false,
        rule: 'support-worker-no-episodes',
        message: 'Therapy support workers do not hold episodes of care. They carry out tasks delegated by the clinician who holds it.',
      },
    ],
    [
      'an episode to a student on placement, even one training as an OT',
      mrsB,
      { ...ot, role: 'student' },
      {
        allowed: false,
        rule: 'student-no-episodes',
        message: 'Therapy students on placement do not hold episodes of care. They see patients under the supervision of their practice educator, who holds the episode.',
      },
    ],
    [
      'an episode to a service manager',
      mrsB,
      { ...ot, role: 'service-manager' },
      { allowed: false, rule: 'service-manager-no-caseload', message: 'Service managers do not hold a caseload. Allocate the episode to a clinician.' },
    ],
    [
      'an episode to an administrator',
      mrsB,
      { ...ap, role: 'administrator' },
      { allowed: false, rule: 'role-not-clinical', message: 'Only clinical staff can hold episodes of care. Administrators do not see patients.' },
    ],
    [
      'an episode to an OT who has left',
      mrsB,
      { ...ot, active: false },
      { allowed: false, rule: 'clinician-inactive', message: 'Only active staff can be allocated episodes. This person’s account is not active.' },
    ],
    [
      'a PT episode to a clinical lead with no registration recorded',
      { complexity: 'complex', skillsNeeded: ['PT'], assessmentDone: true },
      { role: 'clinical-lead', profession: 'none', skills: [], active: true },
      {
        allowed: false,
        rule: 'profession-needed',
        message: 'Episodes that need physiotherapy must be held by a physiotherapist. This clinician has no professional registration recorded.',
      },
    ],
    [
      'an OT and PT episode to an unregistered clinical lead names both',
      complexStroke,
      { role: 'clinical-lead', profession: 'none', skills: [], active: true },
      {
        allowed: false,
        rule: 'profession-needed',
        message:
          'Episodes that need occupational therapy and physiotherapy must be held by an occupational therapist or a physiotherapist. This clinician has no professional registration recorded.',
      },
    ],
    [
      'OT listed among a PT’s skills does not make them an OT',
      mrsB,
      { ...pt, skills: ['OT'] },
      {
        allowed: false,
        rule: 'profession-needed',
        message: 'Episodes that need occupational therapy must be held by an occupational therapist. This clinician is a physiotherapist.',
      },
    ],
  ])('%s', (_story, episode, clinician, expected) => {
    expect(checkAllocation({ episode, clinician })).toEqual(expected);
  });
});

describe('mayTriage, mayAllocate and mayHoldEpisodes by role', () => {
  const expected: Record<HomewardRole, [boolean, boolean, boolean]> = {
    'support-worker': [false, false, false],
    student: [false, false, false],
    'assistant-practitioner': [false, false, true],
    'registered-therapist': [true, true, true],
    'clinical-lead': [true, true, true],
    'service-manager': [false, false, false],
    administrator: [false, false, false],
    'privacy-officer': [false, false, false],
  };
  it.each(homewardRoles)('%s', (role) => {
    expect([mayTriage(role), mayAllocate(role), mayHoldEpisodes(role)]).toEqual(expected[role]);
  });
});

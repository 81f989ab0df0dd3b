// Who may hold an episode of care: allocation within competence, and who may triage and allocate.
//
// Decisions (service.md grades):
//  - Registered therapists and clinical leads hold episodes of their own profession: an episode needing
//    'OT' goes to an occupational therapist, 'PT' to a physiotherapist. An episode needing both is worked
//    jointly, so its holder must be one of the two.
//  - Assistant practitioners hold non-complex episodes only. They are not registered (profession 'none'),
//    and may hold a non-complex episode needing OT or PT because a registered therapist of that profession
//    has triaged it and supervises them.
//  - Support workers never hold an episode or an assessment; they receive delegated tasks (a later record).
//  - Students on placement never hold an episode: they see patients with their practice educator, who
//    holds it and reviews their notes.
//  - Service managers manage the service and do not hold caseloads; administrators and privacy officers are
//    not clinical.
//  - 'hoist-competent' must be among the skills the holder holds on the day (a signed-off competence counts
//    until its expiry: people/competence-currency.ts's heldSkills). 'two-person' is a visit need met when visits
//    are planned, so it does not restrict who holds the episode.
//  - Inactive staff cannot be allocated anything.
// The first rule broken is the one reported, in the order above from the most basic (inactive) down.
import type { Complexity, Skill } from './referral-vocabulary.ts';
import type { HomewardRole, Profession } from './staff-roles.ts';
import { homewardRoleLabels } from './staff-roles.ts';

export type AllocationEpisode = {
  complexity: Complexity;
  skillsNeeded: readonly Skill[];
  /** Whether the first assessment has been done; it changes what a support worker is told, never the answer. */
  assessmentDone: boolean;
};

export type AllocationClinician = {
  role: HomewardRole;
  profession: Profession;
  /** Competences held, e.g. 'hoist-competent'. 'OT' and 'PT' here are ignored: profession decides. */
  skills: readonly Skill[];
  active: boolean;
};

export const allocationRules = [
  'clinician-inactive',
  'role-not-clinical',
  'service-manager-no-caseload',
  'support-worker-no-episodes',
  'student-no-episodes',
  'assistant-practitioner-non-complex-only',
  'profession-needed',
  'hoist-competence-needed',
] as const;
export type AllocationRule = (typeof allocationRules)[number];

export type AllocationDecision = { allowed: true } | { allowed: false; rule: AllocationRule; message: string };

const professionSkills = ['OT', 'PT'] as const;
const professionNames: Record<(typeof professionSkills)[number], string> = {
  OT: 'an occupational therapist',
  PT: 'a physiotherapist',
};
const therapyNames: Record<(typeof professionSkills)[number], string> = {
  OT: 'occupational therapy',
  PT: 'physiotherapy',
};

function refuse(rule: AllocationRule, message: string): AllocationDecision {
  return { allowed: false, rule, message };
}

export type CheckAllocationInput = { episode: AllocationEpisode; clinician: AllocationClinician };

export function checkAllocation(input: CheckAllocationInput): AllocationDecision {
  const { episode, clinician } = input;
  const { role } = clinician;

  if (!clinician.active) {
    return refuse('clinician-inactive', 'Only active staff can be allocated episodes. This person’s account is not active.');
  }
  if (role === 'administrator' || role === 'privacy-officer') {
    return refuse(
      'role-not-clinical',
      `Only clinical staff can hold episodes of care. ${homewardRoleLabels[role]}s do not see patients.`,
    );
  }
  if (role === 'service-manager') {
    return refuse('service-manager-no-caseload', 'Service managers do not hold a caseload. Allocate the episode to a clinician.');
  }
  if (role === 'support-worker') {
    return refuse(
      'support-worker-no-episodes',
      episode.assessmentDone
        ? 'Therapy support workers do not hold episodes of care. They carry out tasks delegated by the clinician who holds it.'
        : 'Therapy support workers do not hold episodes of care or carry out assessments. This episode still needs its first assessment.',
    );
  }
  if (role === 'student') {
    return refuse(
      'student-no-episodes',
      'Therapy students on placement do not hold episodes of care. They see patients under the supervision of their practice educator, who holds the episode.',
    );
  }
  if (role === 'assistant-practitioner' && episode.complexity === 'complex') {
    return refuse(
      'assistant-practitioner-non-complex-only',
      'Assistant practitioners can only hold non-complex episodes. This episode is complex.',
    );
  }

  if (role === 'registered-therapist' || role === 'clinical-lead') {
    const needed = professionSkills.filter((skill) => episode.skillsNeeded.includes(skill));
    const matches = needed.length === 0 || needed.some((skill) => skill === clinician.profession);
    if (!matches) {
      const who = needed.map((skill) => professionNames[skill]).join(' or ');
      const what = needed.map((skill) => therapyNames[skill]).join(' and ');
      const is =
        clinician.profession === 'none'
          ? 'This clinician has no professional registration recorded.'
          : `This clinician is ${professionNames[clinician.profession]}.`;
      return refuse('profession-needed', `Episodes that need ${what} must be held by ${who}. ${is}`);
    }
  }

  if (episode.skillsNeeded.includes('hoist-competent') && !clinician.skills.includes('hoist-competent')) {
    return refuse(
      'hoist-competence-needed',
      'Episodes that need hoisting must be held by someone who is hoist competent. This clinician has no current hoist competence: none is signed off, or it has expired.',
    );
  }
  return { allowed: true };
}

/** Triage sets complexity and priority, which needs a registered therapist's judgement. */
export function mayTriage(role: HomewardRole): boolean {
  return role === 'registered-therapist' || role === 'clinical-lead';
}

/** Allocation matches patients to competence; clinical leads do it, and registered therapists may too. */
export function mayAllocate(role: HomewardRole): boolean {
  return role === 'registered-therapist' || role === 'clinical-lead';
}

/** Roles that can ever hold an episode (before complexity, profession and skills are considered). */
export function mayHoldEpisodes(role: HomewardRole): boolean {
  return role === 'assistant-practitioner' || role === 'registered-therapist' || role === 'clinical-lead';
}

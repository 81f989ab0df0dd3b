// A visit needing a profession (triage's 'OT' or 'PT' on the episode) is met the way allocation meets it
// (allocation-competence.ts): a registered therapist or clinical lead by their own profession; an
// assistant practitioner, unregistered, for either, since they carry non-complex patients of both under
// a registered therapist (complex visits also ask for a registered therapist, which they are not);
// support workers and students by neither (delegated tasks, or seeing patients with their educator).
// No one holds 'OT' or 'PT' as a skill on their record: profession decides, as in allocation.
import type { HomewardRole } from '../staff-roles.ts';

export const professionVisitSkills = ['OT', 'PT'] as const;
const isProfession = (skill: string): boolean => (professionVisitSkills as readonly string[]).includes(skill);

/** The profession needs this member of staff can meet on a visit. */
export function professionsMetOnVisits(o: { role: HomewardRole; profession: string }): string[] {
  if (o.role === 'registered-therapist' || o.role === 'clinical-lead') return isProfession(o.profession) ? [o.profession] : [];
  if (o.role === 'assistant-practitioner') return [...professionVisitSkills];
  return [];
}

/**
 * What the lead visitor must hold: the visit's skills, where a need for both OT and PT is a joint
 * episode that either profession may visit (a planner needs every skill listed, so both are dropped).
 */
export function leadVisitorSkills(skills: readonly string[]): string[] {
  const both = professionVisitSkills.every((p) => skills.includes(p));
  return both ? skills.filter((s) => !isProfession(s)) : [...skills];
}

/** What the second of two staff must hold: the visit's skills but a profession (the pair's lead brings it). */
export function secondVisitorSkills(skills: readonly string[]): string[] {
  return skills.filter((s) => !isProfession(s));
}

// Competences for every role (issue 16 #2): which competences Homeward records, who may hold one, and
// when a recorded one still counts. One rule, so allocation, delegation and the visit planner agree.
//
// Decisions:
//  - A competence counts while it is not withdrawn and its expiry date has not passed: it still counts ON
//    its expiry day (as a due date is due, not overdue, on the day), and no longer the day after.
//  - Staff records keep an older list of skills ('hoist-competent') from before competences were signed
//    off with evidence. Such a listed skill still counts until a competence for it is recorded; from then
//    on the recorded competence decides (its withdrawal or expiry takes the skill away).
//  - Any member of staff who sees patients may hold a competence; support workers' delegated activities
//    were the first, and still matter only to delegation.
import { addCalendarDays } from '../episode-dates.ts';
import { delegableCompetenceLabels, isDelegableCompetence } from '../record/programme-of-care.ts';
import type { HomewardRole } from '../staff-roles.ts';

/** Competences every clinical role may hold (a skill a visit or an episode can need), beyond delegated activities. */
export const clinicalCompetenceLabels = {
  'hoist-competent': 'Hoist transfers (moving and handling with a hoist)',
} as const;
export type ClinicalCompetence = keyof typeof clinicalCompetenceLabels;

export const recordableCompetenceLabels: Record<string, string> = { ...clinicalCompetenceLabels, ...delegableCompetenceLabels };

export function isRecordableCompetence(value: string): boolean {
  return Object.hasOwn(clinicalCompetenceLabels, value) || isDelegableCompetence(value);
}

/** The label shown for a stored competence id (an id the vocabulary no longer has is shown as stored). */
export function recordableCompetenceLabel(value: string): string {
  return Object.hasOwn(recordableCompetenceLabels, value) ? recordableCompetenceLabels[value]! : value;
}

/** Who holds recorded competences: everyone who sees patients. */
export function mayHoldCompetences(role: HomewardRole): boolean {
  return role === 'support-worker' || role === 'assistant-practitioner' || role === 'registered-therapist' || role === 'clinical-lead' || role === 'student';
}

export type RecordedCompetence = { competence: string; withdrawn: boolean; expiresOn: string | null };

/** Not withdrawn, and on or before its expiry day. */
export function competenceCounts(c: Omit<RecordedCompetence, 'competence'>, onDay: string): boolean {
  return !c.withdrawn && (c.expiresOn === null || onDay <= c.expiresOn);
}

export type HeldSkillsOptions = {
  /** The staff record's older list of skills. */
  listed: readonly string[];
  recorded: readonly RecordedCompetence[];
  /** 'YYYY-MM-DD' the skill is needed on. */
  onDay: string;
};

/** What a person holds on a day: their current recorded competences, and any listed skill never recorded. */
export function heldSkills(o: HeldSkillsOptions): string[] {
  const recordedIds = new Set(o.recorded.map((c) => c.competence));
  const held = new Set(o.listed.filter((s) => !recordedIds.has(s)));
  for (const c of o.recorded) if (competenceCounts(c, o.onDay)) held.add(c.competence);
  return [...held].sort();
}

/** The longest a sign-off may run before it is assessed again. */
export const maxCompetenceYears = 5;

/** Why an expiry date cannot be taken, or null. Days are 'YYYY-MM-DD'. */
export function competenceExpiryProblem(o: { assessedOn: string; expiresOn: string | null }): string | null {
  if (o.expiresOn === null) return null;
  if (o.expiresOn <= o.assessedOn) return 'The expiry date must be after the date they were assessed';
  if (o.expiresOn > addCalendarDays(o.assessedOn, 366 * maxCompetenceYears)) return `The expiry date must be within ${maxCompetenceYears} years of the date they were assessed`;
  return null;
}

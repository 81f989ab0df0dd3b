// Whether a clinician has a legitimate relationship with a patient: the rule, given facts the server
// reads from the database in one query. Outside a relationship the record opens only by break-glass.
//
// Decisions:
//  - A team cares for a patient while a referral to it waits for triage, while an episode of care with
//    it is open, and for 90 days after that episode's discharge (follow-up calls, late entries, letters
//    and the GP's questions arrive in the weeks after discharge; NHS teams close the record to routine
//    access after a defined period). After that, break-glass.
//  - A team that registers a patient in the index cares for them while it makes the referral: for 7
//    days from registration, and only until it has made a referral for them (from then on the referral
//    and its episode decide). A patient registered and never referred is not in the team's care.
//  - Registered staff of the team see every patient in its care: assistant practitioners, registered
//    therapists, clinical leads, and service managers, who are accountable for the service.
//  - Support workers and students work under delegation and supervision, so they see only the patients
//    they work with: on an episode of their team that is open (or in its follow-up period), they are
//    allocated it, hold an active delegated programme activity on it, are recorded as supervised on it,
//    or have written a note on it; or they registered the patient themselves (the 7 days as above).
import { addCalendarDays, ukDateOf } from './episode-dates.ts';
import type { HomewardRole } from './staff-roles.ts';

/** Days after an episode's discharge date during which the team keeps its relationship. */
export const followUpDaysAfterDischarge = 90;

/** Days after a team registers a patient during which it may see them without a referral. */
export const registrationRelationshipDays = 7;

/** The roles that see every patient in their team's care. */
export const teamWideAccessRoles: readonly HomewardRole[] = ['assistant-practitioner', 'registered-therapist', 'clinical-lead', 'service-manager'];

/** The roles that see only the patients they work with: delegated, allocated or supervised work. */
export const ownWorkAccessRoles: readonly HomewardRole[] = ['support-worker', 'student'];

export function hasTeamWideAccess(role: HomewardRole): boolean {
  return teamWideAccessRoles.includes(role);
}

/** Care facts, for the clinician's team or for the clinician's own work on the team's episodes. */
export type CareFacts = {
  /** A referral waiting for triage, or an episode not yet discharged. */
  openCare: boolean;
  /** The latest discharge date (yyyy-mm-dd, UK) of the discharged episodes that count, if any. */
  lastDischargedOn: string | null;
  /** When the patient was registered (by the team, or by the clinician), if no referral to the team has been made since. */
  registeredAt: Date | null;
};

export type CareRelationshipInput = {
  role: HomewardRole;
  /** What the clinician's team does for the patient. */
  team: CareFacts;
  /** What the clinician does themselves on the team's episodes (allocated, delegated, supervised, a note). */
  own: CareFacts;
  now: Date;
};

export type CareRelationshipBasis = 'in-care' | 'follow-up' | 'registering';
export type CareRelationship = { hasRelationship: true; through: CareRelationshipBasis } | { hasRelationship: false };

/** The last UK calendar day on which a team still has its relationship after a discharge on this date. */
export function followUpEndsOn(dischargedOn: string): string {
  return addCalendarDays(dischargedOn, followUpDaysAfterDischarge);
}

/**
 * The earliest discharge date (yyyy-mm-dd) still in its follow-up period at `now`: lists of the team's
 * patients (notes awaiting review, decided referrals) leave out what is older, as the record does.
 */
export function earliestDischargeInFollowUp(now: Date): string {
  return addCalendarDays(ukDateOf(now), -followUpDaysAfterDischarge);
}

/** Whether a registration at `registeredAt` still gives its relationship at `now`. */
export function registrationStillCounts(registeredAt: Date, now: Date): boolean {
  return now.getTime() < registeredAt.getTime() + registrationRelationshipDays * 86_400_000;
}

function fromFacts(facts: CareFacts, now: Date): CareRelationship {
  if (facts.openCare) return { hasRelationship: true, through: 'in-care' };
  if (facts.lastDischargedOn !== null && ukDateOf(now) <= followUpEndsOn(facts.lastDischargedOn)) return { hasRelationship: true, through: 'follow-up' };
  if (facts.registeredAt !== null && registrationStillCounts(facts.registeredAt, now)) return { hasRelationship: true, through: 'registering' };
  return { hasRelationship: false };
}

export function decideCareRelationship(input: CareRelationshipInput): CareRelationship {
  if (hasTeamWideAccess(input.role)) return fromFacts(input.team, input.now);
  if (ownWorkAccessRoles.includes(input.role)) return fromFacts(input.own, input.now);
  return { hasRelationship: false };
}

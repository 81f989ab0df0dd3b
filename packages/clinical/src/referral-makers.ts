// Who may make (record) a referral to their team. A referral brings a patient into the team's care and
// so opens their record to the whole team: recording one is accountable work, done by assistant
// practitioners, registered therapists, clinical leads and service managers. Support workers and
// students work under delegation and supervision on patients already in the team's care, so they do
// not take referrals; they pass what they hear to a registered colleague.
import type { HomewardRole } from './staff-roles.ts';

export const referralMakerRoles: readonly HomewardRole[] = ['assistant-practitioner', 'registered-therapist', 'clinical-lead', 'service-manager'];

export function mayMakeReferrals(role: HomewardRole): boolean {
  return referralMakerRoles.includes(role);
}

// Who may find, read and change a patient's record: a legitimate relationship, or break glass. Whether
// a relationship exists is care-relationship.ts; this decides what it allows, action by action, and
// what a team sees of another team's episodes of care.
import type { HomewardRole } from './staff-roles.ts';
import { homewardRoleLabels, isClinicalRole } from './staff-roles.ts';
import { mayMakeReferrals } from './referral-makers.ts';

export const patientActions = ['search', 'read', 'write', 'register', 'refer', 'break-glass'] as const;
export type PatientAction = (typeof patientActions)[number];

export type AccessScope = 'full' | 'summary' | 'find-only';
export type AccessBasis = 'relationship' | 'break-glass' | 'search';
export type AccessRule = 'role-not-clinical' | 'no-relationship' | 'already-has-access' | 'other-team-episode' | 'role-may-not-refer';

export type AccessDecision =
  | { allowed: true; scope: AccessScope; basis: AccessBasis }
  | { allowed: false; rule: AccessRule; message: string };

/**
 * What a team sees of another team's episode of care through its own relationship with the patient:
 * the summary NHS teams share on a transfer of care. The episode's header (team, service, dates,
 * outcome), its discharge summary once final, and the letters sent. Notes, assessments, goals,
 * programmes, reviews, consent, the timeline and the other team's referral need break-glass.
 */
export const episodeSummaryKinds = ['episode', 'discharge-summary', 'letter'] as const;

export function isEpisodeSummaryKind(kind: string): boolean {
  return (episodeSummaryKinds as readonly string[]).includes(kind);
}

/** The episode (or another team-owned record: a referral) that an episode-scoped read or write is about. */
export type EpisodeContext = {
  /** Whether the episode belongs to the clinician's own team. */
  ownTeam: boolean;
  /** What is read or written: 'episode', 'contact-note', 'discharge-summary', 'referral' and so on. */
  recordKind: string;
};

export type PatientAccessInput = {
  role: HomewardRole;
  action: PatientAction;
  hasRelationship: boolean;
  hasActiveBreakGlass: boolean;
  /** For reads and writes of one episode's record; absent for the patient's own details. */
  episode?: EpisodeContext;
  /**
   * Whether the patient has episodes with other teams (which a relationship shows only in summary), so
   * break-glass still opens something for a clinician who has a relationship.
   */
  hasOtherTeamEpisodes?: boolean;
};

/** What a find-only search result may show: enough to tell patients apart, nothing clinical. */
export const findOnlyFields = ['givenName', 'familyName', 'dateOfBirth', 'nhsNumber', 'postcodeDistrict'] as const;

function refuseNonClinical(role: HomewardRole): AccessDecision {
  // Administrators manage accounts; privacy officers use audit views, which are authorised elsewhere.
  const why =
    role === 'administrator'
      ? 'Administrators manage accounts and cannot see patient records'
      : role === 'privacy-officer'
        ? 'Privacy officers review access through the audit views, not patient records'
        : `${homewardRoleLabels[role]}s cannot see patient records`;
  return { allowed: false, rule: 'role-not-clinical', message: why };
}

const noRelationshipMessages: Record<'read' | 'write' | 'refer', string> = {
  read: 'You can only see the records of patients your team cares for. To see this record, use emergency access and give a reason.',
  write: 'You can only change the records of patients your team cares for. To change this record, use emergency access and give a reason.',
  refer:
    'You can only make a referral for a patient whose record you can already see: one your team cares for, or one you are registering now. If a referral for this patient has reached your team, use emergency access and give the reason first.',
};

export const otherTeamEpisodeMessage =
  'This is another team’s episode of care. Your team sees its summary: the team, service and dates, the outcome, the final discharge summary and the letters sent. To see or add to the rest, use emergency access and give a reason.';

function decideEpisodeAccess(action: 'read' | 'write', input: PatientAccessInput, episode: EpisodeContext): AccessDecision {
  if (input.hasActiveBreakGlass && !(episode.ownTeam && input.hasRelationship)) return { allowed: true, scope: 'full', basis: 'break-glass' };
  if (!input.hasRelationship) return { allowed: false, rule: 'no-relationship', message: noRelationshipMessages[action] };
  if (episode.ownTeam) return { allowed: true, scope: 'full', basis: 'relationship' };
  if (action === 'read' && isEpisodeSummaryKind(episode.recordKind)) return { allowed: true, scope: 'summary', basis: 'relationship' };
  return { allowed: false, rule: 'other-team-episode', message: otherTeamEpisodeMessage };
}

export function decidePatientAccess(input: PatientAccessInput): AccessDecision {
  const { role, action, hasRelationship, hasActiveBreakGlass } = input;
  if (!isClinicalRole(role)) return refuseNonClinical(role);

  const basis: AccessBasis | null = hasRelationship ? 'relationship' : hasActiveBreakGlass ? 'break-glass' : null;
  switch (action) {
    case 'search':
      // Anyone clinical may find a patient, so they can be referred or break glass; details need a basis.
      return { allowed: true, scope: basis === null ? 'find-only' : 'full', basis: basis ?? 'search' };
    case 'register':
      return { allowed: true, scope: 'full', basis: 'relationship' };
    case 'refer':
      // A referral opens the record to the whole team, so only someone who may already see it makes one.
      if (!mayMakeReferrals(role)) {
        return {
          allowed: false,
          rule: 'role-may-not-refer',
          message: `${homewardRoleLabels[role]}s do not take referrals: a referral brings the patient into the team’s care. Pass the referral to a registered colleague.`,
        };
      }
      if (basis === null) return { allowed: false, rule: 'no-relationship', message: noRelationshipMessages.refer };
      return { allowed: true, scope: 'full', basis };
    case 'read':
    case 'write':
      if (input.episode) return decideEpisodeAccess(action, input, input.episode);
      if (basis === null) return { allowed: false, rule: 'no-relationship', message: noRelationshipMessages[action] };
      return { allowed: true, scope: 'full', basis };
    case 'break-glass':
      if (hasRelationship && !input.hasOtherTeamEpisodes) {
        return {
          allowed: false,
          rule: 'already-has-access',
          message: 'You already have access to this record because your team cares for this patient',
        };
      }
      return { allowed: true, scope: 'full', basis: 'break-glass' };
  }
}

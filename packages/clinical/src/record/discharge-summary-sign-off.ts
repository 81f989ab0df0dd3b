// Who may finalise an episode's discharge summary. The draft is the episode's, not one person's: it is
// drafted from the whole team's record, and anyone who may write discharge summaries (assistant
// practitioners, registered therapists, clinical leads) may edit it, each edit stamped and audited.
// Finalising signs off the discharge and releases the letters, so it needs the clinician who holds the
// episode, or a registered therapist or clinical lead of its team: an assistant practitioner may sign
// off only an episode they hold (which is non-complex), never a colleague's.
import type { HomewardRole } from '../staff-roles.ts';
import { mayWriteDischargeSummary } from './discharge-summary.ts';

export const dischargeSignOffRules = ['role-does-not-write-discharge-summaries', 'not-the-episodes-clinician'] as const;
export type DischargeSignOffRule = (typeof dischargeSignOffRules)[number];

export type DischargeSignOffDecision = { allowed: true } | { allowed: false; rule: DischargeSignOffRule; message: string };

export type MayFinaliseDischargeSummaryOptions = {
  actor: { staffId: string; role: HomewardRole; teamId: string | null };
  episode: { teamId: string; /** Who holds the episode (episodes.allocated_to), if anyone. */ holderId: string | null };
};

/** Registered clinicians sign off any discharge in their team (they supervise the caseload). */
function signsOffTeamDischarges(role: HomewardRole): boolean {
  return role === 'registered-therapist' || role === 'clinical-lead';
}

export function mayFinaliseDischargeSummary(o: MayFinaliseDischargeSummaryOptions): DischargeSignOffDecision {
  const { actor, episode } = o;
  if (!mayWriteDischargeSummary(actor.role)) {
    return {
      allowed: false,
      rule: 'role-does-not-write-discharge-summaries',
      message: 'Only an assistant practitioner, registered therapist or clinical lead can write the discharge summary or produce its letters. Ask the clinician who holds the episode.',
    };
  }
  if (episode.holderId !== null && actor.staffId === episode.holderId) return { allowed: true };
  if (signsOffTeamDischarges(actor.role) && actor.teamId === episode.teamId) return { allowed: true };
  return {
    allowed: false,
    rule: 'not-the-episodes-clinician',
    message: 'Only the clinician who holds this episode, or a registered therapist or clinical lead of its team, can finalise the discharge summary: finalising signs off the discharge. You can still edit the draft.',
  };
}

// A support worker or student working on an episode under supervision: a registered colleague records
// "works on this episode with me", which gives them the relationship to the patient that their role
// does not give on its own (care-relationship.ts). The supervisor is whoever may review their notes: a
// support worker's work an assistant practitioner, registered therapist or clinical lead; a student's
// a registered therapist or clinical lead (the practice educator is registered). The first rule broken
// is the one reported, with the field at fault.
import { mayReviewNote } from './record/contact-note.ts';
import type { HomewardRole } from './staff-roles.ts';
import { homewardRoleLabels } from './staff-roles.ts';
import { ownWorkAccessRoles } from './care-relationship.ts';

export const supervisionRules = ['episode-discharged', 'supervisee-needed', 'supervisee-inactive', 'supervisee-other-team', 'supervisee-role', 'supervisor-role'] as const;
export type SupervisionRule = (typeof supervisionRules)[number];

export type SupervisionDecision = { allowed: true } | { allowed: false; rule: SupervisionRule; path: string; message: string };

export type CheckSupervisionOptions = {
  supervisorRole: HomewardRole;
  /** The member of staff to be supervised; null when none was chosen or found. */
  supervisee: { name: string; role: HomewardRole; active: boolean; inEpisodeTeam: boolean } | null;
  episodeDischarged: boolean;
};

/** Whether this role is ever supervised on an episode (the roles whose access comes from their own work). */
export function isSupervisedRole(role: HomewardRole): boolean {
  return ownWorkAccessRoles.includes(role);
}

/** Whether this role supervises anyone on an episode at all (for showing the form). */
export function maySupervise(role: HomewardRole): boolean {
  return ownWorkAccessRoles.some((author) => mayReviewNote({ reviewer: role, author }));
}

function refuse(rule: SupervisionRule, path: string, message: string): SupervisionDecision {
  return { allowed: false, rule, path, message };
}

export function checkSupervision(o: CheckSupervisionOptions): SupervisionDecision {
  if (o.episodeDischarged) return refuse('episode-discharged', 'staffId', 'This episode has been discharged, so nobody new can start working on it');
  const s = o.supervisee;
  if (!s) return refuse('supervisee-needed', 'staffId', 'Choose the support worker or student who works on this episode with you');
  if (!s.active) return refuse('supervisee-inactive', 'staffId', `${s.name} no longer works in Homeward. Choose someone else`);
  if (!s.inEpisodeTeam) return refuse('supervisee-other-team', 'staffId', `${s.name} is not in the team caring for this patient. Choose someone from the patient’s team`);
  if (!isSupervisedRole(s.role)) {
    return refuse('supervisee-role', 'staffId', `${s.name} (${homewardRoleLabels[s.role]}) sees the team’s patients already. Only support workers and students are added to an episode to work under supervision`);
  }
  if (!mayReviewNote({ reviewer: o.supervisorRole, author: s.role })) {
    const who = s.role === 'student' ? 'a registered therapist or clinical lead (a student’s practice educator is registered)' : 'an assistant practitioner, registered therapist or clinical lead';
    return refuse('supervisor-role', 'staffId', `Only ${who} can supervise ${s.name} on an episode`);
  }
  return { allowed: true };
}

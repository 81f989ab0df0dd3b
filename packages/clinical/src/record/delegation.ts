// Who may deliver an activity in a programme of care. Delegation to a therapy support worker (Band 3:
// delegated tasks only) needs their current recorded competence for exactly that activity, recorded by a
// registered therapist; assistant practitioners and registered therapists deliver within their own
// practice and need no record. A carer or agency is named, so the sheet and the logs say who helps.
// The first rule broken is the one reported, with the field at fault.
import type { HomewardRole } from '../staff-roles.ts';
import { homewardRoleLabels } from '../staff-roles.ts';
import { competenceLabel, isDelegableCompetence, mayDeliverActivities, type ProgrammeDelivererKind } from './programme-of-care.ts';

export const delegationRules = [
  'competence-unknown',
  'deliverer-staff-needed',
  'deliverer-inactive',
  'deliverer-other-team',
  'deliverer-role-cannot-deliver',
  'competence-not-named',
  'competence-not-recorded',
  'deliverer-name-needed',
] as const;
export type DelegationRule = (typeof delegationRules)[number];

export type DelegationDecision = { allowed: true } | { allowed: false; rule: DelegationRule; path: string; message: string };

export type DelegationStaff = {
  name: string;
  role: HomewardRole;
  active: boolean;
  /** Whether they work in the team that holds the episode. */
  inEpisodeTeam: boolean;
};

export type CheckDelegationOptions = {
  delivererKind: ProgrammeDelivererKind;
  /** The member of staff chosen, for a staff deliverer; null when none was chosen or found. */
  staff: DelegationStaff | null;
  /** The carer's or agency's name. */
  delivererName: string | null;
  /** The competence the activity needs (a delegableCompetences id), or null. */
  competence: string | null;
  /** The staff member's current (not withdrawn) recorded competences. */
  competencesHeld: readonly string[];
};

function refuse(rule: DelegationRule, path: string, message: string): DelegationDecision {
  return { allowed: false, rule, path, message };
}

export function checkDelegation(o: CheckDelegationOptions): DelegationDecision {
  if (o.competence !== null && !isDelegableCompetence(o.competence)) {
    return refuse('competence-unknown', 'competence', `${o.competence || 'That'} is not a competence Homeward records. Choose one from the list`);
  }
  if (o.delivererKind === 'staff') {
    const staff = o.staff;
    if (!staff) return refuse('deliverer-staff-needed', 'delivererStaffId', 'Choose the member of staff who delivers this activity');
    if (!staff.active) return refuse('deliverer-inactive', 'delivererStaffId', `${staff.name} no longer works in Homeward. Choose someone else`);
    if (!staff.inEpisodeTeam) return refuse('deliverer-other-team', 'delivererStaffId', `${staff.name} is not in the team caring for this patient. Choose someone from the patient’s team`);
    if (!mayDeliverActivities(staff.role)) {
      return refuse('deliverer-role-cannot-deliver', 'delivererStaffId', `${staff.name} (${homewardRoleLabels[staff.role]}) does not deliver programme activities. Choose a support worker, assistant practitioner or therapist`);
    }
    if (staff.role === 'support-worker') {
      if (o.competence === null) {
        return refuse('competence-not-named', 'competence', `Choose the competence this activity needs: ${staff.name} is a support worker, and work is delegated to a support worker only within a recorded competence`);
      }
      if (!o.competencesHeld.includes(o.competence)) {
        return refuse(
          'competence-not-recorded',
          'delivererStaffId',
          `${staff.name} has no current recorded competence for ${competenceLabel(o.competence).toLowerCase()}. A registered therapist or clinical lead must assess them and record it on the staff competences page before this activity can be delegated to them`,
        );
      }
    }
    return { allowed: true };
  }
  if ((o.delivererKind === 'carer' || o.delivererKind === 'agency') && !o.delivererName?.trim()) {
    return refuse(
      'deliverer-name-needed',
      'delivererName',
      o.delivererKind === 'carer' ? 'Enter the name of the carer who helps, for example Sarah (daughter)' : 'Enter the name of the care agency',
    );
  }
  return { allowed: true };
}

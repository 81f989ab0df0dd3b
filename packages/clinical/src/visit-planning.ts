// Who plans the team's visit day (issue 13): its clinical lead and service manager. The plan names the
// team's patients and says where each clinician will be; everyone else sees their own run sheet.
import type { HomewardRole } from './staff-roles.ts';

export const visitPlanningRoles: readonly HomewardRole[] = ['clinical-lead', 'service-manager'];

export function mayPlanVisits(role: HomewardRole): boolean {
  return visitPlanningRoles.includes(role);
}

// Who sees what in the reports. Reports are for the roles that see the whole team's work (assistant
// practitioners, registered therapists, clinical leads, service managers), of their own team; the
// service manager may look across every team. A breakdown by clinician is a judgement on people's work,
// so, as with staff records, only the clinical lead and the service manager see everyone's row; others
// see the team's figures and their own row.
import { hasTeamWideAccess } from '../care-relationship.ts';
import type { HomewardRole } from '../staff-roles.ts';

export function maySeeReports(role: HomewardRole): boolean {
  return hasTeamWideAccess(role);
}

export function maySeeEveryTeamsReports(role: HomewardRole): boolean {
  return role === 'service-manager';
}

export function maySeeClinicianRow(o: { role: HomewardRole; staffId: string; rowStaffId: string }): boolean {
  return o.role === 'clinical-lead' || o.role === 'service-manager' || o.staffId === o.rowStaffId;
}

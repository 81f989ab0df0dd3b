// Who may read the staff directory over FHIR (Practitioner, PractitionerRole, Organization): any member
// of staff signed in, as every page already names the staff and teams involved. It is not patient data,
// so reads are not audited against a patient. Nobody's email, band, hours or password is included.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { findStaffAccount, listStaffAccounts, listTeams, type StaffAccount, type Team } from '../../staff/public.ts';
import { isUuid } from '../fhir-search.ts';

export async function staffMember(db: Kysely<Database>, id: string): Promise<StaffAccount | null> {
  return isUuid(id) ? findStaffAccount(db, id.toLowerCase()) : null;
}

export async function allStaff(db: Kysely<Database>): Promise<StaffAccount[]> {
  return listStaffAccounts(db);
}

export async function allTeams(db: Kysely<Database>): Promise<Team[]> {
  return listTeams(db);
}

/** Starts-with match on any word, case and accents ignored (FHIR string search). */
export function nameMatches(name: string, query: string): boolean {
  const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const q = fold(query);
  return fold(name).split(/[\s'-]+/).some((word) => word.startsWith(q)) || fold(name).startsWith(q);
}

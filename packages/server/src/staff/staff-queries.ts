// Reading and writing staff accounts and teams. Rows are snake_case; everything leaving this file is
// the camelCase shape of staff-schema.ts. The password hash is never selected here.
import type { Kysely } from 'kysely';
import type { HomewardRole, Profession } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { StaffAccount, StaffDetailsInput, Team } from './staff-schema.ts';

const iso = (value: Date | string) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString());

function selectStaff(db: Kysely<Database>) {
  return db
    .selectFrom('staff')
    .leftJoin('teams', 'teams.id', 'staff.team_id')
    .select([
      'staff.id',
      'staff.version',
      'staff.email',
      'staff.given_name',
      'staff.family_name',
      'staff.profession',
      'staff.registration_number',
      'staff.band',
      'staff.homeward_role',
      'staff.team_id',
      'teams.name as team_name',
      'staff.base_location',
      'staff.contracted_hours',
      'staff.active',
      'staff.created_at',
      'staff.created_by',
      'staff.updated_at',
      'staff.updated_by',
    ]);
}

type StaffRow = Awaited<ReturnType<ReturnType<typeof selectStaff>['executeTakeFirstOrThrow']>>;

function toStaffAccount(r: StaffRow): StaffAccount {
  return {
    id: r.id,
    version: r.version,
    email: r.email,
    givenName: r.given_name,
    familyName: r.family_name,
    profession: r.profession as Profession,
    registrationNumber: r.registration_number,
    band: r.band,
    homewardRole: r.homeward_role as HomewardRole,
    teamId: r.team_id,
    teamName: r.team_name,
    baseLocation: r.base_location,
    // numeric(4,1) arrives as a string from both engines.
    contractedHours: Number(r.contracted_hours),
    active: r.active,
    createdAt: iso(r.created_at),
    createdBy: r.created_by,
    updatedAt: iso(r.updated_at),
    updatedBy: r.updated_by,
  };
}

export function detailColumns(d: StaffDetailsInput) {
  return {
    email: d.email,
    given_name: d.givenName,
    family_name: d.familyName,
    profession: d.profession,
    registration_number: d.registrationNumber,
    band: d.band,
    homeward_role: d.homewardRole,
    team_id: d.teamId,
    base_location: d.baseLocation,
    contracted_hours: d.contractedHours,
    active: d.active,
  };
}

/** Everyone, by team (no team last), then family and given name. */
export async function listStaffAccounts(db: Kysely<Database>): Promise<StaffAccount[]> {
  const rows = await selectStaff(db)
    .orderBy('teams.name', (ob) => ob.asc().nullsLast())
    .orderBy('staff.family_name')
    .orderBy('staff.given_name')
    .orderBy('staff.id')
    .execute();
  return rows.map(toStaffAccount);
}

export async function findStaffAccount(db: Kysely<Database>, id: string): Promise<StaffAccount | null> {
  const row = await selectStaff(db).where('staff.id', '=', id).executeTakeFirst();
  return row ? toStaffAccount(row) : null;
}

/** Another account already using this email address, if there is one. */
export async function findStaffIdByEmail(db: Kysely<Database>, email: string): Promise<string | null> {
  const row = await db.selectFrom('staff').select('id').where('email', '=', email).executeTakeFirst();
  return row?.id ?? null;
}

export type InsertStaffAccountOptions = { id: string; details: StaffDetailsInput; passwordHash: string; staffId: string; now: Date };

export async function insertStaffAccount(db: Kysely<Database>, o: InsertStaffAccountOptions): Promise<void> {
  await db
    .insertInto('staff')
    .values({
      id: o.id,
      ...detailColumns(o.details),
      password_hash: o.passwordHash,
      created_at: o.now,
      created_by: o.staffId,
      updated_at: o.now,
      updated_by: o.staffId,
    })
    .execute();
}

export type SetStaffPasswordHashOptions = { id: string; passwordHash: string; staffId: string; now: Date };

/**
 * The password is not part of the account's details, so a new one does not bump the version (an
 * administrator changing someone's team at the same moment is not a conflict).
 */
export async function setStaffPasswordHash(db: Kysely<Database>, o: SetStaffPasswordHashOptions): Promise<boolean> {
  const row = await db
    .updateTable('staff')
    .set({ password_hash: o.passwordHash, updated_at: o.now, updated_by: o.staffId })
    .where('id', '=', o.id)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function listTeams(db: Kysely<Database>): Promise<Team[]> {
  const rows = await db.selectFrom('teams').select(['id', 'name', 'base_location']).orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, baseLocation: r.base_location }));
}

export async function teamExists(db: Kysely<Database>, id: string): Promise<boolean> {
  const row = await db.selectFrom('teams').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** A new password from an administrator lifts any sign-in lock on the address. */
export async function clearSignInThrottle(db: Kysely<Database>, email: string): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('key', '=', email).execute();
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { notFound, validationFailed, versionConflict, type FieldError } from '../platform/homeward-error.ts';
import { isUniqueViolation } from '../platform/database-errors.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { checkStaffDetails } from './check-staff-details.ts';
import { checkTeamAndEmail, duplicateEmail } from './add-staff-account.ts';
import { assertAdministrator } from './require-administrator.ts';
import { endSessionsOfStaff } from './sessions.ts';
import { detailColumns, findStaffAccount } from './staff-queries.ts';
import type { StaffAccount, StaffDetailsInput } from './staff-schema.ts';

export type ChangeStaffAccountOptions = {
  actor: Actor;
  id: string;
  /** The version the administrator read. */
  version: number;
  details: StaffDetailsInput;
};

const detailKeys = [
  'givenName',
  'familyName',
  'email',
  'profession',
  'registrationNumber',
  'band',
  'homewardRole',
  'teamId',
  'baseLocation',
  'contractedHours',
  'active',
] as const satisfies ReadonlyArray<keyof StaffDetailsInput>;

/** The fields whose values differ: what the audit records (names only, not values). */
export function changedStaffFields(before: StaffAccount | StaffDetailsInput, after: StaffDetailsInput): Array<keyof StaffDetailsInput> {
  return detailKeys.filter((k) => before[k] !== after[k]);
}

/**
 * Saves an account's details only if nobody else has saved since the administrator read it;
 * otherwise a 409 carrying the current account. Deactivating ends every session the person has,
 * so they are signed out at their next request, not when their session happens to expire.
 */
export async function changeStaffAccount(trx: Kysely<Database>, o: ChangeStaffAccountOptions): Promise<StaffAccount> {
  assertAdministrator(o.actor);
  const principal = o.actor.staff;
  const problems: FieldError[] = checkStaffDetails(o.details);
  // An administrator cannot lock themselves out; another administrator has to do it.
  if (o.id === principal.staffId) {
    if (o.details.homewardRole !== 'administrator') problems.push({ path: 'homewardRole', message: 'You cannot change your own role. Ask another administrator' });
    if (!o.details.active) problems.push({ path: 'active', message: 'You cannot deactivate your own account. Ask another administrator' });
  }
  if (problems.length) throw validationFailed(problems);

  const existing = await findStaffAccount(trx, o.id);
  if (!existing) throw notFound('Staff account');
  if (existing.version !== o.version) throw versionConflict(existing);
  const changed = changedStaffFields(existing, o.details);
  if (changed.length === 0) return existing;
  await checkTeamAndEmail(trx, o.details, o.id);

  const now = o.actor.now;
  try {
    await updateVersioned(trx, { actor: o.actor, table: 'staff', id: o.id, version: o.version, set: detailColumns(o.details), current: () => findStaffAccount(trx, o.id), what: 'Staff account' });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateEmail(o.details.email);
    throw error;
  }
  const deactivated = existing.active && !o.details.active;
  if (deactivated) await endSessionsOfStaff(trx, o.id, now);
  const account = await findStaffAccount(trx, o.id);
  if (!account) throw notFound('Staff account');

  // Values are kept only for what decides access (role, team, active), so the privacy officer can
  // see who was given what; other fields are named, not copied.
  const accessChanges: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of ['homewardRole', 'teamId', 'active'] as const) {
    if (changed.includes(k)) accessChanges[k] = { from: existing[k], to: account[k] };
  }
  await auditAs(o.actor, trx, {
    action: 'staff-admin',
    outcome: 'allowed',
    recordKind: 'staff',
    recordId: account.id,
    detail: { change: 'details', version: account.version, fields: changed, ...accessChanges, ...(deactivated ? { sessionsEnded: true } : {}) },
  });
  return account;
}

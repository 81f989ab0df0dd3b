import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { notFound, validationFailed, versionConflict, type FieldError } from '../platform/homeward-error.ts';
import { isUniqueViolation } from '../platform/database-errors.ts';
import { audit } from '../platform/request-context.ts';
import { checkStaffDetails } from './check-staff-details.ts';
import { checkTeamAndEmail, duplicateEmail } from './add-staff-account.ts';
import { requireAdministrator } from './require-administrator.ts';
import { endSessionsOfStaff } from '../platform/sessions.ts';
import { findStaffAccount, updateStaffAccount } from './staff-queries.ts';
import type { StaffAccount, StaffDetailsInput } from './staff-schema.ts';

export type ChangeStaffAccountOptions = {
  id: string;
  expectedVersion: number;
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
export async function changeStaffAccount(request: FastifyRequest, trx: Kysely<Database>, o: ChangeStaffAccountOptions): Promise<StaffAccount> {
  const principal = await requireAdministrator(request);
  const problems: FieldError[] = checkStaffDetails(o.details);
  // An administrator cannot lock themselves out; another administrator has to do it.
  if (o.id === principal.staffId) {
    if (o.details.homewardRole !== 'administrator') problems.push({ path: 'homewardRole', message: 'You cannot change your own role. Ask another administrator' });
    if (!o.details.active) problems.push({ path: 'active', message: 'You cannot deactivate your own account. Ask another administrator' });
  }
  if (problems.length) throw validationFailed(problems);

  const existing = await findStaffAccount(trx, o.id);
  if (!existing) throw notFound('Staff account');
  if (existing.version !== o.expectedVersion) throw versionConflict(existing);
  const changed = changedStaffFields(existing, o.details);
  if (changed.length === 0) return existing;
  await checkTeamAndEmail(trx, o.details, o.id);

  const now = request.server.config.now();
  let saved: boolean;
  try {
    saved = await updateStaffAccount(trx, { id: o.id, expectedVersion: o.expectedVersion, details: o.details, staffId: principal.staffId, now });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateEmail(o.details.email);
    throw error;
  }
  if (!saved) {
    const current = await findStaffAccount(trx, o.id);
    if (!current) throw notFound('Staff account');
    throw versionConflict(current);
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
  await audit(
    request,
    {
      action: 'staff-admin',
      outcome: 'allowed',
      recordKind: 'staff',
      recordId: account.id,
      detail: { change: 'details', version: account.version, fields: changed, ...accessChanges, ...(deactivated ? { sessionsEnded: true } : {}) },
    },
    trx,
  );
  return account;
}

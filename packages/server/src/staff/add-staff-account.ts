import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { HomewardError, validationFailed } from '../platform/homeward-error.ts';
import { isUniqueViolation } from '../platform/database-errors.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { checkStaffDetails } from './check-staff-details.ts';
import { assertAdministrator } from './require-administrator.ts';
import { findStaffAccount, findStaffIdByEmail, insertStaffAccount, teamExists } from './staff-queries.ts';
import type { StaffAccount, StaffDetailsInput } from './staff-schema.ts';

export type AddStaffAccountOptions = {
  actor: Actor;
  id: string;
  details: StaffDetailsInput;
  /** Hashed before the transaction opens: scrypt is slow on purpose and must not hold a connection. */
  passwordHash: string;
};

/** An administrator adds a staff account with a first password. Runs inside the caller's transaction, with its audit. */
export async function addStaffAccount(trx: Kysely<Database>, o: AddStaffAccountOptions): Promise<StaffAccount> {
  assertAdministrator(o.actor);
  const principal = o.actor.staff;
  const problems = checkStaffDetails(o.details);
  if (problems.length) throw validationFailed(problems);
  await checkTeamAndEmail(trx, o.details, o.id);
  try {
    await insertStaffAccount(trx, { id: o.id, details: o.details, passwordHash: o.passwordHash, staffId: principal.staffId, now: o.actor.now });
  } catch (error) {
    // Two administrators adding the same person at the same moment: the unique index decides.
    if (isUniqueViolation(error)) throw duplicateEmail(o.details.email);
    throw error;
  }
  const account = await findStaffAccount(trx, o.id);
  if (!account) throw new Error('staff account vanished inside its own transaction');
  await auditAs(o.actor, trx, {
      action: 'staff-admin',
      outcome: 'allowed',
      recordKind: 'staff',
      recordId: account.id,
      detail: {
        change: 'added',
        version: account.version,
        fields: (Object.keys(o.details) as Array<keyof StaffDetailsInput>).filter((k) => o.details[k] !== null),
        homewardRole: account.homewardRole,
        teamId: account.teamId,
        active: account.active,
      },
    });
  return account;
}

/** The checks that need the database: the team exists, and nobody else has the email address. */
export async function checkTeamAndEmail(trx: Kysely<Database>, details: StaffDetailsInput, staffId: string): Promise<void> {
  if (details.teamId && !(await teamExists(trx, details.teamId))) {
    throw validationFailed([{ path: 'teamId', message: 'Select a team from the list' }]);
  }
  const holder = await findStaffIdByEmail(trx, details.email);
  if (holder && holder !== staffId) throw duplicateEmail(details.email);
}

export function duplicateEmail(email: string): HomewardError {
  const message = `There is already a staff account with the email address ${email}`;
  return new HomewardError('duplicate', message, { fields: [{ path: 'email', message }] });
}

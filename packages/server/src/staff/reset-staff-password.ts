import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { notFound } from '../platform/homeward-error.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { assertAdministrator } from './require-administrator.ts';
import { endSessionsOfStaff } from './sessions.ts';
import { clearSignInThrottle, findStaffAccount, setStaffPasswordHash } from './staff-queries.ts';

export type ResetStaffPasswordOptions = {
  actor: Actor;
  id: string;
  /** Hashed before the transaction opens (see add-staff-account.ts). */
  passwordHash: string;
};

/**
 * An administrator sets a new password for someone, usually because they forgot it or it may be
 * known to someone else. Their other sessions end (whoever holds them), and any sign-in lock on the
 * address is lifted so the person can use the new password straight away.
 */
export async function resetStaffPassword(trx: Kysely<Database>, o: ResetStaffPasswordOptions): Promise<void> {
  assertAdministrator(o.actor);
  const principal = o.actor.staff;
  const account = await findStaffAccount(trx, o.id);
  if (!account) throw notFound('Staff account');
  const now = o.actor.now;
  if (!(await setStaffPasswordHash(trx, { id: o.id, passwordHash: o.passwordHash, staffId: principal.staffId, now }))) throw notFound('Staff account');
  // Your own reset keeps you signed in here; anyone else's ends their sessions.
  const sessionsEnded = o.id !== principal.staffId;
  if (sessionsEnded) await endSessionsOfStaff(trx, o.id, now);
  await clearSignInThrottle(trx, account.email);
  await auditAs(o.actor, trx, { action: 'staff-admin', outcome: 'allowed', recordKind: 'staff', recordId: o.id, detail: { change: 'password', fields: ['password'], sessionsEnded } });
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { verifyAgainstDummy, verifyPassword } from './password.ts';

export type SignInWithPasswordOptions = {
  email: string;
  password: string;
  now: Date;
  maxFailures: number;
  lockMinutes: number;
};

// The same words whether the account exists, the password is wrong, or the account is inactive.
export const signInRefusedMessage = 'The email address or password is not right. Check them and try again.';

/**
 * Checks a password and returns the staff member's id. Repeated failures against one email address
 * lock that address for a while, whether or not an account has it, so nothing is revealed.
 */
export async function signInWithPassword(db: Kysely<Database>, options: SignInWithPasswordOptions): Promise<string> {
  const key = options.email.trim().toLowerCase();
  const now = options.now;
  const throttle = await db.selectFrom('sign_in_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  if (throttle?.locked_until && throttle.locked_until.getTime() > now.getTime()) {
    throw tooManyAttempts(options.lockMinutes);
  }

  const staff = await db
    .selectFrom('staff')
    .select(['id', 'password_hash', 'active'])
    .where('email', '=', key)
    .executeTakeFirst();
  let ok = false;
  if (staff?.password_hash && staff.active) {
    ok = await verifyPassword(options.password, staff.password_hash);
  } else {
    await verifyAgainstDummy(options.password);
  }

  if (ok && staff) {
    if (throttle) await db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
    return staff.id;
  }

  // One atomic statement, so failures arriving at several app instances at once are all counted.
  const windowStart = new Date(now.getTime() - options.lockMinutes * 60_000);
  const counted = await db
    .insertInto('sign_in_throttle')
    .values({ key, failures: 1, window_started_at: now, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        failures: eb.case().when('sign_in_throttle.window_started_at', '<', windowStart).then(1).else(eb('sign_in_throttle.failures', '+', 1)).end(),
        window_started_at: eb.case().when('sign_in_throttle.window_started_at', '<', windowStart).then(now).else(eb.ref('sign_in_throttle.window_started_at')).end(),
      })),
    )
    .returning(['failures'])
    .executeTakeFirstOrThrow();
  const lockedUntil = counted.failures >= options.maxFailures ? new Date(now.getTime() + options.lockMinutes * 60_000) : null;
  if (lockedUntil) await db.updateTable('sign_in_throttle').set({ locked_until: lockedUntil }).where('key', '=', key).execute();
  if (lockedUntil) throw tooManyAttempts(options.lockMinutes);
  throw new HomewardError('unauthenticated', signInRefusedMessage);
}

function tooManyAttempts(lockMinutes: number): HomewardError {
  return new HomewardError(
    'too_many_attempts',
    `There have been too many attempts to sign in with this email address. Wait ${lockMinutes} minutes and try again.`,
  );
}

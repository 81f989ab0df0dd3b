import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { verifyAgainstDummy, verifyPassword } from './password.ts';

/** Checks a password against a stored hash, or against a dummy when there is none (same cost). */
export type PasswordCheck = (password: string, storedHash: string | null) => Promise<boolean>;

export const checkPasswordHash: PasswordCheck = async (password, storedHash) => {
  if (storedHash) return verifyPassword(password, storedHash);
  await verifyAgainstDummy(password);
  return false;
};

export type SignInWithPasswordOptions = {
  email: string;
  password: string;
  /** Who is asking, as the client key from clientKey(): an IP address, or an IPv6 /64. */
  client: string | null;
  now: Date;
  maxFailures: number;
  /** Failed sign-ins from one client, across every address, before it is locked out. */
  clientMaxFailures: number;
  lockMinutes: number;
  checkPassword?: PasswordCheck;
};

// The same words whether the account exists, the password is wrong, or the account is inactive.
export const signInRefusedMessage = 'The email address or password is not right. Check them and try again.';

type Counted = { failures: number; locked_until: Date | null };

/**
 * Counts this attempt against a throttle row in one statement, before the password is checked, and
 * returns the count including it. Counting first is what makes the limit hold under concurrency: 20
 * guesses sent at once get counts 1 to 20 (the row lock taken by ON CONFLICT orders them), so only
 * the first `max` are ever checked. A lock that has run out, or a quiet window, starts afresh.
 */
async function countAttempt(db: Kysely<Database>, table: 'sign_in_throttle' | 'sign_in_client_throttle', key: string, now: Date, windowStart: Date): Promise<Counted> {
  const column = sql.ref(table === 'sign_in_throttle' ? 'key' : 'client');
  const fresh = sql`((t.locked_until is not null and t.locked_until <= ${now}) or (t.locked_until is null and t.window_started_at < ${windowStart}))`;
  const result = await sql<Counted>`
    insert into ${sql.table(table)} as t (${column}, failures, window_started_at, locked_until)
    values (${key}, 1, ${now}, null)
    on conflict (${column}) do update set
      failures = case when ${fresh} then 1 else t.failures + 1 end,
      window_started_at = case when ${fresh} then excluded.window_started_at else t.window_started_at end,
      locked_until = case when ${fresh} then null else t.locked_until end
    returning failures, locked_until
  `.execute(db);
  const row = result.rows[0]!;
  return { failures: row.failures, locked_until: row.locked_until === null ? null : new Date(row.locked_until) };
}

const isLocked = (counted: Counted, max: number, now: Date) => (counted.locked_until !== null && counted.locked_until.getTime() > now.getTime()) || counted.failures > max;

/**
 * Checks a password and returns the staff member's id. Two limits, both counted atomically before
 * the password is checked: failures against one email address (whether or not an account has it, so
 * a lock-out reveals nothing), and failures from one client across every address (password spraying).
 * Refusals read the same, and take the same path, for an address with an account and one without.
 */
export async function signInWithPassword(db: Kysely<Database>, options: SignInWithPasswordOptions): Promise<string> {
  const key = options.email.trim().toLowerCase();
  const now = options.now;
  const windowStart = new Date(now.getTime() - options.lockMinutes * 60_000);
  const lockedUntil = new Date(now.getTime() + options.lockMinutes * 60_000);
  const checkPassword = options.checkPassword ?? checkPasswordHash;

  const client = options.client ? await countAttempt(db, 'sign_in_client_throttle', options.client, now, windowStart) : null;
  if (client && isLocked(client, options.clientMaxFailures, now)) throw tooManyFromClient(options.lockMinutes);
  const address = await countAttempt(db, 'sign_in_throttle', key, now, windowStart);
  if (isLocked(address, options.maxFailures, now)) throw tooManyAttempts(options.lockMinutes);

  const staff = await db.selectFrom('staff').select(['id', 'password_hash', 'active']).where('email', '=', key).executeTakeFirst();
  const usable = staff?.active ? (staff.password_hash ?? null) : null;
  const ok = await checkPassword(options.password, usable);

  if (ok && staff) {
    await db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
    // Only this attempt's own count comes off: a client that signs in once keeps its other failures.
    if (options.client) {
      await db.updateTable('sign_in_client_throttle').set((eb) => ({ failures: sql`greatest(${eb.ref('failures')} - 1, 0)` })).where('client', '=', options.client).execute();
    }
    return staff.id;
  }

  if (client && client.failures >= options.clientMaxFailures) {
    await db.updateTable('sign_in_client_throttle').set({ locked_until: lockedUntil }).where('client', '=', options.client!).where('locked_until', 'is', null).execute();
  }
  if (address.failures >= options.maxFailures) {
    await db.updateTable('sign_in_throttle').set({ locked_until: lockedUntil }).where('key', '=', key).where('locked_until', 'is', null).execute();
    throw tooManyAttempts(options.lockMinutes);
  }
  if (client && client.failures >= options.clientMaxFailures) throw tooManyFromClient(options.lockMinutes);
  throw new HomewardError('unauthenticated', signInRefusedMessage);
}

function tooManyAttempts(lockMinutes: number): HomewardError {
  return new HomewardError(
    'too_many_attempts',
    `There have been too many attempts to sign in with this email address. Wait ${lockMinutes} minutes and try again.`,
  );
}

function tooManyFromClient(lockMinutes: number): HomewardError {
  return new HomewardError(
    'too_many_attempts',
    `There have been too many attempts to sign in from this device or network. Wait ${lockMinutes} minutes and try again.`,
  );
}

// Sessions are rows in the database (so any app instance can serve any request) and are the same
// whatever proved the person's identity: a password today, NHS CIS2 (OpenID Connect) later. A new
// sign-in method only has to call startSession() once it knows which staff member this is.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { HomewardRole } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { Principal } from './principal.ts';

export type SignInMethod = 'password' | 'cis2';

export type StartSessionOptions = {
  staffId: string;
  method: SignInMethod;
  ip: string | null;
  userAgent: string | null;
  now: Date;
  maxHours: number;
};

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function startSession(db: Kysely<Database>, options: StartSessionOptions): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      staff_id: options.staffId,
      method: options.method,
      csrf_token: csrfToken,
      created_at: options.now,
      last_seen_at: options.now,
      expires_at: new Date(options.now.getTime() + options.maxHours * 3_600_000),
      ended_at: null,
      ip: options.ip,
      user_agent: options.userAgent,
    })
    .execute();
  return { token, csrfToken };
}

/**
 * The signed-in person for a session token, or null when the token is unknown, ended, past its
 * absolute lifetime, idle too long, or the account has been deactivated.
 */
export async function resolveSession(
  db: Kysely<Database>,
  token: string,
  options: { now: Date; idleMinutes: number },
): Promise<Principal | null> {
  const id = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('staff', 'staff.id', 'sessions.staff_id')
    .select([
      'sessions.id',
      'sessions.method',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.ended_at',
      'staff.id as staff_id',
      'staff.given_name',
      'staff.family_name',
      'staff.homeward_role',
      'staff.team_id',
      'staff.active',
      // The account bar's unread count, in the same round trip (notifications: migration 0022; its partial index: 0026).
      (eb) => eb.selectFrom('notifications').select((n) => n.fn.countAll<string>().as('n')).whereRef('notifications.staff_id', '=', 'staff.id').where('notifications.read_at', 'is', null).as('unread_notifications'),
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row || row.ended_at || !row.active) return null;
  const now = options.now.getTime();
  if (row.expires_at.getTime() <= now) return null;
  if (now - row.last_seen_at.getTime() > options.idleMinutes * 60_000) return null;
  // Touch at most once a minute: enough for an idle timeout, and spares a write on every request.
  if (now - row.last_seen_at.getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: options.now }).where('id', '=', id).execute();
  }
  return {
    staffId: row.staff_id,
    name: `${row.given_name} ${row.family_name}`,
    role: row.homeward_role as HomewardRole,
    teamId: row.team_id,
    sessionId: row.id,
    csrfToken: row.csrf_token,
    signInMethod: row.method,
    unreadNotifications: Number(row.unread_notifications ?? 0),
  };
}

export async function endSession(db: Kysely<Database>, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ ended_at: now }).where('id', '=', sessionId).execute();
}

/** Ends every session of a staff member, e.g. when an administrator deactivates the account. */
export async function endSessionsOfStaff(db: Kysely<Database>, staffId: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ ended_at: now }).where('staff_id', '=', staffId).where('ended_at', 'is', null).execute();
}

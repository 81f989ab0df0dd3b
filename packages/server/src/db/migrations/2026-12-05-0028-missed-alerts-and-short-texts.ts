// FROZEN once landed. A missed check-in (or check-out) alert is one per session and due time, not one per
// session for good: a session moved after its missed-check-in alert was closed (a visit postponed to the
// afternoon) must be able to raise a missed check-in at its new time. A retried timer still finds the first
// (same session, kind and due time); the timers themselves decide, under the session's row lock, whether an
// alert for the session's current times already stands (lone-working/job-handlers.ts).
// And a delivery may carry its own text: an SMS is kept short (where, the house's phone, the clinician's
// phone, the risk flags, the link), where the email and the app have the whole notification.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists lone_working_alerts_missed_once_idx`.execute(db);
  await sql`create unique index lone_working_alerts_missed_once_per_due_idx on lone_working_alerts (session_id, kind, due_at) where kind in ('missed-check-in', 'missed-check-out')`.execute(db);
  await sql`alter table notification_deliveries add column text text check (text is null or length(text) between 1 and 918)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

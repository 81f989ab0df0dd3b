// FROZEN once landed. Each request's session look-up counts the person's unread notifications for the
// account bar (platform/sessions.ts): a partial index keeps that one small range, however many they have read.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index notifications_unread_idx on notifications (staff_id) where read_at is null`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

// FROZEN once landed. Indexes for the purge of expired working rows (platform/purge-expired-rows.ts),
// so each batch reads only the rows it deletes instead of the whole table, however large it has grown.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index idempotency_keys_created_idx on idempotency_keys (created_at);
    create index sessions_expires_idx on sessions (expires_at);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

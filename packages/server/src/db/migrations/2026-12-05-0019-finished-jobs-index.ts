// FROZEN once landed. Finished jobs are purged a month after they finish (platform/purge-expired-rows.ts):
// lone-working timers will make one per visit, so the purge finds them by an index, not a scan.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index jobs_finished_idx on jobs (finished_at) where status in ('done', 'failed', 'cancelled')`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

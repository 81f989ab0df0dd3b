// FROZEN once landed. Lone working (issue 14, the clinician's side): wrong check-out codes are counted
// per clinician, so a code cannot be guessed by trying them all (10,000 four-digit codes): after a few
// wrong ones in a row, codes are refused for a while. Kept on the codes row: one clinician, one counter.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table lone_working_codes add column wrong_attempts integer not null default 0 check (wrong_attempts >= 0);
    alter table lone_working_codes add column locked_until timestamptz;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

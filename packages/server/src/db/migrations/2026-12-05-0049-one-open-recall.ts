// FROZEN once landed. One open recall per model and batch (raise-recall.ts checks first, but two leads
// raising the same recall at once both pass the check): the batch compared as batchKey does (spaces
// dropped, upper case), a whole-model recall (no batch) as ''.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create unique index equipment_recalls_one_open_idx on equipment_recalls (catalogue_item_id, (upper(regexp_replace(coalesce(batch, ''), '\\s', '', 'g')))) where status = 'open'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

// FROZEN once landed: what a letter needs that the first record schema lacked. A team's telephone
// number, so letters and carers' sheets say how to reach the team; and, on each stored letter, the
// alternative formats (interpreter, braille, BSL...) a printed English letter did not meet on its own,
// so that need stays with the letter rather than only in the audit.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table teams add column phone text;
    alter table letters add column alternative_formats jsonb not null default '[]';
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

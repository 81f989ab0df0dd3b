// FROZEN once landed. Visits (issue 13 part 2): a proposed visit keeps the priority it was proposed
// with (a first contact by its response clock outranks a routine visit; the planner weighs leaving it
// unplanned by it) and why two staff must come, so the plan page and the run sheet can say it
// without going back to the needs, which may have changed since.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table visits
      add column priority smallint not null default 1 check (priority between 1 and 3),
      add column staff_needed_reason text;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

// FROZEN once landed: therapy students on placement become a Homeward role. The foundation's check on
// staff.homeward_role listed the roles of the day; PostgreSQL (and PGlite) named it
// staff_homeward_role_check, so it is replaced by name with the same list plus 'student'.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table staff drop constraint staff_homeward_role_check;
    alter table staff add constraint staff_homeward_role_check check (homeward_role in ('support-worker', 'student',
      'assistant-practitioner', 'registered-therapist', 'clinical-lead', 'service-manager', 'administrator', 'privacy-officer'));
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

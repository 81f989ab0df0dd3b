// FROZEN once landed. Referrals received by FHIR (issue 18 #3): which ServiceRequest each referral came
// from (the sender's identifier, and the day it was written), so the same ServiceRequest sent again is
// recognised and answered with the referral already made, never a second one. Append-only: what was
// received is a fact.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table fhir_received_referrals (
      id uuid primary key,
      referral_id uuid not null unique references referrals (id),
      identifier_system text,
      identifier_value text,
      authored_on date,
      received_at timestamptz not null,
      received_by uuid not null references staff (id),
      check ((identifier_system is null) = (identifier_value is null)),
      check (identifier_system is null or (length(identifier_system) between 1 and 500 and length(identifier_value) between 1 and 500))
    );
    -- The sender's identifier names one referral: a second send (or two at once) finds the first.
    create unique index fhir_received_referrals_identifier_idx on fhir_received_referrals (identifier_system, identifier_value) where identifier_system is not null;
    select guard_records('fhir_received_referrals', 'append-only');
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

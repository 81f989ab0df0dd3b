// FROZEN once landed. Sign-in hardening (issue 9): a per-client sign-in limit beside the per-address
// one, the records an idempotent write named (so a replay can be audited as a read of them), and forms
// held, encrypted, when a session ended before they could be saved.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Failed sign-ins per client (IP address, or IPv6 /64), across every address typed: password
    -- spraying tries a few passwords on many accounts, which the per-address count never sees.
    create table sign_in_client_throttle (
      client text primary key,
      failures integer not null default 0,
      window_started_at timestamptz not null,
      locked_until timestamptz
    );

    -- What the first request with an Idempotency-Key wrote (kind, id, patient), so that a replay,
    -- which hands the stored response back, is audited as a read of those records.
    alter table idempotency_keys add column audit_subjects jsonb;

    -- A form posted after its session ended: what was typed, sealed with AES-256-GCM under a server
    -- key (never stored here), for the person whose form it was, until they sign in again and save it.
    create table held_forms (
      id uuid primary key,
      staff_id uuid not null references staff (id),
      action text not null,
      return_path text not null,
      sealed text not null,
      created_at timestamptz not null,
      expires_at timestamptz not null
    );
    create index held_forms_staff_idx on held_forms (staff_id, return_path);
    -- A held form is claimed for the person its CSRF token was issued to.
    create index sessions_csrf_token_idx on sessions (csrf_token);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

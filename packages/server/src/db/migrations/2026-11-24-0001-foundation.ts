// FROZEN: a migration never changes once it has landed. Add a new date-prefixed file instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table teams (
      id uuid primary key,
      name text not null unique,
      base_location text not null,
      created_at timestamptz not null default now()
    );

    create table staff (
      id uuid primary key,
      email text not null unique,
      given_name text not null,
      family_name text not null,
      profession text not null check (profession in ('OT', 'PT', 'none')),
      registration_number text,
      band text not null,
      homeward_role text not null check (homeward_role in ('support-worker', 'assistant-practitioner',
        'registered-therapist', 'clinical-lead', 'service-manager', 'administrator', 'privacy-officer')),
      team_id uuid references teams (id),
      base_location text,
      contracted_hours numeric(4, 1) not null default 37.5,
      active boolean not null default true,
      password_hash text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid
    );
    create index staff_team_idx on staff (team_id);

    -- A sign-in method (password today; NHS CIS2 later) proves who someone is; the session is the
    -- same whichever method was used, so feature code never sees the difference.
    create table sessions (
      id text primary key, -- sha-256 of the cookie token: a stolen table holds no usable tokens
      staff_id uuid not null references staff (id),
      method text not null,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ended_at timestamptz,
      ip text,
      user_agent text
    );
    create index sessions_staff_idx on sessions (staff_id);

    -- Throttling is keyed by the name typed, whether or not an account has it, so a lock-out
    -- reveals nothing about which accounts exist.
    create table sign_in_throttle (
      key text primary key,
      failures integer not null default 0,
      window_started_at timestamptz not null default now(),
      locked_until timestamptz
    );

    create table patients (
      id uuid primary key,
      nhs_number char(10) not null unique,
      given_name text not null,
      family_name text not null,
      date_of_birth date not null,
      sex text not null check (sex in ('female', 'male', 'other', 'unknown')),
      gender_identity text,
      address_line1 text not null,
      address_line2 text,
      town text not null,
      postcode text not null,
      latitude double precision,
      longitude double precision,
      phone text,
      gp_practice_code text,
      gp_practice_name text,
      contacts jsonb not null default '[]',
      communication_needs jsonb not null default '{"needs": [], "interpreterLanguage": null, "notes": null}',
      lives_alone boolean not null default false,
      key_safe boolean not null default false,
      access_notes text,
      risk_flags jsonb not null default '[]',
      risk_notes text,
      registered_team_id uuid not null references teams (id),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      created_by uuid not null references staff (id),
      updated_at timestamptz not null default now(),
      updated_by uuid not null references staff (id)
    );
    -- Name search always comes with a date of birth, so the date leads the index.
    create index patients_dob_family_idx on patients (date_of_birth, lower(family_name));
    create index patients_team_idx on patients (registered_team_id);

    -- Every version of every patient record, written by the database itself so no code path can
    -- forget it. The current version is here too, so history is one query.
    create table patient_versions (
      patient_id uuid not null references patients (id),
      version integer not null,
      data jsonb not null,
      recorded_at timestamptz not null,
      recorded_by uuid not null,
      primary key (patient_id, version)
    );

    create function record_patient_version() returns trigger language plpgsql as $$
    begin
      insert into patient_versions (patient_id, version, data, recorded_at, recorded_by)
      values (new.id, new.version, to_jsonb(new), new.updated_at, new.updated_by);
      return new;
    end $$;
    create trigger patients_keep_versions after insert or update on patients
      for each row execute function record_patient_version();

    create function refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception '% on % is not allowed: this record is append-only', tg_op, tg_table_name
        using errcode = 'HW001';
    end $$;
    create trigger patients_never_deleted before delete on patients
      for each row execute function refuse_change();
    create trigger patient_versions_append_only before update or delete on patient_versions
      for each row execute function refuse_change();
    create trigger patient_versions_never_truncated before truncate on patient_versions
      for each statement execute function refuse_change();

    create table break_glass (
      id uuid primary key,
      staff_id uuid not null references staff (id),
      patient_id uuid not null references patients (id),
      reason text not null,
      detail text,
      started_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index break_glass_staff_patient_idx on break_glass (staff_id, patient_id, expires_at);
    create index break_glass_started_idx on break_glass (started_at);

    -- The access audit: append-only, enforced here (not only in the application), and
    -- hash-chained so that a change made with the triggers disabled is still detectable.
    create table audit_events (
      seq bigint primary key,
      id uuid not null unique,
      occurred_at timestamptz not null,
      staff_id uuid,
      staff_role text,
      action text not null,
      outcome text not null check (outcome in ('allowed', 'refused', 'failed')),
      patient_id uuid,
      record_kind text,
      record_id text,
      reason text,
      ip text,
      user_agent text,
      request_id text,
      detail jsonb not null default '{}',
      prev_hash text not null,
      hash text not null
    );
    create index audit_events_patient_idx on audit_events (patient_id, seq);
    create index audit_events_staff_idx on audit_events (staff_id, seq);
    create trigger audit_events_append_only before update or delete on audit_events
      for each row execute function refuse_change();
    create trigger audit_events_never_truncated before truncate on audit_events
      for each statement execute function refuse_change();

    -- One row: the end of the chain. Writers lock it, so several app instances extend one chain.
    create table audit_chain_head (
      id integer primary key check (id = 1),
      seq bigint not null,
      hash text not null
    );
    insert into audit_chain_head (id, seq, hash) values (1, 0, 'genesis');

    create table idempotency_keys (
      staff_id uuid not null,
      key text not null,
      request_hash text not null,
      status_code integer,
      response jsonb,
      created_at timestamptz not null default now(),
      primary key (staff_id, key)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

// FROZEN once landed. The visit day (issue 13): the rota, what each episode needs in visits, the
// visits themselves, the team's plan per day (a draft being worked on and what was published, every
// publication kept), and durable jobs (the planner's runs now; lone-working timers next).
// Later parts of issue 13 add their own migrations (0017 rota, 0018 visits, 0019 plans, 0020 run
// sheets, 0021 travel and maps) rather than change this one.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Where the team's base is, for the planner's start and end points and the map.
    alter table teams
      add column base_latitude double precision check (base_latitude between -90 and 90),
      add column base_longitude double precision check (base_longitude between -180 and 180);

    -- Each member of staff's working week, one row per person, changed as a whole (version-checked).
    -- week: [{ "weekday": 1-7 (Monday 1), "start": "HH:MM", "end": "HH:MM", "breakMinutes": n }]
    create table rota_patterns (
      id uuid primary key,
      staff_id uuid not null unique references staff (id),
      team_id uuid not null references teams (id),
      week jsonb not null default '[]' check (jsonb_typeof(week) = 'array'),
      starts_from text not null default 'base' check (starts_from in ('base', 'home')),
      car_driver boolean not null default true,
      base_name text,
      base_latitude double precision check (base_latitude between -90 and 90),
      base_longitude double precision check (base_longitude between -180 and 180),
      home_latitude double precision check (home_latitude between -90 and 90),
      home_longitude double precision check (home_longitude between -180 and 180),
      work_phone text,
      car_description text,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id)
    );
    create index rota_patterns_team_idx on rota_patterns (team_id);

    -- Days off the pattern (leave, sickness, training) and days on it (weekend or bank-holiday cover).
    -- A part day gives its times; a cancelled exception is kept, stamped, never deleted.
    create table rota_exceptions (
      id uuid primary key,
      staff_id uuid not null references staff (id),
      team_id uuid not null references teams (id),
      kind text not null check (kind in ('annual-leave', 'sickness', 'training', 'other-absence', 'extra-shift')),
      starts_on date not null,
      ends_on date not null,
      start_time text check (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      end_time text check (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      note text,
      cancelled_at timestamptz,
      cancelled_by uuid references staff (id),
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id),
      check (ends_on >= starts_on),
      check ((start_time is null) = (end_time is null)),
      check (start_time is null or end_time > start_time),
      check (kind <> 'extra-shift' or start_time is not null)
    );
    create index rota_exceptions_team_days_idx on rota_exceptions (team_id, starts_on, ends_on);
    create index rota_exceptions_staff_idx on rota_exceptions (staff_id, starts_on);
    select guard_records('rota_exceptions', 'never-deleted');

    -- Who answers for the team on a day: the responder lone working escalates to, and the manager above.
    create table rota_on_call (
      id uuid primary key,
      team_id uuid not null references teams (id),
      on_date date not null,
      staff_id uuid not null references staff (id),
      manager_staff_id uuid references staff (id),
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id),
      unique (team_id, on_date)
    );

    -- What an open episode needs in visits. visits_per_week stays on the episode (triage sets it).
    -- windows: [{ "days": [1-7] | null (every day), "start": "HH:MM", "end": "HH:MM", "note": text }]
    create table visit_needs (
      id uuid primary key,
      episode_id uuid not null unique references episodes (id),
      patient_id uuid not null references patients (id),
      team_id uuid not null references teams (id),
      duration_minutes integer not null check (duration_minutes between 5 and 480),
      place text not null check (place in ('home', 'clinic', 'ward')),
      windows jsonb not null default '[]' check (jsonb_typeof(windows) = 'array'),
      unavailable_days jsonb not null default '[]' check (jsonb_typeof(unavailable_days) = 'array'),
      staff_needed smallint not null default 1 check (staff_needed in (1, 2)),
      staff_needed_reason text,
      registered_required boolean not null default false,
      skills jsonb not null default '[]' check (jsonb_typeof(skills) = 'array'),
      preferred_staff_id uuid references staff (id),
      notes text,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id)
    );
    create index visit_needs_team_idx on visit_needs (team_id);

    -- A visit on a day: proposed from the needs, added by the lead, a rebooking or an urgent one.
    -- The plan says who and when; a pin holds it to a person, a time or both.
    create table visits (
      id uuid primary key,
      team_id uuid not null references teams (id),
      episode_id uuid not null references episodes (id),
      patient_id uuid not null references patients (id),
      on_date date not null,
      purpose text not null check (purpose in ('first-contact', 'therapy', 'review', 'equipment', 'discharge', 'other')),
      duration_minutes integer not null check (duration_minutes between 5 and 480),
      place text not null check (place in ('home', 'clinic', 'ward')),
      window_start text check (window_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      window_end text check (window_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      staff_needed smallint not null default 1 check (staff_needed in (1, 2)),
      registered_required boolean not null default false,
      skills jsonb not null default '[]' check (jsonb_typeof(skills) = 'array'),
      preferred_staff_id uuid references staff (id),
      due_by date,
      status text not null default 'to-plan' check (status in ('to-plan', 'cancelled', 'done', 'no-access')),
      origin text not null check (origin in ('proposed', 'added', 'rebooked', 'urgent')),
      pinned_staff_id uuid references staff (id),
      pinned_start text check (pinned_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      outcome_reason text,
      rebooked_from uuid references visits (id),
      contact_note_id uuid references contact_notes (id),
      started_at timestamptz,
      finished_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id),
      check ((window_start is null) = (window_end is null)),
      check (window_start is null or window_end > window_start),
      check (status not in ('cancelled', 'no-access') or length(trim(coalesce(outcome_reason, ''))) > 0)
    );
    create index visits_team_date_idx on visits (team_id, on_date);
    create index visits_episode_idx on visits (episode_id, on_date);
    select guard_records('visits', 'never-deleted');

    -- The team's plan for a day. draft: what the lead works on (the planner's result and the lead's
    -- moves); published: what the run sheets show. Both are JSON owned by the visits context.
    create table visit_plans (
      id uuid primary key,
      team_id uuid not null references teams (id),
      on_date date not null,
      draft jsonb,
      published jsonb,
      published_at timestamptz,
      published_by uuid references staff (id),
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id),
      unique (team_id, on_date)
    );

    -- Every publication, kept: a run sheet says what changed since the one before.
    create table visit_plan_publications (
      id uuid primary key,
      plan_id uuid not null references visit_plans (id),
      team_id uuid not null references teams (id),
      on_date date not null,
      plan_version integer not null,
      plan jsonb not null,
      changes jsonb not null default '[]',
      published_at timestamptz not null,
      published_by uuid not null references staff (id)
    );
    create index visit_plan_publications_plan_idx on visit_plan_publications (plan_id, published_at);
    select guard_records('visit_plan_publications', 'append-only');

    -- Durable jobs: claimed with FOR UPDATE SKIP LOCKED under a lease, so a job runs once across
    -- instances and a crashed run is taken up again when its lease runs out. At most one queued or
    -- running job per (kind, key): a team's planner runs one at a time.
    create table jobs (
      id uuid primary key,
      kind text not null,
      key text not null,
      payload jsonb not null default '{}',
      status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed', 'cancelled')),
      run_at timestamptz not null,
      attempts integer not null default 0,
      max_attempts integer not null default 3,
      locked_by text,
      locked_until timestamptz,
      progress jsonb,
      result jsonb,
      error text,
      created_at timestamptz not null,
      created_by uuid references staff (id),
      started_at timestamptz,
      finished_at timestamptz
    );
    create unique index jobs_one_live_per_key_idx on jobs (kind, key) where status in ('queued', 'running');
    create index jobs_due_idx on jobs (run_at) where status in ('queued', 'running');
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

// FROZEN once landed: referrals, triage into episodes of care, allocation, and what they record.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- What a clinician can do: hoist-competent and the like, beyond their profession.
    alter table staff add column skills jsonb not null default '[]';

    create table referrals (
      id uuid primary key,
      patient_id uuid not null references patients (id),
      team_id uuid not null references teams (id),
      source text not null,
      source_detail text,
      received_at timestamptz not null,
      service text not null,
      setting text not null,
      reason text not null,
      presenting_needs text,
      urgency_requested text not null,
      referrer_name text not null,
      referrer_contact text not null,
      consent_to_referral boolean not null,
      consent_note text,
      status text not null default 'incoming' check (status in ('incoming', 'accepted', 'rejected')),
      rejection_reason text,
      rejection_detail text,
      decided_at timestamptz,
      decided_by uuid references staff (id),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      created_by uuid not null references staff (id),
      updated_at timestamptz not null default now(),
      updated_by uuid not null references staff (id)
    );
    create index referrals_team_status_idx on referrals (team_id, status, received_at);
    create index referrals_patient_idx on referrals (patient_id);

    create table episodes (
      id uuid primary key,
      patient_id uuid not null references patients (id),
      referral_id uuid not null unique references referrals (id),
      team_id uuid not null references teams (id),
      service text not null,
      setting text not null,
      status text not null default 'waiting' check (status in ('waiting', 'active', 'on-hold', 'discharged')),
      hold_reason text,
      complexity text not null check (complexity in ('complex', 'non-complex')),
      complexity_reason text not null,
      priority text not null,
      skills_needed jsonb not null default '[]',
      triage_notes text,
      triaged_by uuid not null references staff (id),
      triaged_at timestamptz not null,
      clock_starts_at timestamptz not null,
      response_due_at timestamptz not null,
      allocated_to uuid references staff (id),
      allocated_at timestamptz,
      first_contact_at timestamptz,
      first_assessment_at timestamptz,
      last_contact_at timestamptz,
      next_contact_at timestamptz,
      planned_end_on date,
      review_due_on date,
      visits_per_week numeric(4, 1) not null default 2,
      travel_minutes integer not null default 20,
      discharged_on date,
      discharge_outcome text,
      discharge_destination text,
      discharge_note text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      created_by uuid not null references staff (id),
      updated_at timestamptz not null default now(),
      updated_by uuid not null references staff (id)
    );
    -- The caseload and waiting list read open episodes by clinician and by team; discharged
    -- episodes accumulate for years and must not slow them down.
    create index episodes_clinician_open_idx on episodes (allocated_to, response_due_at) where status <> 'discharged';
    create index episodes_team_open_idx on episodes (team_id, status, response_due_at) where status <> 'discharged';
    create index episodes_patient_idx on episodes (patient_id);

    -- Everything that happened to an episode, in order: triage, allocation, hand-over, holds,
    -- discharge. Append-only, like the record it explains.
    create table episode_events (
      id uuid primary key,
      episode_id uuid not null references episodes (id),
      occurred_at timestamptz not null,
      staff_id uuid not null references staff (id),
      kind text not null,
      reason text,
      detail jsonb not null default '{}'
    );
    create index episode_events_episode_idx on episode_events (episode_id, occurred_at);
    create trigger episode_events_append_only before update or delete on episode_events
      for each row execute function refuse_change();
    create trigger episodes_never_deleted before delete on episodes
      for each row execute function refuse_change();
    create trigger referrals_never_deleted before delete on referrals
      for each row execute function refuse_change();

    create table onward_referrals (
      id uuid primary key,
      episode_id uuid not null references episodes (id),
      to_service text not null,
      note text,
      sent_at timestamptz not null,
      acknowledged_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      created_by uuid not null references staff (id),
      updated_at timestamptz not null default now(),
      updated_by uuid not null references staff (id)
    );
    create index onward_referrals_episode_idx on onward_referrals (episode_id);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

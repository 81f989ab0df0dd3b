// FROZEN once landed: the rest of the clinical record (issue 4 items 5-8): goals rated with Goal
// Attainment Scaling, programmes of care with delegation and completion logs, staff competences for
// delegated activities, episode reviews, discharge summaries and the letters produced from them.
// Ratings, completions, reviews held and letters are clinical entries: append-only.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Goals in the patient's own words, with the five GAS levels described. The plan may be refined
    -- (version-checked) until it is first rated; ratings are separate, append-only rows.
    create table goals (
      id uuid primary key,
      episode_id uuid not null references episodes (id),
      patient_id uuid not null references patients (id),
      statement text not null check (length(trim(statement)) > 0),
      levels jsonb not null,
      baseline_level integer not null check (baseline_level in (-2, -1)),
      importance integer check (importance between 0 and 3),
      difficulty integer check (difficulty between 0 and 3),
      target_on date not null,
      agreed_with text,
      status text not null default 'active' check (status in ('active', 'achieved', 'discontinued')),
      status_reason text,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id)
    );
    create index goals_episode_idx on goals (episode_id, created_at);
    create trigger goals_never_deleted before delete on goals for each row execute function refuse_change();

    create table goal_attainments (
      id uuid primary key,
      goal_id uuid not null references goals (id),
      episode_id uuid not null references episodes (id),
      patient_id uuid not null references patients (id),
      time_point text not null check (time_point in ('review', 'discharge', 'other')),
      level integer not null check (level between -2 and 2),
      note text,
      rated_at timestamptz not null,
      recorded_at timestamptz not null,
      recorded_by uuid not null references staff (id),
      recorded_by_role text not null
    );
    create index goal_attainments_goal_idx on goal_attainments (goal_id, rated_at);
    create index goal_attainments_episode_idx on goal_attainments (episode_id, rated_at);
    create trigger goal_attainments_append_only before update or delete on goal_attainments
      for each row execute function refuse_change();

    -- What a support worker has been assessed as competent to do when delegated, recorded by a
    -- registered therapist. Withdrawal is a change of state, never a deletion.
    create table staff_competences (
      id uuid primary key,
      staff_id uuid not null references staff (id),
      competence text not null,
      assessed_on date not null,
      note text,
      recorded_at timestamptz not null,
      recorded_by uuid not null references staff (id),
      recorded_by_role text not null,
      withdrawn_at timestamptz,
      withdrawn_by uuid references staff (id),
      withdrawn_reason text,
      version integer not null default 1,
      check ((withdrawn_at is null) = (withdrawn_by is null))
    );
    create unique index staff_competences_current_idx on staff_competences (staff_id, competence) where withdrawn_at is null;
    create trigger staff_competences_never_deleted before delete on staff_competences for each row execute function refuse_change();

    -- A programme of care is the episode's set of activities; each says what, how often and who delivers it.
    create table programme_activities (
      id uuid primary key,
      episode_id uuid not null references episodes (id),
      patient_id uuid not null references patients (id),
      goal_id uuid references goals (id),
      kind text not null check (kind in ('exercise', 'functional-practice', 'equipment-use', 'carer-training', 'advice-signposting')),
      competence text,
      title text not null check (length(trim(title)) > 0),
      instructions text not null,
      times_per_period integer not null check (times_per_period between 1 and 28),
      period text not null check (period in ('day', 'week')),
      deliverer_kind text not null check (deliverer_kind in ('self', 'staff', 'carer', 'agency')),
      deliverer_staff_id uuid references staff (id),
      deliverer_name text,
      starts_on date not null,
      ends_on date,
      status text not null default 'active' check (status in ('active', 'stopped', 'completed')),
      status_reason text,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      created_by_role text not null,
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id),
      check ((deliverer_kind = 'staff') = (deliverer_staff_id is not null))
    );
    create index programme_activities_episode_idx on programme_activities (episode_id, created_at);
    create index programme_activities_deliverer_idx on programme_activities (deliverer_staff_id) where status = 'active';
    create trigger programme_activities_never_deleted before delete on programme_activities for each row execute function refuse_change();

    -- Each time an activity was (or was not) done, logged by the staff member who did it or on a
    -- carer's or the patient's report.
    create table programme_completions (
      id uuid primary key,
      activity_id uuid not null references programme_activities (id),
      episode_id uuid not null references episodes (id),
      patient_id uuid not null references patients (id),
      done_on date not null,
      outcome text not null check (outcome in ('done', 'partly-done', 'not-done')),
      reported_by text not null check (reported_by in ('staff', 'patient', 'carer', 'agency')),
      note text,
      recorded_at timestamptz not null,
      recorded_by uuid not null references staff (id),
      recorded_by_role text not null
    );
    create index programme_completions_activity_idx on programme_completions (activity_id, done_on);
    create index programme_completions_episode_idx on programme_completions (episode_id, done_on);
    create trigger programme_completions_append_only before update or delete on programme_completions
      for each row execute function refuse_change();

    -- Reviews held: the outcome of looking again at progress, and the next review date it set.
    create table episode_reviews (
      id uuid primary key,
      episode_id uuid not null references episodes (id),
      patient_id uuid not null references patients (id),
      kind text not null check (kind in ('half-way', 'end-of-episode', 'other')),
      held_on date not null,
      summary text not null check (length(trim(summary)) > 0),
      decision text not null check (decision in ('continue', 'extend', 'discharge')),
      next_review_on date,
      planned_end_on date,
      recorded_at timestamptz not null,
      recorded_by uuid not null references staff (id),
      recorded_by_role text not null
    );
    create index episode_reviews_episode_idx on episode_reviews (episode_id, held_on);
    create trigger episode_reviews_append_only before update or delete on episode_reviews
      for each row execute function refuse_change();

    -- The discharge summary: drafted from structured data, edited (version-checked) until finalised.
    create table discharge_summaries (
      id uuid primary key,
      episode_id uuid not null unique references episodes (id),
      patient_id uuid not null references patients (id),
      status text not null default 'draft' check (status in ('draft', 'final')),
      content jsonb not null,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id),
      finalised_at timestamptz,
      finalised_by uuid references staff (id)
    );
    create trigger discharge_summaries_never_deleted before delete on discharge_summaries for each row execute function refuse_change();

    -- Every letter or printed sheet produced, stored with the record exactly as it was sent.
    create table letters (
      id uuid primary key,
      episode_id uuid not null references episodes (id),
      patient_id uuid not null references patients (id),
      kind text not null check (kind in ('discharge-patient', 'discharge-gp', 'carer-programme')),
      recipient text not null,
      print_size text not null check (print_size in ('standard', 'large')),
      source_id uuid,
      source_version integer,
      text_content text not null,
      pdf bytea not null,
      sha256 text not null,
      produced_at timestamptz not null,
      produced_by uuid not null references staff (id),
      produced_by_role text not null
    );
    create index letters_episode_idx on letters (episode_id, produced_at);
    create trigger letters_append_only before update or delete on letters
      for each row execute function refuse_change();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

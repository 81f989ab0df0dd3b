// FROZEN once landed. The programme of care at discharge (issue 11 #3): discharge used to leave every
// activity "active", so the GP letter said "Continuing" and the carer's sheet still promised visits
// from the team. Now discharge ends each active activity, or hands it over to a stated receiver (the
// patient on their own, a named carer or care agency, another service), and how each activity ended
// is kept as an append-only entry: who ended it, when, why, to whom, and whether at discharge.
// - programme_activities gains the 'handed-over' status and its receiver, final like the others.
// - programme_activity_endings: one row per ended activity, never changed (guard_records). Activities
//   stopped or completed before this migration get theirs from the row's own reason and stamp.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table programme_activities drop constraint programme_activities_status_check;
    alter table programme_activities add constraint programme_activities_status_check
      check (status in ('active', 'stopped', 'completed', 'handed-over'));
    alter table programme_activities
      add column handed_over_to_kind text check (handed_over_to_kind in ('self', 'carer', 'agency', 'service')),
      add column handed_over_to_name text check (handed_over_to_name is null or length(trim(handed_over_to_name)) > 0);
    -- A hand-over names its receiver; only the patient on their own needs no name.
    alter table programme_activities add constraint programme_activities_hand_over_named check (
      (status = 'handed-over') = (handed_over_to_kind is not null)
      and (handed_over_to_kind is null or handed_over_to_kind = 'self' or handed_over_to_name is not null)
    );

    drop trigger programme_activities_end_is_final on programme_activities;
    create trigger programme_activities_end_is_final before update on programme_activities for each row
      execute function refuse_change_when_final('status', 'stopped completed handed-over', 'except', 'version updated_at updated_by');

    create table programme_activity_endings (
      id uuid primary key,
      activity_id uuid not null unique references programme_activities (id),
      episode_id uuid not null references episodes (id),
      patient_id uuid not null references patients (id),
      status text not null check (status in ('stopped', 'completed', 'handed-over')),
      reason text not null check (length(trim(reason)) > 0),
      handed_over_to_kind text check (handed_over_to_kind in ('self', 'carer', 'agency', 'service')),
      handed_over_to_name text,
      at_discharge boolean not null,
      recorded_at timestamptz not null,
      recorded_by uuid not null references staff (id),
      recorded_by_role text not null,
      check ((status = 'handed-over') = (handed_over_to_kind is not null))
    );
    create index programme_activity_endings_episode_idx on programme_activity_endings (episode_id, recorded_at);
    select guard_records('programme_activity_endings', 'append-only');

    insert into programme_activity_endings (id, activity_id, episode_id, patient_id, status, reason, at_discharge, recorded_at, recorded_by, recorded_by_role)
    select a.id, a.id, a.episode_id, a.patient_id, a.status, coalesce(nullif(trim(a.status_reason), ''), 'No reason recorded'), false, a.updated_at, a.updated_by, s.homeward_role
    from programme_activities a join staff s on s.id = a.updated_by
    where a.status in ('stopped', 'completed');
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

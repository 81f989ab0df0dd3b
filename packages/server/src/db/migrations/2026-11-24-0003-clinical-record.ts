// FROZEN once landed: the first slice of the clinical record: consent and capacity, and contact notes
// that are never erased (amendments are new rows; a finalised note's content cannot be updated).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Consent and capacity, and its withdrawal: append-only. A withdrawal is a later row pointing at
    -- the consent it withdraws; the consent itself is never edited.
    create table consent_records (
      id uuid primary key,
      episode_id uuid not null references episodes (id),
      patient_id uuid not null references patients (id),
      kind text not null check (kind in ('consent', 'withdrawal')),
      withdraws_id uuid references consent_records (id),
      scope text not null check (scope in ('episode', 'intervention')),
      intervention text,
      agreed_to text not null,
      method text check (method in ('verbal', 'written', 'implied')),
      given_by text check (given_by in ('patient', 'best-interests')),
      best_interests_decision_by text,
      best_interests_consulted text,
      capacity_in_doubt boolean not null default false,
      -- The two-stage test when capacity was in doubt: stage 1 (impairment) and stage 2 answers with notes.
      capacity_assessment jsonb,
      capacity_outcome text check (capacity_outcome in ('has-capacity', 'lacks-capacity')),
      communication_support text,
      note text,
      recorded_at timestamptz not null,
      recorded_by uuid not null references staff (id),
      recorded_by_role text not null,
      check ((kind = 'withdrawal') = (withdraws_id is not null)),
      check (kind = 'withdrawal' or (method is not null and given_by is not null))
    );
    create index consent_records_episode_idx on consent_records (episode_id, recorded_at);
    create unique index consent_records_one_withdrawal_idx on consent_records (withdraws_id) where withdraws_id is not null;
    create trigger consent_records_append_only before update or delete on consent_records
      for each row execute function refuse_change();

    create table contact_notes (
      id uuid primary key,
      episode_id uuid not null references episodes (id),
      patient_id uuid not null references patients (id),
      status text not null default 'draft' check (status in ('draft', 'final')),
      kind text not null,
      occurred_at timestamptz not null,
      duration_minutes integer check (duration_minutes between 1 and 720),
      place text,
      staff_present text,
      body text not null,
      therapy_minutes jsonb not null default '{}',
      first_holistic_assessment boolean not null default false,
      -- Why a treatment contact was finalised while no consent was recorded for the episode.
      consent_missing_reason text,
      written_at timestamptz not null,
      written_by uuid not null references staff (id),
      written_by_role text not null,
      late_entry boolean not null,
      finalised_at timestamptz,
      finalised_by uuid references staff (id),
      needs_review boolean not null default false,
      reviewed_at timestamptz,
      reviewed_by uuid references staff (id),
      version integer not null default 1,
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id)
    );
    create index contact_notes_episode_idx on contact_notes (episode_id, occurred_at);
    create index contact_notes_awaiting_review_idx on contact_notes (episode_id) where needs_review and reviewed_at is null;
    create trigger contact_notes_never_deleted before delete on contact_notes
      for each row execute function refuse_change();

    -- Once final, a note's content is fixed here as well as in the application: only the review
    -- (and the version and update stamp that go with it) may still change.
    create function refuse_final_note_change() returns trigger language plpgsql as $$
    begin
      if old.status = 'final' and (
        new.status, new.episode_id, new.patient_id, new.kind, new.occurred_at, new.duration_minutes, new.place,
        new.staff_present, new.body, new.therapy_minutes, new.first_holistic_assessment, new.consent_missing_reason,
        new.written_at, new.written_by, new.written_by_role, new.late_entry, new.finalised_at, new.finalised_by, new.needs_review
      ) is distinct from (
        old.status, old.episode_id, old.patient_id, old.kind, old.occurred_at, old.duration_minutes, old.place,
        old.staff_present, old.body, old.therapy_minutes, old.first_holistic_assessment, old.consent_missing_reason,
        old.written_at, old.written_by, old.written_by_role, old.late_entry, old.finalised_at, old.finalised_by, old.needs_review
      ) then
        raise exception 'A finalised contact note is never changed: add an amendment instead'
          using errcode = 'HW002';
      end if;
      return new;
    end $$;
    create trigger contact_notes_final_is_final before update on contact_notes
      for each row execute function refuse_final_note_change();

    -- Amendments to a finalised note: each a full new version (2, 3, ...) with who, when and why.
    create table contact_note_amendments (
      id uuid primary key,
      note_id uuid not null references contact_notes (id),
      note_version integer not null check (note_version >= 2),
      kind text not null,
      occurred_at timestamptz not null,
      duration_minutes integer check (duration_minutes between 1 and 720),
      place text,
      staff_present text,
      body text not null,
      therapy_minutes jsonb not null default '{}',
      first_holistic_assessment boolean not null default false,
      reason text not null check (length(trim(reason)) > 0),
      amended_at timestamptz not null,
      amended_by uuid not null references staff (id),
      amended_by_role text not null,
      unique (note_id, note_version)
    );
    create trigger contact_note_amendments_append_only before update or delete on contact_note_amendments
      for each row execute function refuse_change();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

// FROZEN once landed: legitimate relationships narrowed (issues 9 and 10). Support workers and students
// see only the patients they work with; "supervised on this episode" is the record that says so for
// work that is neither allocated nor delegated (a student seeing patients with their practice
// educator). It also gives the relationship query the indexes it reads by.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A support worker or student working on one episode under a supervisor of the team. Ending it is
    -- a change (version-checked) that is final; rows are never deleted, so the privacy officer can see
    -- who had access through it and when.
    create table episode_supervisions (
      id uuid primary key,
      episode_id uuid not null references episodes (id),
      patient_id uuid not null references patients (id),
      staff_id uuid not null references staff (id),
      supervisor_id uuid not null references staff (id),
      started_at timestamptz not null,
      ended_at timestamptz,
      ended_by uuid references staff (id),
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id),
      check ((ended_at is null) = (ended_by is null)),
      check (staff_id <> supervisor_id)
    );
    create unique index episode_supervisions_current_idx on episode_supervisions (episode_id, staff_id) where ended_at is null;
    create index episode_supervisions_staff_idx on episode_supervisions (staff_id, episode_id);
    create trigger episode_supervisions_never_deleted before delete on episode_supervisions
      for each row execute function refuse_change();
    create trigger episode_supervisions_never_truncated before truncate on episode_supervisions
      for each statement execute function refuse_change();
    create function episode_supervision_end_is_final() returns trigger language plpgsql as $$
    begin
      if old.ended_at is not null then
        raise exception 'An ended supervision cannot be changed' using errcode = 'HW001';
      end if;
      if new.episode_id <> old.episode_id or new.patient_id <> old.patient_id or new.staff_id <> old.staff_id
         or new.supervisor_id <> old.supervisor_id or new.started_at <> old.started_at then
        raise exception 'Only the end of a supervision can be recorded' using errcode = 'HW001';
      end if;
      return new;
    end $$;
    create trigger episode_supervisions_end_is_final before update on episode_supervisions
      for each row execute function episode_supervision_end_is_final();

    -- The relationship query asks, per episode, whether this person wrote a note on it.
    create index contact_notes_author_idx on contact_notes (episode_id, written_by);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

// FROZEN once landed: who may change a contact note (issue 9, High 2). A draft is its author's own, so
// the database refuses a change or finalisation of a draft by anyone else, as a backstop to the rule in
// packages/clinical (contact-note-authorship.ts). An amendment by a support worker or a student waits
// for a supervisor's review like their notes do: whether it needs one is fixed when it is written, and
// the review is a new, append-only row, so the amendment itself is never touched.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function refuse_draft_change_by_another() returns trigger language plpgsql as $$
    begin
      if old.status = 'draft' and (new.updated_by is distinct from old.written_by
          or (new.finalised_by is not null and new.finalised_by is distinct from old.written_by)) then
        raise exception 'A draft contact note is changed or finalised only by its author'
          using errcode = 'HW003';
      end if;
      return new;
    end $$;
    create trigger contact_notes_draft_by_author before update on contact_notes
      for each row execute function refuse_draft_change_by_another();

    -- Existing amendments were all written before this rule, by their notes' authors, and are not queued.
    alter table contact_note_amendments add column needs_review boolean not null default false;

    create table contact_note_amendment_reviews (
      id uuid primary key,
      amendment_id uuid not null unique references contact_note_amendments (id),
      note_id uuid not null references contact_notes (id),
      reviewed_at timestamptz not null,
      reviewed_by uuid not null references staff (id),
      reviewed_by_role text not null
    );
    create index contact_note_amendment_reviews_note_idx on contact_note_amendment_reviews (note_id);
    create trigger contact_note_amendment_reviews_append_only before update or delete on contact_note_amendment_reviews
      for each row execute function refuse_change();
    create trigger contact_note_amendment_reviews_never_truncated before truncate on contact_note_amendment_reviews
      for each statement execute function refuse_change();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

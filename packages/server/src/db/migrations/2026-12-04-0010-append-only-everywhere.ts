// FROZEN once landed: the database as the last line of defence (issue 9 item 8). Row triggers refused
// UPDATE and DELETE, but TRUNCATE (a statement, not rows) emptied any record table but two, and a final
// discharge summary could be set back to draft in SQL. Here every table of records refuses TRUNCATE,
// including one cascaded from a parent (PostgreSQL fires the truncate triggers of every table a
// TRUNCATE ... CASCADE empties), and every kind with a final or fixed state keeps it in the database.
//
// guard_records('<table>', 'append-only' | 'never-deleted') is the one line a new table of records needs.
// refuse_change_when_final(...) is the one line a new kind with a final state needs (see its arguments).
// Neither stops the tables' owner, who can disable triggers: the application runs as a role that owns
// nothing (ARCHITECTURE.md, "The database roles"; npm run db:app-role).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Statement level: TRUNCATE has no rows. One function for every table; the message names the table.
    create function refuse_truncate() returns trigger language plpgsql as $$
    begin
      raise exception 'TRUNCATE on % is not allowed: Homeward never empties a table of records', tg_table_name
        using errcode = 'HW001';
    end $$;

    -- Guards a table of records: 'append-only' refuses UPDATE and DELETE of any row; 'never-deleted'
    -- refuses DELETE (rows change only as their own rules allow). Both refuse TRUNCATE. Idempotent, and
    -- replaces the triggers of the same names that earlier migrations made one by one.
    create function guard_records(target regclass, kind text) returns void language plpgsql as $$
    declare
      name text := (select relname from pg_class where oid = target);
    begin
      if kind = 'append-only' then
        execute format('create or replace trigger %I before update or delete on %s for each row execute function refuse_change()', name || '_append_only', target);
      elsif kind = 'never-deleted' then
        execute format('create or replace trigger %I before delete on %s for each row execute function refuse_change()', name || '_never_deleted', target);
      else
        raise exception 'guard_records: kind must be append-only or never-deleted, not %', kind;
      end if;
      execute format('create or replace trigger %I before truncate on %s for each statement execute function refuse_truncate()', name || '_never_truncated', target);
    end $$;

    -- The columns whose values differ between two versions of a row, but for those that may change.
    create function changed_columns(before_row jsonb, after_row jsonb, may_change text[]) returns text[] language sql immutable as $$
      select coalesce(array_agg(key order by key), '{}')
      from jsonb_object_keys(before_row) as key
      where key <> all (may_change) and (after_row -> key) is distinct from (before_row -> key)
    $$;

    -- Final is final: once a row's state column holds a final state, it is fixed. Arguments:
    --   0 the state column;
    --   1 the final states, space-separated ('*': any value but null, for a timestamp such as withdrawn_at);
    --   2 'except': every column is fixed except those in 3; 'only': only the columns in 3 are fixed;
    --   3 a space-separated column list;
    --   4 (optional) columns that may be filled in once after the row is final (a review), never changed after.
    -- A version column, where there is one, may only go up. Every column named must exist (a typo is refused).
    create function refuse_change_when_final() returns trigger language plpgsql as $$
    declare
      before_row jsonb := to_jsonb(old);
      after_row jsonb := to_jsonb(new);
      state text := to_jsonb(old) ->> tg_argv[0];
      final_states text[] := string_to_array(tg_argv[1], ' ');
      listed text[] := string_to_array(tg_argv[3], ' ');
      set_once text[] := case when tg_nargs > 4 then string_to_array(tg_argv[4], ' ') else '{}' end;
      changed text[];
      col text;
    begin
      foreach col in array array[tg_argv[0]] || listed || set_once loop
        if not before_row ? col then
          raise exception 'refuse_change_when_final on %: there is no column %', tg_table_name, col;
        end if;
      end loop;
      if state is null or not ('*' = any (final_states) or state = any (final_states)) then
        return new;
      end if;
      if tg_argv[2] = 'except' then
        changed := changed_columns(before_row, after_row, listed || set_once);
      elsif tg_argv[2] = 'only' then
        changed := changed_columns(before_row, after_row,
          array(select key from jsonb_object_keys(before_row) as key where key <> all (listed)));
      else
        raise exception 'refuse_change_when_final on %: argument 2 must be except or only', tg_table_name;
      end if;
      foreach col in array set_once loop
        if before_row ->> col is not null and (after_row -> col) is distinct from (before_row -> col) then
          changed := changed || col;
        end if;
      end loop;
      if before_row ? 'version' and (after_row ->> 'version')::bigint < (before_row ->> 'version')::bigint then
        changed := changed || 'version'::text;
      end if;
      if cardinality(changed) > 0 then
        raise exception 'UPDATE on % is not allowed: a final record is never changed (% = %; % would change)',
          tg_table_name, tg_argv[0], state, array_to_string(changed, ', ')
          using errcode = 'HW002';
      end if;
      return new;
    end $$;

    -- A goal's plan is fixed once it has been rated: the ratings were made against it.
    create function refuse_rated_goal_plan_change() returns trigger language plpgsql as $$
    declare
      changed text[] := changed_columns(to_jsonb(old), to_jsonb(new), '{status,status_reason,version,updated_at,updated_by}');
    begin
      if cardinality(changed) > 0 and exists (select 1 from goal_attainments a where a.goal_id = old.id) then
        raise exception 'UPDATE on goals is not allowed: a rated goal''s plan is never changed (% would change)',
          array_to_string(changed, ', ')
          using errcode = 'HW002';
      end if;
      if new.version < old.version then
        raise exception 'UPDATE on goals is not allowed: a version never goes down' using errcode = 'HW002';
      end if;
      return new;
    end $$;

    -- The end of the audit chain only moves forward: rewinding it would let the events after it be
    -- rewritten into a chain that still verifies.
    create function refuse_chain_head_rewind() returns trigger language plpgsql as $$
    begin
      if new.id <> old.id or new.seq <= old.seq then
        raise exception 'UPDATE on audit_chain_head is not allowed: the chain head only moves forward (% to %)', old.seq, new.seq
          using errcode = 'HW001';
      end if;
      return new;
    end $$;

    -- Clinical entries, histories and the audit: written once, never changed.
    select guard_records('patient_versions', 'append-only');
    select guard_records('episode_events', 'append-only');
    select guard_records('consent_records', 'append-only');
    select guard_records('contact_note_amendments', 'append-only');
    select guard_records('assessments', 'append-only');
    select guard_records('goal_attainments', 'append-only');
    select guard_records('programme_completions', 'append-only');
    select guard_records('episode_reviews', 'append-only');
    select guard_records('letters', 'append-only');
    select guard_records('break_glass', 'append-only');
    select guard_records('audit_events', 'append-only');

    -- Records that change as their rules allow, and are never removed.
    select guard_records('patients', 'never-deleted');
    select guard_records('referrals', 'never-deleted');
    select guard_records('episodes', 'never-deleted');
    select guard_records('onward_referrals', 'never-deleted');
    select guard_records('contact_notes', 'never-deleted');
    select guard_records('goals', 'never-deleted');
    select guard_records('staff_competences', 'never-deleted');
    select guard_records('programme_activities', 'never-deleted');
    select guard_records('discharge_summaries', 'never-deleted');
    select guard_records('audit_chain_head', 'never-deleted');
    create trigger audit_chain_head_moves_forward before update on audit_chain_head
      for each row execute function refuse_chain_head_rewind();

    -- Final is final. A final note: only its review (filled in once) and the version and update stamp
    -- that go with an amendment or the review may change. This replaces the first, content-only check.
    drop trigger contact_notes_final_is_final on contact_notes;
    drop function refuse_final_note_change();
    create trigger contact_notes_final_is_final before update on contact_notes for each row
      execute function refuse_change_when_final('status', 'final', 'except', 'version updated_at updated_by', 'reviewed_at reviewed_by');
    create trigger discharge_summaries_final_is_final before update on discharge_summaries for each row
      execute function refuse_change_when_final('status', 'final', 'except', 'version updated_at updated_by');
    -- A decided referral keeps its decision; a stopped or completed activity, a withdrawn competence and
    -- an acknowledged onward referral stay as they were.
    create trigger referrals_decision_is_final before update on referrals for each row
      execute function refuse_change_when_final('status', 'accepted rejected', 'except', 'version updated_at updated_by');
    create trigger programme_activities_end_is_final before update on programme_activities for each row
      execute function refuse_change_when_final('status', 'stopped completed', 'except', 'version updated_at updated_by');
    create trigger staff_competences_withdrawal_is_final before update on staff_competences for each row
      execute function refuse_change_when_final('withdrawn_at', '*', 'except', 'version');
    create trigger onward_referrals_acknowledgement_is_final before update on onward_referrals for each row
      execute function refuse_change_when_final('acknowledged_at', '*', 'except', 'version updated_at updated_by');
    -- A discharged episode keeps its discharge and its patient; the caseload's dates (a late note's
    -- contact, a review date) may still move, as they did before.
    create trigger episodes_discharge_is_final before update on episodes for each row
      execute function refuse_change_when_final('status', 'discharged', 'only',
        'id patient_id referral_id status discharged_on discharge_outcome discharge_destination discharge_note');
    create trigger goals_rated_plan_is_fixed before update on goals for each row
      execute function refuse_rated_goal_plan_change();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

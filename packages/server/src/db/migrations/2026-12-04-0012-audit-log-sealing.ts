// FROZEN once landed. The access audit stops serialising every request on one chain-head row
// (issue 12 #5) and its proof stops depending on how the writer spelt a value (issue 9 #3):
// - an event is one plain INSERT; its number comes from a sequence, set by a trigger, so no row is
//   locked and a caller cannot choose a number (not even one left free by a rolled-back transaction);
// - a sealer (audit/seal-audit-log.ts) later reads the events back as stored and hashes them into
//   sealed batches (audit_batches), each naming the exact numbers it covers and chained to the one
//   before, with signed checkpoints of the head written outside the database;
// - the chain head row goes: nothing locks or updates it any more. Events written before this
//   migration keep their old prev_hash and hash as data; the first batches seal them like any other.
// - the privacy officer's views get the indexes they need (issue 12 #7), and an event keeps the
//   caller's X-Request-Id as a claim beside the server's own request id (issue 9).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create sequence audit_event_seq as bigint minvalue 1 cache 1;
    select setval('audit_event_seq', coalesce((select max(seq) from audit_events), 0) + 1, false);

    create function audit_event_number() returns trigger language plpgsql as $$
    begin
      -- The transaction takes its id before its number. The sealer reads the sequence, then waits
      -- for every transaction that was running at that moment: after that, every number up to what
      -- it read is either a committed event it can see or a rollback that will never appear.
      perform pg_current_xact_id();
      new.seq := nextval('audit_event_seq');
      new.prev_hash := null;
      new.hash := null;
      return new;
    end $$;
    create trigger audit_events_numbered before insert on audit_events
      for each row execute function audit_event_number();

    alter table audit_events
      alter column prev_hash drop not null,
      alter column hash drop not null,
      add column request_id_claimed text;

    drop table audit_chain_head;

    -- One row per sealed batch. A batch covers every number from first_seq to last_seq: each is an
    -- event, or listed in absent_seqs (a rolled-back transaction's number). Batches follow each
    -- other without gaps, so every number ever handed out is accounted for exactly once.
    -- leaf_hashes holds each event's hash (32 bytes, in order) so a verifier can say which event
    -- changed; the Merkle root over them is what the batch hash covers.
    create table audit_batches (
      batch_no bigint primary key check (batch_no >= 1),
      first_seq bigint not null,
      last_seq bigint not null,
      event_count integer not null check (event_count >= 0),
      absent_seqs bigint[] not null,
      merkle_root text not null,
      leaf_hashes bytea not null,
      tree_size bigint not null,
      sealed_at timestamptz not null,
      prev_hash text not null,
      hash text not null,
      check (last_seq >= first_seq)
    );
    create trigger audit_batches_append_only before update or delete on audit_batches
      for each row execute function refuse_change();
    create trigger audit_batches_never_truncated before truncate on audit_batches
      for each statement execute function refuse_change();

    -- "Who accessed this patient", newest first, a page at a time (keyset on occurred_at, seq; the
    -- views read these indexes backwards, and a plain filter on the patient reads them oldest first).
    drop index audit_events_patient_idx;
    create index audit_events_patient_time_idx on audit_events (patient_id, occurred_at, seq);
    -- Searches whose results included a patient (detail.patientIds), for the same view.
    create index audit_events_search_patients_idx on audit_events
      using gin ((detail -> 'patientIds') jsonb_path_ops) where action = 'search';
    -- Recent refusals, newest first, and their count.
    create index audit_events_refused_time_idx on audit_events (occurred_at, seq) where outcome = 'refused';
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

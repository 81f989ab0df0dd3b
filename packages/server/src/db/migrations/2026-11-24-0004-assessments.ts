// FROZEN once landed: standardised assessments (issue 4 items 3 and 4). Item responses are stored with
// the instrument's id and definition version; the total, subscales and band are what scoreInstrument
// computed at save, kept for listing and never typed. Append-only: a correction would be a new entry.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table assessments (
      id uuid primary key,
      episode_id uuid not null references episodes (id),
      patient_id uuid not null references patients (id),
      instrument_id text not null,
      instrument_version integer not null,
      time_point text not null check (time_point in ('baseline', 'review', 'discharge', 'other')),
      method text not null,
      responses jsonb not null,
      total numeric,
      subscales jsonb not null default '{}',
      band text,
      administered_at timestamptz not null,
      recorded_at timestamptz not null,
      recorded_by uuid not null references staff (id),
      recorded_by_role text not null
    );
    create index assessments_episode_idx on assessments (episode_id, instrument_id, administered_at);
    -- One baseline per instrument per episode: the change over the episode is measured from it.
    create unique index assessments_one_baseline_idx on assessments (episode_id, instrument_id) where time_point = 'baseline';
    create trigger assessments_append_only before update or delete on assessments
      for each row execute function refuse_change();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

// FROZEN once landed. Reports (issue 18 #1, D2A and intermediate care): the Discharge Ready Date on the
// episode (the day the patient was ready to leave the service's care, as the NHS England discharge
// collections count it) and why a discharge was delayed past it, each reason an append-only row with who
// recorded it, so the delay report counts what was said at the time.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table episodes add column discharge_ready_on date;

    create table episode_delays (
      id uuid primary key,
      episode_id uuid not null references episodes (id),
      patient_id uuid not null references patients (id),
      reason text not null check (reason ~ '^[a-z0-9-]{1,60}$'),
      note text check (note is null or length(note) <= 2000),
      recorded_at timestamptz not null,
      recorded_by uuid not null references staff (id),
      recorded_by_role text not null
    );
    create index episode_delays_episode_idx on episode_delays (episode_id, recorded_at);
    select guard_records('episode_delays', 'append-only');

    -- The reports read the team's episodes by the day they started or ended.
    create index episodes_team_discharged_idx on episodes (team_id, discharged_on) where discharged_on is not null;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

// FROZEN once landed. Lone working (issue 14): a session for each member of staff on each home visit
// (from the published plan, or started by hand), alerts (a missed check-in or check-out, an amber
// timed alert, a red emergency, a covert duress check-out) that climb the team's escalation ladder by
// durable jobs (`jobs`, migration 0016), and notifications in the app, by email and by SMS.
// Later parts of issue 14 add their own migrations (0023-0029) rather than change this one.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Each team's ladder. ladder: [{ "level": 1.., "who": "clinician" | "responder" | "manager",
    -- "afterSeconds": from the alert being raised, "instructions": what to do }] (packages/clinical
    -- lone-working/escalation-ladder.ts holds the default and the rules). No row: the default ladder.
    create table lone_working_settings (
      team_id uuid primary key references teams (id),
      grace_seconds integer not null default 900 check (grace_seconds between 0 and 7200),
      ladder jsonb not null check (jsonb_typeof(ladder) = 'array'),
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id)
    );

    -- One member of staff at one place for a time: a published home visit (one session per person on a
    -- two-person visit), or a visit started by hand. Times made on the phone (checked_*_at) and when
    -- they reached the service (*_received_at) are both kept: an offline phone's tap arrives late.
    create table lone_working_sessions (
      id uuid primary key,
      team_id uuid not null references teams (id),
      staff_id uuid not null references staff (id),
      on_date date not null,
      origin text not null check (origin in ('plan', 'by-hand')),
      visit_id uuid references visits (id),
      patient_id uuid references patients (id),
      -- Where, in words a responder can act on (the address, or what the clinician typed).
      place text not null check (length(trim(place)) > 0),
      latitude double precision check (latitude between -90 and 90),
      longitude double precision check (longitude between -180 and 180),
      with_staff_id uuid references staff (id),
      expected_start timestamptz not null,
      expected_end timestamptz not null,
      status text not null default 'expected' check (status in ('expected', 'checked-in', 'checked-out', 'cancelled')),
      checked_in_at timestamptz,
      checked_in_received_at timestamptz,
      checked_out_at timestamptz,
      checked_out_received_at timestamptz,
      cancelled_reason text,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id),
      check (expected_end > expected_start),
      check ((checked_in_at is null) = (checked_in_received_at is null)),
      check ((checked_out_at is null) = (checked_out_received_at is null)),
      check (status <> 'cancelled' or length(trim(coalesce(cancelled_reason, ''))) > 0)
    );
    -- A published visit makes one session per person sent; re-publishing updates it, never a second.
    create unique index lone_working_sessions_visit_staff_idx on lone_working_sessions (visit_id, staff_id) where visit_id is not null;
    create index lone_working_sessions_team_day_idx on lone_working_sessions (team_id, on_date);
    create index lone_working_sessions_staff_day_idx on lone_working_sessions (staff_id, on_date);
    select guard_records('lone_working_sessions', 'never-deleted');

    -- An alert: raised by a timer (a missed check-in or check-out, an amber that ran out) or at once
    -- (red, duress). status: 'running' (an amber timing), 'ended' (an amber the clinician ended safe,
    -- never raised), 'raised' (climbing the ladder), 'acknowledged' (a responder has it: the climb
    -- stops), 'closed' (with its outcome). level: the highest rung reached (0 before raising).
    -- Only a responder closes a raised alert: a late check-out never cancels one.
    create table lone_working_alerts (
      id uuid primary key,
      team_id uuid not null references teams (id),
      staff_id uuid not null references staff (id),
      session_id uuid references lone_working_sessions (id),
      kind text not null check (kind in ('missed-check-in', 'missed-check-out', 'amber', 'red', 'duress')),
      status text not null check (status in ('running', 'ended', 'raised', 'acknowledged', 'closed')),
      note text,
      due_at timestamptz not null,
      level smallint not null default 0 check (level between 0 and 9),
      raised_at timestamptz,
      acknowledged_at timestamptz,
      acknowledged_by uuid references staff (id),
      closed_at timestamptz,
      closed_by uuid references staff (id),
      outcome text,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid references staff (id),
      updated_at timestamptz not null,
      updated_by uuid references staff (id),
      check (status not in ('raised', 'acknowledged', 'closed') or raised_at is not null),
      check (status <> 'closed' or (closed_at is not null and closed_by is not null and length(trim(coalesce(outcome, ''))) > 0))
    );
    -- One open missed check-in (or check-out) alert per session: a retried timer finds the first.
    create unique index lone_working_alerts_missed_once_idx on lone_working_alerts (session_id, kind) where kind in ('missed-check-in', 'missed-check-out');
    create index lone_working_alerts_team_open_idx on lone_working_alerts (team_id, status) where status in ('running', 'raised', 'acknowledged');
    create index lone_working_alerts_staff_idx on lone_working_alerts (staff_id, created_at);
    select guard_records('lone_working_alerts', 'never-deleted');

    -- Everything that happened to an alert, time-stamped: raised, each rung climbed (once: the unique
    -- index is what makes a retried or doubled timer harmless), extended, acknowledged, each action
    -- a responder records, a late check-in or check-out arriving, closed.
    create table lone_working_alert_events (
      id uuid primary key,
      alert_id uuid not null references lone_working_alerts (id),
      at timestamptz not null,
      kind text not null check (kind in ('started', 'extended', 'ended', 'raised', 'escalated', 'skipped-level', 'acknowledged', 'action', 'late-check-in', 'late-check-out', 'closed')),
      level smallint,
      by_staff_id uuid references staff (id),
      -- The rung's due time, for lateness: how long after it was due it fired.
      due_at timestamptz,
      detail jsonb not null default '{}'
    );
    create unique index lone_working_alert_events_rung_once_idx on lone_working_alert_events (alert_id, level) where kind in ('raised', 'escalated', 'skipped-level');
    create index lone_working_alert_events_alert_idx on lone_working_alert_events (alert_id, at);
    select guard_records('lone_working_alert_events', 'append-only');

    -- Each clinician's check-out code and covert duress code (scrypt hashes, as passwords are).
    create table lone_working_codes (
      staff_id uuid primary key references staff (id),
      check_out_code_hash text not null,
      duress_code_hash text not null,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id)
    );

    -- What someone is told in the app (their notifications list), with its deliveries by email and
    -- SMS, each sent by a durable job and kept with what happened.
    create table notifications (
      id uuid primary key,
      staff_id uuid not null references staff (id),
      team_id uuid references teams (id),
      alert_id uuid references lone_working_alerts (id),
      kind text not null,
      urgent boolean not null default false,
      title text not null,
      body text not null,
      link text,
      created_at timestamptz not null,
      read_at timestamptz
    );
    create index notifications_staff_idx on notifications (staff_id, created_at desc);
    create index notifications_alert_idx on notifications (alert_id) where alert_id is not null;

    create table notification_deliveries (
      id uuid primary key,
      notification_id uuid not null references notifications (id),
      channel text not null check (channel in ('email', 'sms')),
      address text not null,
      status text not null default 'queued' check (status in ('queued', 'sent', 'failed', 'not-configured')),
      attempts integer not null default 0,
      last_error text,
      provider_reference text,
      created_at timestamptz not null,
      sent_at timestamptz
    );
    create index notification_deliveries_notification_idx on notification_deliveries (notification_id);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

// FROZEN once landed. The team's people and its MDT (issue 16): clinical supervision (who supervises
// whom, sessions written by the supervisor and confirmed by the supervisee, cases discussed, actions),
// competences for every role (evidence, sign-off, expiry), CPD, the annual Performance Development
// Conversation, mandatory training (courses, the matrix per role, completions, ESR imports), and MDT
// meetings (agenda from the caseload, attendance, each patient's discussion, decisions and actions).
// Later parts of issue 16 add their own migrations (0041-0048) rather than change this one.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Who supervises whom, from a date. One current arrangement per supervisee (ended, never deleted).
    create table supervision_arrangements (
      id uuid primary key,
      supervisee_id uuid not null references staff (id),
      supervisor_id uuid not null references staff (id),
      starts_on date not null,
      ends_on date,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id),
      check (supervisee_id <> supervisor_id),
      check (ends_on is null or ends_on >= starts_on)
    );
    create unique index supervision_arrangements_current_idx on supervision_arrangements (supervisee_id) where ends_on is null;
    create index supervision_arrangements_supervisor_idx on supervision_arrangements (supervisor_id) where ends_on is null;
    select guard_records('supervision_arrangements', 'never-deleted');

    -- A supervision session: written by the supervisor ('recorded'), then confirmed by the supervisee
    -- (with their comment, if any): 'confirmed' is final.
    create table supervision_sessions (
      id uuid primary key,
      supervisee_id uuid not null references staff (id),
      supervisor_id uuid not null references staff (id),
      held_on date not null,
      kind text not null check (kind in ('clinical', 'managerial', 'group', 'reflective')),
      themes text not null check (length(trim(themes)) > 0),
      status text not null default 'recorded' check (status in ('recorded', 'confirmed')),
      supervisee_comment text,
      confirmed_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id),
      check (supervisee_id <> supervisor_id),
      check ((status = 'confirmed') = (confirmed_at is not null))
    );
    create index supervision_sessions_supervisee_idx on supervision_sessions (supervisee_id, held_on);
    create index supervision_sessions_supervisor_idx on supervision_sessions (supervisor_id, held_on);
    select guard_records('supervision_sessions', 'never-deleted');
    -- Confirmed by the supervisee: final (nothing changes but the version and update stamp).
    create trigger supervision_sessions_final_is_final before update on supervision_sessions for each row
      execute function refuse_change_when_final('status', 'confirmed', 'except', 'version updated_at updated_by');

    -- A case discussed in supervision: an episode (the usual access rules apply to reading it).
    create table supervision_cases (
      id uuid primary key,
      session_id uuid not null references supervision_sessions (id),
      episode_id uuid not null references episodes (id),
      patient_id uuid not null references patients (id),
      note text not null check (length(trim(note)) > 0),
      created_at timestamptz not null,
      created_by uuid not null references staff (id)
    );
    create index supervision_cases_session_idx on supervision_cases (session_id);
    select guard_records('supervision_cases', 'append-only');

    -- Actions agreed: an owner and a due date; open until done.
    create table supervision_actions (
      id uuid primary key,
      session_id uuid not null references supervision_sessions (id),
      action text not null check (length(trim(action)) > 0),
      owner_id uuid not null references staff (id),
      due_on date not null,
      status text not null default 'open' check (status in ('open', 'done')),
      done_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id),
      check ((status = 'done') = (done_at is not null))
    );
    create index supervision_actions_owner_idx on supervision_actions (owner_id) where status = 'open';
    select guard_records('supervision_actions', 'never-deleted');

    -- Competences for every role (support workers' delegated activities were the first): the evidence
    -- they rest on and when they expire. recorded_by is who signed them off.
    alter table staff_competences add column evidence text;
    alter table staff_competences add column expires_on date;

    -- A personal CPD log (HCPC standards for CPD 1-5). hours: to the quarter hour.
    create table cpd_entries (
      id uuid primary key,
      staff_id uuid not null references staff (id),
      activity text not null check (length(trim(activity)) > 0),
      done_on date not null,
      hours numeric(5, 2) not null check (hours > 0 and hours <= 500),
      kind text not null check (kind in ('work-based', 'professional', 'formal', 'self-directed', 'other')),
      learned text not null default '',
      practice_change text not null default '',
      reflection text not null default '',
      hcpc_standards jsonb not null default '[]' check (jsonb_typeof(hcpc_standards) = 'array'),
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id)
    );
    create index cpd_entries_staff_idx on cpd_entries (staff_id, done_on);
    select guard_records('cpd_entries', 'never-deleted');

    -- The annual Performance Development Conversation: objectives and a development plan, seen and
    -- confirmed by both the member of staff and their manager. status 'agreed' once both confirmed.
    create table pdc_records (
      id uuid primary key,
      staff_id uuid not null references staff (id),
      manager_id uuid not null references staff (id),
      held_on date not null,
      next_review_on date not null,
      summary text not null default '',
      status text not null default 'draft' check (status in ('draft', 'agreed')),
      staff_confirmed_at timestamptz,
      manager_confirmed_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id),
      check (staff_id <> manager_id),
      check (status <> 'agreed' or (staff_confirmed_at is not null and manager_confirmed_at is not null))
    );
    create index pdc_records_staff_idx on pdc_records (staff_id, held_on);
    select guard_records('pdc_records', 'never-deleted');

    -- An objective or an item of the development plan, with its review date and progress.
    create table pdc_items (
      id uuid primary key,
      pdc_id uuid not null references pdc_records (id),
      kind text not null check (kind in ('objective', 'development')),
      text text not null check (length(trim(text)) > 0),
      measure text not null default '',
      review_on date,
      status text not null default 'open' check (status in ('open', 'met', 'partly-met', 'not-met', 'dropped')),
      progress text not null default '',
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id)
    );
    create index pdc_items_pdc_idx on pdc_items (pdc_id);
    select guard_records('pdc_items', 'never-deleted');

    -- Statutory and mandatory training: courses (renewal as data), the matrix per role, completions.
    create table training_courses (
      id uuid primary key,
      code text not null unique check (length(trim(code)) > 0),
      name text not null check (length(trim(name)) > 0),
      renewal_months smallint check (renewal_months between 1 and 120),
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id)
    );
    select guard_records('training_courses', 'never-deleted');

    create table training_requirements (
      homeward_role text not null,
      course_id uuid not null references training_courses (id),
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      primary key (homeward_role, course_id)
    );

    -- An import of completions from an ESR-style CSV: previewed (rows and what each would change),
    -- then confirmed (applied once). sha256 of the file: the same file twice changes nothing.
    create table training_imports (
      id uuid primary key,
      file_name text not null,
      sha256 text not null,
      preview jsonb not null,
      status text not null default 'previewed' check (status in ('previewed', 'confirmed', 'abandoned')),
      confirmed_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id)
    );
    select guard_records('training_imports', 'never-deleted');

    create table training_completions (
      id uuid primary key,
      staff_id uuid not null references staff (id),
      course_id uuid not null references training_courses (id),
      completed_on date not null,
      expires_on date,
      source text not null check (source in ('esr-import', 'recorded')),
      import_id uuid references training_imports (id),
      created_at timestamptz not null,
      created_by uuid not null references staff (id)
    );
    -- One completion per person, course and day: an import run twice, or a row twice, adds nothing.
    create unique index training_completions_once_idx on training_completions (staff_id, course_id, completed_on);
    select guard_records('training_completions', 'append-only');

    -- An MDT meeting of a team.
    create table mdt_meetings (
      id uuid primary key,
      team_id uuid not null references teams (id),
      starts_at timestamptz not null,
      place text not null default '',
      chair_id uuid references staff (id),
      status text not null default 'scheduled' check (status in ('scheduled', 'held', 'cancelled')),
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id)
    );
    create index mdt_meetings_team_idx on mdt_meetings (team_id, starts_at);
    select guard_records('mdt_meetings', 'never-deleted');

    create table mdt_attendees (
      meeting_id uuid not null references mdt_meetings (id),
      id uuid primary key,
      staff_id uuid references staff (id),
      -- Someone from outside the team (a social worker, a GP): a name and what they are.
      name text,
      role text not null default '',
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      check ((staff_id is null) <> (name is null))
    );
    create unique index mdt_attendees_staff_idx on mdt_attendees (meeting_id, staff_id) where staff_id is not null;
    select guard_records('mdt_attendees', 'never-deleted');

    -- A patient on a meeting's agenda, why they are there, and what was said and decided.
    create table mdt_agenda_items (
      id uuid primary key,
      meeting_id uuid not null references mdt_meetings (id),
      episode_id uuid not null references episodes (id),
      patient_id uuid not null references patients (id),
      reasons jsonb not null default '[]' check (jsonb_typeof(reasons) = 'array'),
      position integer not null,
      discussion text,
      decision text,
      discussed_at timestamptz,
      discussed_by uuid references staff (id),
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id),
      unique (meeting_id, episode_id)
    );
    select guard_records('mdt_agenda_items', 'never-deleted');

    -- An action from a meeting (about a patient or not): on its owner's home page and on the next
    -- meeting's agenda until closed.
    create table mdt_actions (
      id uuid primary key,
      meeting_id uuid not null references mdt_meetings (id),
      agenda_item_id uuid references mdt_agenda_items (id),
      episode_id uuid references episodes (id),
      patient_id uuid references patients (id),
      action text not null check (length(trim(action)) > 0),
      owner_id uuid not null references staff (id),
      due_on date not null,
      status text not null default 'open' check (status in ('open', 'closed')),
      closed_at timestamptz,
      closed_by uuid references staff (id),
      closing_note text,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id),
      check ((status = 'closed') = (closed_at is not null))
    );
    create index mdt_actions_owner_idx on mdt_actions (owner_id) where status = 'open';
    select guard_records('mdt_actions', 'never-deleted');

    -- An episode flagged for discussion at the next MDT (by whoever holds or leads it).
    alter table episodes add column mdt_flagged_at timestamptz;
    alter table episodes add column mdt_flag_reason text;
  `.execute(db);
}

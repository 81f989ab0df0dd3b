// FROZEN once landed. Safety and governance (issue 17): incidents and near misses (LFPSE-aligned, the
// reporter told the outcome), safeguarding concerns (restricted to the safeguarding lead and named
// people, a 24-hour decision clock), and the risk register (5x5 likelihood x consequence). Later parts of
// issue 17 add their own migrations (0051-0054) rather than change this one.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Who holds a safety duty: the safeguarding lead (and deputies), named by the service manager or the
    -- administrator. A designation ends; it is never deleted.
    create table safety_designations (
      id uuid primary key,
      staff_id uuid not null references staff (id),
      designation text not null check (designation in ('safeguarding-lead')),
      starts_on date not null,
      ends_on date,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id),
      check (ends_on is null or ends_on >= starts_on)
    );
    create unique index safety_designations_current_idx on safety_designations (staff_id, designation) where ends_on is null;
    select guard_records('safety_designations', 'never-deleted');

    -- A human reference for each kind ('INC-000123', 'SG-000045', 'RSK-000012'): what people say on the phone.
    create sequence incident_reference_seq;
    create sequence safeguarding_reference_seq;
    create sequence risk_reference_seq;

    -- An incident or near miss. The short form first (what, when, where, who was affected, immediate
    -- actions, harm), then the handler's triage, investigation, learning and the outcome told to the
    -- reporter. Fields follow the national Learn from Patient Safety Events service (LFPSE) so an export
    -- can feed it. The reporter may be anonymous to colleagues (reporter_anonymous), never to the audit.
    create table incidents (
      id uuid primary key,
      reference text not null unique,
      kind text not null check (kind in ('incident', 'near-miss')),
      occurred_at timestamptz not null,
      location_kind text not null check (location_kind in ('patient-home', 'ward', 'clinic', 'vehicle', 'community', 'other')),
      location text not null check (length(trim(location)) > 0),
      category text not null,
      what_happened text not null check (length(trim(what_happened)) > 0),
      immediate_actions text not null check (length(trim(immediate_actions)) > 0),
      affected text not null check (affected in ('patient', 'staff', 'visitor-or-public', 'no-one')),
      physical_harm text not null check (physical_harm in ('none', 'low', 'moderate', 'severe', 'fatal')),
      psychological_harm text not null default 'none' check (psychological_harm in ('none', 'low', 'moderate', 'severe')),
      patient_id uuid references patients (id),
      episode_id uuid references episodes (id),
      -- Whose handlers see it: the episode's team, else the reporter's.
      team_id uuid references teams (id),
      reporter_id uuid not null references staff (id),
      reporter_anonymous boolean not null default false,
      -- Where a prefilled report came from (a lone-working alert, an equipment item or inspection).
      source_kind text check (source_kind in ('lone-working', 'equipment')),
      source_id uuid,
      status text not null default 'reported' check (status in ('reported', 'under-review', 'closed')),
      handler_id uuid references staff (id),
      investigation_level text check (investigation_level in ('none', 'local-review', 'after-action-review', 'psii')),
      -- The harm as the handler finds it (LFPSE lets it be revised); null until triaged.
      confirmed_physical_harm text check (confirmed_physical_harm in ('none', 'low', 'moderate', 'severe', 'fatal')),
      findings text,
      learning text,
      outcome_for_reporter text,
      closed_at timestamptz,
      closed_by uuid references staff (id),
      -- When the reporter opened the outcome (their home page shows it until then).
      outcome_seen_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id),
      check (episode_id is null or patient_id is not null),
      check ((source_kind is null) = (source_id is null)),
      check (status <> 'closed' or (closed_at is not null and closed_by is not null and length(trim(coalesce(learning, ''))) > 0 and length(trim(coalesce(outcome_for_reporter, ''))) > 0))
    );
    create index incidents_team_status_idx on incidents (team_id, status, occurred_at);
    create index incidents_reporter_idx on incidents (reporter_id, created_at);
    create index incidents_patient_idx on incidents (patient_id) where patient_id is not null;
    select guard_records('incidents', 'never-deleted');
    -- Closed is final: only the version, the update stamp and the reporter's reading of the outcome move.
    create trigger incidents_closed_is_final before update on incidents for each row
      execute function refuse_change_when_final('status', 'closed', 'except', 'version updated_at updated_by', 'outcome_seen_at');

    -- The handler's log: triage, each step of the investigation, closure. Never changed.
    create table incident_updates (
      id uuid primary key,
      incident_id uuid not null references incidents (id),
      kind text not null check (kind in ('triaged', 'note', 'closed', 'reopened')),
      note text not null check (length(trim(note)) > 0),
      created_at timestamptz not null,
      created_by uuid not null references staff (id)
    );
    create index incident_updates_incident_idx on incident_updates (incident_id, created_at);
    select guard_records('incident_updates', 'append-only');

    -- Actions from the learning: an owner and a due date; open until done.
    create table incident_actions (
      id uuid primary key,
      incident_id uuid not null references incidents (id),
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
    create index incident_actions_owner_idx on incident_actions (owner_id) where status = 'open';
    create index incident_actions_incident_idx on incident_actions (incident_id);
    select guard_records('incident_actions', 'never-deleted');

    -- A safeguarding concern for an adult (Care Act 2014, ten categories) or a child. Seen only by the
    -- safeguarding lead, the person who raised it and the people the lead names; its existence is shown
    -- on the patient banner to everyone who may open the patient's record. A decision is due within
    -- 24 hours of raising (decision_due_at); closing needs a decision.
    create table safeguarding_concerns (
      id uuid primary key,
      reference text not null unique,
      patient_id uuid not null references patients (id),
      episode_id uuid references episodes (id),
      team_id uuid references teams (id),
      kind text not null check (kind in ('adult', 'child')),
      -- The categories of abuse, as a JSON array of codes (safeguarding-vocabulary.ts).
      categories jsonb not null check (jsonb_typeof(categories) = 'array' and jsonb_array_length(categories) > 0),
      person_at_risk text not null check (person_at_risk in ('patient', 'other')),
      -- Name and relationship of the person at risk when it is not the patient (a child in the home).
      other_person text,
      concern text not null check (length(trim(concern)) > 0),
      immediate_danger boolean not null,
      immediate_actions text not null check (length(trim(immediate_actions)) > 0),
      consent_to_share text not null check (consent_to_share in ('given', 'refused', 'lacks-capacity', 'not-asked')),
      share_without_consent_reason text,
      raised_at timestamptz not null,
      raised_by uuid not null references staff (id),
      decision_due_at timestamptz not null,
      decision text check (decision in ('refer-to-local-authority', 'no-further-action', 'monitor', 'advice-given')),
      decision_reason text,
      decided_at timestamptz,
      decided_by uuid references staff (id),
      local_authority_reference text,
      local_authority_referred_on date,
      status text not null default 'open' check (status in ('open', 'decided', 'closed')),
      closed_at timestamptz,
      closed_by uuid references staff (id),
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id),
      check (person_at_risk = 'patient' or length(trim(coalesce(other_person, ''))) > 0),
      check (consent_to_share = 'given' or length(trim(coalesce(share_without_consent_reason, ''))) > 0),
      check (decision_due_at > raised_at),
      check ((decision is null) = (decided_at is null) and (decision is null) = (decided_by is null)),
      check (status = 'open' or decision is not null),
      check (status <> 'closed' or (closed_at is not null and closed_by is not null)),
      check (decision is distinct from 'refer-to-local-authority' or local_authority_referred_on is not null)
    );
    create index safeguarding_concerns_open_patient_idx on safeguarding_concerns (patient_id) where status <> 'closed';
    create index safeguarding_concerns_status_idx on safeguarding_concerns (status, decision_due_at);
    select guard_records('safeguarding_concerns', 'never-deleted');
    create trigger safeguarding_concerns_closed_is_final before update on safeguarding_concerns for each row
      execute function refuse_change_when_final('status', 'closed', 'except', 'version updated_at updated_by');

    -- The people the lead names to see one concern (beside the lead and the raiser). Removed, never deleted.
    create table safeguarding_concern_people (
      id uuid primary key,
      concern_id uuid not null references safeguarding_concerns (id),
      staff_id uuid not null references staff (id),
      removed_at timestamptz,
      removed_by uuid references staff (id),
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id),
      check ((removed_at is null) = (removed_by is null))
    );
    create unique index safeguarding_concern_people_current_idx on safeguarding_concern_people (concern_id, staff_id) where removed_at is null;
    create index safeguarding_concern_people_staff_idx on safeguarding_concern_people (staff_id) where removed_at is null;
    select guard_records('safeguarding_concern_people', 'never-deleted');

    -- What happened next, in order (a call to the local authority, a strategy meeting). Never changed.
    create table safeguarding_concern_notes (
      id uuid primary key,
      concern_id uuid not null references safeguarding_concerns (id),
      note text not null check (length(trim(note)) > 0),
      created_at timestamptz not null,
      created_by uuid not null references staff (id)
    );
    create index safeguarding_concern_notes_concern_idx on safeguarding_concern_notes (concern_id, created_at);
    select guard_records('safeguarding_concern_notes', 'append-only');

    -- The risk register: cause, effect, owner, controls, the current score (likelihood x consequence on
    -- the NHS 5x5 matrix) and the target, a review date. Rescored at each review (risk_reviews keeps
    -- every score); closed, never deleted.
    create table risks (
      id uuid primary key,
      reference text not null unique,
      title text not null check (length(trim(title)) > 0),
      description text not null check (length(trim(description)) > 0),
      cause text not null check (length(trim(cause)) > 0),
      effect text not null check (length(trim(effect)) > 0),
      -- The team it belongs to; null for the whole service.
      team_id uuid references teams (id),
      owner_id uuid not null references staff (id),
      controls text not null check (length(trim(controls)) > 0),
      gaps_in_controls text,
      likelihood integer not null check (likelihood between 1 and 5),
      consequence integer not null check (consequence between 1 and 5),
      target_likelihood integer not null check (target_likelihood between 1 and 5),
      target_consequence integer not null check (target_consequence between 1 and 5),
      opened_on date not null,
      review_on date not null,
      status text not null default 'open' check (status in ('open', 'closed')),
      closed_on date,
      closed_reason text,
      version integer not null default 1,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      updated_at timestamptz not null,
      updated_by uuid not null references staff (id),
      check (target_likelihood * target_consequence <= likelihood * consequence),
      check ((status = 'closed') = (closed_on is not null)),
      check (status = 'open' or length(trim(coalesce(closed_reason, ''))) > 0)
    );
    create index risks_status_review_idx on risks (status, review_on);
    create index risks_owner_idx on risks (owner_id) where status = 'open';
    select guard_records('risks', 'never-deleted');
    create trigger risks_closed_is_final before update on risks for each row
      execute function refuse_change_when_final('status', 'closed', 'except', 'version updated_at updated_by');

    -- Each review: the score then, what was found, the next review date. Never changed.
    create table risk_reviews (
      id uuid primary key,
      risk_id uuid not null references risks (id),
      reviewed_on date not null,
      likelihood integer not null check (likelihood between 1 and 5),
      consequence integer not null check (consequence between 1 and 5),
      note text not null check (length(trim(note)) > 0),
      next_review_on date not null,
      created_at timestamptz not null,
      created_by uuid not null references staff (id),
      check (next_review_on > reviewed_on)
    );
    create index risk_reviews_risk_idx on risk_reviews (risk_id, reviewed_on);
    select guard_records('risk_reviews', 'append-only');

    -- Actions to bring the risk to its target: an owner and a due date; open until done.
    create table risk_actions (
      id uuid primary key,
      risk_id uuid not null references risks (id),
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
    create index risk_actions_owner_idx on risk_actions (owner_id) where status = 'open';
    create index risk_actions_risk_idx on risk_actions (risk_id);
    select guard_records('risk_actions', 'never-deleted');
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Homeward migrations are forward-only');
}

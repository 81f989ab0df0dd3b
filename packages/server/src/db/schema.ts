// The database as Kysely sees it. Column names are snake_case in SQL and here; queries map rows to
// the camelCase domain shapes in one place per bounded context.
import type { ColumnType, Generated, GeneratedAlways } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type TeamsTable = {
  id: string;
  name: string;
  base_location: string;
  /** The number patients and carers call; printed on letters and carers' sheets. */
  phone: ColumnType<string | null, string | null | undefined, string | null>;
  base_latitude: ColumnType<number | null, number | null | undefined, number | null>;
  base_longitude: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Generated<Date>;
};

export type StaffTable = {
  id: string;
  email: string;
  given_name: string;
  family_name: string;
  profession: string;
  registration_number: string | null;
  band: string;
  homeward_role: string;
  team_id: string | null;
  base_location: string | null;
  contracted_hours: ColumnType<string, number | string | undefined, number | string>;
  active: Generated<boolean>;
  password_hash: string | null;
  skills: ColumnType<unknown, string | undefined, string>;
  version: Generated<number>;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
};

export type SessionsTable = {
  id: string;
  staff_id: string;
  method: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ended_at: Date | null;
  ip: string | null;
  user_agent: string | null;
};

export type SignInThrottleTable = {
  key: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: Date | null;
};

export type PatientsTable = {
  id: string;
  nhs_number: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  sex: string;
  gender_identity: string | null;
  address_line1: string;
  address_line2: string | null;
  town: string;
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  gp_practice_code: string | null;
  gp_practice_name: string | null;
  /** Made by the database from the names (migration 0013, hw_name_key): what name search compares. */
  given_key: GeneratedAlways<string>;
  family_key: GeneratedAlways<string>;
  name_search: GeneratedAlways<string>;
  contacts: Json<unknown>;
  communication_needs: Json<unknown>;
  lives_alone: boolean;
  key_safe: boolean;
  access_notes: string | null;
  risk_flags: Json<unknown>;
  risk_notes: string | null;
  registered_team_id: string;
  version: Generated<number>;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  updated_by: string;
};

export type PatientVersionsTable = {
  patient_id: string;
  version: number;
  data: Json<Record<string, unknown>>;
  recorded_at: Date;
  recorded_by: string;
};

export type BreakGlassTable = {
  id: string;
  staff_id: string;
  patient_id: string;
  reason: string;
  detail: string | null;
  started_at: Timestamp;
  expires_at: Timestamp;
};

export type AuditEventsTable = {
  /** Set by the database (audit_event_number trigger): whatever an INSERT says is replaced. */
  seq: ColumnType<number, number | undefined, never>;
  id: string;
  occurred_at: Timestamp;
  staff_id: string | null;
  staff_role: string | null;
  action: string;
  outcome: 'allowed' | 'refused' | 'failed';
  patient_id: string | null;
  record_kind: string | null;
  record_id: string | null;
  reason: string | null;
  ip: string | null;
  user_agent: string | null;
  /** The server's own id for the request. */
  request_id: string | null;
  /** The X-Request-Id the caller sent, if any: what they claimed, never trusted as the id. */
  request_id_claimed: ColumnType<string | null, string | null | undefined, never>;
  detail: Json<Record<string, unknown>>;
  /** The hash chain before sealing (events written before 2026-12-04): kept as data, null since. */
  prev_hash: ColumnType<string | null, string | null | undefined, never>;
  hash: ColumnType<string | null, string | null | undefined, never>;
};

export type AuditBatchesTable = {
  batch_no: number;
  first_seq: number;
  last_seq: number;
  event_count: number;
  absent_seqs: ColumnType<string[], string, never>;
  merkle_root: string;
  leaf_hashes: Uint8Array;
  tree_size: number;
  sealed_at: Timestamp;
  prev_hash: string;
  hash: string;
};

export type IdempotencyKeysTable = {
  staff_id: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response: Json<unknown> | null;
  created_at: Timestamp;
  /** What the first request wrote: [{ recordKind, recordId, patientId }], audited again on a replay. */
  audit_subjects: ColumnType<unknown, string | null | undefined, string | null>;
};

export type SignInClientThrottleTable = {
  client: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: Date | null;
};

export type HeldFormsTable = {
  id: string;
  staff_id: string;
  /** The path the form was posted to. */
  action: string;
  /** The page that shows the form again. */
  return_path: string;
  /** AES-256-GCM: version, nonce, tag and ciphertext of the typed fields, base64url, dot-separated. */
  sealed: string;
  created_at: Timestamp;
  expires_at: Timestamp;
};

export type ReferralsTable = {
  id: string;
  patient_id: string;
  team_id: string;
  source: string;
  source_detail: string | null;
  received_at: Timestamp;
  service: string;
  setting: string;
  reason: string;
  presenting_needs: string | null;
  urgency_requested: string;
  referrer_name: string;
  referrer_contact: string;
  consent_to_referral: boolean;
  consent_note: string | null;
  status: Generated<'incoming' | 'accepted' | 'rejected'>;
  rejection_reason: string | null;
  rejection_detail: string | null;
  decided_at: Date | null;
  decided_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  updated_by: string;
};

export type EpisodesTable = {
  id: string;
  patient_id: string;
  referral_id: string;
  team_id: string;
  service: string;
  setting: string;
  status: Generated<'waiting' | 'active' | 'on-hold' | 'discharged'>;
  hold_reason: string | null;
  complexity: 'complex' | 'non-complex';
  complexity_reason: string;
  priority: string;
  skills_needed: Json<unknown>;
  triage_notes: string | null;
  triaged_by: string;
  triaged_at: Timestamp;
  clock_starts_at: Timestamp;
  response_due_at: Timestamp;
  allocated_to: string | null;
  allocated_at: Date | null;
  first_contact_at: Date | null;
  first_assessment_at: Date | null;
  last_contact_at: Date | null;
  next_contact_at: Date | null;
  planned_end_on: string | null;
  review_due_on: string | null;
  visits_per_week: ColumnType<string, number | string | undefined, number | string>;
  travel_minutes: Generated<number>;
  discharged_on: string | null;
  discharge_outcome: string | null;
  discharge_destination: string | null;
  discharge_note: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  updated_by: string;
  /** Flagged for discussion at the next MDT (migration 0040). */
  mdt_flagged_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  mdt_flag_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** The Discharge Ready Date (migration 0060), yyyy-mm-dd. */
  discharge_ready_on: ColumnType<string | null, string | null | undefined, string | null>;
};

export type EpisodeEventsTable = {
  id: string;
  episode_id: string;
  occurred_at: Timestamp;
  staff_id: string;
  kind: string;
  reason: string | null;
  detail: Json<Record<string, unknown>>;
};

export type OnwardReferralsTable = {
  id: string;
  episode_id: string;
  to_service: string;
  note: string | null;
  sent_at: Timestamp;
  acknowledged_at: Date | null;
  version: Generated<number>;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  updated_by: string;
};

export type ConsentRecordsTable = {
  id: string;
  episode_id: string;
  patient_id: string;
  kind: 'consent' | 'withdrawal';
  withdraws_id: string | null;
  scope: 'episode' | 'intervention';
  intervention: string | null;
  agreed_to: string;
  method: string | null;
  given_by: string | null;
  best_interests_decision_by: string | null;
  best_interests_consulted: string | null;
  capacity_in_doubt: boolean;
  capacity_assessment: Json<unknown> | null;
  capacity_outcome: string | null;
  communication_support: string | null;
  note: string | null;
  recorded_at: Timestamp;
  recorded_by: string;
  recorded_by_role: string;
};

export type ContactNotesTable = {
  id: string;
  episode_id: string;
  patient_id: string;
  status: Generated<'draft' | 'final'>;
  kind: string;
  occurred_at: Timestamp;
  duration_minutes: number | null;
  place: string | null;
  staff_present: string | null;
  body: string;
  therapy_minutes: Json<unknown>;
  first_holistic_assessment: boolean;
  consent_missing_reason: string | null;
  written_at: Timestamp;
  written_by: string;
  written_by_role: string;
  late_entry: boolean;
  finalised_at: Date | null;
  finalised_by: string | null;
  needs_review: boolean;
  reviewed_at: Date | null;
  reviewed_by: string | null;
  version: Generated<number>;
  updated_at: Timestamp;
  updated_by: string;
};

export type ContactNoteAmendmentsTable = {
  id: string;
  note_id: string;
  note_version: number;
  kind: string;
  occurred_at: Timestamp;
  duration_minutes: number | null;
  place: string | null;
  staff_present: string | null;
  body: string;
  therapy_minutes: Json<unknown>;
  first_holistic_assessment: boolean;
  reason: string;
  amended_at: Timestamp;
  amended_by: string;
  amended_by_role: string;
  /** Written by a support worker or a student, so it waits for a supervisor's review. */
  needs_review: Generated<boolean>;
};

export type ContactNoteAmendmentReviewsTable = {
  id: string;
  amendment_id: string;
  note_id: string;
  reviewed_at: Timestamp;
  reviewed_by: string;
  reviewed_by_role: string;
};

export type AssessmentsTable = {
  id: string;
  episode_id: string;
  patient_id: string;
  instrument_id: string;
  instrument_version: number;
  time_point: 'baseline' | 'review' | 'discharge' | 'other';
  method: string;
  responses: Json<unknown>;
  /** numeric: the driver returns it as a string. */
  total: ColumnType<string | number | null, number | null, never>;
  subscales: Json<unknown>;
  band: string | null;
  administered_at: Timestamp;
  recorded_at: Timestamp;
  recorded_by: string;
  recorded_by_role: string;
};

export type GoalsTable = {
  id: string;
  episode_id: string;
  patient_id: string;
  statement: string;
  /** The GAS levels described, keyed '-2' .. '+2'. */
  levels: Json<Record<string, string>>;
  baseline_level: number;
  importance: number | null;
  difficulty: number | null;
  /** date: the driver returns it as a Date or string; compare with ukDateOf. */
  target_on: ColumnType<string | Date, string, string>;
  agreed_with: string | null;
  status: Generated<'active' | 'achieved' | 'discontinued'>;
  status_reason: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  updated_by: string;
};

export type GoalAttainmentsTable = {
  id: string;
  goal_id: string;
  episode_id: string;
  patient_id: string;
  time_point: 'review' | 'discharge' | 'other';
  level: number;
  note: string | null;
  rated_at: Timestamp;
  recorded_at: Timestamp;
  recorded_by: string;
  recorded_by_role: string;
};

export type StaffCompetencesTable = {
  id: string;
  staff_id: string;
  competence: string;
  assessed_on: ColumnType<string | Date, string, string>;
  note: string | null;
  recorded_at: Timestamp;
  recorded_by: string;
  recorded_by_role: string;
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
  withdrawn_reason: string | null;
  version: Generated<number>;
  /** What the sign-off rests on (migration 0040). */
  evidence: ColumnType<string | null, string | null | undefined, string | null>;
  /** 'YYYY-MM-DD' when it must be signed off again; null: does not expire (migration 0040). */
  expires_on: ColumnType<string | null, string | null | undefined, string | null>;
};

export type ProgrammeActivitiesTable = {
  id: string;
  episode_id: string;
  patient_id: string;
  goal_id: string | null;
  kind: 'exercise' | 'functional-practice' | 'equipment-use' | 'carer-training' | 'advice-signposting';
  competence: string | null;
  title: string;
  instructions: string;
  times_per_period: number;
  period: 'day' | 'week';
  deliverer_kind: 'self' | 'staff' | 'carer' | 'agency';
  deliverer_staff_id: string | null;
  deliverer_name: string | null;
  starts_on: ColumnType<string | Date, string, string>;
  ends_on: ColumnType<string | Date | null, string | null | undefined, string | null>;
  status: Generated<'active' | 'stopped' | 'completed' | 'handed-over'>;
  status_reason: string | null;
  handed_over_to_kind: Generated<'self' | 'carer' | 'agency' | 'service' | null>;
  handed_over_to_name: Generated<string | null>;
  version: Generated<number>;
  created_at: Timestamp;
  created_by: string;
  created_by_role: string;
  updated_at: Timestamp;
  updated_by: string;
};

/** How each activity ended (stopped, completed or handed over), once; append-only. */
export type ProgrammeActivityEndingsTable = {
  id: string;
  activity_id: string;
  episode_id: string;
  patient_id: string;
  status: 'stopped' | 'completed' | 'handed-over';
  reason: string;
  handed_over_to_kind: 'self' | 'carer' | 'agency' | 'service' | null;
  handed_over_to_name: string | null;
  at_discharge: boolean;
  recorded_at: Timestamp;
  recorded_by: string;
  recorded_by_role: string;
};

export type ProgrammeCompletionsTable = {
  id: string;
  activity_id: string;
  episode_id: string;
  patient_id: string;
  done_on: ColumnType<string | Date, string, string>;
  outcome: 'done' | 'partly-done' | 'not-done';
  reported_by: 'staff' | 'patient' | 'carer' | 'agency';
  note: string | null;
  recorded_at: Timestamp;
  recorded_by: string;
  recorded_by_role: string;
};

export type EpisodeReviewsTable = {
  id: string;
  episode_id: string;
  patient_id: string;
  kind: 'half-way' | 'end-of-episode' | 'other';
  held_on: ColumnType<string | Date, string, string>;
  summary: string;
  decision: 'continue' | 'extend' | 'discharge';
  next_review_on: ColumnType<string | Date | null, string | null | undefined, string | null>;
  planned_end_on: ColumnType<string | Date | null, string | null | undefined, string | null>;
  recorded_at: Timestamp;
  recorded_by: string;
  recorded_by_role: string;
};

export type DischargeSummariesTable = {
  id: string;
  episode_id: string;
  patient_id: string;
  status: Generated<'draft' | 'final'>;
  content: Json<unknown>;
  version: Generated<number>;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  updated_by: string;
  finalised_at: Date | null;
  finalised_by: string | null;
};

export type LettersTable = {
  id: string;
  episode_id: string;
  patient_id: string;
  kind: 'discharge-patient' | 'discharge-gp' | 'carer-programme';
  recipient: string;
  print_size: 'standard' | 'large';
  source_id: string | null;
  source_version: number | null;
  text_content: string;
  pdf: ColumnType<Uint8Array, Uint8Array, never>;
  sha256: string;
  /** [{ need, message }]: what a printed English letter did not meet on its own. */
  alternative_formats: ColumnType<unknown, string | undefined, never>;
  produced_at: Timestamp;
  produced_by: string;
  produced_by_role: string;
};

export type EpisodeSupervisionsTable = {
  id: string;
  episode_id: string;
  patient_id: string;
  /** The support worker or student who works on the episode. */
  staff_id: string;
  supervisor_id: string;
  started_at: Timestamp;
  ended_at: Date | null;
  ended_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  updated_by: string;
};

// The visit day (migration 0016). JSON columns are typed by the context that owns them.
type Stamps = {
  version: Generated<number>;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  updated_by: string;
};

export type RotaPatternsTable = Stamps & {
  id: string;
  staff_id: string;
  team_id: string;
  /** [{ weekday: 1-7 (Monday 1), start: 'HH:MM', end: 'HH:MM', breakMinutes }] */
  week: Json<unknown>;
  starts_from: 'base' | 'home';
  car_driver: boolean;
  base_name: string | null;
  base_latitude: number | null;
  base_longitude: number | null;
  home_latitude: number | null;
  home_longitude: number | null;
  work_phone: string | null;
  car_description: string | null;
};

export type RotaExceptionsTable = Stamps & {
  id: string;
  staff_id: string;
  team_id: string;
  kind: 'annual-leave' | 'sickness' | 'training' | 'other-absence' | 'extra-shift';
  starts_on: string;
  ends_on: string;
  start_time: string | null;
  end_time: string | null;
  note: string | null;
  cancelled_at: Date | null;
  cancelled_by: string | null;
};

export type RotaOnCallTable = Stamps & {
  id: string;
  team_id: string;
  on_date: string;
  staff_id: string;
  manager_staff_id: string | null;
};

export type VisitNeedsTable = Stamps & {
  id: string;
  episode_id: string;
  patient_id: string;
  team_id: string;
  duration_minutes: number;
  place: 'home' | 'clinic' | 'ward';
  /** [{ days: [1-7] | null, start: 'HH:MM', end: 'HH:MM', note }] */
  windows: Json<unknown>;
  /** Weekdays 1-7 the patient cannot be seen. */
  unavailable_days: Json<unknown>;
  staff_needed: number;
  staff_needed_reason: string | null;
  registered_required: boolean;
  skills: Json<unknown>;
  preferred_staff_id: string | null;
  notes: string | null;
};

export type VisitsTable = Stamps & {
  id: string;
  team_id: string;
  episode_id: string;
  patient_id: string;
  on_date: string;
  purpose: 'first-contact' | 'therapy' | 'review' | 'equipment' | 'discharge' | 'other';
  duration_minutes: number;
  place: 'home' | 'clinic' | 'ward';
  window_start: string | null;
  window_end: string | null;
  staff_needed: number;
  registered_required: boolean;
  skills: Json<unknown>;
  preferred_staff_id: string | null;
  due_by: string | null;
  status: Generated<'to-plan' | 'cancelled' | 'done' | 'no-access'>;
  origin: 'proposed' | 'added' | 'rebooked' | 'urgent';
  pinned_staff_id: string | null;
  pinned_start: string | null;
  outcome_reason: string | null;
  rebooked_from: string | null;
  contact_note_id: string | null;
  started_at: Date | null;
  finished_at: Date | null;
  /** 1 routine .. 3 urgent (migration 0018). */
  priority: Generated<number>;
  staff_needed_reason: string | null;
};

export type VisitPlansTable = Stamps & {
  id: string;
  team_id: string;
  on_date: string;
  draft: Json<unknown> | null;
  published: Json<unknown> | null;
  published_at: Date | null;
  published_by: string | null;
};

export type VisitPlanPublicationsTable = {
  id: string;
  plan_id: string;
  team_id: string;
  on_date: string;
  plan_version: number;
  plan: Json<unknown>;
  changes: Json<unknown>;
  published_at: Timestamp;
  published_by: string;
};

export type JobsTable = {
  id: string;
  kind: string;
  key: string;
  payload: Json<unknown>;
  status: Generated<'queued' | 'running' | 'done' | 'failed' | 'cancelled'>;
  run_at: Timestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_until: Date | null;
  progress: Json<unknown> | null;
  result: Json<unknown> | null;
  error: string | null;
  created_at: Timestamp;
  created_by: string | null;
  started_at: Date | null;
  finished_at: Date | null;
};

// Lone working (migration 0022).
export type LoneWorkingSettingsTable = Stamps & {
  team_id: string;
  grace_seconds: number;
  /** LadderRung[] (packages/clinical lone-working/escalation-ladder.ts). */
  ladder: Json<unknown>;
};

export type LoneWorkingSessionStatus = 'expected' | 'checked-in' | 'checked-out' | 'cancelled';

export type LoneWorkingSessionsTable = Stamps & {
  id: string;
  team_id: string;
  staff_id: string;
  on_date: string;
  origin: 'plan' | 'by-hand';
  visit_id: string | null;
  patient_id: string | null;
  place: string;
  latitude: number | null;
  longitude: number | null;
  with_staff_id: string | null;
  expected_start: Timestamp;
  expected_end: Timestamp;
  status: ColumnType<LoneWorkingSessionStatus, LoneWorkingSessionStatus | undefined, LoneWorkingSessionStatus>;
  checked_in_at: Date | null;
  checked_in_received_at: Date | null;
  checked_out_at: Date | null;
  checked_out_received_at: Date | null;
  cancelled_reason: string | null;
};

export type LoneWorkingAlertKind = 'missed-check-in' | 'missed-check-out' | 'amber' | 'red' | 'duress';
export type LoneWorkingAlertStatus = 'running' | 'ended' | 'raised' | 'acknowledged' | 'closed';

export type LoneWorkingAlertsTable = {
  id: string;
  team_id: string;
  staff_id: string;
  session_id: string | null;
  kind: LoneWorkingAlertKind;
  status: LoneWorkingAlertStatus;
  note: string | null;
  due_at: Timestamp;
  level: Generated<number>;
  raised_at: Date | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  closed_at: Date | null;
  closed_by: string | null;
  outcome: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
};

export type LoneWorkingAlertEventKind = 'started' | 'extended' | 'ended' | 'raised' | 'escalated' | 'skipped-level' | 'acknowledged' | 'action' | 'late-check-in' | 'late-check-out' | 'closed';

export type LoneWorkingAlertEventsTable = {
  id: string;
  alert_id: string;
  at: Timestamp;
  kind: LoneWorkingAlertEventKind;
  level: number | null;
  by_staff_id: string | null;
  due_at: Date | null;
  detail: ColumnType<unknown, string | undefined, string>;
};

export type LoneWorkingCodesTable = Stamps & {
  staff_id: string;
  check_out_code_hash: string;
  duress_code_hash: string;
  /** Wrong codes in a row (migration 0023), and until when codes are refused after too many. */
  wrong_attempts: Generated<number>;
  locked_until: Date | null;
};

export type NotificationsTable = {
  id: string;
  staff_id: string;
  team_id: string | null;
  alert_id: string | null;
  kind: string;
  urgent: Generated<boolean>;
  title: string;
  body: string;
  link: string | null;
  created_at: Timestamp;
  read_at: Date | null;
};

export type NotificationDeliveriesTable = {
  id: string;
  notification_id: string;
  channel: 'email' | 'sms';
  address: string;
  status: ColumnType<'queued' | 'sent' | 'failed' | 'not-configured', 'queued' | 'sent' | 'failed' | 'not-configured' | undefined, 'queued' | 'sent' | 'failed' | 'not-configured'>;
  attempts: Generated<number>;
  last_error: string | null;
  provider_reference: string | null;
  created_at: Timestamp;
  sent_at: Date | null;
  /** What this channel sends when not the notification's own words (an SMS kept short); migration 0028. */
  text: ColumnType<string | null, string | null | undefined, string | null>;
};

export type EquipmentCategory = 'bathing' | 'toileting' | 'transfers' | 'beds-and-rails' | 'mobility' | 'seating' | 'kitchen' | 'minor-adaptations';

export type EquipmentCatalogueItemsTable = Stamps & {
  id: string;
  code: string;
  name: string;
  category: EquipmentCategory;
  make: ColumnType<string, string | undefined, string>;
  model: ColumnType<string, string | undefined, string>;
  stock_kind: 'stock' | 'tracked';
  loler: ColumnType<boolean, boolean | undefined, boolean>;
  inspection_interval_months: number | null;
  needs_risk_assessment: ColumnType<boolean, boolean | undefined, boolean>;
  /** Who may prescribe it: packages/clinical equipment/equipment-prescribing.ts. */
  prescriber: 'assistant' | 'registered';
  unit_cost_pence: number;
  instructions: ColumnType<string, string | undefined, string>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
};

export type EquipmentStoresTable = Stamps & {
  id: string;
  name: string;
  team_id: string | null;
  address: ColumnType<string, string | undefined, string>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
};

export type EquipmentStockLevelsTable = Stamps & {
  store_id: string;
  catalogue_item_id: string;
  quantity: number;
  reorder_level: ColumnType<number, number | undefined, number>;
};

export type EquipmentStockMoveReason = 'received' | 'issued' | 'returned' | 'adjusted' | 'written-off' | 'transferred';

export type EquipmentStockMovesTable = {
  id: string;
  store_id: string;
  catalogue_item_id: string;
  change: number;
  reason: EquipmentStockMoveReason;
  loan_id: string | null;
  note: string | null;
  at: Timestamp;
  by_staff_id: string;
};

export type EquipmentItemCondition = 'new' | 'good' | 'fair' | 'poor' | 'condemned';
export type EquipmentItemStatus = 'in-store' | 'on-loan' | 'in-repair' | 'withdrawn' | 'missing' | 'written-off';

export type EquipmentItemsTable = Stamps & {
  id: string;
  catalogue_item_id: string;
  serial_number: string;
  asset_number: string | null;
  batch: string | null;
  store_id: string;
  condition: ColumnType<EquipmentItemCondition, EquipmentItemCondition | undefined, EquipmentItemCondition>;
  status: ColumnType<EquipmentItemStatus, EquipmentItemStatus | undefined, EquipmentItemStatus>;
  /** 'YYYY-MM-DD'. */
  last_inspected_on: string | null;
  next_inspection_due: string | null;
};

export type EquipmentLoanStatus = 'prescribed' | 'delivered' | 'to-collect' | 'returned' | 'missing' | 'written-off' | 'stays-with-patient' | 'transferred' | 'cancelled';

export type EquipmentLoansTable = Stamps & {
  id: string;
  patient_id: string;
  episode_id: string;
  team_id: string;
  catalogue_item_id: string;
  item_id: string | null;
  store_id: string | null;
  quantity: ColumnType<number, number | undefined, number>;
  reason: string;
  assessment_id: string | null;
  assessment_note: string | null;
  risk_assessment: string | null;
  risk_assessed_at: Date | null;
  risk_assessed_by: string | null;
  status: ColumnType<EquipmentLoanStatus, EquipmentLoanStatus | undefined, EquipmentLoanStatus>;
  prescribed_at: Timestamp;
  prescribed_by: string;
  delivered_at: Date | null;
  delivered_by: string | null;
  delivered_where: string | null;
  fitted: boolean | null;
  discharge_decision: 'stays-with-patient' | 'collect' | 'transferred' | null;
  discharge_decided_at: Date | null;
  discharge_decided_by: string | null;
  collection_visit_id: string | null;
  ended_at: Date | null;
  ended_by: string | null;
  end_note: string | null;
};

export type EquipmentTrainingTable = {
  id: string;
  loan_id: string;
  patient_id: string;
  person_kind: 'patient' | 'carer' | 'agency-staff' | 'own-staff';
  person_name: string;
  what_taught: string;
  understood: 'yes' | 'partly' | 'no';
  understanding_note: string | null;
  taught_at: Timestamp;
  taught_by: string;
  created_at: Timestamp;
  created_by: string;
};

export type EquipmentInspectionsTable = {
  id: string;
  item_id: string;
  kind: 'loler' | 'service';
  /** 'YYYY-MM-DD'; never in the future. */
  inspected_on: string;
  result: 'pass' | 'fail' | 'withdrawn';
  note: string | null;
  next_due: string | null;
  created_at: Timestamp;
  created_by: string;
};

export type EquipmentRecallsTable = Stamps & {
  id: string;
  catalogue_item_id: string;
  batch: string | null;
  reference: ColumnType<string, string | undefined, string>;
  reason: string;
  status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>;
};

export type EquipmentRecallActionStatus = 'to-contact' | 'contacted' | 'inspected' | 'collected' | 'closed';

export type EquipmentRecallActionsTable = Stamps & {
  id: string;
  recall_id: string;
  loan_id: string;
  patient_id: string;
  status: ColumnType<EquipmentRecallActionStatus, EquipmentRecallActionStatus | undefined, EquipmentRecallActionStatus>;
  outcome: string | null;
};

export type SupervisionArrangementsTable = Stamps & {
  id: string;
  supervisee_id: string;
  supervisor_id: string;
  starts_on: string;
  ends_on: string | null;
};

export type SupervisionKind = 'clinical' | 'managerial' | 'group' | 'reflective';

export type SupervisionSessionsTable = Stamps & {
  id: string;
  supervisee_id: string;
  supervisor_id: string;
  held_on: string;
  kind: SupervisionKind;
  themes: string;
  status: ColumnType<'recorded' | 'confirmed', 'recorded' | 'confirmed' | undefined, 'recorded' | 'confirmed'>;
  supervisee_comment: string | null;
  confirmed_at: Date | null;
};

export type SupervisionCasesTable = {
  id: string;
  session_id: string;
  episode_id: string;
  patient_id: string;
  note: string;
  created_at: Timestamp;
  created_by: string;
};

export type SupervisionActionsTable = Stamps & {
  id: string;
  session_id: string;
  action: string;
  owner_id: string;
  due_on: string;
  status: ColumnType<'open' | 'done', 'open' | 'done' | undefined, 'open' | 'done'>;
  done_at: Date | null;
};

export type CpdKind = 'work-based' | 'professional' | 'formal' | 'self-directed' | 'other';

export type CpdEntriesTable = Stamps & {
  id: string;
  staff_id: string;
  activity: string;
  done_on: string;
  /** numeric(5,2): read as a string. */
  hours: ColumnType<string, number | string, number | string>;
  kind: CpdKind;
  learned: ColumnType<string, string | undefined, string>;
  practice_change: ColumnType<string, string | undefined, string>;
  reflection: ColumnType<string, string | undefined, string>;
  /** HCPC standards for CPD met, 1-5. */
  hcpc_standards: ColumnType<unknown, string | undefined, string>;
};

export type PdcRecordsTable = Stamps & {
  id: string;
  staff_id: string;
  manager_id: string;
  held_on: string;
  next_review_on: string;
  summary: ColumnType<string, string | undefined, string>;
  status: ColumnType<'draft' | 'agreed', 'draft' | 'agreed' | undefined, 'draft' | 'agreed'>;
  staff_confirmed_at: Date | null;
  manager_confirmed_at: Date | null;
};

export type PdcItemStatus = 'open' | 'met' | 'partly-met' | 'not-met' | 'dropped';

export type PdcItemsTable = Stamps & {
  id: string;
  pdc_id: string;
  kind: 'objective' | 'development';
  text: string;
  measure: ColumnType<string, string | undefined, string>;
  review_on: string | null;
  status: ColumnType<PdcItemStatus, PdcItemStatus | undefined, PdcItemStatus>;
  progress: ColumnType<string, string | undefined, string>;
};

export type TrainingCoursesTable = Stamps & {
  id: string;
  code: string;
  name: string;
  renewal_months: number | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
};

export type TrainingRequirementsTable = {
  homeward_role: string;
  course_id: string;
  created_at: Timestamp;
  created_by: string;
};

export type TrainingImportsTable = Stamps & {
  id: string;
  file_name: string;
  sha256: string;
  preview: ColumnType<unknown, string, string>;
  status: ColumnType<'previewed' | 'confirmed' | 'abandoned', 'previewed' | 'confirmed' | 'abandoned' | undefined, 'previewed' | 'confirmed' | 'abandoned'>;
  confirmed_at: Date | null;
};

export type TrainingCompletionsTable = {
  id: string;
  staff_id: string;
  course_id: string;
  completed_on: string;
  expires_on: string | null;
  source: 'esr-import' | 'recorded';
  import_id: string | null;
  created_at: Timestamp;
  created_by: string;
};

export type MdtMeetingsTable = Stamps & {
  id: string;
  team_id: string;
  starts_at: Timestamp;
  place: ColumnType<string, string | undefined, string>;
  chair_id: string | null;
  status: ColumnType<'scheduled' | 'held' | 'cancelled', 'scheduled' | 'held' | 'cancelled' | undefined, 'scheduled' | 'held' | 'cancelled'>;
};

export type MdtAttendeesTable = {
  meeting_id: string;
  id: string;
  staff_id: string | null;
  name: string | null;
  role: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  created_by: string;
};

export type MdtAgendaItemsTable = Stamps & {
  id: string;
  meeting_id: string;
  episode_id: string;
  patient_id: string;
  /** Why the patient is on the agenda: 'flagged', 'review-due', 'breach', 'discharge-planning', 'open-action'. */
  reasons: ColumnType<unknown, string | undefined, string>;
  position: number;
  discussion: string | null;
  decision: string | null;
  discussed_at: Date | null;
  discussed_by: string | null;
};

export type MdtActionsTable = Stamps & {
  id: string;
  meeting_id: string;
  agenda_item_id: string | null;
  episode_id: string | null;
  patient_id: string | null;
  action: string;
  owner_id: string;
  due_on: string;
  status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>;
  closed_at: Date | null;
  closed_by: string | null;
  closing_note: string | null;
};


// Safety and governance (issue 17, migration 0050).
type OpenDone = ColumnType<'open' | 'done', 'open' | 'done' | undefined, 'open' | 'done'>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type SafetyDesignationsTable = Stamps & {
  id: string;
  staff_id: string;
  designation: 'safeguarding-lead';
  starts_on: string;
  ends_on: string | null;
};

export type IncidentsTable = Stamps & {
  id: string;
  reference: string;
  kind: 'incident' | 'near-miss';
  occurred_at: Timestamp;
  location_kind: 'patient-home' | 'ward' | 'clinic' | 'vehicle' | 'community' | 'other';
  location: string;
  category: string;
  what_happened: string;
  immediate_actions: string;
  affected: 'patient' | 'staff' | 'visitor-or-public' | 'no-one';
  physical_harm: 'none' | 'low' | 'moderate' | 'severe' | 'fatal';
  psychological_harm: ColumnType<'none' | 'low' | 'moderate' | 'severe', 'none' | 'low' | 'moderate' | 'severe' | undefined, 'none' | 'low' | 'moderate' | 'severe'>;
  patient_id: string | null;
  episode_id: string | null;
  team_id: string | null;
  reporter_id: string;
  reporter_anonymous: ColumnType<boolean, boolean | undefined, boolean>;
  source_kind: 'lone-working' | 'equipment' | null;
  source_id: string | null;
  status: ColumnType<'reported' | 'under-review' | 'closed', 'reported' | 'under-review' | 'closed' | undefined, 'reported' | 'under-review' | 'closed'>;
  handler_id: string | null;
  investigation_level: 'none' | 'local-review' | 'after-action-review' | 'psii' | null;
  confirmed_physical_harm: 'none' | 'low' | 'moderate' | 'severe' | 'fatal' | null;
  findings: string | null;
  learning: string | null;
  outcome_for_reporter: string | null;
  closed_at: NullableTimestamp;
  closed_by: string | null;
  outcome_seen_at: NullableTimestamp;
};

export type IncidentUpdatesTable = {
  id: string;
  incident_id: string;
  kind: 'triaged' | 'note' | 'closed' | 'reopened';
  note: string;
  created_at: Timestamp;
  created_by: string;
};

export type IncidentActionsTable = Stamps & {
  id: string;
  incident_id: string;
  action: string;
  owner_id: string;
  due_on: string;
  status: OpenDone;
  done_at: NullableTimestamp;
};

export type SafeguardingConcernsTable = Stamps & {
  id: string;
  reference: string;
  patient_id: string;
  episode_id: string | null;
  team_id: string | null;
  kind: 'adult' | 'child';
  /** JSON array of category codes (clinical safety/safeguarding-vocabulary.ts). */
  categories: ColumnType<unknown, string, string>;
  person_at_risk: 'patient' | 'other';
  other_person: string | null;
  concern: string;
  immediate_danger: boolean;
  immediate_actions: string;
  consent_to_share: 'given' | 'refused' | 'lacks-capacity' | 'not-asked';
  share_without_consent_reason: string | null;
  raised_at: Timestamp;
  raised_by: string;
  decision_due_at: Timestamp;
  decision: 'refer-to-local-authority' | 'no-further-action' | 'monitor' | 'advice-given' | null;
  decision_reason: string | null;
  decided_at: NullableTimestamp;
  decided_by: string | null;
  local_authority_reference: string | null;
  local_authority_referred_on: string | null;
  status: ColumnType<'open' | 'decided' | 'closed', 'open' | 'decided' | 'closed' | undefined, 'open' | 'decided' | 'closed'>;
  closed_at: NullableTimestamp;
  closed_by: string | null;
};

export type SafeguardingConcernPeopleTable = Stamps & {
  id: string;
  concern_id: string;
  staff_id: string;
  removed_at: NullableTimestamp;
  removed_by: string | null;
};

export type SafeguardingConcernNotesTable = {
  id: string;
  concern_id: string;
  note: string;
  created_at: Timestamp;
  created_by: string;
};

export type RisksTable = Stamps & {
  id: string;
  reference: string;
  title: string;
  description: string;
  cause: string;
  effect: string;
  team_id: string | null;
  owner_id: string;
  controls: string;
  gaps_in_controls: string | null;
  likelihood: number;
  consequence: number;
  target_likelihood: number;
  target_consequence: number;
  opened_on: string;
  review_on: string;
  status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>;
  closed_on: string | null;
  closed_reason: string | null;
};

export type RiskReviewsTable = {
  id: string;
  risk_id: string;
  reviewed_on: string;
  likelihood: number;
  consequence: number;
  note: string;
  next_review_on: string;
  created_at: Timestamp;
  created_by: string;
};

/** Why a discharge was delayed past the Discharge Ready Date (migration 0060): append-only. */
export type EpisodeDelaysTable = {
  id: string;
  episode_id: string;
  patient_id: string;
  reason: string;
  note: string | null;
  recorded_at: Timestamp;
  recorded_by: string;
  recorded_by_role: string;
};

export type RiskActionsTable = Stamps & {
  id: string;
  risk_id: string;
  action: string;
  owner_id: string;
  due_on: string;
  status: OpenDone;
  done_at: NullableTimestamp;
};

/** A referral received by FHIR (migration 0065): the ServiceRequest's identifier, so a second send is recognised. Append-only. */
export type FhirReceivedReferralsTable = {
  id: string;
  referral_id: string;
  identifier_system: string | null;
  identifier_value: string | null;
  /** The day the sender wrote it (ServiceRequest.authoredOn), yyyy-mm-dd. */
  authored_on: ColumnType<string | null, string | null, never>;
  received_at: Timestamp;
  received_by: string;
};

export type Database = {
  referrals: ReferralsTable;
  episodes: EpisodesTable;
  episode_events: EpisodeEventsTable;
  onward_referrals: OnwardReferralsTable;
  consent_records: ConsentRecordsTable;
  contact_notes: ContactNotesTable;
  contact_note_amendments: ContactNoteAmendmentsTable;
  contact_note_amendment_reviews: ContactNoteAmendmentReviewsTable;
  assessments: AssessmentsTable;
  goals: GoalsTable;
  goal_attainments: GoalAttainmentsTable;
  staff_competences: StaffCompetencesTable;
  programme_activities: ProgrammeActivitiesTable;
  programme_completions: ProgrammeCompletionsTable;
  programme_activity_endings: ProgrammeActivityEndingsTable;
  episode_reviews: EpisodeReviewsTable;
  discharge_summaries: DischargeSummariesTable;
  letters: LettersTable;
  episode_supervisions: EpisodeSupervisionsTable;
  teams: TeamsTable;
  staff: StaffTable;
  sessions: SessionsTable;
  sign_in_throttle: SignInThrottleTable;
  sign_in_client_throttle: SignInClientThrottleTable;
  held_forms: HeldFormsTable;
  patients: PatientsTable;
  patient_versions: PatientVersionsTable;
  break_glass: BreakGlassTable;
  audit_events: AuditEventsTable;
  audit_batches: AuditBatchesTable;
  idempotency_keys: IdempotencyKeysTable;
  rota_patterns: RotaPatternsTable;
  rota_exceptions: RotaExceptionsTable;
  rota_on_call: RotaOnCallTable;
  visit_needs: VisitNeedsTable;
  visits: VisitsTable;
  visit_plans: VisitPlansTable;
  visit_plan_publications: VisitPlanPublicationsTable;
  jobs: JobsTable;
  lone_working_settings: LoneWorkingSettingsTable;
  lone_working_sessions: LoneWorkingSessionsTable;
  lone_working_alerts: LoneWorkingAlertsTable;
  lone_working_alert_events: LoneWorkingAlertEventsTable;
  lone_working_codes: LoneWorkingCodesTable;
  notifications: NotificationsTable;
  notification_deliveries: NotificationDeliveriesTable;
  equipment_catalogue_items: EquipmentCatalogueItemsTable;
  equipment_stores: EquipmentStoresTable;
  equipment_stock_levels: EquipmentStockLevelsTable;
  equipment_stock_moves: EquipmentStockMovesTable;
  equipment_items: EquipmentItemsTable;
  equipment_loans: EquipmentLoansTable;
  equipment_training: EquipmentTrainingTable;
  equipment_inspections: EquipmentInspectionsTable;
  equipment_recalls: EquipmentRecallsTable;
  equipment_recall_actions: EquipmentRecallActionsTable;
  supervision_arrangements: SupervisionArrangementsTable;
  supervision_sessions: SupervisionSessionsTable;
  supervision_cases: SupervisionCasesTable;
  supervision_actions: SupervisionActionsTable;
  cpd_entries: CpdEntriesTable;
  pdc_records: PdcRecordsTable;
  pdc_items: PdcItemsTable;
  training_courses: TrainingCoursesTable;
  training_requirements: TrainingRequirementsTable;
  training_imports: TrainingImportsTable;
  training_completions: TrainingCompletionsTable;
  mdt_meetings: MdtMeetingsTable;
  mdt_attendees: MdtAttendeesTable;
  mdt_agenda_items: MdtAgendaItemsTable;
  mdt_actions: MdtActionsTable;
  safety_designations: SafetyDesignationsTable;
  incidents: IncidentsTable;
  incident_updates: IncidentUpdatesTable;
  incident_actions: IncidentActionsTable;
  safeguarding_concerns: SafeguardingConcernsTable;
  safeguarding_concern_people: SafeguardingConcernPeopleTable;
  safeguarding_concern_notes: SafeguardingConcernNotesTable;
  risks: RisksTable;
  risk_reviews: RiskReviewsTable;
  risk_actions: RiskActionsTable;
  episode_delays: EpisodeDelaysTable;
  fhir_received_referrals: FhirReceivedReferralsTable;
};

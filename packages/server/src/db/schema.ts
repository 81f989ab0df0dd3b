// The database as Kysely sees it. Column names are snake_case in SQL and here; queries map rows to
// the camelCase domain shapes in one place per bounded context.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type TeamsTable = {
  id: string;
  name: string;
  base_location: string;
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
  seq: ColumnType<number, number, never>;
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
  request_id: string | null;
  detail: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
};

export type AuditChainHeadTable = {
  id: number;
  seq: number;
  hash: string;
};

export type IdempotencyKeysTable = {
  staff_id: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response: Json<unknown> | null;
  created_at: Timestamp;
};

export type Database = {
  teams: TeamsTable;
  staff: StaffTable;
  sessions: SessionsTable;
  sign_in_throttle: SignInThrottleTable;
  patients: PatientsTable;
  patient_versions: PatientVersionsTable;
  break_glass: BreakGlassTable;
  audit_events: AuditEventsTable;
  audit_chain_head: AuditChainHeadTable;
  idempotency_keys: IdempotencyKeysTable;
};

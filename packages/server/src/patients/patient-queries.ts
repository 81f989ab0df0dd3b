// Reading and writing the patient index. Rows are snake_case; everything leaving this file is the
// camelCase shape of patient-schema.ts.
import type { Kysely, Selectable } from 'kysely';
import type { CommunicationNeeds, PatientContact, RiskFlagKind, Sex } from '@homeward/clinical';
import { postcodeDistrict } from '@homeward/clinical';
import type { Database, PatientsTable } from '../db/schema.ts';
import type { PatientDetailsInput, PatientResponse } from './patient-schema.ts';

type PatientRow = Selectable<PatientsTable>;

const iso = (value: Date | string) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString());

export function toPatient(row: PatientRow | Record<string, unknown>): PatientResponse {
  const r = row as PatientRow;
  return {
    id: r.id,
    version: r.version,
    nhsNumber: r.nhs_number,
    givenName: r.given_name,
    familyName: r.family_name,
    dateOfBirth: r.date_of_birth,
    sex: r.sex as Sex,
    genderIdentity: r.gender_identity,
    addressLine1: r.address_line1,
    addressLine2: r.address_line2,
    town: r.town,
    postcode: r.postcode,
    latitude: r.latitude,
    longitude: r.longitude,
    phone: r.phone,
    gpPracticeCode: r.gp_practice_code,
    gpPracticeName: r.gp_practice_name,
    contacts: r.contacts as PatientContact[],
    communicationNeeds: r.communication_needs as CommunicationNeeds,
    livesAlone: r.lives_alone,
    keySafe: r.key_safe,
    accessNotes: r.access_notes,
    riskFlags: r.risk_flags as RiskFlagKind[],
    riskNotes: r.risk_notes,
    registeredTeamId: r.registered_team_id,
    createdAt: iso(r.created_at),
    createdBy: r.created_by,
    updatedAt: iso(r.updated_at),
    updatedBy: r.updated_by,
  };
}

/** The details alone (what a change sends), from a stored record. */
export function patientDetailsOf(p: PatientResponse): PatientDetailsInput {
  const { id: _id, version: _version, registeredTeamId: _team, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, ...details } = p;
  return details;
}

function detailColumns(d: PatientDetailsInput) {
  return {
    nhs_number: d.nhsNumber,
    given_name: d.givenName,
    family_name: d.familyName,
    date_of_birth: d.dateOfBirth,
    sex: d.sex,
    gender_identity: d.genderIdentity,
    address_line1: d.addressLine1,
    address_line2: d.addressLine2,
    town: d.town,
    postcode: d.postcode,
    latitude: d.latitude,
    longitude: d.longitude,
    phone: d.phone,
    gp_practice_code: d.gpPracticeCode,
    gp_practice_name: d.gpPracticeName,
    contacts: JSON.stringify(d.contacts),
    communication_needs: JSON.stringify(d.communicationNeeds),
    lives_alone: d.livesAlone,
    key_safe: d.keySafe,
    access_notes: d.accessNotes,
    risk_flags: JSON.stringify(d.riskFlags),
    risk_notes: d.riskNotes,
  };
}

export type InsertPatientOptions = {
  id: string;
  details: PatientDetailsInput;
  teamId: string;
  staffId: string;
  now: Date;
};

export async function insertPatient(db: Kysely<Database>, o: InsertPatientOptions): Promise<PatientResponse> {
  const row = await db
    .insertInto('patients')
    .values({
      id: o.id,
      ...detailColumns(o.details),
      registered_team_id: o.teamId,
      created_at: o.now,
      created_by: o.staffId,
      updated_at: o.now,
      updated_by: o.staffId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPatient(row);
}

export async function findPatient(db: Kysely<Database>, id: string): Promise<PatientResponse | null> {
  const row = await db.selectFrom('patients').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPatient(row) : null;
}

export async function findPatientByNhsNumber(db: Kysely<Database>, nhsNumber: string): Promise<PatientResponse | null> {
  const row = await db.selectFrom('patients').selectAll().where('nhs_number', '=', nhsNumber).executeTakeFirst();
  return row ? toPatient(row) : null;
}

export type UpdatePatientOptions = {
  id: string;
  expectedVersion: number;
  details: PatientDetailsInput;
  staffId: string;
  now: Date;
};

/** Writes only if nobody has changed the record since expectedVersion; null means they have. */
export async function updatePatient(db: Kysely<Database>, o: UpdatePatientOptions): Promise<PatientResponse | null> {
  const row = await db
    .updateTable('patients')
    .set((eb) => ({
      ...detailColumns(o.details),
      version: eb('version', '+', 1),
      updated_at: o.now,
      updated_by: o.staffId,
    }))
    .where('id', '=', o.id)
    .where('version', '=', o.expectedVersion)
    .returningAll()
    .executeTakeFirst();
  return row ? toPatient(row) : null;
}

export type PatientSearch =
  | { kind: 'nhs-number'; nhsNumber: string }
  | { kind: 'name-and-birth'; familyName: string; givenName: string | null; dateOfBirth: string };

export type PatientSearchRow = {
  id: string;
  nhsNumber: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  postcodeDistrict: string | null;
  addressLine1: string;
  town: string;
  postcode: string;
  riskFlags: RiskFlagKind[];
  registeredTeamId: string;
};

export async function searchPatients(db: Kysely<Database>, search: PatientSearch, limit = 25): Promise<PatientSearchRow[]> {
  let query = db
    .selectFrom('patients')
    .select(['id', 'nhs_number', 'given_name', 'family_name', 'date_of_birth', 'address_line1', 'town', 'postcode', 'risk_flags', 'registered_team_id'])
    .orderBy('family_name')
    .orderBy('given_name')
    .limit(limit);
  if (search.kind === 'nhs-number') {
    query = query.where('nhs_number', '=', search.nhsNumber);
  } else {
    // Uses patients_dob_family_idx: the date of birth narrows the index to a handful of rows.
    const family = search.familyName.toLowerCase();
    query = query
      .where('date_of_birth', '=', search.dateOfBirth)
      .where((eb) => eb(eb.fn('lower', ['family_name']), 'like', `${escapeLike(family)}%`));
    if (search.givenName) {
      query = query.where((eb) => eb(eb.fn('lower', ['given_name']), 'like', `${escapeLike(search.givenName!.toLowerCase())}%`));
    }
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    nhsNumber: r.nhs_number,
    givenName: r.given_name,
    familyName: r.family_name,
    dateOfBirth: r.date_of_birth,
    postcodeDistrict: postcodeDistrict(r.postcode),
    addressLine1: r.address_line1,
    town: r.town,
    postcode: r.postcode,
    riskFlags: r.risk_flags as RiskFlagKind[],
    registeredTeamId: r.registered_team_id,
  }));
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type PatientVersion = { version: number; recordedAt: string; recordedBy: string; recordedByName: string | null; patient: PatientResponse };

export async function listPatientVersions(db: Kysely<Database>, patientId: string): Promise<PatientVersion[]> {
  const rows = await db
    .selectFrom('patient_versions')
    .leftJoin('staff', 'staff.id', 'patient_versions.recorded_by')
    .select(['patient_versions.version', 'patient_versions.recorded_at', 'patient_versions.recorded_by', 'patient_versions.data', 'staff.given_name', 'staff.family_name'])
    .where('patient_versions.patient_id', '=', patientId)
    .orderBy('patient_versions.version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    recordedAt: iso(r.recorded_at),
    recordedBy: r.recorded_by,
    recordedByName: r.given_name ? `${r.given_name} ${r.family_name}` : null,
    patient: toPatient(r.data),
  }));
}

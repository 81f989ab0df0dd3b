// Reading and writing the patient index. Rows are snake_case; everything leaving this file is the
// camelCase shape of patient-schema.ts.
import { sql, type Expression, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { CommunicationNeeds, PatientContact, RiskFlagKind, Sex } from '@homeward/clinical';
import { nameSearchTerms, normalisePostcode, postcodeDistrict } from '@homeward/clinical';
import type { Database, PatientsTable } from '../db/schema.ts';
import type { PatientDetailsInput, PatientResponse } from './patient-schema.ts';
import type { AuditEventInput } from '../platform/audit-event.ts';
import { auditRow } from '../platform/record-audit-event.ts';
import { accessFactsOf, accessFactsQuery, requireGrant, type AccessFacts, type AccessFactsRow, type FactsFor, type ReadGrant } from '../access/public.ts';

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

export function detailColumns(d: PatientDetailsInput) {
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

/**
 * A patient by id without a grant: for the loaders that find a record before its access is decided,
 * the checks inside writes that already hold their grant, and the demo seeder. A route shows a
 * patient through readPatient, which asks for the grant and audits.
 */
export async function findPatient(db: Kysely<Database>, id: string): Promise<PatientResponse | null> {
  const row = await db.selectFrom('patients').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPatient(row) : null;
}

export async function findPatientByNhsNumber(db: Kysely<Database>, nhsNumber: string): Promise<PatientResponse | null> {
  const row = await db.selectFrom('patients').selectAll().where('nhs_number', '=', nhsNumber).executeTakeFirst();
  return row ? toPatient(row) : null;
}

export type PatientSearch =
  | { kind: 'nhs-number'; nhsNumber: string }
  | { kind: 'name-and-birth'; familyName: string; givenName: string | null; dateOfBirth: string }
  | NameSearch;

/**
 * Part of a name (the start of the family name, a given name, or both, in any order; accents,
 * hyphens and apostrophes ignored; a family name that sounds alike), narrowed by any of the date of
 * birth, the year of birth and the postcode (a whole one, or its district).
 */
export type NameSearch = { kind: 'name'; name: string; dateOfBirth: string | null; yearOfBirth: number | null; postcode: string | null };

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
  /** For a search by part of a name: the words searched for and the patient's name keys, to say why it matched. */
  nameMatch?: { terms: string[]; givenKey: string; familyKey: string };
};

/** A search as one SELECT, and how to read its rows; null when nothing can match (no searchable word). */
type BuiltSearch = { query: Expression<unknown> & { execute(): Promise<unknown[]> }; toRow(row: Record<string, unknown>): PatientSearchRow };

export async function searchPatients(db: Kysely<Database>, search: PatientSearch, limit = 25): Promise<PatientSearchRow[]> {
  const built = await buildSearch(db, search, limit);
  if (!built) return [];
  return ((await built.query.execute()) as Record<string, unknown>[]).map(built.toRow);
}

/**
 * The search and the access facts of every patient it finds, in one round trip: the facts query is
 * joined laterally to each result, so nobody waits for the search to come back before asking who may
 * see whom (issue 12: a search was four round trips). Results keep the search's order.
 *
 * The same statement appends the search's audit event (its detail completed with how many were
 * found and which), so the event commits with the answer, before anything is shown, and a search is
 * one round trip fewer; `audited` is false only when nothing could match and nothing was asked, and
 * the caller audits the search itself.
 */
export async function searchPatientsWithAccess(
  db: Kysely<Database>,
  search: PatientSearch,
  principal: FactsFor,
  now: Date,
  audit: { event: AuditEventInput; at: Date },
  limit = 25,
): Promise<{ rows: PatientSearchRow[]; facts: Map<string, AccessFacts>; audited: boolean }> {
  const built = await buildSearch(db, search, limit);
  if (!built) return { rows: [], facts: new Map(), audited: false };
  const facts = accessFactsQuery(db, principal, now).where(sql<SqlBool>`patients.id = found.id`);
  // found.* then facts.*: the one column both have (registered_team_id) is the same patient's. The
  // row number keeps the search's order through the CTE (a CTE's rows have no order of their own).
  const { rows } = await sql<Record<string, unknown> & AccessFactsRow>`
    with searched as (
      select found.*, facts.*, row_number() over () as found_order
      from (${built.query}) as found left join lateral (${facts}) as facts on true
    ), audited as (${auditedSearch(db, audit.event, audit.at)})
    select * from searched order by found_order
  `.execute(db);
  const found = rows.map(built.toRow);
  return { rows: found, facts: accessFactsOf(rows.filter((r) => r.patient_id !== null), principal, found.map((r) => r.id), now), audited: true };
}

/** The search's audit event, inserted from the CTE `searched`: its detail gains results and patientIds, in the search's order. */
function auditedSearch(db: Kysely<Database>, event: AuditEventInput, at: Date) {
  const row = auditRow(event, at);
  return db.insertInto('audit_events').values({
    ...row,
    detail: sql`${row.detail}::jsonb || (select jsonb_build_object('results', count(*)::int, 'patientIds', coalesce(jsonb_agg(searched.id order by searched.found_order), '[]'::jsonb)) from searched)`,
  });
}

async function buildSearch(db: Kysely<Database>, search: PatientSearch, limit: number): Promise<BuiltSearch | null> {
  if (search.kind === 'name') return buildNameSearch(db, search, limit);
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
  return { query, toRow: (r) => toSearchResult(r as SearchResultRow) };
}

/** How alike (pg_trgm similarity, 0 to 1) a typed word and a family name must be to count as sounding alike. */
const soundsAlike = 0.3;

async function buildNameSearch(db: Kysely<Database>, search: NameSearch, limit: number): Promise<BuiltSearch | null> {
  // The database makes the typed name's key with the same function as the stored ones, so they agree.
  const { key } = (await sql<{ key: string }>`select hw_name_key(${search.name}) as key`.execute(db)).rows[0]!;
  const terms = nameSearchTerms(key);
  if (terms.length === 0) return null;
  const startsWord = (term: string) => sql<SqlBool>`name_search like ${`% ${escapeLike(term)}%`}`;
  const allStartWords = (except: number) => terms.flatMap((t, i) => (i === except ? [] : [startsWord(t)]));
  // Every word starts a word of the names; or one word (3 letters or more) sounds like the family name and the rest start words.
  const exact = sql<SqlBool>`(${sql.join(allStartWords(-1), sql` and `)})`;
  const alike = terms.flatMap((t, i) => (t.length >= 3 ? [sql<SqlBool>`(family_key % ${t} and similarity(family_key, ${t}) >= ${soundsAlike}${sql.join(allStartWords(i).map((c) => sql` and ${c}`), sql``)})`] : []));
  const matches = alike.length ? sql<SqlBool>`(${exact} or ${sql.join(alike, sql` or `)})` : exact;
  let query = db
    .selectFrom('patients')
    .select(['id', 'nhs_number', 'given_name', 'family_name', 'date_of_birth', 'address_line1', 'town', 'postcode', 'risk_flags', 'registered_team_id', 'given_key', 'family_key'])
    .select(sql<boolean>`${exact}`.as('exact'))
    .select(sql<number>`greatest(${sql.join(terms.map((t) => sql`similarity(family_key, ${t})`))})`.as('likeness'))
    .where(matches);
  if (search.dateOfBirth) query = query.where('date_of_birth', '=', search.dateOfBirth);
  if (search.yearOfBirth) query = query.where('date_of_birth', '>=', `${search.yearOfBirth}-01-01`).where('date_of_birth', '<=', `${search.yearOfBirth}-12-31`);
  if (search.postcode) {
    const full = normalisePostcode(search.postcode);
    const district = search.postcode.replace(/\s+/g, '').toUpperCase();
    // A whole postcode finds that postcode; an outward code alone (ST6) finds the district.
    query = full ? query.where('postcode', '=', full) : query.where('postcode', 'like', `${escapeLike(district)} %`);
  }
  query = query
    .orderBy(sql`${exact} desc`)
    .orderBy(sql`greatest(${sql.join(terms.map((t) => sql`similarity(family_key, ${t})`))}) desc`)
    .orderBy('family_name')
    .orderBy('given_name')
    .orderBy('id')
    .limit(limit);
  return {
    query,
    toRow: (r) => ({ ...toSearchResult(r as SearchResultRow), nameMatch: { terms, givenKey: r.given_key as string, familyKey: r.family_key as string } }),
  };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type PatientVersion = { version: number; recordedAt: string; recordedBy: string; recordedByName: string | null; patient: PatientResponse };

/** Every version of the granted patient's record, newest first (readPatientHistory audits the read). */
export async function listPatientVersions(db: Kysely<Database>, grant: ReadGrant): Promise<PatientVersion[]> {
  const patientId = requireGrant(grant).patientId;
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

type SearchResultRow = {
  id: string; nhs_number: string; given_name: string; family_name: string; date_of_birth: string; postcode: string;
  address_line1: string; town: string; risk_flags: unknown; registered_team_id: string;
};

/** One search result as every search returns it (the access rules then decide how much is shown). */
function toSearchResult(r: SearchResultRow): PatientSearchRow {
  return {
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
  };
}

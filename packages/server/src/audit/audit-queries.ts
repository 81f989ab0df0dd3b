// What the privacy officer reads from the access audit: break-glass, refusals, one patient's access
// history. Rows are snake_case here; everything leaving this file is camelCase.
//
// audit_events grows without end, so every query here reads one index range and stops at the page
// size: the lists are newest first by (occurred_at, seq) and page on with a keyset ("before" is the
// seq of the last event shown; its time is looked up), never an offset. Indexes (2026-12-04 migration):
// audit_events_patient_time_idx, audit_events_search_patients_idx, audit_events_refused_time_idx.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { HomewardRole } from '@homeward/clinical';
import type { AuditEventsTable, Database } from '../db/schema.ts';

export type StaffSummary = { id: string; name: string; role: string | null };

export type PatientHeader = { id: string; givenName: string; familyName: string; nhsNumber: string; dateOfBirth: string };

export type BreakGlassEntry = {
  id: string;
  staff: { id: string; name: string; role: HomewardRole; teamName: string | null };
  patient: { id: string; givenName: string; familyName: string; nhsNumber: string };
  reason: string;
  detail: string | null;
  startedAt: Date;
  expiresAt: Date;
  active: boolean;
};

export type AuditEntry = {
  seq: number;
  id: string;
  occurredAt: Date;
  staff: StaffSummary | null;
  action: string;
  outcome: 'allowed' | 'refused' | 'failed';
  patientId: string | null;
  recordKind: string | null;
  recordId: string | null;
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
  detail: Record<string, unknown>;
  /** Detail keys whose clinical words were left out (an amendment's reason): they exist, unseen. */
  clinicalTextWithheld: string[];
  /** 'patient': the event is about this patient; 'search-result': a search that returned them. */
  matchedBy: 'patient' | 'search-result';
};

export type RefusalEntry = AuditEntry & { patient: PatientHeader | null; rule: string | null; route: string | null };

/** Only what tells people apart: the audit views show who was seen, never what was in the record. */
export async function findPatientHeader(db: Kysely<Database>, by: { id: string } | { nhsNumber: string }): Promise<PatientHeader | null> {
  let query = db.selectFrom('patients').select(['id', 'given_name', 'family_name', 'nhs_number', 'date_of_birth']);
  query = 'id' in by ? query.where('id', '=', by.id) : query.where('nhs_number', '=', by.nhsNumber);
  const row = await query.executeTakeFirst();
  return row ? { id: row.id, givenName: row.given_name, familyName: row.family_name, nhsNumber: row.nhs_number, dateOfBirth: row.date_of_birth } : null;
}

export type ListBreakGlassOptions = { now: Date; page: number; pageSize: number };

/** Every break-glass, newest first (break_glass_started_idx), a page at a time. */
export async function listBreakGlass(db: Kysely<Database>, o: ListBreakGlassOptions): Promise<{ entries: BreakGlassEntry[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('break_glass as bg')
      .innerJoin('staff as s', 's.id', 'bg.staff_id')
      .leftJoin('teams as t', 't.id', 's.team_id')
      .innerJoin('patients as p', 'p.id', 'bg.patient_id')
      .select([
        'bg.id',
        'bg.reason',
        'bg.detail',
        'bg.started_at',
        'bg.expires_at',
        's.id as staff_id',
        's.given_name as staff_given_name',
        's.family_name as staff_family_name',
        's.homeward_role',
        't.name as team_name',
        'p.id as patient_id',
        'p.given_name',
        'p.family_name',
        'p.nhs_number',
      ])
      .orderBy('bg.started_at', 'desc')
      .orderBy('bg.id', 'desc')
      .limit(o.pageSize)
      .offset((o.page - 1) * o.pageSize)
      .execute(),
    db.selectFrom('break_glass').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    entries: rows.map((r) => ({
      id: r.id,
      staff: { id: r.staff_id, name: `${r.staff_given_name} ${r.staff_family_name}`, role: r.homeward_role as HomewardRole, teamName: r.team_name },
      patient: { id: r.patient_id, givenName: r.given_name, familyName: r.family_name, nhsNumber: r.nhs_number },
      reason: r.reason,
      detail: r.detail,
      startedAt: r.started_at,
      expiresAt: r.expires_at,
      active: r.expires_at.getTime() > o.now.getTime(),
    })),
  };
}

/**
 * Newer-first keyset: events before the one numbered `before` in (occurred_at, seq) order. A number
 * that is not an event (a hand-edited link) pages from the newest.
 */
function olderThan(before: number | null) {
  if (before === null) return sql<boolean>`true`;
  return sql<boolean>`(occurred_at, seq) < (coalesce((select c.occurred_at from audit_events c where c.seq = ${before}), 'infinity'::timestamptz), ${before})`;
}

/** Refusals since the instant (the start page shows the last 7 days), by audit_events_refused_time_idx. */
export async function countRefusalsSince(db: Kysely<Database>, since: Date): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('outcome', '=', 'refused')
    .where('occurred_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type ListRefusalsOptions = { since: Date; before: number | null; limit: number };

/** The query behind the refusals list (exported so a test can EXPLAIN it). */
export function refusalsQuery(db: Kysely<Database>, o: ListRefusalsOptions) {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('outcome', '=', 'refused')
    .where('occurred_at', '>=', o.since)
    .where(olderThan(o.before))
    .orderBy('occurred_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(o.limit + 1);
}

/** Refusals since the instant, newest first; page on with before = the last seq shown. */
export async function listRefusals(db: Kysely<Database>, o: ListRefusalsOptions): Promise<{ entries: RefusalEntry[]; nextBefore: number | null }> {
  const rows = await refusalsQuery(db, o).execute();
  const page = rows.slice(0, o.limit);
  const [staff, patients] = await Promise.all([
    loadStaff(db, page.map((r) => r.staff_id)),
    loadPatientHeaders(db, page.map((r) => r.patient_id)),
  ]);
  return {
    nextBefore: rows.length > o.limit ? page[page.length - 1]!.seq : null,
    entries: page.map((r) => {
      const entry = toEntry(r, staff, 'patient');
      return {
        ...entry,
        patient: r.patient_id ? (patients.get(r.patient_id) ?? null) : null,
        rule: typeof r.detail.rule === 'string' ? r.detail.rule : null,
        route: typeof r.detail.route === 'string' ? r.detail.route : null,
      };
    }),
  };
}

export type ListPatientAccessOptions = { patientId: string; before: number | null; limit: number };

/**
 * The query behind a patient's access history (exported so a test can EXPLAIN it): events about
 * them (audit_events_patient_time_idx, read in order and stopped at the page size) and searches whose
 * results included them (audit_events_search_patients_idx: only this patient's searches are read),
 * each limited on its own, then merged.
 */
export function patientAccessQuery(db: Kysely<Database>, o: ListPatientAccessOptions) {
  const take = o.limit + 1;
  const aboutPatient = db
    .selectFrom('audit_events')
    .selectAll()
    .select(sql<string>`'patient'`.as('matched_by'))
    .where('patient_id', '=', o.patientId)
    .where(olderThan(o.before))
    .orderBy('occurred_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(take);
  const searchesReturningPatient = db
    .selectFrom('audit_events')
    .selectAll()
    .select(sql<string>`'search-result'`.as('matched_by'))
    .where('action', '=', 'search')
    .where(sql<boolean>`detail -> 'patientIds' @> ${JSON.stringify([o.patientId])}::jsonb`)
    .where((eb) => eb.or([eb('patient_id', 'is', null), eb('patient_id', '!=', o.patientId)]))
    .where(olderThan(o.before))
    .orderBy('occurred_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(take);
  return db
    .selectFrom(
      db
        .selectFrom(aboutPatient.as('a'))
        .selectAll()
        .unionAll(db.selectFrom(searchesReturningPatient.as('s')).selectAll())
        .as('u'),
    )
    .selectAll()
    .orderBy('occurred_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(take);
}

/** Everything the audit knows about one patient, newest first, a page at a time. */
export async function listPatientAccess(db: Kysely<Database>, o: ListPatientAccessOptions): Promise<{ entries: AuditEntry[]; nextBefore: number | null }> {
  const rows = await patientAccessQuery(db, o).execute();
  const page = rows.slice(0, o.limit);
  const staff = await loadStaff(db, page.map((r) => r.staff_id));
  return {
    nextBefore: rows.length > o.limit ? page[page.length - 1]!.seq : null,
    entries: page.map((r) => toEntry(r, staff, r.matched_by === 'search-result' ? 'search-result' : 'patient')),
  };
}

// The row as read: everything but the chain's own columns, which the views never show.
type AuditRow = Omit<Selectable<AuditEventsTable>, 'request_id' | 'request_id_claimed' | 'prev_hash' | 'hash'>;

/**
 * Detail keys in which a clinician's own words are recorded (an amendment's reason, a stopped
 * activity's reason, a note). The privacy officer audits access, not care: the views show that such
 * words were recorded, not what they say. The top-level reason is different: it is the access
 * justification (a break-glass reason and its detail), which is exactly what the audit is for.
 */
const clinicalTextKeys = new Set(['reason', 'note', 'notes']);

function toEntry(r: AuditRow, staff: Map<string, string>, matchedBy: AuditEntry['matchedBy']): AuditEntry {
  // A search's result list names other patients: the privacy officer needs the count, not the ids.
  const { patientIds: _ids, ...all } = r.detail;
  const clinicalTextWithheld = Object.keys(all).filter((k) => clinicalTextKeys.has(k) && all[k] !== null && all[k] !== '');
  const detail = Object.fromEntries(Object.entries(all).filter(([k]) => !clinicalTextWithheld.includes(k)));
  return {
    seq: r.seq,
    id: r.id,
    occurredAt: r.occurred_at,
    // The role is the one held at the time, as recorded; the name is looked up now.
    staff: r.staff_id ? { id: r.staff_id, name: staff.get(r.staff_id) ?? 'Unknown staff member', role: r.staff_role } : null,
    action: r.action,
    outcome: r.outcome,
    patientId: r.patient_id,
    recordKind: r.record_kind,
    recordId: r.record_id,
    reason: r.reason,
    ip: r.ip,
    userAgent: r.user_agent,
    detail,
    clinicalTextWithheld,
    matchedBy,
  };
}

async function loadStaff(db: Kysely<Database>, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('staff').select(['id', 'given_name', 'family_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, `${r.given_name} ${r.family_name}`]));
}

async function loadPatientHeaders(db: Kysely<Database>, ids: Array<string | null>): Promise<Map<string, PatientHeader>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('patients').select(['id', 'given_name', 'family_name', 'nhs_number', 'date_of_birth']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, givenName: r.given_name, familyName: r.family_name, nhsNumber: r.nhs_number, dateOfBirth: r.date_of_birth }]));
}

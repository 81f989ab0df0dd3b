// Reading consent records and contact notes. Rows are snake_case; everything leaving is camelCase.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { HomewardRole } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { episodeIdOf, type RecordAccess } from './record-access-grant.ts';
import type { ConsentResponse, ContactNoteResponse, NoteVersionResponse } from './record-schema.ts';

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));

const unknownStaff = (id: string) => ({ id, name: 'Unknown', role: 'unknown' });

/** The episode's consent records and withdrawals, oldest first. */
export async function listConsents(db: Kysely<Database>, access: RecordAccess): Promise<ConsentResponse[]> {
  // Who recorded each comes in the same query (a join, not a second round trip).
  const rows = await db
    .selectFrom('consent_records')
    .leftJoin('staff', 'staff.id', 'consent_records.recorded_by')
    .selectAll('consent_records')
    .select(['staff.given_name', 'staff.family_name', 'staff.homeward_role'])
    .where('consent_records.episode_id', '=', episodeIdOf(access))
    .orderBy('consent_records.recorded_at')
    .orderBy('consent_records.id')
    .execute();
  const staff = new Map(rows.filter((r) => r.given_name !== null).map((r) => [r.recorded_by, { id: r.recorded_by, name: `${r.given_name} ${r.family_name}`, role: r.homeward_role! }]));
  const withdrawals = new Map(rows.filter((r) => r.withdraws_id).map((r) => [r.withdraws_id!, r.id]));
  return rows.map((r) => ({
    id: r.id,
    episodeId: r.episode_id,
    patientId: r.patient_id,
    kind: r.kind,
    withdrawsId: r.withdraws_id,
    withdrawnBy: withdrawals.get(r.id) ?? null,
    scope: r.scope,
    intervention: r.intervention,
    agreedTo: r.agreed_to,
    method: r.method,
    givenBy: r.given_by,
    bestInterestsDecisionBy: r.best_interests_decision_by,
    bestInterestsConsulted: r.best_interests_consulted,
    capacityInDoubt: r.capacity_in_doubt,
    assessment: r.capacity_assessment ?? null,
    capacityOutcome: r.capacity_outcome,
    communicationSupport: r.communication_support,
    note: r.note,
    recordedAt: iso(r.recorded_at),
    recordedBy: staff.get(r.recorded_by) ?? unknownStaff(r.recorded_by),
  }));
}

/** Consent on record for the episode that has not been withdrawn (the patient's own, or a best-interests decision). */
export async function hasLiveConsent(db: Kysely<Database>, access: RecordAccess): Promise<boolean> {
  const row = await db
    .selectFrom('consent_records as c')
    .select('c.id')
    .where('c.episode_id', '=', episodeIdOf(access))
    .where('c.kind', '=', 'consent')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('consent_records as w').select('w.id').whereRef('w.withdraws_id', '=', 'c.id'))))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The episode's contact notes, each with its versions, newest contact first. */
export async function findContactNotes(db: Kysely<Database>, access: RecordAccess): Promise<ContactNoteResponse[]> {
  return contactNotesWhere(db, { episodeId: episodeIdOf(access) });
}

/**
 * Notes by id or episode without a grant: for the rules inside a write, the loaders that find a
 * note's episode to authorise it, and the review queue (its own team rule). Never for a route.
 */
export async function contactNotesWhere(db: Kysely<Database>, where: { ids?: string[]; episodeId?: string }): Promise<ContactNoteResponse[]> {
  // Who wrote, finalised, amended and reviewed come in the same queries (joins, not a further round trip).
  let query = db
    .selectFrom('contact_notes')
    .leftJoin('staff as w', 'w.id', 'contact_notes.written_by')
    .leftJoin('staff as f', 'f.id', 'contact_notes.finalised_by')
    .leftJoin('staff as r', 'r.id', 'contact_notes.reviewed_by')
    .selectAll('contact_notes')
    .select(['w.given_name as w_given', 'w.family_name as w_family', 'w.homeward_role as w_role'])
    .select(['f.given_name as f_given', 'f.family_name as f_family', 'f.homeward_role as f_role'])
    .select(['r.given_name as r_given', 'r.family_name as r_family', 'r.homeward_role as r_role']);
  if (where.ids) {
    if (where.ids.length === 0) return [];
    query = query.where('contact_notes.id', 'in', where.ids);
  }
  if (where.episodeId) query = query.where('contact_notes.episode_id', '=', where.episodeId);
  const notes = await query.orderBy('contact_notes.occurred_at', 'desc').orderBy('contact_notes.id', 'desc').execute();
  if (notes.length === 0) return [];
  const noteIds = notes.map((n) => n.id);
  const [amendments, amendmentReviews] = await Promise.all([
    db
      .selectFrom('contact_note_amendments as a')
      .leftJoin('staff as s', 's.id', 'a.amended_by')
      .selectAll('a')
      .select(['s.given_name as s_given', 's.family_name as s_family', 's.homeward_role as s_role'])
      .where('a.note_id', 'in', noteIds)
      .orderBy('a.note_version')
      .execute(),
    db
      .selectFrom('contact_note_amendment_reviews as v')
      .leftJoin('staff as s', 's.id', 'v.reviewed_by')
      .selectAll('v')
      .select(['s.given_name as s_given', 's.family_name as s_family', 's.homeward_role as s_role'])
      .where('v.note_id', 'in', noteIds)
      .execute(),
  ]);
  const reviewOf = new Map(amendmentReviews.map((r) => [r.amendment_id, r]));
  const staff = new Map<string, StaffRef>();
  const known = (id: string | null, given: string | null, family: string | null, role: string | null) => {
    if (id !== null && given !== null) staff.set(id, { id, name: `${given} ${family}`, role: role ?? 'unknown' });
  };
  for (const n of notes) {
    known(n.written_by, n.w_given, n.w_family, n.w_role);
    known(n.finalised_by, n.f_given, n.f_family, n.f_role);
    known(n.reviewed_by, n.r_given, n.r_family, n.r_role);
  }
  for (const x of [...amendments.map((a) => [a.amended_by, a] as const), ...amendmentReviews.map((v) => [v.reviewed_by, v] as const)]) known(x[0], x[1].s_given, x[1].s_family, x[1].s_role);
  const who = (id: string) => staff.get(id) ?? unknownStaff(id);
  return notes.map((n) => toContactNote(n, amendments, reviewOf, who));
}

type NoteRow = Selectable<Database['contact_notes']>;
type AmendmentRow = Selectable<Database['contact_note_amendments']>;
type AmendmentReviewRow = Selectable<Database['contact_note_amendment_reviews']>;
type StaffRef = { id: string; name: string; role: string };

/**
 * A note just written (or just finalised) by `writer`, from the row its INSERT or UPDATE returned: it
 * has no amendments and nobody else's name in it, so it is not read back (issue 12: RETURNING, not a
 * re-select).
 */
export function writtenNoteOf(row: NoteRow, writer: { staffId: string; name: string; role: string }): ContactNoteResponse {
  return toContactNote(row, [], new Map(), (id) => (id === writer.staffId ? { id, name: writer.name, role: writer.role } : unknownStaff(id)));
}

const minutes = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, number>) : {});

function toContactNote(n: NoteRow, amendments: readonly AmendmentRow[], reviewOf: ReadonlyMap<string, AmendmentReviewRow>, who: (id: string) => StaffRef): ContactNoteResponse {
  const original: NoteVersionResponse = {
    number: 1,
    kind: n.kind,
    occurredAt: iso(n.occurred_at),
    durationMinutes: n.duration_minutes,
    place: n.place,
    staffPresent: n.staff_present,
    body: n.body,
    therapyMinutes: minutes(n.therapy_minutes),
    firstHolisticAssessment: n.first_holistic_assessment,
    writtenAt: iso(n.written_at),
    writtenBy: who(n.written_by),
    writtenByRole: n.written_by_role,
    reason: null,
    needsReview: n.needs_review,
    reviewedAt: isoOrNull(n.reviewed_at),
    reviewedBy: n.reviewed_by ? who(n.reviewed_by) : null,
  };
  const versions = [
    original,
    ...amendments
      .filter((a) => a.note_id === n.id)
      .map((a): NoteVersionResponse => ({
        number: a.note_version,
        kind: a.kind,
        occurredAt: iso(a.occurred_at),
        durationMinutes: a.duration_minutes,
        place: a.place,
        staffPresent: a.staff_present,
        body: a.body,
        therapyMinutes: minutes(a.therapy_minutes),
        firstHolisticAssessment: a.first_holistic_assessment,
        writtenAt: iso(a.amended_at),
        writtenBy: who(a.amended_by),
        writtenByRole: a.amended_by_role,
        reason: a.reason,
        needsReview: a.needs_review,
        reviewedAt: reviewOf.has(a.id) ? iso(reviewOf.get(a.id)!.reviewed_at) : null,
        reviewedBy: reviewOf.has(a.id) ? who(reviewOf.get(a.id)!.reviewed_by) : null,
      })),
  ];
  return {
    id: n.id,
    episodeId: n.episode_id,
    patientId: n.patient_id,
    status: n.status,
    version: n.version,
    lateEntry: n.late_entry,
    consentMissingReason: n.consent_missing_reason,
    finalisedAt: isoOrNull(n.finalised_at),
    finalisedBy: n.finalised_by ? who(n.finalised_by) : null,
    writtenByRole: n.written_by_role,
    needsReview: n.needs_review,
    reviewedAt: isoOrNull(n.reviewed_at),
    reviewedBy: n.reviewed_by ? who(n.reviewed_by) : null,
    // A draft is not reviewed until it is final; amendments exist only on final notes.
    versionsAwaitingReview: n.status === 'final' ? versions.filter((v) => v.needsReview && v.reviewedAt === null).map((v) => v.number) : [],
    current: versions[versions.length - 1]!,
    versions,
  };
}

/** The authors' roles of the versions waiting for review: each must be one the reviewer supervises. */
export function rolesAwaitingReview(note: ContactNoteResponse): HomewardRole[] {
  return note.versions.filter((v) => note.versionsAwaitingReview.includes(v.number)).map((v) => v.writtenByRole as HomewardRole);
}

/** One of the episode's notes, by id (null when the episode has no such note). */
export async function findContactNote(db: Kysely<Database>, access: RecordAccess, id: string): Promise<ContactNoteResponse | null> {
  return (await contactNotesWhere(db, { ids: [id], episodeId: episodeIdOf(access) }))[0] ?? null;
}

/**
 * Final notes in the team's episodes with something nobody has reviewed yet (the note itself, or an
 * amendment by a support worker or a student), by the authors the reviewer supervises
 * (authorsReviewableBy: an assistant practitioner sees support workers' only), oldest waiting first.
 */
export async function listReviewQueue(db: Kysely<Database>, teamId: string, authorRoles: readonly string[], dischargedSince: string): Promise<Array<{ note: ContactNoteResponse; patient: { id: string; nhsNumber: string; givenName: string; familyName: string } }>> {
  if (authorRoles.length === 0) return [];
  const roles = [...authorRoles];
  const rows = await db
    .selectFrom('contact_notes')
    .innerJoin('episodes', 'episodes.id', 'contact_notes.episode_id')
    .innerJoin('patients', 'patients.id', 'contact_notes.patient_id')
    .leftJoin('contact_note_amendments as a', (join) =>
      join
        .onRef('a.note_id', '=', 'contact_notes.id')
        .on('a.needs_review', '=', true)
        .on('a.amended_by_role', 'in', roles)
        .on((eb) => eb.not(eb.exists(eb.selectFrom('contact_note_amendment_reviews as r').select('r.id').whereRef('r.amendment_id', '=', 'a.id')))),
    )
    .select(['contact_notes.id', 'patients.id as patient_id', 'patients.nhs_number', 'patients.given_name', 'patients.family_name'])
    .where('episodes.team_id', '=', teamId)
    .where((eb) => eb.or([eb('episodes.status', '<>', 'discharged'), eb('episodes.discharged_on', '>=', dischargedSince)]))
    .where('contact_notes.status', '=', 'final')
    .where((eb) =>
      eb.or([
        eb.and([eb('contact_notes.needs_review', '=', true), eb('contact_notes.written_by_role', 'in', roles), eb('contact_notes.reviewed_at', 'is', null)]),
        eb('a.id', 'is not', null),
      ]),
    )
    .groupBy(['contact_notes.id', 'patients.id', 'patients.nhs_number', 'patients.given_name', 'patients.family_name', 'contact_notes.finalised_at', 'contact_notes.needs_review', 'contact_notes.reviewed_at'])
    // Oldest waiting first: the note since it was finalised, or its earliest unreviewed amendment.
    .orderBy(sql`case when contact_notes.needs_review and contact_notes.reviewed_at is null then contact_notes.finalised_at else min(a.amended_at) end`)
    .orderBy('contact_notes.id')
    .limit(500)
    .execute();
  const notes = new Map((await contactNotesWhere(db, { ids: rows.map((r) => r.id) })).map((n) => [n.id, n]));
  return rows.map((r) => ({ note: notes.get(r.id)!, patient: { id: r.patient_id, nhsNumber: r.nhs_number, givenName: r.given_name, familyName: r.family_name } }));
}

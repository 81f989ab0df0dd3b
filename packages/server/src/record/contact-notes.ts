// Contemporaneous contact notes. A draft can be edited (version-checked) by its author only; once final
// it never changes: an amendment is a new version row with who, when and why, and the original stays.
// Who may change which note is mayChangeContactNote (packages/clinical); the database refuses an update
// to a final note's content (contact_notes_final_is_final) and a draft's change by another
// (contact_notes_draft_by_author) too.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { checkContactNote, checkFinalisation, clinicalDateProblem, isLateEntry, mayChangeContactNote, mayReviewNote, needsSupervisorReview, type ContactNoteChange, type ContactNoteContext, type ContactNoteInput, type HomewardRole } from '@homeward/clinical';
import { episodeDateFacts } from '../caseload/public.ts';
import { recordLastContact } from '../caseload/public.ts';
import type { Database } from '../db/schema.ts';
import { HomewardError, notFound, validationFailed, versionConflict } from '../platform/homeward-error.ts';
import type { Principal } from '../platform/principal.ts';
import { audit, requirePrincipal } from '../platform/request-context.ts';
import type { RecordAccess } from './record-access.ts';
import { findContactNote, hasLiveConsent } from './record-queries.ts';
import type { ContactNoteResponse } from './record-schema.ts';

export type NoteContent = ContactNoteInput;

/** The episode's service, and the patient's birth and referral the contact's date must not precede. */
function noteContext(request: FastifyRequest, access: RecordAccess): ContactNoteContext {
  return { ...episodeDateFacts(access.episode, request.server.config.now()), service: access.episode.service };
}

/** Checks a note's content against the clinical rules before any transaction opens. */
export function checkNoteContent(request: FastifyRequest, access: RecordAccess, content: NoteContent): void {
  const fields = checkContactNote(content, noteContext(request, access));
  if (fields.length) throw validationFailed(fields);
}

/** A draft saved before dates were checked (or whose patient's details have changed since) is not finalised as it stands. */
function checkDraftDate(request: FastifyRequest, access: RecordAccess, note: ContactNoteResponse): void {
  const problem = clinicalDateProblem('contact', new Date(note.current.occurredAt), noteContext(request, access));
  if (problem) throw validationFailed([{ path: 'occurredAt', message: `${problem}. Change the draft’s date, then finalise it` }]);
}

const contentColumns = (c: NoteContent) => ({
  kind: c.kind,
  occurred_at: c.occurredAt,
  duration_minutes: c.durationMinutes,
  place: c.place,
  staff_present: c.staffPresent,
  body: c.body,
  therapy_minutes: JSON.stringify(Object.fromEntries(Object.entries(c.therapyMinutes).filter(([, m]) => m !== 0))),
  first_holistic_assessment: c.firstHolisticAssessment,
});

/** The authorship rule (packages/clinical) for one change of one note by this person. */
function noteChangeDecision(principal: Pick<Principal, 'staffId' | 'role' | 'teamId'>, note: ContactNoteResponse, change: ContactNoteChange) {
  // Amending a draft would be changing it: the draft's rule applies (its author only).
  const effective = change === 'amend' && note.status === 'draft' ? 'change-draft' : change;
  return mayChangeContactNote({ change: effective, actor: { staffId: principal.staffId, role: principal.role }, authorId: note.versions[0]!.writtenBy.id });
}

/**
 * Refuses, before any transaction opens, a change that is not this person's to make (a draft not
 * theirs, a colleague's final note when they may not correct it), and audits the refusal. The domain
 * functions below check the same rule again, so no caller can skip it.
 */
export async function authoriseNoteChange(request: FastifyRequest, access: RecordAccess, note: ContactNoteResponse, change: ContactNoteChange): Promise<void> {
  const decision = noteChangeDecision(access.grant.staff, note, change);
  if (decision.allowed) return;
  await audit(request, { action: 'write', outcome: 'refused', patientId: access.episode.patientId, recordKind: 'contact-note', recordId: note.id, reason: access.reason, detail: { episodeId: access.episode.id, change, rule: decision.rule } });
  throw new HomewardError('forbidden', decision.message);
}

/** The rule inside the write: whether what is written now needs review, or a 403 (already audited by authoriseNoteChange). */
function requireNoteChange(request: FastifyRequest, note: ContactNoteResponse, change: ContactNoteChange): { needsReview: boolean } {
  const decision = noteChangeDecision(requirePrincipal(request), note, change);
  if (!decision.allowed) throw new HomewardError('forbidden', decision.message);
  return decision;
}

const finalisedMessage = 'This note is final and cannot be changed. Add an amendment instead: the original stays in the record, with your reason.';

async function writeAudit(request: FastifyRequest, trx: Kysely<Database>, access: RecordAccess, noteId: string, change: string, detail: Record<string, unknown> = {}) {
  await audit(request, { action: 'write', outcome: 'allowed', patientId: access.episode.patientId, recordKind: 'contact-note', recordId: noteId, reason: access.reason, detail: { episodeId: access.episode.id, change, ...detail } }, trx);
}

async function finaliseIn(request: FastifyRequest, trx: Kysely<Database>, access: RecordAccess, note: { id: string; kind: ContactNoteInput['kind'] }, expectedVersion: number, consentMissingReason: string | null) {
  const principal = requirePrincipal(request);
  const hasConsent = await hasLiveConsent(trx, access.episode.id);
  const fields = checkFinalisation({ kind: note.kind, hasConsent, consentMissingReason });
  if (fields.length) throw validationFailed(fields);
  const now = request.server.config.now();
  const updated = await trx
    .updateTable('contact_notes')
    .set((eb) => ({
      status: 'final' as const,
      finalised_at: now,
      finalised_by: principal.staffId,
      consent_missing_reason: hasConsent ? null : consentMissingReason,
      version: eb('version', '+', 1),
      updated_at: now,
      updated_by: principal.staffId,
    }))
    .where('id', '=', note.id)
    .where('status', '=', 'draft')
    .where('version', '=', expectedVersion)
    .returning('id')
    .executeTakeFirst();
  if (!updated) await refuseStale(trx, note.id);
  // A finalised contact with the patient moves the episode's last contact on (never back), so the
  // caseload's "days since last contact" is true.
  await recordLastContact(trx, { contactNoteId: note.id });
  await writeAudit(request, trx, access, note.id, 'finalised', !hasConsent && consentMissingReason ? { consentMissingReason } : {});
}

/** A stale or already-final note: 409, with a message saying which. */
async function refuseStale(trx: Kysely<Database>, noteId: string): Promise<never> {
  const current = await findContactNote(trx, noteId);
  if (!current) throw notFound('Contact note');
  if (current.status === 'final') throw new HomewardError('version_conflict', finalisedMessage, { current });
  throw versionConflict(current);
}

export type WriteContactNoteOptions = { access: RecordAccess; content: NoteContent; finalise: boolean; consentMissingReason: string | null };

export async function writeContactNote(request: FastifyRequest, trx: Kysely<Database>, o: WriteContactNoteOptions): Promise<ContactNoteResponse> {
  const principal = requirePrincipal(request);
  checkNoteContent(request, o.access, o.content);
  const now = request.server.config.now();
  const id = uuidv7();
  await trx
    .insertInto('contact_notes')
    .values({
      id,
      episode_id: o.access.episode.id,
      patient_id: o.access.episode.patientId,
      ...contentColumns(o.content),
      written_at: now,
      written_by: principal.staffId,
      written_by_role: principal.role,
      late_entry: isLateEntry(o.content.occurredAt, now),
      needs_review: needsSupervisorReview(principal.role),
      updated_at: now,
      updated_by: principal.staffId,
    })
    .execute();
  await writeAudit(request, trx, o.access, id, 'written', { kind: o.content.kind });
  if (o.finalise) await finaliseIn(request, trx, o.access, { id, kind: o.content.kind }, 1, o.consentMissingReason);
  return (await findContactNote(trx, id))!;
}

export type ChangeDraftNoteOptions = { access: RecordAccess; note: ContactNoteResponse; content: NoteContent; expectedVersion: number };

/** Edits a draft in place. A final note is refused (409) here and, as a backstop, by the database. */
export async function changeDraftNote(request: FastifyRequest, trx: Kysely<Database>, o: ChangeDraftNoteOptions): Promise<ContactNoteResponse> {
  const principal = requirePrincipal(request);
  requireNoteChange(request, o.note, 'change-draft');
  if (o.note.status === 'final') throw new HomewardError('version_conflict', finalisedMessage, { current: o.note });
  checkNoteContent(request, o.access, o.content);
  const now = request.server.config.now();
  const updated = await trx
    .updateTable('contact_notes')
    .set((eb) => ({ ...contentColumns(o.content), late_entry: isLateEntry(o.content.occurredAt, new Date(o.note.versions[0]!.writtenAt)), version: eb('version', '+', 1), updated_at: now, updated_by: principal.staffId }))
    .where('id', '=', o.note.id)
    .where('status', '=', 'draft')
    .where('version', '=', o.expectedVersion)
    .returning('id')
    .executeTakeFirst();
  if (!updated) await refuseStale(trx, o.note.id);
  await writeAudit(request, trx, o.access, o.note.id, 'draft-changed');
  return (await findContactNote(trx, o.note.id))!;
}

export type FinaliseNoteOptions = { access: RecordAccess; note: ContactNoteResponse; expectedVersion: number; consentMissingReason: string | null };

export async function finaliseContactNote(request: FastifyRequest, trx: Kysely<Database>, o: FinaliseNoteOptions): Promise<ContactNoteResponse> {
  requireNoteChange(request, o.note, 'finalise');
  if (o.note.status === 'final') throw new HomewardError('version_conflict', 'This note is already final', { current: o.note });
  checkDraftDate(request, o.access, o.note);
  await finaliseIn(request, trx, o.access, { id: o.note.id, kind: o.note.current.kind as ContactNoteInput['kind'] }, o.expectedVersion, o.consentMissingReason);
  return (await findContactNote(trx, o.note.id))!;
}

export type AmendNoteOptions = { access: RecordAccess; note: ContactNoteResponse; content: NoteContent; reason: string; expectedVersion: number };

export async function amendContactNote(request: FastifyRequest, trx: Kysely<Database>, o: AmendNoteOptions): Promise<ContactNoteResponse> {
  const principal = requirePrincipal(request);
  const { needsReview } = requireNoteChange(request, o.note, 'amend');
  if (o.note.status !== 'final') throw validationFailed([{ path: 'status', message: 'This note is still a draft: change it directly; amendments are for final notes' }]);
  const fields = checkContactNote(o.content, noteContext(request, o.access));
  if (!o.reason.trim()) fields.unshift({ path: 'reason', message: 'Enter why the note is being amended' });
  if (fields.length) throw validationFailed(fields);
  const now = request.server.config.now();
  // Bumping the note's version claims the next version number, so two amendments cannot cross.
  const bumped = await trx
    .updateTable('contact_notes')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: now, updated_by: principal.staffId }))
    .where('id', '=', o.note.id)
    .where('version', '=', o.expectedVersion)
    .returning('id')
    .executeTakeFirst();
  if (!bumped) throw versionConflict(await findContactNote(trx, o.note.id));
  const noteVersion = o.note.versions.length + 1;
  const { kind, occurred_at, duration_minutes, place, staff_present, body, therapy_minutes, first_holistic_assessment } = contentColumns(o.content);
  await trx
    .insertInto('contact_note_amendments')
    .values({ id: uuidv7(), note_id: o.note.id, note_version: noteVersion, kind, occurred_at, duration_minutes, place, staff_present, body, therapy_minutes, first_holistic_assessment, reason: o.reason.trim(), amended_at: now, amended_by: principal.staffId, amended_by_role: principal.role, needs_review: needsReview })
    .execute();
  await writeAudit(request, trx, o.access, o.note.id, 'amended', { noteVersion, reason: o.reason.trim(), needsReview });
  return (await findContactNote(trx, o.note.id))!;
}

export type ReviewNoteOptions = { access: RecordAccess; note: ContactNoteResponse; expectedVersion: number };

/**
 * Marks everything on the note that waits for review as reviewed: the note itself and any amendment by
 * a support worker or a student. The version check means the reviewer saw every version they sign off.
 */
export async function reviewContactNote(request: FastifyRequest, trx: Kysely<Database>, o: ReviewNoteOptions): Promise<ContactNoteResponse> {
  const principal = requirePrincipal(request);
  const everNeeded = o.note.versions.some((v) => v.needsReview);
  if (!everNeeded) throw validationFailed([{ path: 'note', message: 'This note does not need a supervisor’s review' }]);
  if (o.note.status !== 'final') throw validationFailed([{ path: 'note', message: 'This note is still a draft: it can be reviewed once it is final' }]);
  const awaiting = o.note.versions.filter((v) => o.note.versionsAwaitingReview.includes(v.number));
  if (!awaiting.length) throw validationFailed([{ path: 'note', message: 'This note has already been reviewed' }]);
  if (!awaiting.every((v) => mayReviewNote({ reviewer: principal.role, author: v.writtenByRole as HomewardRole }))) {
    throw new HomewardError('forbidden', 'You do not supervise the author of every version waiting for review');
  }
  const now = request.server.config.now();
  const original = awaiting.some((v) => v.number === 1);
  const updated = await trx
    .updateTable('contact_notes')
    .set((eb) => ({ ...(original ? { reviewed_at: now, reviewed_by: principal.staffId } : {}), version: eb('version', '+', 1), updated_at: now, updated_by: principal.staffId }))
    .where('id', '=', o.note.id)
    .where('version', '=', o.expectedVersion)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw versionConflict(await findContactNote(trx, o.note.id));
  const amendments = awaiting.filter((v) => v.number > 1).map((v) => v.number);
  if (amendments.length) {
    const rows = await trx.selectFrom('contact_note_amendments').select('id').where('note_id', '=', o.note.id).where('note_version', 'in', amendments).execute();
    await trx
      .insertInto('contact_note_amendment_reviews')
      .values(rows.map((r) => ({ id: uuidv7(), amendment_id: r.id, note_id: o.note.id, reviewed_at: now, reviewed_by: principal.staffId, reviewed_by_role: principal.role })))
      .execute();
  }
  await writeAudit(request, trx, o.access, o.note.id, 'reviewed', { versions: awaiting.map((v) => v.number) });
  return (await findContactNote(trx, o.note.id))!;
}

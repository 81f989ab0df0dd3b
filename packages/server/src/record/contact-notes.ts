// Contemporaneous contact notes. A draft can be edited (version-checked) by its author only; once final
// it never changes: an amendment is a new version row with who, when and why, and the original stays.
// Who may change which note is mayChangeContactNote (packages/clinical); the database refuses an update
// to a final note's content (contact_notes_final_is_final) and a draft's change by another
// (contact_notes_draft_by_author) too. The rules every change shares live here; each change is its own
// file (write-contact-note.ts, change-draft-note.ts, finalise-contact-note.ts, amend-contact-note.ts,
// review-contact-note.ts).
import type { Kysely, Selectable, Updateable } from 'kysely';
import { checkContactNote, checkFinalisation, clinicalDateProblem, mayChangeContactNote, type ContactNoteChange, type ContactNoteContext, type ContactNoteInput } from '@homeward/clinical';
import { episodeDateFacts, recordLastContact } from '../caseload/public.ts';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor, type ActingStaff } from '../platform/actor.ts';
import { HomewardError, validationFailed, versionConflict } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { auditRecordWrite, writerOf, type RecordAccess, type RecordWriteAccess } from './record-access.ts';
import { findContactNote, hasLiveConsent } from './record-queries.ts';
import type { ContactNoteResponse } from './record-schema.ts';

export type NoteContent = ContactNoteInput;

/** The episode's service, and the patient's birth and referral the contact's date must not precede. */
function noteContext(now: Date, access: RecordAccess): ContactNoteContext {
  return { ...episodeDateFacts(access.episode, now), service: access.episode.service };
}

/** Checks a note's content against the clinical rules before any transaction opens. */
export function checkNoteContent(now: Date, access: RecordAccess, content: NoteContent): void {
  const fields = checkContactNote(content, noteContext(now, access));
  if (fields.length) throw validationFailed(fields);
}

/** The content's problems, for an amendment that adds its own (the reason). */
export function noteContentProblems(now: Date, access: RecordAccess, content: NoteContent) {
  return checkContactNote(content, noteContext(now, access));
}

/** A draft saved before dates were checked (or whose patient's details have changed since) is not finalised as it stands. */
export function checkDraftDate(now: Date, access: RecordAccess, note: ContactNoteResponse): void {
  const problem = clinicalDateProblem('contact', new Date(note.current.occurredAt), noteContext(now, access));
  if (problem) throw validationFailed([{ path: 'occurredAt', message: `${problem}. Change the draft’s date, then finalise it` }]);
}

export const contentColumns = (c: NoteContent) => ({
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
function noteChangeDecision(staff: ActingStaff, note: ContactNoteResponse, change: ContactNoteChange) {
  // Amending a draft would be changing it: the draft's rule applies (its author only).
  const effective = change === 'amend' && note.status === 'draft' ? 'change-draft' : change;
  return mayChangeContactNote({ change: effective, actor: { staffId: staff.staffId, role: staff.role }, authorId: note.versions[0]!.writtenBy.id });
}

export type AuthoriseNoteChangeOptions = { access: RecordAccess; note: ContactNoteResponse; change: ContactNoteChange };

/**
 * Refuses, before any transaction opens, a change that is not this person's to make (a draft not
 * theirs, a colleague's final note when they may not correct it), and audits the refusal. The domain
 * functions check the same rule again (requireNoteChange), so no caller can skip it.
 */
export async function authoriseNoteChange(db: Kysely<Database>, o: AuthoriseNoteChangeOptions): Promise<void> {
  const actor = o.access.grant.actor;
  const decision = noteChangeDecision(actor.staff, o.note, o.change);
  if (decision.allowed) return;
  await auditAs(actor, db, { action: 'write', outcome: 'refused', patientId: o.access.episode.patientId, recordKind: 'contact-note', recordId: o.note.id, reason: o.access.reason, detail: { episodeId: o.access.episode.id, change: o.change, rule: decision.rule } });
  throw new HomewardError('forbidden', decision.message);
}

/** The rule inside the write: whether what is written now needs review, or a 403 (already audited by authoriseNoteChange). */
export function requireNoteChange(actor: Actor, note: ContactNoteResponse, change: ContactNoteChange): { needsReview: boolean } {
  const decision = noteChangeDecision(actor.staff, note, change);
  if (!decision.allowed) throw new HomewardError('forbidden', decision.message);
  return decision;
}

export const finalisedMessage = 'This note is final and cannot be changed. Add an amendment instead: the original stays in the record, with your reason.';

/** A note found final when a draft was expected: 409 saying so, with the note as it stands; else the plain 409. */
export const noteIsFinal = (current: ContactNoteResponse) => (current.status === 'final' ? new HomewardError('version_conflict', finalisedMessage, { current }) : versionConflict(current));

/** The one versioned change of a note: 409 with the note as it stands when it changed since, or has become final when `draftOnly`. */
export async function updateNote(trx: Kysely<Database>, o: { access: RecordWriteAccess; noteId: string; version: number; set: Updateable<Database['contact_notes']>; draftOnly: boolean }): Promise<Selectable<Database['contact_notes']>> {
  return updateVersioned(trx, {
    actor: writerOf(o.access),
    table: 'contact_notes',
    id: o.noteId,
    version: o.version,
    set: o.set,
    current: () => findContactNote(trx, o.access, o.noteId),
    what: 'Contact note',
    ...(o.draftOnly ? { only: { status: 'draft' as const }, conflict: noteIsFinal } : {}),
  });
}

export async function auditNoteWrite(trx: Kysely<Database>, access: RecordWriteAccess, noteId: string, change: string, detail: Record<string, unknown> = {}) {
  await auditRecordWrite(trx, access, 'contact-note', noteId, { change, ...detail });
}

export type FinaliseInOptions = { access: RecordWriteAccess; note: { id: string; kind: ContactNoteInput['kind'] }; version: number; consentMissingReason: string | null };

/** Makes a draft final in the caller's transaction: consent checked, the episode's last contact moved on, audited. Returns the note's row as finalised. */
export async function finaliseIn(trx: Kysely<Database>, o: FinaliseInOptions): Promise<Selectable<Database['contact_notes']>> {
  const actor = writerOf(o.access);
  const hasConsent = await hasLiveConsent(trx, o.access);
  const fields = checkFinalisation({ kind: o.note.kind, hasConsent, consentMissingReason: o.consentMissingReason });
  if (fields.length) throw validationFailed(fields);
  const row = await updateNote(trx, {
    access: o.access,
    noteId: o.note.id,
    version: o.version,
    set: { status: 'final', finalised_at: actor.now, finalised_by: actor.staff.staffId, consent_missing_reason: hasConsent ? null : o.consentMissingReason },
    draftOnly: true,
  });
  // A finalised contact with the patient moves the episode's last contact on (never back), so the
  // caseload's "days since last contact" is true. Not-seen visits and MDT discussions are not contact.
  await recordLastContact(trx, { contactNoteId: o.note.id });
  await auditNoteWrite(trx, o.access, o.note.id, 'finalised', !hasConsent && o.consentMissingReason ? { consentMissingReason: o.consentMissingReason } : {});
  return row;
}

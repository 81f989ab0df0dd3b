// Amending a final contact note: a new version row with who, when and why; the original stays.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/schema.ts';
import { validationFailed } from '../platform/homeward-error.ts';
import { auditNoteWrite, contentColumns, noteContentProblems, requireNoteChange, updateNote, type NoteContent } from './contact-notes.ts';
import { writerOf, type RecordWriteAccess } from './record-access.ts';
import { findContactNote } from './record-queries.ts';
import type { ContactNoteResponse } from './record-schema.ts';

export type AmendContactNoteOptions = { access: RecordWriteAccess; note: ContactNoteResponse; content: NoteContent; reason: string; version: number };

export async function amendContactNote(trx: Kysely<Database>, o: AmendContactNoteOptions): Promise<ContactNoteResponse> {
  const actor = writerOf(o.access);
  const { needsReview } = requireNoteChange(actor, o.note, 'amend');
  if (o.note.status !== 'final') throw validationFailed([{ path: 'status', message: 'This note is still a draft: change it directly; amendments are for final notes' }]);
  const fields = noteContentProblems(actor.now, o.access, o.content);
  if (!o.reason.trim()) fields.unshift({ path: 'reason', message: 'Enter why the note is being amended' });
  if (fields.length) throw validationFailed(fields);
  // Moving the note's version on claims the next version number, so two amendments cannot cross.
  await updateNote(trx, { access: o.access, noteId: o.note.id, version: o.version, set: {}, draftOnly: false });
  const noteVersion = o.note.versions.length + 1;
  const { kind, occurred_at, duration_minutes, place, staff_present, body, therapy_minutes, first_holistic_assessment } = contentColumns(o.content);
  await trx
    .insertInto('contact_note_amendments')
    .values({ id: uuidv7(), note_id: o.note.id, note_version: noteVersion, kind, occurred_at, duration_minutes, place, staff_present, body, therapy_minutes, first_holistic_assessment, reason: o.reason.trim(), amended_at: actor.now, amended_by: actor.staff.staffId, amended_by_role: actor.staff.role, needs_review: needsReview })
    .execute();
  await auditNoteWrite(trx, o.access, o.note.id, 'amended', { noteVersion, reason: o.reason.trim(), needsReview });
  return (await findContactNote(trx, o.access, o.note.id))!;
}

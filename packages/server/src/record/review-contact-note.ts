// A supervisor's review of a contact note: everything on it that waits for review (the note itself and
// any amendment by a support worker or a student) is marked reviewed. The version check means the
// reviewer saw every version they sign off.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { mayReviewNote, type HomewardRole } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError, validationFailed } from '../platform/homeward-error.ts';
import { auditNoteWrite, updateNote } from './contact-notes.ts';
import { writerOf, type RecordWriteAccess } from './record-access.ts';
import { findContactNote } from './record-queries.ts';
import type { ContactNoteResponse } from './record-schema.ts';

export type ReviewContactNoteOptions = { access: RecordWriteAccess; note: ContactNoteResponse; version: number };

export async function reviewContactNote(trx: Kysely<Database>, o: ReviewContactNoteOptions): Promise<ContactNoteResponse> {
  const actor = writerOf(o.access);
  const everNeeded = o.note.versions.some((v) => v.needsReview);
  if (!everNeeded) throw validationFailed([{ path: 'note', message: 'This note does not need a supervisor’s review' }]);
  if (o.note.status !== 'final') throw validationFailed([{ path: 'note', message: 'This note is still a draft: it can be reviewed once it is final' }]);
  const awaiting = o.note.versions.filter((v) => o.note.versionsAwaitingReview.includes(v.number));
  if (!awaiting.length) throw validationFailed([{ path: 'note', message: 'This note has already been reviewed' }]);
  if (!awaiting.every((v) => mayReviewNote({ reviewer: actor.staff.role, author: v.writtenByRole as HomewardRole }))) {
    throw new HomewardError('forbidden', 'You do not supervise the author of every version waiting for review');
  }
  const original = awaiting.some((v) => v.number === 1);
  await updateNote(trx, { access: o.access, noteId: o.note.id, version: o.version, set: original ? { reviewed_at: actor.now, reviewed_by: actor.staff.staffId } : {}, draftOnly: false });
  const amendments = awaiting.filter((v) => v.number > 1).map((v) => v.number);
  if (amendments.length) {
    const rows = await trx.selectFrom('contact_note_amendments').select('id').where('note_id', '=', o.note.id).where('note_version', 'in', amendments).execute();
    await trx
      .insertInto('contact_note_amendment_reviews')
      .values(rows.map((r) => ({ id: uuidv7(), amendment_id: r.id, note_id: o.note.id, reviewed_at: actor.now, reviewed_by: actor.staff.staffId, reviewed_by_role: actor.staff.role })))
      .execute();
  }
  await auditNoteWrite(trx, o.access, o.note.id, 'reviewed', { versions: awaiting.map((v) => v.number) });
  return (await findContactNote(trx, o.access, o.note.id))!;
}

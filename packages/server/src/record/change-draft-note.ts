// Editing a draft contact note in place, by its author, version-checked. A final note is refused (409)
// here and, as a backstop, by the database.
import type { Kysely } from 'kysely';
import { isLateEntry } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { auditNoteWrite, checkNoteContent, contentColumns, finalisedMessage, requireNoteChange, updateNote, type NoteContent } from './contact-notes.ts';
import { writerOf, type RecordWriteAccess } from './record-access.ts';
import { findContactNote } from './record-queries.ts';
import type { ContactNoteResponse } from './record-schema.ts';

export type ChangeDraftNoteOptions = { access: RecordWriteAccess; note: ContactNoteResponse; content: NoteContent; version: number };

export async function changeDraftNote(trx: Kysely<Database>, o: ChangeDraftNoteOptions): Promise<ContactNoteResponse> {
  const actor = writerOf(o.access);
  requireNoteChange(actor, o.note, 'change-draft');
  if (o.note.status === 'final') throw new HomewardError('version_conflict', finalisedMessage, { current: o.note });
  checkNoteContent(actor.now, o.access, o.content);
  await updateNote(trx, {
    access: o.access,
    noteId: o.note.id,
    version: o.version,
    set: { ...contentColumns(o.content), late_entry: isLateEntry(o.content.occurredAt, new Date(o.note.versions[0]!.writtenAt)) },
    draftOnly: true,
  });
  await auditNoteWrite(trx, o.access, o.note.id, 'draft-changed');
  return (await findContactNote(trx, o.access, o.note.id))!;
}

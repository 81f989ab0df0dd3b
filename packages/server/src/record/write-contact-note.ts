// Writing a contact note: saved as a draft, or final at once. The note, the finalisation and their
// audit share the caller's transaction.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { isLateEntry, needsSupervisorReview } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditNoteWrite, checkNoteContent, contentColumns, finaliseIn, type NoteContent } from './contact-notes.ts';
import { writerOf, type RecordWriteAccess } from './record-access.ts';
import { writtenNoteOf } from './record-queries.ts';
import type { ContactNoteResponse } from './record-schema.ts';

export type WriteContactNoteOptions = { access: RecordWriteAccess; content: NoteContent; finalise: boolean; consentMissingReason: string | null };

export async function writeContactNote(trx: Kysely<Database>, o: WriteContactNoteOptions): Promise<ContactNoteResponse> {
  const actor = writerOf(o.access);
  checkNoteContent(actor.now, o.access, o.content);
  const id = uuidv7();
  const row = await trx
    .insertInto('contact_notes')
    .values({
      id,
      episode_id: o.access.episode.id,
      patient_id: o.access.episode.patientId,
      ...contentColumns(o.content),
      written_at: actor.now,
      written_by: actor.staff.staffId,
      written_by_role: actor.staff.role,
      late_entry: isLateEntry(o.content.occurredAt, actor.now),
      needs_review: needsSupervisorReview(actor.staff.role),
      updated_at: actor.now,
      updated_by: actor.staff.staffId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await auditNoteWrite(trx, o.access, id, 'written', { kind: o.content.kind });
  // The note as written (or as finalised) comes back from its own INSERT or UPDATE: it is not read again.
  const written = o.finalise ? await finaliseIn(trx, { access: o.access, note: { id, kind: o.content.kind }, version: 1, consentMissingReason: o.consentMissingReason }) : row;
  return writtenNoteOf(written, actor.staff);
}

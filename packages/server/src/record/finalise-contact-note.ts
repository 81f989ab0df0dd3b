// Finalising a draft contact note: from then on it never changes (amendments are added beside it).
import type { Kysely } from 'kysely';
import type { ContactNoteInput } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { checkDraftDate, finaliseIn, requireNoteChange } from './contact-notes.ts';
import { writerOf, type RecordWriteAccess } from './record-access.ts';
import { findContactNote } from './record-queries.ts';
import type { ContactNoteResponse } from './record-schema.ts';

export type FinaliseContactNoteOptions = { access: RecordWriteAccess; note: ContactNoteResponse; version: number; consentMissingReason: string | null };

export async function finaliseContactNote(trx: Kysely<Database>, o: FinaliseContactNoteOptions): Promise<ContactNoteResponse> {
  const actor = writerOf(o.access);
  requireNoteChange(actor, o.note, 'finalise');
  if (o.note.status === 'final') throw new HomewardError('version_conflict', 'This note is already final', { current: o.note });
  checkDraftDate(actor.now, o.access, o.note);
  await finaliseIn(trx, { access: o.access, note: { id: o.note.id, kind: o.note.current.kind as ContactNoteInput['kind'] }, version: o.version, consentMissingReason: o.consentMissingReason });
  return (await findContactNote(trx, o.access, o.note.id))!;
}

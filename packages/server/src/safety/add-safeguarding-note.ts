// What happened next on a concern, in order (a call to the local authority, a strategy meeting): by the
// lead or anyone else who may see the concern. Append-only (the database refuses a change), audited.
import type { Kysely } from 'kysely';
import { safeguardingTextLimits } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { auditConcernWrite, type ConcernAccess } from './safeguarding-access.ts';
import { listConcernNotes, type SafeguardingNote } from './safeguarding-queries.ts';

export type AddSafeguardingNoteOptions = { access: ConcernAccess; id: string; note: string };

export function checkAddSafeguardingNote(o: { note: string }): void {
  const fields: FieldError[] = [];
  if (!o.note.trim()) fields.push({ path: 'note', message: 'Enter the note' });
  else if (o.note.length > safeguardingTextLimits.note) fields.push({ path: 'note', message: `The note must be ${safeguardingTextLimits.note} characters or fewer` });
  if (fields.length) throw validationFailed(fields);
}

export async function addSafeguardingNote(trx: Kysely<Database>, o: AddSafeguardingNoteOptions): Promise<SafeguardingNote> {
  checkAddSafeguardingNote(o);
  if (o.access.concern.status === 'closed') throw validationFailed([{ path: 'note', message: 'This concern is closed; notes can no longer be added' }]);
  const actor = o.access.actor;
  const inserted = await trx.insertInto('safeguarding_concern_notes')
    .values({ id: o.id, concern_id: o.access.concern.id, note: o.note.trim(), created_at: actor.now, created_by: actor.staff.staffId })
    .onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  if (!inserted) throw new HomewardError('duplicate', 'A note with this id already exists');
  await auditConcernWrite(trx, o.access, { change: 'note-added', noteId: o.id });
  return (await listConcernNotes(trx, o.access.concern.id)).find((n) => n.id === o.id)!;
}

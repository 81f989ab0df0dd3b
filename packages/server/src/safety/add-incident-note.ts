// A step of the investigation in the handler's log (a call, a statement taken, a review meeting): never
// changed once written (incident_updates is append-only, in the database too).
import type { Kysely } from 'kysely';
import { incidentTextLimits } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { validationFailed } from '../platform/homeward-error.ts';
import type { IncidentAccess } from './incident-access.ts';
import { appendIncidentUpdate, auditIncidentWrite, requireHandler, requireOpen } from './incident-writes.ts';

export type AddIncidentNoteOptions = { access: IncidentAccess; note: string };

export function checkAddIncidentNote(o: AddIncidentNoteOptions): void {
  requireOpen(o.access, 'note');
  if (!o.note.trim()) throw validationFailed([{ path: 'note', message: 'Enter the note' }]);
  if (o.note.length > incidentTextLimits.note) throw validationFailed([{ path: 'note', message: `The note must be ${incidentTextLimits.note} characters or fewer` }]);
}

export async function addIncidentNote(trx: Kysely<Database>, o: AddIncidentNoteOptions): Promise<void> {
  requireHandler(o.access);
  checkAddIncidentNote(o);
  await appendIncidentUpdate(trx, o.access, 'note', o.note);
  await auditIncidentWrite(trx, o.access, { change: 'note' });
}

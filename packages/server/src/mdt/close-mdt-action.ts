// Closing an MDT action (done, or no longer needed, with a note): it leaves its owner's home page and
// the next meeting's agenda. A patient's action is closed through their grant.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import type { FieldError } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { auditWrite, requireGrant, type WriteGrant } from '../access/public.ts';
import { mdtTextLimits, throwIfAny } from './check-mdt.ts';
import { type MeetingAccess, mdtRecordKind } from './mdt-access.ts';
import { listActions, type MdtAction } from './mdt-queries.ts';

export type CloseMdtActionOptions = { access: MeetingAccess; grant: WriteGrant | null; action: MdtAction; version: number; note: string };

export function checkCloseMdtAction(o: Pick<CloseMdtActionOptions, 'note'>): void {
  const fields: FieldError[] = [];
  if (o.note.length > mdtTextLimits.closingNote) fields.push({ path: 'note', message: `The note must be ${mdtTextLimits.closingNote} characters or fewer` });
  throwIfAny(fields);
}

export async function closeMdtAction(trx: Kysely<Database>, o: CloseMdtActionOptions): Promise<MdtAction> {
  checkCloseMdtAction(o);
  const patientId = o.action.patient?.id ?? null;
  if (patientId) requireGrant(o.grant!, patientId);
  const actor = o.access.actor;
  await updateVersioned(trx, {
    actor,
    table: 'mdt_actions',
    id: o.action.id,
    version: o.version,
    set: { status: 'closed', closed_at: actor.now, closed_by: actor.staff.staffId, closing_note: o.note.trim() || null },
    only: { status: 'open' },
    current: async () => (await listActions(trx, { id: o.action.id }))[0],
    what: 'MDT action',
    ...(patientId ? { patientId } : {}),
  });
  if (o.grant && patientId) await auditWrite(o.grant, trx, { recordKind: 'mdt-action', recordId: o.action.id, detail: { change: 'closed' } });
  else await auditAs(actor, trx, { action: 'write', outcome: 'allowed', recordKind: mdtRecordKind, recordId: o.action.meetingId, detail: { change: 'action-closed', actionId: o.action.id } });
  return (await listActions(trx, { id: o.action.id }))[0]!;
}

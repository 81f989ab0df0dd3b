// A meeting held (its record then stands as the minutes) or cancelled.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { type MeetingAccess, mdtRecordKind } from './mdt-access.ts';
import { findMeeting, type MdtMeeting } from './mdt-queries.ts';

export type ChangeMeetingStatusOptions = { access: MeetingAccess; version: number; status: 'held' | 'cancelled' };

export async function changeMeetingStatus(trx: Kysely<Database>, o: ChangeMeetingStatusOptions): Promise<MdtMeeting> {
  const id = o.access.meeting.id;
  await updateVersioned(trx, { actor: o.access.actor, table: 'mdt_meetings', id, version: o.version, set: { status: o.status }, only: { status: 'scheduled' }, current: () => findMeeting(trx, id), what: 'MDT meeting' });
  await auditAs(o.access.actor, trx, { action: 'write', outcome: 'allowed', recordKind: mdtRecordKind, recordId: id, detail: { change: o.status } });
  return (await findMeeting(trx, id))!;
}

// Recording who came to a meeting: a member of the team, or someone from outside it by name.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { HomewardError, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { type MeetingAccess, mdtRecordKind } from './mdt-access.ts';
import { checkAttendee, throwIfAny } from './check-mdt.ts';
import { listAttendees, type MdtAttendee } from './mdt-queries.ts';

export type AddAttendeeOptions = { access: MeetingAccess; id: string; staffId: string | null; name: string | null; role: string };

export async function checkAddAttendee(db: Kysely<Database>, o: AddAttendeeOptions): Promise<void> {
  const fields: FieldError[] = [];
  checkAttendee(o, fields);
  if (o.staffId && !fields.length) {
    const member = await db.selectFrom('staff').select('id').where('id', '=', o.staffId).where('team_id', '=', o.access.teamId).executeTakeFirst();
    if (!member) fields.push({ path: 'staffId', message: 'Choose someone from your team' });
    else if (await db.selectFrom('mdt_attendees').select('id').where('meeting_id', '=', o.access.meeting.id).where('staff_id', '=', o.staffId).executeTakeFirst()) {
      fields.push({ path: 'staffId', message: 'They are already recorded as attending' });
    }
  }
  throwIfAny(fields);
}

export async function addAttendee(trx: Kysely<Database>, o: AddAttendeeOptions): Promise<MdtAttendee> {
  await checkAddAttendee(trx, o);
  const actor = o.access.actor;
  // The id may be the client's, and two people may record the same colleague at once (one row per
  // person per meeting): either is refused with what happened, never a database error.
  const inserted = await trx
    .insertInto('mdt_attendees')
    .values({ id: o.id, meeting_id: o.access.meeting.id, staff_id: o.staffId, name: o.staffId ? null : o.name!.trim(), role: o.role.trim(), created_at: actor.now, created_by: actor.staff.staffId })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const sameId = await trx.selectFrom('mdt_attendees').select('id').where('id', '=', o.id).executeTakeFirst();
    if (sameId) throw new HomewardError('duplicate', 'An attendee with this id already exists');
    throw validationFailed([{ path: 'staffId', message: 'They are already recorded as attending' }]);
  }
  await auditAs(actor, trx, { action: 'write', outcome: 'allowed', recordKind: mdtRecordKind, recordId: o.access.meeting.id, detail: { change: 'attendee-added', attendeeId: o.id } });
  return (await listAttendees(trx, o.access.meeting.id)).find((a) => a.id === o.id)!;
}

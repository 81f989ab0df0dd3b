// Recording who came to a meeting: a member of the team, or someone from outside it by name.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import type { FieldError } from '../platform/homeward-error.ts';
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
  await trx
    .insertInto('mdt_attendees')
    .values({ id: o.id, meeting_id: o.access.meeting.id, staff_id: o.staffId, name: o.staffId ? null : o.name!.trim(), role: o.role.trim(), created_at: actor.now, created_by: actor.staff.staffId })
    .execute();
  await auditAs(actor, trx, { action: 'write', outcome: 'allowed', recordKind: mdtRecordKind, recordId: o.access.meeting.id, detail: { change: 'attendee-added', attendeeId: o.id } });
  return (await listAttendees(trx, o.access.meeting.id)).find((a) => a.id === o.id)!;
}

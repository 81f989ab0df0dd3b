// Scheduling an MDT meeting for the team: when, where, who chairs it.
import type { Kysely } from 'kysely';
import { ukDateOf } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { HomewardError, type FieldError } from '../platform/homeward-error.ts';
import { type MdtTeamAccess, mdtRecordKind } from './mdt-access.ts';
import { checkMeetingPlace, checkMeetingTime, throwIfAny } from './check-mdt.ts';
import { findMeeting, type MdtMeeting } from './mdt-queries.ts';

export type ScheduleMeetingOptions = { access: MdtTeamAccess; id: string; on: string; at: string; place: string; chairId: string | null };

export async function checkScheduleMeeting(db: Kysely<Database>, o: ScheduleMeetingOptions): Promise<Date> {
  const fields: FieldError[] = [];
  const startsAt = checkMeetingTime({ on: o.on, at: o.at, today: ukDateOf(o.access.actor.now) }, fields);
  checkMeetingPlace(o.place, fields);
  if (o.chairId) {
    const chair = await db.selectFrom('staff').select('id').where('id', '=', o.chairId).where('team_id', '=', o.access.teamId).where('active', '=', true).executeTakeFirst();
    if (!chair) fields.push({ path: 'chairId', message: 'Choose a chair from your team' });
  }
  throwIfAny(fields);
  return startsAt!;
}

export async function scheduleMeeting(trx: Kysely<Database>, o: ScheduleMeetingOptions): Promise<MdtMeeting> {
  const startsAt = await checkScheduleMeeting(trx, o);
  const actor = o.access.actor;
  const me = actor.staff.staffId;
  // A client may mint the id: one already used is a conflict to report, not a database error.
  const inserted = await trx
    .insertInto('mdt_meetings')
    .values({ id: o.id, team_id: o.access.teamId, starts_at: startsAt, place: o.place.trim(), chair_id: o.chairId, created_at: actor.now, created_by: me, updated_at: actor.now, updated_by: me })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) throw new HomewardError('duplicate', 'An MDT meeting with this id already exists');
  await auditAs(actor, trx, { action: 'write', outcome: 'allowed', recordKind: mdtRecordKind, recordId: o.id, detail: { change: 'scheduled', startsAt: startsAt.toISOString() } });
  return (await findMeeting(trx, o.id))!;
}

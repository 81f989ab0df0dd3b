// An action agreed at a meeting: about one patient (from their agenda item, written through their
// grant) or about the team. It is on its owner's home page and on later meetings' agendas until closed.
import type { Kysely } from 'kysely';
import { ukDateOf } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { HomewardError, type FieldError } from '../platform/homeward-error.ts';
import { auditWrite, requireGrant, type WriteGrant } from '../access/public.ts';
import { checkAction, throwIfAny } from './check-mdt.ts';
import { type MeetingAccess, mdtRecordKind } from './mdt-access.ts';
import { listActions, type MdtAction, type MdtAgendaItem } from './mdt-queries.ts';
import { mdtOwnerRoles } from './mdt-roles.ts';

export type AddMdtActionOptions = {
  access: MeetingAccess;
  /** The patient's agenda item and the grant to write about them; absent for an action about the team. */
  about: { item: MdtAgendaItem; grant: WriteGrant } | null;
  id: string;
  action: string;
  /** Null when none was chosen (the check says so). */
  ownerId: string | null;
  dueOn: string | null;
};

export async function checkAddMdtAction(db: Kysely<Database>, o: AddMdtActionOptions): Promise<void> {
  const fields: FieldError[] = [];
  if (o.dueOn === null) fields.push({ path: 'dueOn', message: 'Enter the date the action is due by' });
  checkAction({ action: o.action, dueOn: o.dueOn, today: ukDateOf(o.access.actor.now) }, fields);
  const owner = o.ownerId ? await db.selectFrom('staff').select(['id', 'homeward_role']).where('id', '=', o.ownerId).where('team_id', '=', o.access.teamId).where('active', '=', true).executeTakeFirst() : undefined;
  if (!owner || !(mdtOwnerRoles as readonly string[]).includes(owner.homeward_role)) fields.push({ path: 'ownerId', message: 'Choose who owns the action, from the team' });
  throwIfAny(fields);
}

export async function addMdtAction(trx: Kysely<Database>, o: AddMdtActionOptions): Promise<MdtAction> {
  await checkAddMdtAction(trx, o);
  const actor = o.access.actor;
  const me = actor.staff.staffId;
  const item = o.about?.item ?? null;
  if (o.about) requireGrant(o.about.grant, o.about.item.patient.id);
  // A client may mint the id: one already used is a conflict to report, not a database error.
  const inserted = await trx
    .insertInto('mdt_actions')
    .values({
      id: o.id, meeting_id: o.access.meeting.id, agenda_item_id: item?.id ?? null, episode_id: item?.episodeId ?? null, patient_id: item?.patient.id ?? null,
      action: o.action.trim(), owner_id: o.ownerId!, due_on: o.dueOn!, created_at: actor.now, created_by: me, updated_at: actor.now, updated_by: me,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) throw new HomewardError('duplicate', 'An MDT action with this id already exists');
  const detail = { meetingId: o.access.meeting.id, ownerId: o.ownerId, dueOn: o.dueOn };
  if (o.about) await auditWrite(o.about.grant, trx, { recordKind: 'mdt-action', recordId: o.id, detail });
  else await auditAs(actor, trx, { action: 'write', outcome: 'allowed', recordKind: mdtRecordKind, recordId: o.access.meeting.id, detail: { change: 'action-added', actionId: o.id, ...detail } });
  return (await listActions(trx, { id: o.id }))[0]!;
}

// Who is on call for the team on a day (lone working escalates to them), and the manager above them.
// One row per team and day: the first setting makes it, a change sends the version it read.
import type { Kysely } from 'kysely';
import { homewardRoleLabels, isClinicalRole, type HomewardRole } from '@homeward/clinical';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import type { FieldError } from '../platform/homeward-error.ts';
import { validationFailed, versionConflict } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { rotaEditorRoles } from './authorise-rota.ts';
import { readOnCall, type OnCallRecord } from './rota-queries.ts';
import type { OnCallBody } from './rota-schema.ts';

export const onCallRecordKind = 'rota-on-call';

export type SetOnCallOptions = { actor: Actor; input: OnCallBody };

/** Who may be named: on call, an active clinical member of the team who is not a student; the manager, its lead or service manager. */
export async function onCallProblems(db: Kysely<Database>, o: SetOnCallOptions): Promise<FieldError[]> {
  const teamId = o.actor.staff.teamId;
  const ids = [o.input.staffId, ...(o.input.managerStaffId ? [o.input.managerStaffId] : [])];
  const people = await db.selectFrom('staff').select(['id', 'given_name', 'family_name', 'homeward_role', 'team_id', 'active']).where('id', 'in', ids).execute();
  const problems: FieldError[] = [];
  const who = people.find((p) => p.id === o.input.staffId);
  if (!who || who.team_id !== teamId || !who.active) problems.push({ path: 'staffId', message: 'Choose someone in your team who is on call' });
  else if (!isClinicalRole(who.homeward_role as HomewardRole) || who.homeward_role === 'student') {
    problems.push({ path: 'staffId', message: `${who.given_name} ${who.family_name} is ${homewardRoleLabels[who.homeward_role as HomewardRole].toLowerCase()}: choose a member of the clinical team` });
  }
  if (o.input.managerStaffId) {
    const manager = people.find((p) => p.id === o.input.managerStaffId);
    if (!manager || manager.team_id !== teamId || !manager.active) problems.push({ path: 'managerStaffId', message: 'Choose a manager in your team, or nobody' });
    else if (!rotaEditorRoles.includes(manager.homeward_role as HomewardRole)) {
      problems.push({ path: 'managerStaffId', message: `${manager.given_name} ${manager.family_name} is not a clinical lead or service manager: choose one of them, or nobody` });
    }
  }
  return problems;
}

export async function setOnCall(trx: Kysely<Database>, o: SetOnCallOptions): Promise<OnCallRecord> {
  const problems = await onCallProblems(trx, o);
  if (problems.length) throw validationFailed(problems);
  const teamId = o.actor.staff.teamId!;
  const { date, staffId, managerStaffId, version } = o.input;
  const current = () => readOnCall(trx, { teamId, date });
  let id: string;
  if (version === undefined) {
    const made = await trx
      .insertInto('rota_on_call')
      .values({ id: uuidv7(), team_id: teamId, on_date: date, staff_id: staffId, manager_staff_id: managerStaffId, created_at: o.actor.now, created_by: o.actor.staff.staffId, updated_at: o.actor.now, updated_by: o.actor.staff.staffId })
      .onConflict((oc) => oc.columns(['team_id', 'on_date']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!made) throw versionConflict(await current());
    id = made.id;
  } else {
    const now = await current();
    if (!now) throw versionConflict(null);
    id = (await updateVersioned(trx, { actor: o.actor, table: 'rota_on_call', id: now.id, version, set: { staff_id: staffId, manager_staff_id: managerStaffId }, current, what: 'On call' })).id;
  }
  await auditAs(o.actor, trx, { action: 'staff-admin', outcome: 'allowed', recordKind: onCallRecordKind, recordId: id, detail: { change: version === undefined ? 'set' : 'changed', date, staffId, managerStaffId } });
  return (await current())!;
}

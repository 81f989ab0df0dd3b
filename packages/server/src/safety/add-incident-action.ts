// An action from the learning: an owner in the team and a due date; on the owner's home page until done.
import type { Kysely } from 'kysely';
import { addCalendarDays, incidentTextLimits, ukDateOf } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import type { IncidentAccess } from './incident-access.ts';
import { listActionOwners, listIncidentActions, type IncidentAction } from './incident-queries.ts';
import { auditIncidentWrite, requireHandler, requireOpen } from './incident-writes.ts';

function realDay(day: string): boolean {
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(day);
}

export type AddIncidentActionOptions = { access: IncidentAccess; id: string; action: string; ownerId: string | null; dueOn: string | null };

export async function checkAddIncidentAction(db: Kysely<Database>, o: AddIncidentActionOptions): Promise<void> {
  requireOpen(o.access, 'action');
  const fields: FieldError[] = [];
  if (!o.action.trim()) fields.push({ path: 'action', message: 'Enter the action' });
  else if (o.action.length > incidentTextLimits.action) fields.push({ path: 'action', message: `The action must be ${incidentTextLimits.action} characters or fewer` });
  const owners = await listActionOwners(db, o.access.incident.teamId ?? o.access.actor.staff.teamId);
  if (!o.ownerId || !owners.some((s) => s.id === o.ownerId)) fields.push({ path: 'ownerId', message: 'Choose who owns the action, from the team' });
  const today = ukDateOf(o.access.actor.now);
  if (o.dueOn === null) fields.push({ path: 'dueOn', message: 'Enter the date the action is due by' });
  // Date.parse rolls 31 February into March: a real calendar day reads back as itself.
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(o.dueOn) || !realDay(o.dueOn)) fields.push({ path: 'dueOn', message: 'The due date must be a real date' });
  else if (o.dueOn < today) fields.push({ path: 'dueOn', message: 'The due date must be today or later' });
  else if (o.dueOn > addCalendarDays(today, 366)) fields.push({ path: 'dueOn', message: 'The due date must be within a year' });
  if (fields.length) throw validationFailed(fields);
}

export async function addIncidentAction(trx: Kysely<Database>, o: AddIncidentActionOptions): Promise<IncidentAction> {
  requireHandler(o.access);
  await checkAddIncidentAction(trx, o);
  const actor = o.access.actor;
  const me = actor.staff.staffId;
  const inserted = await trx
    .insertInto('incident_actions')
    .values({ id: o.id, incident_id: o.access.incident.id, action: o.action.trim(), owner_id: o.ownerId!, due_on: o.dueOn!, created_at: actor.now, created_by: me, updated_at: actor.now, updated_by: me })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) throw new HomewardError('duplicate', 'An incident action with this id already exists');
  await auditIncidentWrite(trx, o.access, { change: 'action-added', actionId: o.id, ownerId: o.ownerId, dueOn: o.dueOn });
  return (await listIncidentActions(trx, { id: o.id }))[0]!;
}

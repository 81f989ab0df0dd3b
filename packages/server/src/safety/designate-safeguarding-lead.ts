// Naming safeguarding leads (issue 17 #2): the service manager or an administrator designates a
// clinician from a day, and ends the designation (never deleted: who was lead when is kept). A lead sees
// every safeguarding concern in the service, so this is audited.
import type { Kysely } from 'kysely';
import { ukDateOf } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { mayDesignate, safeguardingLeadRoles } from './safeguarding-access.ts';
import { listDesignations, type Designation } from './safeguarding-queries.ts';

export type DesignateSafeguardingLeadOptions = { actor: Actor; id: string; staffId: string | null; startsOn: string | null };

export async function checkDesignateSafeguardingLead(db: Kysely<Database>, o: DesignateSafeguardingLeadOptions): Promise<void> {
  const fields: FieldError[] = [];
  const staff = o.staffId ? await db.selectFrom('staff').select(['id', 'homeward_role']).where('id', '=', o.staffId).where('active', '=', true).executeTakeFirst() : undefined;
  if (!staff || !(safeguardingLeadRoles as readonly string[]).includes(staff.homeward_role)) fields.push({ path: 'staffId', message: 'Choose a registered therapist, clinical lead or service manager' });
  else if ((await listDesignations(db, { today: ukDateOf(o.actor.now) })).some((d) => d.staffId === staff.id && d.endsOn === null)) fields.push({ path: 'staffId', message: 'They are already a safeguarding lead' });
  if (!o.startsOn) fields.push({ path: 'startsOn', message: 'Enter the date they start as safeguarding lead' });
  if (fields.length) throw validationFailed(fields);
}

function requireDesignator(actor: Actor) {
  if (!mayDesignate(actor.staff.role)) throw new HomewardError('forbidden', 'Only the service manager or an administrator names safeguarding leads');
}

export async function designateSafeguardingLead(trx: Kysely<Database>, o: DesignateSafeguardingLeadOptions): Promise<Designation> {
  requireDesignator(o.actor);
  await checkDesignateSafeguardingLead(trx, o);
  const me = o.actor.staff.staffId;
  const inserted = await trx.insertInto('safety_designations')
    .values({ id: o.id, staff_id: o.staffId!, designation: 'safeguarding-lead', starts_on: o.startsOn!, created_at: o.actor.now, created_by: me, updated_at: o.actor.now, updated_by: me })
    .onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  if (!inserted) throw new HomewardError('duplicate', 'A designation with this id already exists');
  await auditAs(o.actor, trx, { action: 'write', outcome: 'allowed', recordKind: 'safety-designation', recordId: o.id, detail: { change: 'designated', staffId: o.staffId, startsOn: o.startsOn } });
  return (await listDesignations(trx, { today: ukDateOf(o.actor.now), ended: true })).find((d) => d.id === o.id)!;
}

export type EndSafeguardingDesignationOptions = { actor: Actor; id: string; version: number };

/** Ends a designation today: from today they are no longer a safeguarding lead (ends_on is the day it ended). */
export async function endSafeguardingDesignation(trx: Kysely<Database>, o: EndSafeguardingDesignationOptions): Promise<Designation> {
  requireDesignator(o.actor);
  const today = ukDateOf(o.actor.now);
  const row = await trx.selectFrom('safety_designations').select(['starts_on']).where('id', '=', o.id).executeTakeFirst();
  const startsOn = row ? String(row.starts_on).slice(0, 10) : today;
  // A designation that had not started yet ends the day it would have started (ends_on >= starts_on).
  const endsOn = startsOn > today ? startsOn : today;
  await updateVersioned(trx, {
    actor: o.actor, table: 'safety_designations', id: o.id, version: o.version, set: { ends_on: endsOn }, only: { ends_on: null },
    current: async () => (await listDesignations(trx, { today, ended: true })).find((d) => d.id === o.id),
    what: 'Designation',
  });
  await auditAs(o.actor, trx, { action: 'write', outcome: 'allowed', recordKind: 'safety-designation', recordId: o.id, detail: { change: 'ended', endsOn } });
  return (await listDesignations(trx, { today, ended: true })).find((d) => d.id === o.id)!;
}

// The lead names someone to see a concern (the patient's therapist who is working with the family, a
// deputy), or takes the name off. Only clinicians may be named. A name is removed, never deleted.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { HomewardError, validationFailed } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { auditConcernWrite, nameableRoles, type ConcernLeadAccess } from './safeguarding-access.ts';
import { listNamedPeople, type NamedPerson } from './safeguarding-queries.ts';

export type NameSafeguardingPersonOptions = { access: ConcernLeadAccess; id: string; staffId: string | null };

export async function checkNameSafeguardingPerson(db: Kysely<Database>, o: NameSafeguardingPersonOptions): Promise<void> {
  const staff = o.staffId ? await db.selectFrom('staff').select(['id', 'homeward_role']).where('id', '=', o.staffId).where('active', '=', true).executeTakeFirst() : undefined;
  if (!staff || !(nameableRoles as readonly string[]).includes(staff.homeward_role)) throw validationFailed([{ path: 'staffId', message: 'Choose a clinician to name' }]);
  if (staff.id === o.access.concern.raisedBy.id) throw validationFailed([{ path: 'staffId', message: 'The person who raised the concern already sees it' }]);
  if ((await listNamedPeople(db, o.access.concern.id)).some((n) => n.staffId === staff.id)) throw validationFailed([{ path: 'staffId', message: 'They are already named on this concern' }]);
  if (o.access.concern.status === 'closed') throw validationFailed([{ path: 'staffId', message: 'This concern is closed' }]);
}

export async function nameSafeguardingPerson(trx: Kysely<Database>, o: NameSafeguardingPersonOptions): Promise<NamedPerson> {
  await checkNameSafeguardingPerson(trx, o);
  const actor = o.access.actor;
  const me = actor.staff.staffId;
  const inserted = await trx.insertInto('safeguarding_concern_people')
    .values({ id: o.id, concern_id: o.access.concern.id, staff_id: o.staffId!, created_at: actor.now, created_by: me, updated_at: actor.now, updated_by: me })
    .onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  if (!inserted) throw new HomewardError('duplicate', 'This person is already named on the concern');
  await auditConcernWrite(trx, o.access, { change: 'person-named', staffId: o.staffId });
  return (await listNamedPeople(trx, o.access.concern.id)).find((n) => n.id === o.id)!;
}

export type RemoveSafeguardingPersonOptions = { access: ConcernLeadAccess; namedId: string; version: number };

export async function removeSafeguardingPerson(trx: Kysely<Database>, o: RemoveSafeguardingPersonOptions): Promise<void> {
  const actor = o.access.actor;
  const row = await trx.selectFrom('safeguarding_concern_people').select(['staff_id']).where('id', '=', o.namedId).where('concern_id', '=', o.access.concern.id).executeTakeFirst();
  if (!row) throw validationFailed([{ path: 'namedId', message: 'They are not named on this concern' }]);
  await updateVersioned(trx, {
    actor, table: 'safeguarding_concern_people', id: o.namedId, version: o.version,
    set: { removed_at: actor.now, removed_by: actor.staff.staffId }, only: { removed_at: null },
    // The name as it stands now, removed or not (a second removal is stale, not missing).
    current: () => trx.selectFrom('safeguarding_concern_people').select(['id', 'version', 'staff_id as staffId', 'removed_at as removedAt']).where('id', '=', o.namedId).executeTakeFirst(),
    what: 'Named person', patientId: o.access.concern.patient.id,
  });
  await auditConcernWrite(trx, o.access, { change: 'person-removed', staffId: row.staff_id });
}

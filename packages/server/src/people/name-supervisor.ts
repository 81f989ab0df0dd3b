// The clinical lead or service manager names a supervisee's supervisor, from a day: the rule
// (packages/clinical, decideSupervisor: registered, senior, active) refuses with its own words. The
// current arrangement is ended on that day, never deleted, so who supervised whom stays on record.
import type { Kysely } from 'kysely';
import { decideSupervisor } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError, validationFailed, versionConflict } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { findOpenArrangement, findSupervisionStaff } from './supervision-queries.ts';
import { supervisionRecordKind, type SupervisionArrangement, type SupervisionStaff } from './supervision-types.ts';

export type NameSupervisorOptions = {
  actor: Actor;
  supervisee: SupervisionStaff;
  /** The new arrangement's id (a client may mint it). */
  id: string;
  supervisorId: string;
  startsOn: string;
  /** The current arrangement's version as read; null when there was none. */
  version: number | null;
};

/** Every refusal the rule gives for this pair (empty: allowed); shared by the page's check and the write. */
export async function checkSupervisor(db: Kysely<Database>, o: { supervisee: SupervisionStaff; supervisorId: string }): Promise<SupervisionStaff> {
  const supervisor = await findSupervisionStaff(db, o.supervisorId);
  if (!supervisor) throw validationFailed([{ path: 'supervisorId', message: 'Choose a member of staff as the supervisor' }]);
  const decision = decideSupervisor({ supervisor, supervisee: o.supervisee });
  if (!decision.allowed) throw validationFailed([{ path: 'supervisorId', message: decision.message }]);
  return supervisor;
}

export async function nameSupervisor(trx: Kysely<Database>, o: NameSupervisorOptions): Promise<SupervisionArrangement> {
  const supervisor = await checkSupervisor(trx, o);
  // The latest arrangement (perhaps not started yet) is the one the new supervisor follows on from.
  const current = await findOpenArrangement(trx, o.supervisee.id);
  const stale = (o.version === null) !== (current === null) || (current !== null && current.version !== o.version);
  if (stale) throw versionConflict(current);
  if (current && current.supervisorId === supervisor.id) return current;
  if (current) {
    if (o.startsOn < current.startsOn) throw validationFailed([{ path: 'startsOn', message: `The new supervisor starts on or after ${current.supervisorName} did (${current.startsOn})` }]);
    await updateVersioned(trx, { actor: o.actor, table: 'supervision_arrangements', id: current.id, version: current.version, set: { ends_on: o.startsOn }, only: { ends_on: null }, current: () => findOpenArrangement(trx, o.supervisee.id), what: 'Supervision arrangement' });
  }
  const now = o.actor.now;
  const by = o.actor.staff.staffId;
  // The id may be the client's: one already used is a 409 'duplicate' (the ending above rolls back with it).
  const inserted = await trx.insertInto('supervision_arrangements').values({ id: o.id, supervisee_id: o.supervisee.id, supervisor_id: supervisor.id, starts_on: o.startsOn, created_at: now, created_by: by, updated_at: now, updated_by: by }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  if (!inserted) throw new HomewardError('duplicate', 'A supervision arrangement with this id already exists');
  await auditAs(o.actor, trx, { action: 'write', outcome: 'allowed', recordKind: supervisionRecordKind, recordId: o.id, detail: { change: 'supervisor-named', superviseeId: o.supervisee.id, supervisorId: supervisor.id, startsOn: o.startsOn, previous: current?.supervisorId ?? null } });
  return (await findOpenArrangement(trx, o.supervisee.id))!;
}

// Changing an entry of one's own CPD log (a reflection added later, a correction), version-checked: a
// stale change is a 409 with the entry as it is now.
import type { Kysely } from 'kysely';
import { ukDateOf } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { cpdRecordKind, type CpdAccess } from './cpd-access.ts';
import { findCpdEntryWhere } from './cpd-queries.ts';
import { checkCpdEntry } from './log-cpd-entry.ts';
import type { CpdEntryInput, CpdEntryResponse } from './cpd-schema.ts';

export type ChangeCpdEntryOptions = { access: CpdAccess; entryId: string; input: CpdEntryInput; version: number };

export async function changeCpdEntry(trx: Kysely<Database>, o: ChangeCpdEntryOptions): Promise<CpdEntryResponse> {
  if (!o.access.writes) throw new HomewardError('forbidden', 'Only the owner of a CPD log changes it');
  const actor = o.access.actor;
  checkCpdEntry(o.input, ukDateOf(actor.now));
  const i = o.input;
  await updateVersioned(trx, {
    actor,
    table: 'cpd_entries',
    id: o.entryId,
    version: o.version,
    // Narrowed to the owner's log: an id from someone else's log is not found, never changed.
    only: { staff_id: o.access.owner.staffId },
    set: { activity: i.activity, done_on: i.doneOn, hours: i.hours, kind: i.kind, learned: i.learned, practice_change: i.practiceChange, reflection: i.reflection, hcpc_standards: JSON.stringify(i.hcpcStandards) },
    current: async () => {
      const entry = await findCpdEntryWhere(trx, o.entryId);
      return entry && entry.staffId === o.access.owner.staffId ? entry : null;
    },
    what: 'CPD entry',
  });
  await auditAs(actor, trx, { action: 'staff-admin', outcome: 'allowed', recordKind: cpdRecordKind, recordId: o.entryId, detail: { change: 'cpd-changed', staffId: o.access.owner.staffId } });
  return (await findCpdEntryWhere(trx, o.entryId))!;
}

// Adding an entry to one's own CPD log. The rules are packages/clinical's (checked again here, so no caller
// skips them); the write is audited as a change to staff data in its own transaction.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { cpdEntryProblems, ukDateOf } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { isUniqueViolation } from '../platform/database-errors.ts';
import { HomewardError, validationFailed } from '../platform/homeward-error.ts';
import { cpdRecordKind, type CpdAccess } from './cpd-access.ts';
import { findCpdEntryWhere } from './cpd-queries.ts';
import type { CpdEntryInput, CpdEntryResponse } from './cpd-schema.ts';

/** The checks that need no database, shared by the pages and the API: a refusal writes nothing. */
export function checkCpdEntry(input: CpdEntryInput, today: string): void {
  const problems = cpdEntryProblems(input, today);
  if (problems.length) throw validationFailed(problems);
}

export type LogCpdEntryOptions = { access: CpdAccess; input: CpdEntryInput; id?: string };

export async function logCpdEntry(trx: Kysely<Database>, o: LogCpdEntryOptions): Promise<CpdEntryResponse> {
  if (!o.access.writes) throw new HomewardError('forbidden', 'Only the owner of a CPD log adds to it');
  const actor = o.access.actor;
  checkCpdEntry(o.input, ukDateOf(actor.now));
  const id = o.id ?? uuidv7();
  const i = o.input;
  try {
    await trx
      .insertInto('cpd_entries')
      .values({
        id,
        staff_id: o.access.owner.staffId,
        activity: i.activity,
        done_on: i.doneOn,
        hours: i.hours,
        kind: i.kind,
        learned: i.learned,
        practice_change: i.practiceChange,
        reflection: i.reflection,
        hcpc_standards: JSON.stringify(i.hcpcStandards),
        created_at: actor.now,
        created_by: actor.staff.staffId,
        updated_at: actor.now,
        updated_by: actor.staff.staffId,
      })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new HomewardError('duplicate', 'A CPD entry with this id already exists');
    throw error;
  }
  await auditAs(actor, trx, { action: 'staff-admin', outcome: 'allowed', recordKind: cpdRecordKind, recordId: id, detail: { change: 'cpd-logged', staffId: o.access.owner.staffId, doneOn: i.doneOn, hours: i.hours } });
  return (await findCpdEntryWhere(trx, id))!;
}

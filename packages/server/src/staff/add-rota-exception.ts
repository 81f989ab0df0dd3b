// Adding a day or days off the pattern (leave, sickness, training, other absence) or on it (an extra
// shift: weekend or bank-holiday cover). The person's row is locked first, so two leads adding leave
// for the same person at once are checked one after the other: overlapping leave never slips in.
import type { Kysely } from 'kysely';
import { checkRotaException } from '@homeward/clinical';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError, notFound, validationFailed } from '../platform/homeward-error.ts';
import { findRotaException, readRotaExceptions, readStaffPattern, type RotaExceptionRecord } from './rota-queries.ts';
import { rotaPersonProblems } from './check-rota-pattern.ts';
import type { RotaExceptionBody } from './rota-schema.ts';

export const rotaExceptionRecordKind = 'rota-exception';

export type AddRotaExceptionOptions = { actor: Actor; staffId: string; input: RotaExceptionBody };

/** The checks, against the person's exceptions as read on this handle (the write's transaction, or the app's before it). */
export async function rotaExceptionProblems(db: Kysely<Database>, o: AddRotaExceptionOptions) {
  const person = await readStaffPattern(db, o.staffId);
  if (!person) throw notFound('Staff member');
  if (person.teamId !== o.actor.staff.teamId) throw new HomewardError('forbidden', 'You can change the rota of your own team only');
  const personProblems = rotaPersonProblems(person);
  if (personProblems.length) return personProblems;
  const i = o.input;
  const existing = i.startsOn && i.endsOn && i.startsOn <= i.endsOn ? await readRotaExceptions(db, { staffIds: [o.staffId], from: i.startsOn, to: i.endsOn }) : [];
  return checkRotaException({ exception: i, existing });
}

export async function addRotaException(trx: Kysely<Database>, o: AddRotaExceptionOptions): Promise<RotaExceptionRecord> {
  await trx.selectFrom('staff').select('id').where('id', '=', o.staffId).forUpdate().executeTakeFirst();
  const problems = await rotaExceptionProblems(trx, o);
  if (problems.length) throw validationFailed(problems);
  const i = o.input;
  const id = i.id ?? uuidv7();
  const by = o.actor.staff.staffId;
  const made = await trx
    .insertInto('rota_exceptions')
    .values({
      id,
      staff_id: o.staffId,
      team_id: o.actor.staff.teamId!,
      kind: i.kind,
      starts_on: i.startsOn,
      ends_on: i.endsOn,
      start_time: i.startTime,
      end_time: i.endTime,
      note: i.note,
      created_at: o.actor.now,
      created_by: by,
      updated_at: o.actor.now,
      updated_by: by,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!made) throw new HomewardError('duplicate', 'An exception with this id already exists');
  await auditAs(o.actor, trx, {
    action: 'staff-admin',
    outcome: 'allowed',
    recordKind: rotaExceptionRecordKind,
    recordId: id,
    detail: { change: 'added', staffId: o.staffId, kind: i.kind, startsOn: i.startsOn, endsOn: i.endsOn },
  });
  return (await findRotaException(trx, id))!;
}

// Setting a member of staff's working pattern: the week, where their day starts, whether they drive.
// The whole pattern is one version-checked row: the first save makes it, each later one sends the
// version it read, so two leads editing the same person cannot overwrite each other.
import type { Kysely } from 'kysely';
import { normaliseUkPhone } from '@homeward/clinical';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError, notFound, validationFailed, versionConflict } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { readStaffPattern, type RotaPatternRow } from './rota-queries.ts';
import { checkRotaPattern, rotaPersonProblems } from './check-rota-pattern.ts';
import type { RotaPatternInput } from './rota-schema.ts';

export const rotaPatternRecordKind = 'rota-pattern';

export type ChangeRotaPatternOptions = {
  actor: Actor;
  staffId: string;
  input: RotaPatternInput;
  /** The version read; null when there was no pattern yet. */
  version: number | null;
};

export async function changeRotaPattern(trx: Kysely<Database>, o: ChangeRotaPatternOptions): Promise<RotaPatternRow> {
  const person = await readStaffPattern(trx, o.staffId);
  if (!person) throw notFound('Staff member');
  if (person.teamId !== o.actor.staff.teamId) throw new HomewardError('forbidden', 'You can change the rota of your own team only');
  const problems = [...rotaPersonProblems(person), ...checkRotaPattern(o.input)];
  if (problems.length) throw validationFailed(problems);
  const i = o.input;
  const week = [...i.week].sort((a, b) => a.weekday - b.weekday).map((d) => ({ weekday: d.weekday, start: d.start, end: d.end, breakMinutes: d.breakMinutes }));
  const values = {
    team_id: o.actor.staff.teamId!,
    week: JSON.stringify(week),
    starts_from: i.startsFrom,
    car_driver: i.carDriver,
    base_name: i.baseName,
    base_latitude: i.baseLatitude,
    base_longitude: i.baseLongitude,
    home_latitude: i.homeLatitude,
    home_longitude: i.homeLongitude,
    work_phone: i.workPhone === null ? null : (normaliseUkPhone(i.workPhone) ?? i.workPhone),
    car_description: i.carDescription,
  };
  const current = () => readStaffPattern(trx, o.staffId);
  let id: string;
  if (o.version === null) {
    // No pattern was read: make it, unless someone made one meanwhile (then it is theirs to see first).
    const made = await trx
      .insertInto('rota_patterns')
      .values({ id: uuidv7(), staff_id: o.staffId, ...values, created_at: o.actor.now, created_by: o.actor.staff.staffId, updated_at: o.actor.now, updated_by: o.actor.staff.staffId })
      .onConflict((oc) => oc.column('staff_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!made) throw versionConflict(await current());
    id = made.id;
  } else {
    if (person.id === null) throw versionConflict(person);
    const changed = await updateVersioned(trx, { actor: o.actor, table: 'rota_patterns', id: person.id, version: o.version, set: values, current, what: 'Working pattern' });
    id = changed.id;
  }
  await auditAs(o.actor, trx, {
    action: 'staff-admin',
    outcome: 'allowed',
    recordKind: rotaPatternRecordKind,
    recordId: id,
    detail: { change: o.version === null ? 'made' : 'changed', staffId: o.staffId, days: week.map((d) => d.weekday) },
  });
  return (await readStaffPattern(trx, o.staffId))!;
}

// Recording a LOLER thorough examination or a service of one tracked item: an append-only row, and the
// item moved on in the same transaction (version-checked): a pass sets its next due date, a fail or a
// withdrawal takes it out of use (packages/clinical equipment/inspection-due.ts). Never in the future,
// never before the examination already recorded (the item's dates would go backwards).
import type { Kysely, Selectable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { checkInspectionDate, itemStatusAfterInspection, nextInspectionDue } from '@homeward/clinical';
import type { Database, EquipmentInspectionsTable } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { HomewardError, notFound, validationFailed } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import type { InspectionInput } from './catalogue-schemas.ts';
import { itemOf, type EquipmentItem } from './item-view.ts';

export type EquipmentInspection = { id: string; itemId: string; kind: 'loler' | 'service'; inspectedOn: string; result: 'pass' | 'fail' | 'withdrawn'; note: string | null; nextDue: string | null; createdAt: Date; createdBy: string };
export const inspectionOf = (r: Selectable<EquipmentInspectionsTable>): EquipmentInspection => ({ id: r.id, itemId: r.item_id, kind: r.kind, inspectedOn: r.inspected_on, result: r.result, note: r.note, nextDue: r.next_due, createdAt: new Date(r.created_at), createdBy: r.created_by });

export type RecordInspectionOptions = { actor: Actor; id?: string; itemId: string; input: InspectionInput };

export async function recordInspection(trx: Kysely<Database>, o: RecordInspectionOptions): Promise<{ inspection: EquipmentInspection; item: EquipmentItem }> {
  const i = o.input;
  const item = await trx.selectFrom('equipment_items').selectAll().where('id', '=', o.itemId).executeTakeFirst();
  if (!item) throw notFound('Equipment item');
  const catalogueItem = await trx.selectFrom('equipment_catalogue_items').selectAll().where('id', '=', item.catalogue_item_id).executeTakeFirstOrThrow();
  const problem = checkInspectionDate(i.inspectedOn, o.actor.now);
  if (problem) throw validationFailed([{ path: 'inspectedOn', message: problem }]);
  if (item.last_inspected_on && i.inspectedOn < item.last_inspected_on) {
    throw validationFailed([{ path: 'inspectedOn', message: `An examination on ${item.last_inspected_on} is already recorded: the date must be on or after it` }]);
  }
  if (i.kind === 'loler' && !catalogueItem.loler) throw validationFailed([{ path: 'kind', message: `${catalogueItem.name} is not lifting equipment: record a service` }]);
  if (item.status === 'withdrawn' || item.status === 'written-off') throw new HomewardError('version_conflict', `Item ${item.serial_number} is ${item.status === 'withdrawn' ? 'withdrawn from use' : 'written off'}: it is not examined again`, { current: itemOf(item) });
  const id = o.id ?? o.input.id ?? uuidv7();
  // An id already used (a client's, or a form's sent by someone else): refused, never a database error.
  if ((o.id ?? o.input.id) && (await trx.selectFrom('equipment_inspections').select('id').where('id', '=', id).executeTakeFirst())) throw new HomewardError('duplicate', 'An examination with this id is already recorded');
  const nextDue = nextInspectionDue({ inspectedOn: i.inspectedOn, result: i.result, intervalMonths: catalogueItem.inspection_interval_months });
  const changed = await updateVersioned(trx, {
    actor: o.actor,
    table: 'equipment_items',
    id: item.id,
    version: i.version,
    set: {
      last_inspected_on: i.inspectedOn,
      next_inspection_due: nextDue,
      status: itemStatusAfterInspection(i.result, item.status),
      ...(i.result === 'withdrawn' ? { condition: 'condemned' as const } : {}),
    },
    current: async () => {
      const r = await trx.selectFrom('equipment_items').selectAll().where('id', '=', item.id).executeTakeFirst();
      return r ? itemOf(r) : undefined;
    },
    what: 'Equipment item',
  });
  const row = await trx
    .insertInto('equipment_inspections')
    .values({ id, item_id: item.id, kind: i.kind, inspected_on: i.inspectedOn, result: i.result, note: i.note, next_due: nextDue, created_at: o.actor.now, created_by: o.actor.staff.staffId })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { inspection: inspectionOf(row), item: itemOf(changed) };
}

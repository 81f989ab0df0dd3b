// Adding one tracked item (a hoist, a profiling bed) with its serial number. A serial number, or an
// asset number, is typed once: the same one again, in any case or spacing, is refused on its field.
// Its next examination is its last (from the certificate it came with) plus the interval; with none
// known it is due today, so lifting equipment is never lent before someone has examined it.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { checkInspectionDate, nextInspectionDue, ukDateOf } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { isUniqueViolation } from '../platform/database-errors.ts';
import { HomewardError, validationFailed } from '../platform/homeward-error.ts';
import type { ItemInput } from './catalogue-schemas.ts';
import { itemOf, type EquipmentItem } from './item-view.ts';

export type AddEquipmentItemOptions = { actor: Actor; id?: string; input: ItemInput };

/** A serial or asset number as the unique indexes compare it: upper case, no spaces. */
export const normalisedNumber = (n: string): string => n.replace(/\s/g, '').toUpperCase();

export async function addEquipmentItem(trx: Kysely<Database>, o: AddEquipmentItemOptions): Promise<EquipmentItem> {
  const i = o.input;
  const who = o.actor.staff.staffId;
  const now = o.actor.now;
  const catalogueItem = await trx.selectFrom('equipment_catalogue_items').selectAll().where('id', '=', i.catalogueItemId).executeTakeFirst();
  if (!catalogueItem) throw validationFailed([{ path: 'catalogueItemId', message: 'Select an item from the catalogue' }]);
  if (catalogueItem.stock_kind !== 'tracked') throw validationFailed([{ path: 'catalogueItemId', message: `${catalogueItem.name} is counted as stock: receive it into a store's count instead` }]);
  if (!(await trx.selectFrom('equipment_stores').select('id').where('id', '=', i.storeId).executeTakeFirst())) throw validationFailed([{ path: 'storeId', message: 'Select a store that exists' }]);
  if (i.lastInspectedOn) {
    const problem = checkInspectionDate(i.lastInspectedOn, now);
    if (problem) throw validationFailed([{ path: 'lastInspectedOn', message: problem.replace('the examination', 'its last examination') }]);
  }
  await refuseTakenNumbers(trx, i.serialNumber, i.assetNumber);
  const interval = catalogueItem.inspection_interval_months;
  const nextDue = interval === null ? null : i.lastInspectedOn ? nextInspectionDue({ inspectedOn: i.lastInspectedOn, result: 'pass', intervalMonths: interval }) : ukDateOf(now);
  try {
    const row = await trx
      .insertInto('equipment_items')
      .values({
        id: o.id ?? o.input.id ?? uuidv7(),
        catalogue_item_id: catalogueItem.id,
        serial_number: i.serialNumber,
        asset_number: i.assetNumber,
        batch: i.batch,
        store_id: i.storeId,
        condition: i.condition,
        status: i.condition === 'condemned' ? 'withdrawn' : 'in-store',
        last_inspected_on: i.lastInspectedOn,
        next_inspection_due: nextDue,
        created_at: now,
        created_by: who,
        updated_at: now,
        updated_by: who,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return itemOf(row);
  } catch (error) {
    // Two people typing the same serial at once: the second meets the unique index.
    if (isUniqueViolation(error, 'equipment_items_serial_idx')) throw serialTaken(i.serialNumber);
    if (isUniqueViolation(error, 'equipment_items_asset_idx')) throw assetTaken(i.assetNumber ?? '');
    if (isUniqueViolation(error, 'equipment_items_pkey')) throw new HomewardError('duplicate', 'An item with this id already exists');
    throw error;
  }
}

async function refuseTakenNumbers(trx: Kysely<Database>, serial: string, asset: string | null): Promise<void> {
  const bySerial = await trx.selectFrom('equipment_items').select('id').where(sql<string>`upper(regexp_replace(serial_number, '\\s', '', 'g'))`, '=', normalisedNumber(serial)).executeTakeFirst();
  if (bySerial) throw serialTaken(serial);
  if (asset === null) return;
  const byAsset = await trx.selectFrom('equipment_items').select('id').where(sql<string>`upper(regexp_replace(asset_number, '\\s', '', 'g'))`, '=', normalisedNumber(asset)).executeTakeFirst();
  if (byAsset) throw assetTaken(asset);
}

const serialTaken = (serial: string) => new HomewardError('duplicate', `Serial number ${serial} is already recorded for another item`, { fields: [{ path: 'serialNumber', message: `Serial number ${serial} is already recorded for another item` }] });
const assetTaken = (asset: string) => new HomewardError('duplicate', `Asset number ${asset} is already recorded for another item`, { fields: [{ path: 'assetNumber', message: `Asset number ${asset} is already recorded for another item` }] });

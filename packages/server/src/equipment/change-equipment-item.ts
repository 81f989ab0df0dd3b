// The store's changes to a tracked item that is not out on loan: moved to another store, its asset
// number or batch put right, its condition, sent for repair, withdrawn, found missing or written off.
// Version-checked. An item on loan is changed only through its loan (issueEquipment, returnEquipment),
// so the loan and the item never disagree; one back in use after repair must pass an examination first
// when it is examined on an interval (record-inspection.ts does that).
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { isUniqueViolation } from '../platform/database-errors.ts';
import { HomewardError, notFound, validationFailed } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { normalisedNumber } from './add-equipment-item.ts';
import type { ItemChange } from './catalogue-schemas.ts';
import { itemOf, itemStatusLabels, type EquipmentItem } from './item-view.ts';

export type ChangeEquipmentItemOptions = { actor: Actor; itemId: string; input: ItemChange };

export async function changeEquipmentItem(trx: Kysely<Database>, o: ChangeEquipmentItemOptions): Promise<EquipmentItem> {
  const i = o.input;
  const item = await trx.selectFrom('equipment_items').selectAll().where('id', '=', o.itemId).executeTakeFirst();
  if (!item) throw notFound('Equipment item');
  const current = async () => {
    const r = await trx.selectFrom('equipment_items').selectAll().where('id', '=', o.itemId).executeTakeFirst();
    return r ? itemOf(r) : undefined;
  };
  if (item.status === 'on-loan') throw new HomewardError('version_conflict', `Item ${item.serial_number} is on loan: it changes when it comes back through its loan`, { current: itemOf(item) });
  if (item.status === 'written-off' && i.status !== 'written-off') throw validationFailed([{ path: 'status', message: `Item ${item.serial_number} is written off: it does not come back into use` }]);
  if (i.condition === 'condemned' && (i.status === 'in-store' || i.status === 'in-repair')) throw validationFailed([{ path: 'status', message: 'A condemned item is not kept for use: withdraw it or write it off' }]);
  if (i.status === 'in-store' && item.status === 'in-repair' && item.next_inspection_due === null && item.last_inspected_on !== null) {
    // It failed its examination: back into use only by passing one.
    throw validationFailed([{ path: 'status', message: `Item ${item.serial_number} failed its last examination: record one it passes to bring it back into use` }]);
  }
  if (!(await trx.selectFrom('equipment_stores').select('id').where('id', '=', i.storeId).executeTakeFirst())) throw validationFailed([{ path: 'storeId', message: 'Select a store that exists' }]);
  if (i.assetNumber !== null) {
    const other = await trx.selectFrom('equipment_items').select('id').where(sql<string>`upper(regexp_replace(asset_number, '\\s', '', 'g'))`, '=', normalisedNumber(i.assetNumber)).where('id', '<>', item.id).executeTakeFirst();
    if (other) throw new HomewardError('duplicate', `Asset number ${i.assetNumber} is already recorded for another item`, { fields: [{ path: 'assetNumber', message: `Asset number ${i.assetNumber} is already recorded for another item` }] });
  }
  try {
    const row = await updateVersioned(trx, {
      actor: o.actor,
      table: 'equipment_items',
      id: item.id,
      version: i.version,
      set: { asset_number: i.assetNumber, batch: i.batch, store_id: i.storeId, condition: i.condition, status: i.status },
      // Not while it went out on loan in the meantime (the version says so too).
      only: { status: item.status },
      current,
      conflict: (now: EquipmentItem) => new HomewardError('version_conflict', now.status === 'on-loan' ? `Item ${item.serial_number} has gone out on loan since you opened it: it is ${itemStatusLabels[now.status].toLowerCase()}` : 'Someone else changed this item after you opened it. Your changes were not saved; check the current version and try again.', { current: now }),
      what: 'Equipment item',
    });
    return itemOf(row);
  } catch (error) {
    if (isUniqueViolation(error, 'equipment_items_asset_idx')) throw new HomewardError('duplicate', `Asset number ${i.assetNumber} is already recorded for another item`, { fields: [{ path: 'assetNumber', message: `Asset number ${i.assetNumber} is already recorded for another item` }] });
    throw error;
  }
}

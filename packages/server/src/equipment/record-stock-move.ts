// Stock received at a store, a count put right, or stock written off: the level moves and the ledger
// says why (stock-move.ts). Issues and returns to loans go through issue-equipment.ts and
// return-equipment.ts instead, so every move out to a patient names its loan.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { validationFailed } from '../platform/homeward-error.ts';
import type { StockMoveInput } from './catalogue-schemas.ts';
import { pluralName } from './catalogue-view.ts';
import { moveStock } from './stock-move.ts';
import type { StockLevel } from './stock-view.ts';

export type RecordStockMoveOptions = { actor: Actor; storeId: string; input: StockMoveInput };

export async function recordStockMove(trx: Kysely<Database>, o: RecordStockMoveOptions): Promise<StockLevel> {
  const store = await trx.selectFrom('equipment_stores').select(['id', 'name']).where('id', '=', o.storeId).executeTakeFirst();
  if (!store) throw validationFailed([{ path: 'storeId', message: 'Select a store that exists' }]);
  const item = await trx.selectFrom('equipment_catalogue_items').select(['id', 'name', 'stock_kind']).where('id', '=', o.input.catalogueItemId).executeTakeFirst();
  if (!item) throw validationFailed([{ path: 'catalogueItemId', message: 'Select an item from the catalogue' }]);
  if (item.stock_kind !== 'stock') throw validationFailed([{ path: 'catalogueItemId', message: `${item.name} is tracked one by one: add each item with its serial number instead of a count` }]);
  return moveStock(trx, {
    actor: o.actor,
    storeId: store.id,
    catalogueItemId: item.id,
    change: o.input.change,
    reason: o.input.reason,
    note: o.input.note,
    // Always checked: the same move posted twice (a retry, a double click) finds the version moved on.
    version: o.input.version,
    itemName: pluralName(item.name),
    storeName: store.name,
    shortField: 'change',
  });
}

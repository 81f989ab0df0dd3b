// Reads of the stores and their stock (not patient data: counts, and which tracked items are there).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { storeOfRow, type EquipmentStore } from './add-store.ts';
import { stockLevelOf, type StockLevel } from './stock-view.ts';

export async function listStores(db: Kysely<Database>): Promise<EquipmentStore[]> {
  return (await db.selectFrom('equipment_stores').selectAll().orderBy('name').execute()).map(storeOfRow);
}

export async function findStore(db: Kysely<Database>, id: string): Promise<EquipmentStore | null> {
  const row = await db.selectFrom('equipment_stores').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? storeOfRow(row) : null;
}

export type StockLine = StockLevel & { name: string; code: string; low: boolean };

/** A store's counts, by item name; low: at or below its reorder level. */
export async function listStockOfStore(db: Kysely<Database>, storeId: string): Promise<StockLine[]> {
  const rows = await db
    .selectFrom('equipment_stock_levels as l')
    .innerJoin('equipment_catalogue_items as c', 'c.id', 'l.catalogue_item_id')
    .selectAll('l')
    .select(['c.name', 'c.code'])
    .where('l.store_id', '=', storeId)
    .orderBy('c.name')
    .execute();
  return rows.map((r) => ({ ...stockLevelOf(r), name: r.name, code: r.code, low: r.quantity <= r.reorder_level }));
}

export async function findStockLevel(db: Kysely<Database>, storeId: string, catalogueItemId: string): Promise<StockLevel | null> {
  const row = await db.selectFrom('equipment_stock_levels').selectAll().where('store_id', '=', storeId).where('catalogue_item_id', '=', catalogueItemId).executeTakeFirst();
  return row ? stockLevelOf(row) : null;
}

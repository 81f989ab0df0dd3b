// A stock level as pages and the JSON API show it.
import type { Selectable } from 'kysely';
import type { EquipmentStockLevelsTable } from '../db/schema.ts';

export type StockLevel = {
  storeId: string;
  catalogueItemId: string;
  quantity: number;
  reorderLevel: number;
  version: number;
};

export function stockLevelOf(row: Selectable<EquipmentStockLevelsTable>): StockLevel {
  return { storeId: row.store_id, catalogueItemId: row.catalogue_item_id, quantity: row.quantity, reorderLevel: row.reorder_level, version: row.version };
}

// Reads of tracked items. Where an item is says "on loan", never to whom: that is the loan's, and
// patient data (the loans part shows it behind the access decision).
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database, EquipmentItemStatus } from '../db/schema.ts';
import { normalisedNumber } from './add-equipment-item.ts';
import { itemOf, type EquipmentItem } from './item-view.ts';
import { inspectionOf, type EquipmentInspection } from './record-inspection.ts';

export type ItemLine = EquipmentItem & { name: string; code: string; make: string; model: string; storeName: string; loler: boolean };

export type ListItemsOptions = { catalogueItemId?: string | null; storeId?: string | null; status?: EquipmentItemStatus | null; limit?: number };

function itemLines(db: Kysely<Database>) {
  return db
    .selectFrom('equipment_items as i')
    .innerJoin('equipment_catalogue_items as c', 'c.id', 'i.catalogue_item_id')
    .innerJoin('equipment_stores as s', 's.id', 'i.store_id')
    .selectAll('i')
    .select(['c.name', 'c.code', 'c.make', 'c.model', 'c.loler', 's.name as store_name']);
}
type ItemLineRow = Awaited<ReturnType<ReturnType<typeof itemLines>['execute']>>[number];
const lineOf = (r: ItemLineRow): ItemLine => ({ ...itemOf(r), name: r.name, code: r.code, make: r.make, model: r.model, loler: r.loler, storeName: r.store_name });

export async function listItems(db: Kysely<Database>, o: ListItemsOptions = {}): Promise<ItemLine[]> {
  let query = itemLines(db);
  if (o.catalogueItemId) query = query.where('i.catalogue_item_id', '=', o.catalogueItemId);
  if (o.storeId) query = query.where('i.store_id', '=', o.storeId);
  if (o.status) query = query.where('i.status', '=', o.status);
  return (await query.orderBy('c.name').orderBy('i.serial_number').limit(o.limit ?? 500).execute()).map(lineOf);
}

export async function findItem(db: Kysely<Database>, id: string): Promise<ItemLine | null> {
  const row = await itemLines(db).where('i.id', '=', id).executeTakeFirst();
  return row ? lineOf(row) : null;
}

/** The item a scanned or typed number names: its serial or asset number, in any case or spacing. */
export async function findItemByNumber(db: Kysely<Database>, typed: string): Promise<ItemLine | null> {
  const n = normalisedNumber(typed);
  if (n === '') return null;
  const row = await itemLines(db)
    .where((eb) => eb.or([eb(sql<string>`upper(regexp_replace(i.serial_number, '\\s', '', 'g'))`, '=', n), eb(sql<string>`upper(regexp_replace(i.asset_number, '\\s', '', 'g'))`, '=', n)]))
    .executeTakeFirst();
  return row ? lineOf(row) : null;
}

/** An item's examinations and services, newest first. */
export async function listInspectionsOfItem(db: Kysely<Database>, itemId: string): Promise<EquipmentInspection[]> {
  const rows = await db.selectFrom('equipment_inspections').selectAll().where('item_id', '=', itemId).orderBy('inspected_on', 'desc').orderBy('created_at', 'desc').execute();
  return rows.map(inspectionOf);
}

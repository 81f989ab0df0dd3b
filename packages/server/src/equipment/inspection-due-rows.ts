// The rows of the due list, on the partial index equipment_items_due_idx (next date set, not withdrawn
// or written off).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { itemOf } from './item-view.ts';
import type { ItemLine } from './item-queries.ts';

export async function listItemsDue(db: Kysely<Database>, o: { until: string; storeId: string | null }): Promise<ItemLine[]> {
  let query = db
    .selectFrom('equipment_items as i')
    .innerJoin('equipment_catalogue_items as c', 'c.id', 'i.catalogue_item_id')
    .innerJoin('equipment_stores as s', 's.id', 'i.store_id')
    .selectAll('i')
    .select(['c.name', 'c.code', 'c.make', 'c.model', 'c.loler', 's.name as store_name'])
    .where('i.next_inspection_due', 'is not', null)
    .where('i.status', 'not in', ['withdrawn', 'written-off'])
    .where('i.next_inspection_due', '<=', o.until);
  if (o.storeId) query = query.where('i.store_id', '=', o.storeId);
  const rows = await query.orderBy('i.next_inspection_due').orderBy('c.name').limit(1000).execute();
  return rows.map((r) => ({ ...itemOf(r), name: r.name, code: r.code, make: r.make, model: r.model, loler: r.loler, storeName: r.store_name }));
}

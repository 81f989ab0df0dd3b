// Reads of the catalogue (not patient data).
import type { Kysely } from 'kysely';
import type { Database, EquipmentCategory } from '../db/schema.ts';
import { catalogueItemOf, type CatalogueItem } from './catalogue-view.ts';

export type ListCatalogueOptions = { includeWithdrawn?: boolean; category?: EquipmentCategory | null };

/** By category, then name. */
export async function listCatalogue(db: Kysely<Database>, o: ListCatalogueOptions = {}): Promise<CatalogueItem[]> {
  let query = db.selectFrom('equipment_catalogue_items').selectAll();
  if (!o.includeWithdrawn) query = query.where('active', '=', true);
  if (o.category) query = query.where('category', '=', o.category);
  return (await query.orderBy('category').orderBy('name').execute()).map(catalogueItemOf);
}

export async function findCatalogueItem(db: Kysely<Database>, id: string): Promise<CatalogueItem | null> {
  const row = await db.selectFrom('equipment_catalogue_items').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? catalogueItemOf(row) : null;
}

// Changing a catalogue item (its cost, who may prescribe it, its examination interval) or withdrawing
// it (active false: never deleted, so the loans and recalls that name it stay whole). Version-checked.
// How it is stocked cannot change once stock or items exist: the counts and serials would no longer fit.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { notFound, validationFailed } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { catalogueColumnsOf, refuseTakenCode } from './add-catalogue-item.ts';
import { catalogueItemOf, type CatalogueItem } from './catalogue-view.ts';
import type { CatalogueItemInput } from './catalogue-schemas.ts';

export type ChangeCatalogueItemOptions = { actor: Actor; id: string; version: number; input: CatalogueItemInput };

export async function changeCatalogueItem(trx: Kysely<Database>, o: ChangeCatalogueItemOptions): Promise<CatalogueItem> {
  const i = o.input;
  const before = await trx.selectFrom('equipment_catalogue_items').selectAll().where('id', '=', o.id).executeTakeFirst();
  if (!before) throw notFound('Catalogue item');
  await refuseTakenCode(trx, i.code, o.id);
  if (before.stock_kind !== i.stockKind) {
    const used = (await trx.selectFrom('equipment_stock_levels').select('store_id').where('catalogue_item_id', '=', o.id).executeTakeFirst()) ?? (await trx.selectFrom('equipment_items').select('id').where('catalogue_item_id', '=', o.id).executeTakeFirst());
    if (used) throw validationFailed([{ path: 'stockKind', message: `${before.name} already has ${before.stock_kind === 'stock' ? 'stock counted' : 'items tracked'}: how it is stocked cannot change now` }]);
  }
  const row = await updateVersioned(trx, {
    actor: o.actor,
    table: 'equipment_catalogue_items',
    id: o.id,
    version: o.version,
    set: catalogueColumnsOf(i),
    current: async () => {
      const r = await trx.selectFrom('equipment_catalogue_items').selectAll().where('id', '=', o.id).executeTakeFirst();
      return r ? catalogueItemOf(r) : undefined;
    },
    what: 'Catalogue item',
  });
  return catalogueItemOf(row);
}

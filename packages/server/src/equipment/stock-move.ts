// The one way a stock level changes: the level moves by `change` and the ledger (equipment_stock_moves,
// append-only) says why, in one transaction, so the level is always the sum of its moves. The update
// is conditional (on the version the writer saw, when given, and on the level staying at or above
// nought), so two people issuing the last one get one success and one refusal that says so: the
// second update waits on the first's row lock and then finds too few left.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database, EquipmentStockMoveReason } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { HomewardError, validationFailed, versionConflict } from '../platform/homeward-error.ts';
import { stockLevelOf, type StockLevel } from './stock-view.ts';

export type MoveStockOptions = {
  actor: Actor;
  storeId: string;
  catalogueItemId: string;
  /** Positive: into the store; negative: out of it. Never nought. */
  change: number;
  reason: EquipmentStockMoveReason;
  loanId?: string | null;
  note?: string | null;
  /** The level's version the writer saw; omitted: only the count is checked (issuing at delivery). */
  version?: number;
  /** What the item and store are called, for the refusal ("perching stools at North base"). */
  itemName: string;
  storeName: string;
  /** When the shortfall is the user's own typing (an adjustment), the field to point at; else a 409. */
  shortField?: string;
};

export async function moveStock(trx: Kysely<Database>, o: MoveStockOptions): Promise<StockLevel> {
  if (!Number.isInteger(o.change) || o.change === 0) throw new Error('A stock move changes the level by a whole number other than nought');
  const who = o.actor.staff.staffId;
  const now = o.actor.now;
  if (o.change > 0 && o.version === undefined) {
    // The first stock of an item at a store makes its level (at nought: the move below brings it up).
    await trx
      .insertInto('equipment_stock_levels')
      .values({ store_id: o.storeId, catalogue_item_id: o.catalogueItemId, quantity: 0, created_at: now, created_by: who, updated_at: now, updated_by: who })
      .onConflict((oc) => oc.columns(['store_id', 'catalogue_item_id']).doNothing())
      .execute();
  }
  let update = trx
    .updateTable('equipment_stock_levels')
    .set((eb) => ({ quantity: eb('quantity', '+', o.change), version: eb('version', '+', 1), updated_at: now, updated_by: who }))
    .where('store_id', '=', o.storeId)
    .where('catalogue_item_id', '=', o.catalogueItemId)
    .where(sql<boolean>`quantity + ${o.change} >= 0`);
  if (o.version !== undefined) update = update.where('version', '=', o.version);
  const updated = await update.returningAll().executeTakeFirst();
  if (!updated) throw await refusal(trx, o);
  await trx
    .insertInto('equipment_stock_moves')
    .values({ id: uuidv7(), store_id: o.storeId, catalogue_item_id: o.catalogueItemId, change: o.change, reason: o.reason, loan_id: o.loanId ?? null, note: o.note ?? null, at: now, by_staff_id: who })
    .execute();
  return stockLevelOf(updated);
}

async function refusal(trx: Kysely<Database>, o: MoveStockOptions): Promise<HomewardError> {
  const row = await trx.selectFrom('equipment_stock_levels').selectAll().where('store_id', '=', o.storeId).where('catalogue_item_id', '=', o.catalogueItemId).executeTakeFirst();
  const current = row ? stockLevelOf(row) : { storeId: o.storeId, catalogueItemId: o.catalogueItemId, quantity: 0, reorderLevel: 0, version: 0 };
  if (row && o.version !== undefined && row.version !== o.version) return versionConflict(current);
  const wanted = -o.change;
  const message =
    current.quantity === 0
      ? `There are no ${o.itemName} left at ${o.storeName}: none can be taken out. Someone may have just issued the last one.`
      : `Only ${current.quantity} ${o.itemName} left at ${o.storeName}: ${wanted} cannot be taken out. Stock never goes below nought.`;
  if (o.shortField) return validationFailed([{ path: o.shortField, message }]);
  return new HomewardError('version_conflict', message, { current });
}

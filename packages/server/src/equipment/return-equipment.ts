// Taking equipment back from a loan: the stock count goes up again, or the tracked item comes back
// into store (in the condition it came back in; condemned items are withdrawn from use). An item that
// never came back is marked missing or written off instead. Called by the collection and loans parts
// in the loan's own transaction, so the loan's end and the store agree or neither changes.
import type { Kysely } from 'kysely';
import type { Database, EquipmentItemCondition } from '../db/schema.ts';
import { auditWrite, requireWriteGrant, type AccessGrant } from '../access/public.ts';
import { HomewardError, validationFailed } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { loanOf, storeOf } from './issue-equipment.ts';
import { itemOf, itemStatusLabels, type EquipmentItem } from './item-view.ts';
import { moveStock } from './stock-move.ts';
import type { StockLevel } from './stock-view.ts';

/** What happened to what was lent: back in store, or never found (missing), or given up on (written off). */
export type EquipmentReturnOutcome = 'returned' | 'missing' | 'written-off';

export type ReturnEquipmentOptions = {
  /** A write grant for the loan's patient. */
  grant: AccessGrant;
  /** The loan it comes back from: its catalogue item, quantity, item and store say what, how many and from where. */
  loanId: string;
  /** Default 'returned'. Missing and written-off change no stock count (it came out at issue). */
  outcome?: EquipmentReturnOutcome;
  /** The store it comes back to; default the loan's store (where it was issued from). */
  storeId?: string | null;
  /** Tracked items: the condition it came back in; default unchanged. Condemned: withdrawn from use. */
  condition?: EquipmentItemCondition;
  note?: string | null;
};

export type ReturnedEquipment =
  | { kind: 'stock'; outcome: EquipmentReturnOutcome; storeId: string | null; quantity: number; stockLevel: StockLevel | null }
  | { kind: 'tracked'; outcome: EquipmentReturnOutcome; storeId: string; itemId: string; quantity: 1; item: EquipmentItem };

/**
 * Puts the loan's equipment back (or records it lost), or refuses with nothing changed: a tracked
 * item that is not on loan (returned already) is a 409 saying where it is; a loan that issued nothing
 * is a 400. The caller changes the loan's own status.
 */
export async function returnEquipment(trx: Kysely<Database>, o: ReturnEquipmentOptions): Promise<ReturnedEquipment> {
  const grant = requireWriteGrant(o.grant);
  const actor = grant.actor;
  const outcome = o.outcome ?? 'returned';
  const loan = await loanOf(trx, o.loanId, grant.patientId);
  const catalogueItem = await trx.selectFrom('equipment_catalogue_items').selectAll().where('id', '=', loan.catalogue_item_id).executeTakeFirstOrThrow();

  if (catalogueItem.stock_kind === 'stock') {
    if (outcome !== 'returned') {
      await auditWrite(grant, trx, { recordKind: 'equipment-loan', recordId: loan.id, detail: { returned: 'stock', outcome, quantity: loan.quantity } });
      return { kind: 'stock', outcome, storeId: null, quantity: loan.quantity, stockLevel: null };
    }
    const storeId = o.storeId ?? loan.store_id;
    if (!storeId) throw validationFailed([{ path: 'storeId', message: `Select the store the ${catalogueItem.name.toLowerCase()} goes back to` }]);
    const store = await storeOf(trx, storeId);
    const stockLevel = await moveStock(trx, {
      actor,
      storeId: store.id,
      catalogueItemId: catalogueItem.id,
      change: loan.quantity,
      reason: 'returned',
      loanId: loan.id,
      note: o.note ?? null,
      itemName: catalogueItem.name.toLowerCase(),
      storeName: store.name,
    });
    await auditWrite(grant, trx, { recordKind: 'equipment-loan', recordId: loan.id, detail: { returned: 'stock', outcome, storeId: store.id, quantity: loan.quantity } });
    return { kind: 'stock', outcome, storeId: store.id, quantity: loan.quantity, stockLevel };
  }

  if (!loan.item_id) throw validationFailed([{ path: 'loanId', message: `No ${catalogueItem.name.toLowerCase()} was issued on this loan, so there is nothing to take back` }]);
  const item = await trx.selectFrom('equipment_items').selectAll().where('id', '=', loan.item_id).forUpdate().executeTakeFirstOrThrow();
  if (item.status !== 'on-loan') {
    throw new HomewardError('version_conflict', `Item ${item.serial_number} is not on loan: it is ${itemStatusLabels[item.status].toLowerCase()}.`, { current: itemOf(item) });
  }
  const storeId = outcome === 'returned' && o.storeId ? (await storeOf(trx, o.storeId)).id : item.store_id;
  const condition = o.condition ?? item.condition;
  const status = outcome !== 'returned' ? outcome : condition === 'condemned' ? 'withdrawn' : 'in-store';
  const changed = await updateVersioned(trx, {
    actor,
    table: 'equipment_items',
    id: item.id,
    version: item.version,
    set: { status, store_id: storeId, condition },
    only: { status: 'on-loan' },
    current: async () => {
      const row = await trx.selectFrom('equipment_items').selectAll().where('id', '=', item.id).executeTakeFirst();
      return row ? itemOf(row) : undefined;
    },
    what: 'Equipment item',
  });
  await auditWrite(grant, trx, { recordKind: 'equipment-loan', recordId: loan.id, detail: { returned: 'tracked', outcome, itemId: item.id, storeId, condition } });
  return { kind: 'tracked', outcome, storeId, itemId: item.id, quantity: 1, item: itemOf(changed) };
}

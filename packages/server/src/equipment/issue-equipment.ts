// Issuing equipment to a loan: the stock count comes down by the loan's quantity, or the tracked item
// named goes on loan. Called by the loans part when a loan is delivered, in the loan's own transaction,
// so the loan and the store agree or neither changes. The loan is patient data, so this asks for the
// write grant of the loan's patient and audits through it.
import type { Kysely, Selectable } from 'kysely';
import { ukDateOf } from '@homeward/clinical';
import type { Database, EquipmentCatalogueItemsTable, EquipmentLoansTable } from '../db/schema.ts';
import { auditWrite, requireWriteGrant, type AccessGrant } from '../access/public.ts';
import { HomewardError, notFound, validationFailed } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { itemOf, itemStatusLabels, type EquipmentItem } from './item-view.ts';
import { moveStock } from './stock-move.ts';
import type { StockLevel } from './stock-view.ts';

export type IssueEquipmentOptions = {
  /** A write grant for the loan's patient (the loan names them). */
  grant: AccessGrant;
  /** The loan it goes out on: its catalogue item and quantity say what and how many. */
  loanId: string;
  /**
   * The store it leaves. Stock items: required. Tracked items: the item's own store when omitted;
   * when given, the item must be there.
   */
  storeId?: string | null;
  /** Tracked items: which one (its id; the look-up page finds it from a serial or asset number). */
  itemId?: string | null;
  /** The version the user saw: the item's (tracked) or the stock level's (stock); omitted: not checked. */
  version?: number;
  note?: string | null;
};

export type IssuedEquipment =
  | { kind: 'stock'; storeId: string; itemId: null; quantity: number; stockLevel: StockLevel }
  | { kind: 'tracked'; storeId: string; itemId: string; quantity: 1; item: EquipmentItem };

/**
 * Takes the equipment out of store for the loan, or refuses with nothing changed: an item already on
 * loan (or not in store) is a 409 saying where it is; too few in stock is a 409 saying how many are
 * left; an item of another model, an unknown store or lifting equipment past its examination date is
 * a 400 on the field at fault. Returns what went out (the caller sets the loan's item_id and store_id).
 */
export async function issueEquipment(trx: Kysely<Database>, o: IssueEquipmentOptions): Promise<IssuedEquipment> {
  const grant = requireWriteGrant(o.grant);
  const actor = grant.actor;
  const loan = await loanOf(trx, o.loanId, grant.patientId);
  const catalogueItem = await trx.selectFrom('equipment_catalogue_items').selectAll().where('id', '=', loan.catalogue_item_id).executeTakeFirstOrThrow();
  if (catalogueItem.stock_kind === 'stock') {
    if (o.itemId) throw validationFailed([{ path: 'itemId', message: `${catalogueItem.name} is counted as stock, not tracked one by one: do not name an item` }]);
    if (!o.storeId) throw validationFailed([{ path: 'storeId', message: `Select the store the ${catalogueItem.name.toLowerCase()} comes from` }]);
    const store = await storeOf(trx, o.storeId);
    const stockLevel = await moveStock(trx, {
      actor,
      storeId: store.id,
      catalogueItemId: catalogueItem.id,
      change: -loan.quantity,
      reason: 'issued',
      loanId: loan.id,
      note: o.note ?? null,
      ...(o.version === undefined ? {} : { version: o.version }),
      itemName: plural(catalogueItem),
      storeName: store.name,
    });
    await auditWrite(grant, trx, { recordKind: 'equipment-loan', recordId: loan.id, detail: { issued: 'stock', storeId: store.id, quantity: loan.quantity } });
    return { kind: 'stock', storeId: store.id, itemId: null, quantity: loan.quantity, stockLevel };
  }

  if (!o.itemId) throw validationFailed([{ path: 'itemId', message: `Enter the serial or asset number of the ${catalogueItem.name.toLowerCase()} being issued` }]);
  const item = await trx.selectFrom('equipment_items').selectAll().where('id', '=', o.itemId).forUpdate().executeTakeFirst();
  if (!item) throw validationFailed([{ path: 'itemId', message: 'No tracked item has that number' }]);
  if (item.catalogue_item_id !== catalogueItem.id) {
    throw validationFailed([{ path: 'itemId', message: `Item ${item.serial_number} is not a ${catalogueItem.name.toLowerCase()}: issue one of the model prescribed` }]);
  }
  if (o.storeId && o.storeId !== item.store_id) {
    const store = await storeOf(trx, o.storeId);
    throw validationFailed([{ path: 'itemId', message: `Item ${item.serial_number} is not kept at ${store.name}` }]);
  }
  if (item.status !== 'in-store') {
    throw new HomewardError('version_conflict', `Item ${item.serial_number} cannot be issued: it is ${itemStatusLabels[item.status].toLowerCase()}.`, { current: itemOf(item) });
  }
  if (item.condition === 'condemned') throw validationFailed([{ path: 'itemId', message: `Item ${item.serial_number} is condemned and cannot be issued` }]);
  const today = ukDateOf(actor.now);
  if (item.next_inspection_due !== null && item.next_inspection_due < today) {
    const what = catalogueItem.loler ? 'thorough examination (LOLER)' : 'service';
    throw validationFailed([{ path: 'itemId', message: `Item ${item.serial_number} is overdue its ${what}, due ${item.next_inspection_due}: it cannot be issued until it has passed one` }]);
  }
  const changed = await updateVersioned(trx, {
    actor,
    table: 'equipment_items',
    id: item.id,
    version: o.version ?? item.version,
    set: { status: 'on-loan' },
    only: { status: 'in-store' },
    current: async () => {
      const row = await trx.selectFrom('equipment_items').selectAll().where('id', '=', item.id).executeTakeFirst();
      return row ? itemOf(row) : undefined;
    },
    what: 'Equipment item',
  });
  await auditWrite(grant, trx, { recordKind: 'equipment-loan', recordId: loan.id, detail: { issued: 'tracked', itemId: item.id, storeId: item.store_id } });
  return { kind: 'tracked', storeId: item.store_id, itemId: item.id, quantity: 1, item: itemOf(changed) };
}

/** The loan, locked for the rest of the transaction, and only if it is the granted patient's. */
export async function loanOf(trx: Kysely<Database>, loanId: string, patientId: string): Promise<Selectable<EquipmentLoansTable>> {
  const loan = await trx.selectFrom('equipment_loans').selectAll().where('id', '=', loanId).forUpdate().executeTakeFirst();
  if (!loan || loan.patient_id !== patientId) throw notFound('Loan');
  return loan;
}

export async function storeOf(trx: Kysely<Database>, storeId: string): Promise<{ id: string; name: string }> {
  const store = await trx.selectFrom('equipment_stores').select(['id', 'name']).where('id', '=', storeId).executeTakeFirst();
  if (!store) throw validationFailed([{ path: 'storeId', message: 'Select a store that exists' }]);
  return store;
}

/** "perching stools": the refusal counts them. Catalogue names are singular nouns. */
function plural(item: Selectable<EquipmentCatalogueItemsTable>): string {
  const name = item.name.toLowerCase();
  return /s$/.test(name) ? name : `${name}s`;
}


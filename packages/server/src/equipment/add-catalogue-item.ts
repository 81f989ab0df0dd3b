// Adding an item to the catalogue. A code is used once: the same code again is refused on its field.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { isUniqueViolation } from '../platform/database-errors.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { catalogueItemOf, type CatalogueItem } from './catalogue-view.ts';
import type { CatalogueItemInput } from './catalogue-schemas.ts';

/** The catalogue item's columns from what was typed: one mapping for adding and changing. */
export function catalogueColumnsOf(i: CatalogueItemInput) {
  return {
    code: i.code,
    name: i.name,
    category: i.category,
    make: i.make,
    model: i.model,
    stock_kind: i.stockKind,
    loler: i.loler,
    inspection_interval_months: i.inspectionIntervalMonths,
    needs_risk_assessment: i.needsRiskAssessment,
    prescriber: i.prescriber,
    unit_cost_pence: i.unitCostPence,
    instructions: i.instructions,
    active: i.active,
  };
}

export type AddCatalogueItemOptions = { actor: Actor; id?: string; input: CatalogueItemInput };

export async function addCatalogueItem(trx: Kysely<Database>, o: AddCatalogueItemOptions): Promise<CatalogueItem> {
  const who = o.actor.staff.staffId;
  const now = o.actor.now;
  const i = o.input;
  await refuseTakenCode(trx, i.code, null);
  try {
    const row = await trx
      .insertInto('equipment_catalogue_items')
      .values({
        id: o.id ?? o.input.id ?? uuidv7(),
        ...catalogueColumnsOf(i),
        created_at: now,
        created_by: who,
        updated_at: now,
        updated_by: who,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return catalogueItemOf(row);
  } catch (error) {
    // Two people adding the same code at once: the second meets the unique index.
    if (isUniqueViolation(error, 'equipment_catalogue_items_code_key')) throw codeTaken(i.code);
    if (isUniqueViolation(error, 'equipment_catalogue_items_pkey')) throw new HomewardError('duplicate', 'A catalogue item with this id already exists');
    throw error;
  }
}

export async function refuseTakenCode(trx: Kysely<Database>, code: string, exceptId: string | null): Promise<void> {
  let query = trx.selectFrom('equipment_catalogue_items').select('id').where('code', '=', code);
  if (exceptId) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) throw codeTaken(code);
}

function codeTaken(code: string): HomewardError {
  return new HomewardError('duplicate', `Catalogue code ${code} is already used by another item`, { fields: [{ path: 'code', message: `Catalogue code ${code} is already used by another item` }] });
}

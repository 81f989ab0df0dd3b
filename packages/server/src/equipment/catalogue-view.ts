// A catalogue item as pages and the JSON API show it.
import type { Selectable } from 'kysely';
import type { EquipmentCatalogueItemsTable, EquipmentCategory } from '../db/schema.ts';

export type CatalogueItem = {
  id: string;
  code: string;
  name: string;
  category: EquipmentCategory;
  make: string;
  model: string;
  stockKind: 'stock' | 'tracked';
  loler: boolean;
  inspectionIntervalMonths: number | null;
  needsRiskAssessment: boolean;
  prescriber: 'assistant' | 'registered';
  unitCostPence: number;
  instructions: string;
  active: boolean;
  version: number;
};

export function catalogueItemOf(row: Selectable<EquipmentCatalogueItemsTable>): CatalogueItem {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    category: row.category,
    make: row.make,
    model: row.model,
    stockKind: row.stock_kind,
    loler: row.loler,
    inspectionIntervalMonths: row.inspection_interval_months,
    needsRiskAssessment: row.needs_risk_assessment,
    prescriber: row.prescriber,
    unitCostPence: row.unit_cost_pence,
    instructions: row.instructions,
    active: row.active,
    version: row.version,
  };
}

/** "£12.50" from pence. */
export function poundsOf(pence: number): string {
  return `£${(pence / 100).toFixed(2)}`;
}

/** "perching stools": refusals count them. Catalogue names are singular nouns. */
export function pluralName(name: string): string {
  const lower = name.toLowerCase();
  return /s$/.test(lower) ? lower : `${lower}s`;
}

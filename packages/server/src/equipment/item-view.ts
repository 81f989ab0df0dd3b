// A tracked item as every equipment page and the JSON API show it (not patient data: where an item is
// and when it is next examined says nothing about who has it).
import type { Selectable } from 'kysely';
import type { EquipmentItemCondition, EquipmentItemStatus, EquipmentItemsTable } from '../db/schema.ts';

export type EquipmentItem = {
  id: string;
  catalogueItemId: string;
  serialNumber: string;
  assetNumber: string | null;
  batch: string | null;
  storeId: string;
  condition: EquipmentItemCondition;
  status: EquipmentItemStatus;
  /** 'YYYY-MM-DD'. */
  lastInspectedOn: string | null;
  nextInspectionDue: string | null;
  version: number;
};

export function itemOf(row: Selectable<EquipmentItemsTable>): EquipmentItem {
  return {
    id: row.id,
    catalogueItemId: row.catalogue_item_id,
    serialNumber: row.serial_number,
    assetNumber: row.asset_number,
    batch: row.batch,
    storeId: row.store_id,
    condition: row.condition,
    status: row.status,
    lastInspectedOn: row.last_inspected_on,
    nextInspectionDue: row.next_inspection_due,
    version: row.version,
  };
}

export const itemStatusLabels: Record<EquipmentItemStatus, string> = {
  'in-store': 'In store',
  'on-loan': 'On loan',
  'in-repair': 'In repair',
  withdrawn: 'Withdrawn from use',
  missing: 'Missing',
  'written-off': 'Written off',
};

export const itemConditionLabels: Record<EquipmentItemCondition, string> = {
  new: 'New',
  good: 'Good',
  fair: 'Fair',
  poor: 'Poor',
  condemned: 'Condemned',
};

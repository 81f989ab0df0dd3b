// Device (issue 18 #2): a tracked item of equipment (serial and asset numbers, make and model, batch,
// whether it is in use and when it is next examined). An item says nothing about who has it, so a read
// by id is for the clinical staff who see the equipment pages (not patient data, as there); which
// patient has it is the DeviceRequest's, so a search by patient goes through the loans' grant and audit.
import type { Kysely } from 'kysely';
import { isClinicalRole } from '@homeward/clinical';
import { findItem, type ItemLine } from '../../equipment/public.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { notFound } from '../../platform/homeward-error.ts';
import type { FhirResource, FhirResourceModule } from '../fhir-resource-module.ts';
import { homewardIdSystem } from '../homeward-systems.ts';
import { patientSearchParameter, recordIdOf, withPatient } from './record-resource-support.ts';
import { readableLoans } from './device-request.ts';

/** R4 device-status: in use (in store, on loan, in repair) is active; withdrawn, missing or written off, inactive. */
const statuses: Record<ItemLine['status'], 'active' | 'inactive'> = { 'in-store': 'active', 'on-loan': 'active', 'in-repair': 'active', withdrawn: 'inactive', missing: 'inactive', 'written-off': 'inactive' };

export function toFhirDevice(item: ItemLine): FhirResource {
  return {
    resourceType: 'Device',
    id: item.id,
    meta: { versionId: String(item.version) },
    identifier: [
      { system: homewardIdSystem('equipment-serial-number'), value: item.serialNumber },
      ...(item.assetNumber ? [{ system: homewardIdSystem('equipment-asset-number'), value: item.assetNumber }] : []),
    ],
    status: statuses[item.status],
    manufacturer: item.make,
    ...(item.batch ? { lotNumber: item.batch } : {}),
    serialNumber: item.serialNumber,
    deviceName: [{ name: item.name, type: 'user-friendly-name' }],
    modelNumber: item.model,
    type: { text: item.name },
    note: [
      { text: `Status: ${item.status.replace(/-/g, ' ')}; condition: ${item.condition}` },
      ...(item.nextInspectionDue ? [{ text: `Next ${item.loler ? 'LOLER examination' : 'service'} due ${item.nextInspectionDue}` }] : []),
    ],
  };
}

async function search(db: Kysely<Database>, actor: Actor, patientId: string): Promise<FhirResource[]> {
  const itemIds = new Set((await readableLoans(db, { actor, patientId, resourceType: 'Device' })).flatMap(({ loans }) => loans.flatMap((l) => (l.itemId ? [l.itemId] : []))));
  const items: FhirResource[] = [];
  for (const id of itemIds) {
    const item = await findItem(db, id);
    if (item) items.push(toFhirDevice(item));
  }
  return items;
}

export const deviceModule: FhirResourceModule = {
  type: 'Device',
  searchParams: [patientSearchParameter],
  async read(db, { actor, id }) {
    const ids = recordIdOf(id);
    // The equipment pages' rule: clinical staff see tracked items; anyone else is told nothing.
    if (!ids || ids.part || !isClinicalRole(actor.staff.role)) throw notFound('Device');
    const item = await findItem(db, ids.recordId);
    if (!item) throw notFound('Device');
    return toFhirDevice(item);
  },
  search: (db, { actor, params }) => withPatient(params, (patientId) => search(db, actor, patientId)),
  everything: (db, { actor, patientId }) => search(db, actor, patientId),
};

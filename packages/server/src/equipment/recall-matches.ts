// The loans a recall of a model (and, where given, one batch) touches: every loan whose equipment is in
// a patient's home now, across the whole service. Stays-with-patient and transferred (to social care)
// count: the device is still in the home, and a safety alert is about the device, not who pays for it.
// A batch belongs to a tracked item; a stock loan has none, so a batch recall finds tracked items only.
import { sql, type Kysely } from 'kysely';
import type { Database, EquipmentLoanStatus } from '../db/schema.ts';

export const loanStatusesInTheHome: readonly EquipmentLoanStatus[] = ['delivered', 'to-collect', 'stays-with-patient', 'transferred'];

export type RecallMatch = {
  loanId: string;
  patientId: string;
  episodeId: string;
  teamId: string;
  teamName: string;
  catalogueItemId: string;
  itemName: string;
  make: string;
  model: string;
  serialNumber: string | null;
  batch: string | null;
  quantity: number;
  loanStatus: EquipmentLoanStatus;
  deliveredAt: Date | null;
};

/** The same batch whatever the case and spacing it was typed with. */
export const batchKey = (batch: string) => batch.replace(/\s+/g, '').toUpperCase();

export async function findRecallMatches(db: Kysely<Database>, o: { catalogueItemId: string; batch: string | null }): Promise<RecallMatch[]> {
  let q = db
    .selectFrom('equipment_loans as l')
    .innerJoin('equipment_catalogue_items as c', 'c.id', 'l.catalogue_item_id')
    .innerJoin('teams as t', 't.id', 'l.team_id')
    .leftJoin('equipment_items as i', 'i.id', 'l.item_id')
    .select([
      'l.id as loanId', 'l.patient_id as patientId', 'l.episode_id as episodeId', 'l.team_id as teamId', 't.name as teamName', 'l.catalogue_item_id as catalogueItemId',
      'c.name as itemName', 'c.make', 'c.model', 'i.serial_number as serialNumber', 'i.batch', 'l.quantity', 'l.status as loanStatus', 'l.delivered_at as deliveredAt',
    ])
    .where('l.catalogue_item_id', '=', o.catalogueItemId)
    .where('l.status', 'in', loanStatusesInTheHome);
  if (o.batch !== null) q = q.where(sql<string>`upper(regexp_replace(coalesce(i.batch, ''), '\\s', '', 'g'))`, '=', batchKey(o.batch));
  return q.orderBy('t.name').orderBy('l.delivered_at').orderBy('l.id').execute();
}

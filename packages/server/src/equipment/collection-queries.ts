// The loans of an episode that a discharge must decide on, and the team's collections still out:
// the rows the collection pages, the JSON API and the record's discharge page show.
import type { Kysely } from 'kysely';
import type { Database, EquipmentLoanStatus } from '../db/schema.ts';
import type { DischargeDecision } from './collection-words.ts';

export type LoanAtDischarge = {
  id: string;
  version: number;
  patientId: string;
  episodeId: string;
  teamId: string;
  catalogueItemId: string;
  itemName: string;
  stockKind: 'stock' | 'tracked';
  serialNumber: string | null;
  quantity: number;
  storeId: string | null;
  status: EquipmentLoanStatus;
  deliveredAt: Date | null;
  dischargeDecision: DischargeDecision | null;
  collectionVisitId: string | null;
  collectionDate: string | null;
  endedAt: Date | null;
  endNote: string | null;
};

/** What discharge lists: equipment with the patient, decided or not, and what came of collections. */
export const statusesAtDischarge: readonly EquipmentLoanStatus[] = ['delivered', 'to-collect', 'stays-with-patient', 'transferred', 'returned', 'missing', 'written-off'];

function loansQuery(db: Kysely<Database>) {
  return db
    .selectFrom('equipment_loans as l')
    .innerJoin('equipment_catalogue_items as c', 'c.id', 'l.catalogue_item_id')
    .leftJoin('equipment_items as i', 'i.id', 'l.item_id')
    .leftJoin('visits as v', 'v.id', 'l.collection_visit_id')
    .select([
      'l.id', 'l.version', 'l.patient_id', 'l.episode_id', 'l.team_id', 'l.catalogue_item_id', 'c.name as itemName', 'c.stock_kind', 'i.serial_number', 'l.quantity', 'l.store_id',
      'l.status', 'l.delivered_at', 'l.discharge_decision', 'l.collection_visit_id', 'v.on_date', 'l.ended_at', 'l.end_note',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof loansQuery>['execute']>>[number];
const toLoan = (r: Row): LoanAtDischarge => ({
  id: r.id, version: r.version, patientId: r.patient_id, episodeId: r.episode_id, teamId: r.team_id, catalogueItemId: r.catalogue_item_id, itemName: r.itemName, stockKind: r.stock_kind,
  serialNumber: r.serial_number, quantity: r.quantity, storeId: r.store_id, status: r.status, deliveredAt: r.delivered_at ? new Date(r.delivered_at) : null,
  dischargeDecision: r.discharge_decision, collectionVisitId: r.collection_visit_id, collectionDate: r.on_date ?? null, endedAt: r.ended_at ? new Date(r.ended_at) : null, endNote: r.end_note,
});

export async function findLoanAtDischarge(db: Kysely<Database>, loanId: string): Promise<LoanAtDischarge | null> {
  const row = await loansQuery(db).where('l.id', '=', loanId).executeTakeFirst();
  return row ? toLoan(row) : null;
}

export async function listLoansAtDischarge(db: Kysely<Database>, episodeId: string): Promise<LoanAtDischarge[]> {
  const rows = await loansQuery(db).where('l.episode_id', '=', episodeId).where('l.status', 'in', statusesAtDischarge).orderBy('l.delivered_at').orderBy('l.id').execute();
  return rows.map(toLoan);
}

/** The episode's items on loan with no decision at discharge yet: delivered, and still with the patient. */
export async function listUndecidedLoans(db: Kysely<Database>, o: { patientId: string; episodeId: string }): Promise<LoanAtDischarge[]> {
  const rows = await loansQuery(db).where('l.episode_id', '=', o.episodeId).where('l.patient_id', '=', o.patientId).where('l.status', '=', 'delivered').where('l.discharge_decision', 'is', null).orderBy('l.delivered_at').orderBy('l.id').execute();
  return rows.map(toLoan);
}

/** The episode's prescriptions not yet delivered, in the order prescribed. */
export async function listUndeliveredPrescriptions(db: Kysely<Database>, o: { patientId: string; episodeId: string }): Promise<LoanAtDischarge[]> {
  const rows = await loansQuery(db).where('l.episode_id', '=', o.episodeId).where('l.patient_id', '=', o.patientId).where('l.status', '=', 'prescribed').orderBy('l.id').execute();
  return rows.map(toLoan);
}

export type CollectionRow = LoanAtDischarge & { patientName: string; address: string; phone: string | null };

/** The team's loans to collect: each until returned, missing or written off. */
export async function listTeamCollections(db: Kysely<Database>, teamId: string): Promise<CollectionRow[]> {
  const rows = await loansQuery(db)
    .innerJoin('patients as p', 'p.id', 'l.patient_id')
    .select(['p.given_name', 'p.family_name', 'p.address_line1', 'p.town', 'p.postcode', 'p.phone'])
    .where('l.team_id', '=', teamId)
    .where('l.status', '=', 'to-collect')
    .orderBy('v.on_date')
    .orderBy('l.id')
    .execute();
  return rows.map((r) => ({ ...toLoan(r), patientName: `${r.given_name} ${r.family_name}`, address: [r.address_line1, r.town, r.postcode].join(', '), phone: r.phone }));
}

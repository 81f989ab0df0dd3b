// Recalls and their actions as read: the recall's header (no patient in it) and its action list, where
// each patient is named only for a clinician who may see them (recall-search.ts visibleMatches).
import type { Kysely, Selectable } from 'kysely';
import type { Database, EquipmentRecallActionStatus, EquipmentRecallsTable } from '../db/schema.ts';

export type EquipmentRecall = {
  id: string;
  version: number;
  catalogueItemId: string;
  itemName: string;
  make: string;
  model: string;
  batch: string | null;
  reference: string;
  reason: string;
  status: 'open' | 'closed';
  createdAt: Date;
  createdByName: string;
  /** Actions by status, so the list shows how far the recall has been worked. */
  counts: Record<EquipmentRecallActionStatus, number>;
};

export type RecallActionRow = {
  id: string;
  version: number;
  recallId: string;
  loanId: string;
  patientId: string;
  teamId: string;
  teamName: string;
  status: EquipmentRecallActionStatus;
  outcome: string | null;
  serialNumber: string | null;
  batch: string | null;
  updatedAt: Date;
  updatedByName: string;
};

const emptyCounts = (): Record<EquipmentRecallActionStatus, number> => ({ 'to-contact': 0, contacted: 0, inspected: 0, collected: 0, closed: 0 });

function recallsQuery(db: Kysely<Database>) {
  return db
    .selectFrom('equipment_recalls as r')
    .innerJoin('equipment_catalogue_items as c', 'c.id', 'r.catalogue_item_id')
    .innerJoin('staff as s', 's.id', 'r.created_by')
    .select(['r.id', 'r.version', 'r.catalogue_item_id', 'c.name as itemName', 'c.make', 'c.model', 'r.batch', 'r.reference', 'r.reason', 'r.status', 'r.created_at', 's.given_name as createdByGiven', 's.family_name as createdByFamily']);
}

type RecallRow = Pick<Selectable<EquipmentRecallsTable>, 'id' | 'version' | 'catalogue_item_id' | 'batch' | 'reference' | 'reason' | 'status' | 'created_at'> & { itemName: string; make: string; model: string; createdByGiven: string; createdByFamily: string };

async function withCounts(db: Kysely<Database>, rows: RecallRow[]): Promise<EquipmentRecall[]> {
  const ids = rows.map((r) => r.id);
  const counts = ids.length
    ? await db.selectFrom('equipment_recall_actions').select(['recall_id', 'status', (eb) => eb.fn.countAll<string>().as('n')]).where('recall_id', 'in', ids).groupBy(['recall_id', 'status']).execute()
    : [];
  return rows.map((r) => {
    const c = emptyCounts();
    for (const n of counts.filter((x) => x.recall_id === r.id)) c[n.status] = Number(n.n);
    return {
      id: r.id, version: r.version, catalogueItemId: r.catalogue_item_id, itemName: r.itemName, make: r.make, model: r.model, batch: r.batch,
      reference: r.reference, reason: r.reason, status: r.status as 'open' | 'closed', createdAt: new Date(r.created_at), createdByName: `${r.createdByGiven} ${r.createdByFamily}`, counts: c,
    };
  });
}

export async function findRecall(db: Kysely<Database>, id: string): Promise<EquipmentRecall | null> {
  const row = await recallsQuery(db).where('r.id', '=', id).executeTakeFirst();
  return row ? (await withCounts(db, [row]))[0]! : null;
}

export async function listRecalls(db: Kysely<Database>): Promise<EquipmentRecall[]> {
  const rows = await recallsQuery(db).orderBy('r.status', 'desc').orderBy('r.created_at', 'desc').limit(200).execute();
  return withCounts(db, rows);
}

export async function listRecallActions(db: Kysely<Database>, recallId: string): Promise<RecallActionRow[]> {
  const rows = await db
    .selectFrom('equipment_recall_actions as a')
    .innerJoin('equipment_loans as l', 'l.id', 'a.loan_id')
    .innerJoin('teams as t', 't.id', 'l.team_id')
    .innerJoin('staff as s', 's.id', 'a.updated_by')
    .leftJoin('equipment_items as i', 'i.id', 'l.item_id')
    .select(['a.id', 'a.version', 'a.recall_id', 'a.loan_id', 'a.patient_id', 'l.team_id', 't.name as teamName', 'a.status', 'a.outcome', 'i.serial_number', 'i.batch', 'a.updated_at', 's.given_name', 's.family_name'])
    .where('a.recall_id', '=', recallId)
    .orderBy('t.name')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    id: r.id, version: r.version, recallId: r.recall_id, loanId: r.loan_id, patientId: r.patient_id, teamId: r.team_id, teamName: r.teamName, status: r.status, outcome: r.outcome,
    serialNumber: r.serial_number, batch: r.batch, updatedAt: new Date(r.updated_at), updatedByName: `${r.given_name} ${r.family_name}`,
  }));
}

export async function findRecallAction(db: Kysely<Database>, id: string): Promise<RecallActionRow | null> {
  const row = await db.selectFrom('equipment_recall_actions').select('recall_id').where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return (await listRecallActions(db, row.recall_id)).find((a) => a.id === id) ?? null;
}

// Reading loans. listEpisodeLoans and findLoan take the grant (a route that forgot to authorise does not
// compile); findLoanEpisodeId is the grant-less loader a URL naming a loan uses, to find the episode to
// authorise. The catalogue and the store's items offered on the forms are not patient data.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { LoanAccess } from './loan-access.ts';
import type { LoanResponse, TrainingResponse } from './loan-schema.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function loansQuery(db: Kysely<Database>) {
  return db
    .selectFrom('equipment_loans as l')
    .innerJoin('equipment_catalogue_items as c', 'c.id', 'l.catalogue_item_id')
    .innerJoin('staff as p', 'p.id', 'l.prescribed_by')
    .leftJoin('staff as d', 'd.id', 'l.delivered_by')
    .leftJoin('equipment_items as i', 'i.id', 'l.item_id')
    .selectAll('l')
    .select(['c.name as item_name', 'c.category', 'c.make', 'c.model', 'c.stock_kind', 'c.instructions', 'p.given_name as prescriber_given', 'p.family_name as prescriber_family', 'd.given_name as deliverer_given', 'd.family_name as deliverer_family', 'i.serial_number']);
}

type LoanRow = Awaited<ReturnType<ReturnType<typeof loansQuery>['execute']>>[number];

async function trainingOf(db: Kysely<Database>, loanIds: string[]): Promise<Map<string, TrainingResponse[]>> {
  const byLoan = new Map<string, TrainingResponse[]>();
  if (loanIds.length === 0) return byLoan;
  const rows = await db
    .selectFrom('equipment_training as t')
    .innerJoin('staff as s', 's.id', 't.taught_by')
    .selectAll('t')
    .select(['s.given_name', 's.family_name'])
    .where('t.loan_id', 'in', loanIds)
    .orderBy('t.taught_at')
    .orderBy('t.id')
    .execute();
  for (const r of rows) {
    const list = byLoan.get(r.loan_id) ?? [];
    list.push({
      id: r.id, loanId: r.loan_id, personKind: r.person_kind, personName: r.person_name, whatTaught: r.what_taught, understood: r.understood,
      understandingNote: r.understanding_note, taughtAt: new Date(r.taught_at).toISOString(), taughtBy: r.taught_by, taughtByName: `${r.given_name} ${r.family_name}`,
    });
    byLoan.set(r.loan_id, list);
  }
  return byLoan;
}

function toLoan(r: LoanRow, training: TrainingResponse[]): LoanResponse {
  return {
    id: r.id, version: r.version, patientId: r.patient_id, episodeId: r.episode_id, teamId: r.team_id, catalogueItemId: r.catalogue_item_id,
    itemName: r.item_name, category: r.category, make: r.make, model: r.model, stockKind: r.stock_kind, instructions: r.instructions,
    itemId: r.item_id, serialNumber: r.serial_number ?? null, storeId: r.store_id, quantity: r.quantity, reason: r.reason,
    assessmentId: r.assessment_id, assessmentNote: r.assessment_note, riskAssessment: r.risk_assessment, riskAssessedAt: iso(r.risk_assessed_at),
    status: r.status, prescribedAt: new Date(r.prescribed_at).toISOString(), prescribedBy: r.prescribed_by, prescribedByName: `${r.prescriber_given} ${r.prescriber_family}`,
    deliveredAt: iso(r.delivered_at), deliveredBy: r.delivered_by, deliveredByName: r.deliverer_given ? `${r.deliverer_given} ${r.deliverer_family}` : null, deliveredWhere: r.delivered_where, fitted: r.fitted,
    endNote: r.end_note, training,
  };
}

/** The episode's loans, newest prescription first, each with everyone taught to use it. */
export async function listEpisodeLoans(db: Kysely<Database>, access: LoanAccess): Promise<LoanResponse[]> {
  const rows = await loansQuery(db).where('l.episode_id', '=', access.episode.id).orderBy('l.prescribed_at', 'desc').orderBy('l.id', 'desc').execute();
  const training = await trainingOf(db, rows.map((r) => r.id));
  return rows.map((r) => toLoan(r, training.get(r.id) ?? []));
}

/** One loan of the granted episode, or null (a loan of another episode is not found through this grant). */
export async function findLoan(db: Kysely<Database>, access: LoanAccess, loanId: string): Promise<LoanResponse | null> {
  const row = await loansQuery(db).where('l.id', '=', loanId).where('l.episode_id', '=', access.episode.id).executeTakeFirst();
  if (!row) return null;
  return toLoan(row, (await trainingOf(db, [row.id])).get(row.id) ?? []);
}

/** The episode a loan belongs to, for the loader a URL naming the loan uses (then authorised). */
export async function findLoanEpisodeId(db: Kysely<Database>, loanId: string): Promise<string | null> {
  const row = await db.selectFrom('equipment_loans').select('episode_id').where('id', '=', loanId).executeTakeFirst();
  return row?.episode_id ?? null;
}

/** What may be prescribed: the catalogue's active items, by category and name. Not patient data. */
export async function listPrescribableItems(db: Kysely<Database>) {
  return db
    .selectFrom('equipment_catalogue_items')
    .select(['id', 'name', 'category', 'make', 'model', 'stock_kind', 'loler', 'prescriber', 'needs_risk_assessment', 'active'])
    .where('active', '=', true)
    .orderBy('category')
    .orderBy('name')
    .execute();
}

/** Where a loan's item can come from: stores holding the stock item, or tracked items in store and fit for use. Not patient data. */
export async function listIssuableStock(db: Kysely<Database>, catalogueItemId: string) {
  const [stores, items] = await Promise.all([
    db.selectFrom('equipment_stock_levels as s').innerJoin('equipment_stores as st', 'st.id', 's.store_id')
      .select(['st.id', 'st.name', 's.quantity']).where('s.catalogue_item_id', '=', catalogueItemId).where('st.active', '=', true).orderBy('st.name').execute(),
    db.selectFrom('equipment_items as i').innerJoin('equipment_stores as st', 'st.id', 'i.store_id')
      .select(['i.id', 'i.serial_number', 'i.asset_number', 'i.next_inspection_due', 'st.name as store_name'])
      .where('i.catalogue_item_id', '=', catalogueItemId).where('i.status', '=', 'in-store').where('i.condition', '<>', 'condemned')
      .orderBy('i.serial_number').execute(),
  ]);
  return { stores, items };
}

/** The scored assessments of the granted episode a prescription may rest on (named on the form: the form's read is audited with the episode's equipment). */
export async function listEpisodeAssessments(db: Kysely<Database>, access: LoanAccess): Promise<{ id: string; instrumentId: string; administeredAt: Date }[]> {
  const rows = await db.selectFrom('assessments').select(['id', 'instrument_id', 'administered_at']).where('episode_id', '=', access.episode.id).orderBy('administered_at', 'desc').execute();
  return rows.map((r) => ({ id: r.id, instrumentId: r.instrument_id, administeredAt: new Date(r.administered_at) }));
}

// The equipment reports, for the team's clinicians and managers: items on loan by category and cost,
// LOLER examinations and services overdue, items not collected after discharge, and loan durations.
// None names a patient: they count loans and items, so they are not patient data (the collections
// list, which names them, is the team list that acts on them).
import type { Kysely } from 'kysely';
import { equipmentCategories, equipmentCategoryLabels, ukDateOf, type EquipmentCategory } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { daysBetween, poundsOf, summariseDurations, type DurationSummary } from './report-figures.ts';

export const equipmentReports = ['on-loan-by-category', 'overdue-inspections', 'uncollected-after-discharge', 'loan-durations'] as const;
export type EquipmentReport = (typeof equipmentReports)[number];

export const equipmentReportTitles: Record<EquipmentReport, string> = {
  'on-loan-by-category': 'Items on loan by category and cost',
  'overdue-inspections': 'Overdue inspections',
  'uncollected-after-discharge': 'Items not collected after discharge',
  'loan-durations': 'Loan durations',
};

/** A report as a table: the columns' headings and its rows, the same for the page, the JSON and the CSV. */
export type ReportTable = { report: EquipmentReport; title: string; columns: string[]; rows: Array<Array<string | number | null>> };

const onLoan = ['delivered', 'to-collect'] as const;

async function onLoanByCategory(db: Kysely<Database>, teamId: string): Promise<ReportTable> {
  const rows = await db
    .selectFrom('equipment_loans as l')
    .innerJoin('equipment_catalogue_items as c', 'c.id', 'l.catalogue_item_id')
    .select(['c.category', (eb) => eb.fn.countAll<string>().as('loans'), (eb) => eb.fn.sum<string>('l.quantity').as('items'), (eb) => eb.fn.sum<string>(eb('l.quantity', '*', eb.ref('c.unit_cost_pence'))).as('pence')])
    .where('l.team_id', '=', teamId)
    .where('l.status', 'in', onLoan)
    .groupBy('c.category')
    .execute();
  const by = new Map(rows.map((r) => [r.category, r]));
  const table = equipmentCategories.map((category: EquipmentCategory) => {
    const r = by.get(category);
    return [equipmentCategoryLabels[category], Number(r?.loans ?? 0), Number(r?.items ?? 0), poundsOf(Number(r?.pence ?? 0))];
  });
  const total = rows.reduce((acc, r) => ({ loans: acc.loans + Number(r.loans), items: acc.items + Number(r.items), pence: acc.pence + Number(r.pence) }), { loans: 0, items: 0, pence: 0 });
  return { report: 'on-loan-by-category', title: equipmentReportTitles['on-loan-by-category'], columns: ['Category', 'Loans', 'Items', 'Cost (£)'], rows: [...table, ['All categories', total.loans, total.items, poundsOf(total.pence)]] };
}

async function overdueInspections(db: Kysely<Database>, teamId: string, now: Date): Promise<ReportTable> {
  const today = ukDateOf(now);
  const rows = await db
    .selectFrom('equipment_items as i')
    .innerJoin('equipment_catalogue_items as c', 'c.id', 'i.catalogue_item_id')
    .innerJoin('equipment_stores as s', 's.id', 'i.store_id')
    .select(['c.name', 'c.loler', 'i.serial_number', 'i.asset_number', 's.name as store', 'i.status', 'i.next_inspection_due'])
    .where((eb) => eb.or([eb('s.team_id', '=', teamId), eb('s.team_id', 'is', null)]))
    .where('i.next_inspection_due', '<', today)
    .where('i.status', 'not in', ['withdrawn', 'written-off'])
    .orderBy('i.next_inspection_due')
    .orderBy('i.serial_number')
    .execute();
  return {
    report: 'overdue-inspections',
    title: equipmentReportTitles['overdue-inspections'],
    columns: ['Item', 'Serial number', 'Asset number', 'Kind', 'Store', 'Where now', 'Due', 'Days overdue'],
    rows: rows.map((r) => [r.name, r.serial_number, r.asset_number, r.loler ? 'LOLER thorough examination' : 'Service', r.store, r.status === 'on-loan' ? 'On loan' : r.status === 'in-store' ? 'In store' : r.status, r.next_inspection_due, daysBetween(new Date(`${r.next_inspection_due}T00:00:00Z`), new Date(`${today}T00:00:00Z`))]),
  };
}

async function uncollectedAfterDischarge(db: Kysely<Database>, teamId: string, now: Date): Promise<ReportTable> {
  const rows = await db
    .selectFrom('equipment_loans as l')
    .innerJoin('episodes as e', 'e.id', 'l.episode_id')
    .innerJoin('equipment_catalogue_items as c', 'c.id', 'l.catalogue_item_id')
    .leftJoin('equipment_items as i', 'i.id', 'l.item_id')
    .leftJoin('visits as v', 'v.id', 'l.collection_visit_id')
    .select(['l.id', 'c.name', 'c.unit_cost_pence', 'l.quantity', 'i.serial_number', 'l.status', 'e.discharged_on', 'v.on_date'])
    .where('l.team_id', '=', teamId)
    .where('e.status', '=', 'discharged')
    .where('l.status', 'in', onLoan)
    .orderBy('e.discharged_on')
    .orderBy('l.id')
    .execute();
  const today = ukDateOf(now);
  return {
    report: 'uncollected-after-discharge',
    title: equipmentReportTitles['uncollected-after-discharge'],
    columns: ['Loan', 'Item', 'Serial number', 'Quantity', 'Cost (£)', 'Decision', 'Discharged', 'Days since discharge', 'Collection visit'],
    rows: rows.map((r) => [
      r.id, r.name, r.serial_number, r.quantity, poundsOf(r.quantity * r.unit_cost_pence), r.status === 'to-collect' ? 'To collect' : 'Not decided', r.discharged_on,
      r.discharged_on ? daysBetween(new Date(`${r.discharged_on}T00:00:00Z`), new Date(`${today}T00:00:00Z`)) : null, r.on_date ?? 'Not booked',
    ]),
  };
}

async function loanDurations(db: Kysely<Database>, teamId: string, now: Date): Promise<ReportTable> {
  const rows = await db
    .selectFrom('equipment_loans as l')
    .innerJoin('equipment_catalogue_items as c', 'c.id', 'l.catalogue_item_id')
    .select(['c.category', 'l.delivered_at', 'l.ended_at'])
    .where('l.team_id', '=', teamId)
    .where('l.delivered_at', 'is not', null)
    .execute();
  const ended = new Map<EquipmentCategory, number[]>();
  const open = new Map<EquipmentCategory, number[]>();
  for (const r of rows) {
    const into = r.ended_at ? ended : open;
    const list = into.get(r.category) ?? [];
    list.push(daysBetween(new Date(r.delivered_at!), r.ended_at ? new Date(r.ended_at) : now));
    into.set(r.category, list);
  }
  const cells = (s: DurationSummary) => [s.count, s.medianDays, s.longestDays];
  return {
    report: 'loan-durations',
    title: equipmentReportTitles['loan-durations'],
    columns: ['Category', 'Ended loans', 'Median days (ended)', 'Longest days (ended)', 'Loans still out', 'Median days so far', 'Longest days so far'],
    rows: equipmentCategories.map((category) => [equipmentCategoryLabels[category], ...cells(summariseDurations(ended.get(category) ?? [])), ...cells(summariseDurations(open.get(category) ?? []))]),
  };
}

export async function readEquipmentReport(db: Kysely<Database>, o: { report: EquipmentReport; teamId: string; now: Date }): Promise<ReportTable> {
  switch (o.report) {
    case 'on-loan-by-category':
      return onLoanByCategory(db, o.teamId);
    case 'overdue-inspections':
      return overdueInspections(db, o.teamId, o.now);
    case 'uncollected-after-discharge':
      return uncollectedAfterDischarge(db, o.teamId, o.now);
    case 'loan-durations':
      return loanDurations(db, o.teamId, o.now);
  }
}

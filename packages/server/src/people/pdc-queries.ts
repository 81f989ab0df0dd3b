// A PDC as stored, with its objectives and development plan; each person's PDCs; the team's latest.
import type { Kysely } from 'kysely';
import type { PdcItemKind, PdcItemStatusValue } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';

export type PdcItem = { id: string; version: number; pdcId: string; kind: PdcItemKind; text: string; measure: string; reviewOn: string | null; status: PdcItemStatusValue; progress: string };
export type Pdc = {
  id: string; version: number; staffId: string; staffName: string; managerId: string; managerName: string; teamId: string | null;
  heldOn: string; nextReviewOn: string; summary: string; status: 'draft' | 'agreed';
  staffConfirmedAt: string | null; managerConfirmedAt: string | null; items: PdcItem[];
};

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export async function findPdc(db: Kysely<Database>, id: string): Promise<Pdc | null> {
  const row = await db.selectFrom('pdc_records as p')
    .innerJoin('staff as s', 's.id', 'p.staff_id')
    .innerJoin('staff as m', 'm.id', 'p.manager_id')
    .select(['p.id', 'p.version', 'p.staff_id', 'p.manager_id', 'p.held_on', 'p.next_review_on', 'p.summary', 'p.status', 'p.staff_confirmed_at', 'p.manager_confirmed_at', 's.given_name as sg', 's.family_name as sf', 's.team_id', 'm.given_name as mg', 'm.family_name as mf'])
    .where('p.id', '=', id).executeTakeFirst();
  if (!row) return null;
  const items = await db.selectFrom('pdc_items').selectAll().where('pdc_id', '=', id).orderBy('kind', 'desc').orderBy('created_at').orderBy('id').execute();
  return {
    id: row.id, version: row.version, staffId: row.staff_id, staffName: `${row.sg} ${row.sf}`, managerId: row.manager_id, managerName: `${row.mg} ${row.mf}`, teamId: row.team_id,
    heldOn: row.held_on, nextReviewOn: row.next_review_on, summary: row.summary, status: row.status,
    staffConfirmedAt: iso(row.staff_confirmed_at), managerConfirmedAt: iso(row.manager_confirmed_at),
    items: items.map((i) => ({ id: i.id, version: i.version, pdcId: i.pdc_id, kind: i.kind, text: i.text, measure: i.measure, reviewOn: i.review_on, status: i.status, progress: i.progress })),
  };
}

export type PdcSummary = { id: string; staffId: string; heldOn: string; nextReviewOn: string; status: 'draft' | 'agreed'; staffConfirmed: boolean; managerConfirmed: boolean; managerId: string };

/** Each of these people's PDCs, newest first. */
export async function listPdcs(db: Kysely<Database>, staffIds: readonly string[]): Promise<PdcSummary[]> {
  if (staffIds.length === 0) return [];
  const rows = await db.selectFrom('pdc_records').select(['id', 'staff_id', 'manager_id', 'held_on', 'next_review_on', 'status', 'staff_confirmed_at', 'manager_confirmed_at'])
    .where('staff_id', 'in', staffIds).orderBy('held_on', 'desc').orderBy('id', 'desc').execute();
  return rows.map((r) => ({ id: r.id, staffId: r.staff_id, managerId: r.manager_id, heldOn: r.held_on, nextReviewOn: r.next_review_on, status: r.status, staffConfirmed: r.staff_confirmed_at !== null, managerConfirmed: r.manager_confirmed_at !== null }));
}

/** Open items with a review date, of the PDCs named. */
export async function listOpenPdcItemsWithReview(db: Kysely<Database>, pdcIds: readonly string[]): Promise<Array<{ id: string; pdcId: string; text: string; reviewOn: string }>> {
  if (pdcIds.length === 0) return [];
  const rows = await db.selectFrom('pdc_items').select(['id', 'pdc_id', 'text', 'review_on']).where('pdc_id', 'in', pdcIds).where('status', '=', 'open').where('review_on', 'is not', null).execute();
  return rows.map((r) => ({ id: r.id, pdcId: r.pdc_id, text: r.text, reviewOn: r.review_on! }));
}

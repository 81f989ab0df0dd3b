// The due list: every tracked item with a next examination or service date, in use or able to be,
// soonest first, each marked overdue, due soon or fine (packages/clinical equipment/inspection-due.ts).
import type { Kysely } from 'kysely';
import { addCalendarDays, inspectionState, type InspectionState } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { ItemLine } from './item-queries.ts';
import { listItemsDue } from './inspection-due-rows.ts';

export type DueLine = ItemLine & { state: InspectionState; kind: 'loler' | 'service' };

export type ListInspectionsDueOptions = { today: string; withinDays: number; storeId?: string | null };

export async function listInspectionsDue(db: Kysely<Database>, o: ListInspectionsDueOptions): Promise<DueLine[]> {
  const rows = await listItemsDue(db, { until: addCalendarDays(o.today, o.withinDays), storeId: o.storeId ?? null });
  return rows.map((r) => ({ ...r, kind: r.loler ? 'loler' : 'service', state: inspectionState({ nextDue: r.nextInspectionDue, today: o.today }) ?? 'fine' }));
}

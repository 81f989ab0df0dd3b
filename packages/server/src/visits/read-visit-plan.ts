// The team's plan for a day as stored: the draft the lead works on, what was published, its version.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { VisitDayPlan } from './visit-day-types.ts';

export type StoredVisitPlan = {
  id: string;
  teamId: string;
  date: string;
  version: number;
  draft: VisitDayPlan | null;
  published: VisitDayPlan | null;
  publishedAt: string | null;
  publishedBy: string | null;
  updatedAt: string;
};

export type ReadVisitPlanOptions = { teamId: string; date: string };

export async function readVisitPlan(db: Kysely<Database>, o: ReadVisitPlanOptions): Promise<StoredVisitPlan | null> {
  const row = await db.selectFrom('visit_plans').selectAll().where('team_id', '=', o.teamId).where('on_date', '=', o.date).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    teamId: row.team_id,
    date: String(row.on_date),
    version: row.version,
    draft: (row.draft as VisitDayPlan | null) ?? null,
    published: (row.published as VisitDayPlan | null) ?? null,
    publishedAt: row.published_at ? row.published_at.toISOString() : null,
    publishedBy: row.published_by,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The plans of several days at once (a week): date to version, or null when a day has none yet. */
export async function readVisitPlanVersions(db: Kysely<Database>, o: { teamId: string; dates: string[] }): Promise<Record<string, number | null>> {
  const rows = o.dates.length
    ? await db.selectFrom('visit_plans').select(['on_date', 'version']).where('team_id', '=', o.teamId).where('on_date', 'in', o.dates).execute()
    : [];
  const out: Record<string, number | null> = Object.fromEntries(o.dates.map((d) => [d, null]));
  for (const r of rows) out[String(r.on_date)] = r.version;
  return out;
}

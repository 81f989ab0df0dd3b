// What the plan is made from: the staff day (the rota's readRotaForDates, through staff's public face),
// the day's visits (listVisitsToPlan, this context's), and the team's base.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { readRotaForDates, type GeoPoint, type StaffDay } from '../staff/public.ts';
import type { VisitToPlan } from './visit-day-types.ts';
import { listVisitsToPlan } from './visit-queries.ts';

const point = (lat: number | null, lon: number | null): GeoPoint | null => (lat === null || lon === null ? null : { lat, lon });

export async function readTeamBase(db: Kysely<Database>, teamId: string): Promise<GeoPoint | null> {
  const team = await db.selectFrom('teams').select(['base_latitude', 'base_longitude']).where('id', '=', teamId).executeTakeFirst();
  return team ? point(team.base_latitude, team.base_longitude) : null;
}

export type ReadStaffDaysOptions = { teamId: string; dates: string[] };

/** Each member of the team on each of the dates (working or not, and why not). */
export async function readStaffDaysForPlan(db: Kysely<Database>, o: ReadStaffDaysOptions): Promise<StaffDay[]> {
  if (o.dates.length === 0) return [];
  const sorted = [...o.dates].sort();
  const wanted = new Set(o.dates);
  const days = await readRotaForDates(db, { teamId: o.teamId, from: sorted[0]!, to: sorted.at(-1)! });
  return days.filter((d) => wanted.has(d.date));
}

export type ReadVisitsOptions = { teamId: string; date: string };

/** The team's visits on the day: to plan, done or not let in (never the cancelled). */
export async function readVisitsForPlan(db: Kysely<Database>, o: ReadVisitsOptions): Promise<VisitToPlan[]> {
  return listVisitsToPlan(db, { teamId: o.teamId, date: o.date });
}

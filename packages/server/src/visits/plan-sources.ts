// What the plan is made from: the staff day (the rota) and the day's visits. The rota's reader
// (staff/public.ts readRotaForDates, branch i13-rota) and the visits' (listVisitsToPlan, branch
// i13-visits) are being written beside this; until they land these read the same tables into the
// same shapes (StaffDay, VisitToPlan), and the lead swaps them in here, in this one file.
import type { Kysely } from 'kysely';
import type { HomewardRole } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { GeoPoint, NotWorkingReason, StaffDay } from '../staff/public.ts';
import type { VisitToPlan } from './visit-day-types.ts';
import { clockOf, minutesOf } from './plan-times.ts';

type WeekDay = { weekday: number; start: string; end: string; breakMinutes?: number };

const point = (lat: number | null, lon: number | null): GeoPoint | null => (lat === null || lon === null ? null : { lat, lon });

/** ISO weekday of a yyyy-mm-dd (Monday 1 .. Sunday 7). */
export function weekdayOf(date: string): number {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export async function readTeamBase(db: Kysely<Database>, teamId: string): Promise<GeoPoint | null> {
  const team = await db.selectFrom('teams').select(['base_latitude', 'base_longitude']).where('id', '=', teamId).executeTakeFirst();
  return team ? point(team.base_latitude, team.base_longitude) : null;
}

export type ReadStaffDaysOptions = { teamId: string; dates: string[] };

export async function readStaffDaysForPlan(db: Kysely<Database>, o: ReadStaffDaysOptions): Promise<StaffDay[]> {
  if (o.dates.length === 0) return [];
  const first = [...o.dates].sort()[0]!;
  const last = [...o.dates].sort().at(-1)!;
  const rows = await db
    .selectFrom('staff')
    .innerJoin('rota_patterns as r', 'r.staff_id', 'staff.id')
    .select([
      'staff.id', 'staff.given_name', 'staff.family_name', 'staff.homeward_role', 'staff.band', 'staff.profession', 'staff.skills',
      'r.week', 'r.starts_from', 'r.car_driver', 'r.base_latitude', 'r.base_longitude', 'r.home_latitude', 'r.home_longitude', 'r.work_phone', 'r.car_description',
    ])
    .where('r.team_id', '=', o.teamId)
    .where('staff.active', '=', true)
    .orderBy('staff.family_name')
    .orderBy('staff.given_name')
    .execute();
  const exceptions = await db
    .selectFrom('rota_exceptions')
    .select(['staff_id', 'kind', 'starts_on', 'ends_on', 'start_time', 'end_time'])
    .where('team_id', '=', o.teamId)
    .where('cancelled_at', 'is', null)
    .where('starts_on', '<=', last)
    .where('ends_on', '>=', first)
    .execute();
  const competences = rows.length
    ? await db.selectFrom('staff_competences').select(['staff_id', 'competence']).where('staff_id', 'in', rows.map((r) => r.id)).where('withdrawn_at', 'is', null).execute()
    : [];
  const days: StaffDay[] = [];
  for (const date of o.dates) {
    for (const r of rows) {
      const pattern = ((r.week as WeekDay[] | null) ?? []).find((w) => w.weekday === weekdayOf(date));
      let shift: StaffDay['shift'] = pattern ? { start: pattern.start, end: pattern.end, breakMinutes: pattern.breakMinutes ?? 0 } : null;
      let notWorkingBecause: NotWorkingReason | null = shift ? null : 'day-off';
      let cover = false;
      for (const e of exceptions.filter((x) => x.staff_id === r.id && String(x.starts_on) <= date && String(x.ends_on) >= date)) {
        if (e.kind === 'extra-shift') {
          shift = { start: e.start_time!, end: e.end_time!, breakMinutes: shift?.breakMinutes ?? 0 };
          notWorkingBecause = null;
          cover = true;
        } else if (shift && e.start_time && e.end_time) {
          // Part of the day off (off sick from 10:00): what is left of the shift.
          const [s, f, a, b] = [minutesOf(shift.start), minutesOf(shift.end), minutesOf(e.start_time), minutesOf(e.end_time)];
          const left = a <= s ? [Math.max(s, b), f] : [s, Math.min(f, a)];
          if (left[1]! > left[0]!) shift = { ...shift, start: clockOf(left[0]!), end: clockOf(left[1]!) };
          else {
            shift = null;
            notWorkingBecause = e.kind;
          }
        } else if (!e.start_time) {
          shift = null;
          notWorkingBecause = e.kind;
        }
      }
      const base = point(r.base_latitude, r.base_longitude);
      const home = point(r.home_latitude, r.home_longitude);
      const from = r.starts_from === 'home' ? (home ?? base) : base;
      const role = r.homeward_role as HomewardRole;
      days.push({
        staffId: r.id,
        name: `${r.given_name} ${r.family_name}`,
        role,
        band: r.band,
        profession: r.profession,
        registered: role === 'registered-therapist' || role === 'clinical-lead',
        skills: [...new Set([...((Array.isArray(r.skills) ? r.skills : []) as string[]), ...competences.filter((c) => c.staff_id === r.id).map((c) => c.competence)])],
        date,
        shift,
        notWorkingBecause,
        cover,
        startsFrom: r.starts_from,
        start: from,
        end: from,
        carDriver: r.car_driver,
        workPhone: r.work_phone,
        carDescription: r.car_description,
      });
    }
  }
  return days;
}

export type ReadVisitsOptions = { teamId: string; date: string };

export async function readVisitsForPlan(db: Kysely<Database>, o: ReadVisitsOptions): Promise<VisitToPlan[]> {
  const base = await readTeamBase(db, o.teamId);
  const rows = await db
    .selectFrom('visits as v')
    .innerJoin('patients as p', 'p.id', 'v.patient_id')
    .select([
      'v.id', 'v.version', 'v.episode_id', 'v.patient_id', 'v.on_date', 'v.purpose', 'v.duration_minutes', 'v.place', 'v.window_start', 'v.window_end',
      'v.staff_needed', 'v.registered_required', 'v.skills', 'v.preferred_staff_id', 'v.due_by', 'v.pinned_staff_id', 'v.pinned_start', 'v.status', 'v.origin',
      'p.given_name', 'p.family_name', 'p.latitude', 'p.longitude',
    ])
    .where('v.team_id', '=', o.teamId)
    .where('v.on_date', '=', o.date)
    .where('v.status', '<>', 'cancelled')
    .orderBy('v.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    episodeId: r.episode_id,
    patientId: r.patient_id,
    patientName: `${r.given_name} ${r.family_name}`,
    date: String(r.on_date),
    purpose: r.purpose,
    durationMinutes: r.duration_minutes,
    place: r.place,
    location: r.place === 'home' ? point(r.latitude, r.longitude) : base,
    window: r.window_start && r.window_end ? { start: r.window_start, end: r.window_end } : null,
    staffNeeded: r.staff_needed === 2 ? 2 : 1,
    staffNeededReason: null,
    registeredRequired: r.registered_required,
    skills: Array.isArray(r.skills) ? (r.skills as string[]) : [],
    preferredStaffId: r.preferred_staff_id,
    dueBy: r.due_by === null ? null : String(r.due_by),
    pinnedStaffId: r.pinned_staff_id,
    pinnedStart: r.pinned_start,
    priority: r.origin === 'urgent' ? 3 : r.due_by !== null && String(r.due_by) <= o.date ? 2 : 1,
    status: r.status,
    origin: r.origin,
  }));
}

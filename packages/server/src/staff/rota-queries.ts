// Reading the rota: each member of staff's day for the planner, the week view and lone working, and
// who is on call. Rows are snake_case; what leaves this file is camelCase. Whether someone works on a
// day is decided by workingDay in packages/clinical, so every reader says the same thing.
import type { Kysely } from 'kysely';
import { addCalendarDays, englandBankHolidays, heldSkills, isClinicalRole, workingDay, type BankHoliday, type RecordedCompetence, type HomewardRole, type PatternDay, type RotaException, type RotaExceptionKind, type WorkingDay } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { GeoPoint, OnCall, StaffDay } from './rota-types.ts';
import { recordedCompetencesOf } from './competence-queries.ts';

const dateOnly = (value: Date | string) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));
const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();
const point = (lat: number | null, lon: number | null): GeoPoint | null => (lat === null || lon === null ? null : { lat, lon });

/** The longest range read at once: a planner's week, or a month of the week view, never a year. */
export const maxRotaDays = 62;

export type RotaPatternRow = {
  id: string | null;
  version: number | null;
  staffId: string;
  name: string;
  givenName: string;
  familyName: string;
  role: HomewardRole;
  band: string;
  profession: string;
  contractedHours: number;
  staffSkills: string[];
  week: PatternDay[];
  startsFrom: 'base' | 'home';
  carDriver: boolean;
  baseName: string | null;
  base: GeoPoint | null;
  home: GeoPoint | null;
  workPhone: string | null;
  carDescription: string | null;
  updatedAt: string | null;
};

export type RotaExceptionRecord = RotaException & {
  id: string;
  version: number;
  staffId: string;
  teamId: string;
  note: string | null;
  cancelledAt: string | null;
  cancelledBy: string | null;
  createdAt: string;
  createdBy: string;
};

/** Parses rota_patterns.week as stored; a row written outside the rules (shouldn't be) loses its odd days, never the page. */
export function patternDaysOf(week: unknown): PatternDay[] {
  if (!Array.isArray(week)) return [];
  return week
    .filter((d): d is PatternDay => typeof d === 'object' && d !== null && typeof d.weekday === 'number' && typeof d.start === 'string' && typeof d.end === 'string')
    .map((d) => ({ weekday: d.weekday, start: d.start, end: d.end, breakMinutes: typeof d.breakMinutes === 'number' ? d.breakMinutes : 0 }))
    .sort((a, b) => a.weekday - b.weekday);
}

const stringsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : []);

function selectPatterns(db: Kysely<Database>) {
  return db
    .selectFrom('staff')
    .leftJoin('rota_patterns as p', 'p.staff_id', 'staff.id')
    .select([
      'staff.id as staff_id',
      'staff.given_name',
      'staff.family_name',
      'staff.homeward_role',
      'staff.band',
      'staff.profession',
      'staff.contracted_hours',
      'staff.skills',
      'staff.team_id',
      'staff.active',
      'p.id',
      'p.version',
      'p.week',
      'p.starts_from',
      'p.car_driver',
      'p.base_name',
      'p.base_latitude',
      'p.base_longitude',
      'p.home_latitude',
      'p.home_longitude',
      'p.work_phone',
      'p.car_description',
      'p.updated_at',
    ]);
}
type PatternSelectRow = Awaited<ReturnType<ReturnType<typeof selectPatterns>['executeTakeFirstOrThrow']>>;

function toPattern(r: PatternSelectRow): RotaPatternRow {
  return {
    id: r.id,
    version: r.version,
    staffId: r.staff_id,
    name: `${r.given_name} ${r.family_name}`,
    givenName: r.given_name,
    familyName: r.family_name,
    role: r.homeward_role as HomewardRole,
    band: r.band,
    profession: r.profession,
    contractedHours: Number(r.contracted_hours),
    staffSkills: stringsOf(r.skills),
    week: patternDaysOf(r.week),
    // Someone with no pattern yet starts from the team's base, and drives: the usual case.
    startsFrom: r.starts_from ?? 'base',
    carDriver: r.car_driver ?? true,
    baseName: r.base_name,
    base: point(r.base_latitude, r.base_longitude),
    home: point(r.home_latitude, r.home_longitude),
    workPhone: r.work_phone,
    carDescription: r.car_description,
    updatedAt: r.updated_at ? iso(r.updated_at) : null,
  };
}

/** The team's active clinical staff, each with their pattern (or the defaults when none is set), by name. */
export async function readTeamPatterns(db: Kysely<Database>, teamId: string): Promise<RotaPatternRow[]> {
  const rows = await selectPatterns(db).where('staff.team_id', '=', teamId).where('staff.active', '=', true).orderBy('staff.family_name').orderBy('staff.given_name').execute();
  return rows.filter((r) => isClinicalRole(r.homeward_role as HomewardRole)).map(toPattern);
}

/** One member of staff and their pattern, with their team; null when there is no such person. */
export async function readStaffPattern(db: Kysely<Database>, staffId: string): Promise<(RotaPatternRow & { teamId: string | null; active: boolean }) | null> {
  const row = await selectPatterns(db).where('staff.id', '=', staffId).executeTakeFirst();
  return row ? { ...toPattern(row), teamId: row.team_id, active: row.active } : null;
}

function toException(r: ExceptionRow): RotaExceptionRecord {
  return {
    id: r.id,
    version: r.version,
    staffId: r.staff_id,
    teamId: r.team_id,
    kind: r.kind as RotaExceptionKind,
    startsOn: dateOnly(r.starts_on),
    endsOn: dateOnly(r.ends_on),
    startTime: r.start_time,
    endTime: r.end_time,
    note: r.note,
    cancelled: r.cancelled_at !== null,
    cancelledAt: r.cancelled_at ? iso(r.cancelled_at) : null,
    cancelledBy: r.cancelled_by,
    createdAt: iso(r.created_at),
    createdBy: r.created_by,
  };
}
type ExceptionRow = {
  id: string;
  version: number;
  staff_id: string;
  team_id: string;
  kind: string;
  starts_on: string | Date;
  ends_on: string | Date;
  start_time: string | null;
  end_time: string | null;
  note: string | null;
  cancelled_at: Date | null;
  cancelled_by: string | null;
  created_at: Date | string;
  created_by: string;
};

export type ExceptionsQuery = { staffIds: readonly string[]; from: string; to: string; includeCancelled?: boolean };

/** The exceptions of these people touching from..to (inclusive), earliest first. */
export async function readRotaExceptions(db: Kysely<Database>, o: ExceptionsQuery): Promise<RotaExceptionRecord[]> {
  if (o.staffIds.length === 0) return [];
  let query = db
    .selectFrom('rota_exceptions')
    .selectAll()
    .where('staff_id', 'in', [...o.staffIds])
    .where('starts_on', '<=', o.to)
    .where('ends_on', '>=', o.from);
  if (!o.includeCancelled) query = query.where('cancelled_at', 'is', null);
  const rows = await query.orderBy('starts_on').orderBy('created_at').execute();
  return rows.map((r) => toException(r as ExceptionRow));
}

export async function findRotaException(db: Kysely<Database>, id: string): Promise<RotaExceptionRecord | null> {
  const row = await db.selectFrom('rota_exceptions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toException(row as ExceptionRow) : null;
}

/** The dates from..to inclusive; refuses a range the caller should never ask for. */
export function datesFromTo(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) {
    dates.push(d);
    if (dates.length > maxRotaDays) throw new RangeError(`A rota is read ${maxRotaDays} days at most`);
  }
  return dates;
}

export type TeamBase = { name: string; point: GeoPoint | null };

export async function readTeamBase(db: Kysely<Database>, teamId: string): Promise<TeamBase | null> {
  const team = await db.selectFrom('teams').select(['base_location', 'base_latitude', 'base_longitude']).where('id', '=', teamId).executeTakeFirst();
  return team ? { name: team.base_location, point: point(team.base_latitude, team.base_longitude) } : null;
}

/** The StaffDay of one person on one working day: the pure decision plus who they are and where they start. */
export function staffDayOf(p: RotaPatternRow, day: WorkingDay, o: { teamBase: GeoPoint | null; competences: readonly RecordedCompetence[] }): StaffDay {
  const base = p.base ?? o.teamBase;
  const from = p.startsFrom === 'home' ? p.home : base;
  return {
    staffId: p.staffId,
    name: p.name,
    role: p.role,
    band: p.band,
    profession: p.profession,
    registered: p.role === 'registered-therapist' || p.role === 'clinical-lead',
    // What they hold on this very day: a competence that expires mid-week stops counting the day after.
    skills: heldSkills({ listed: p.staffSkills, recorded: o.competences, onDay: day.date }),
    date: day.date,
    shift: day.shift,
    notWorkingBecause: day.notWorkingBecause,
    cover: day.cover,
    startsFrom: p.startsFrom,
    start: from,
    end: from,
    carDriver: p.carDriver,
    workPhone: p.workPhone,
    carDescription: p.carDescription,
  };
}

export type ReadRotaForDatesOptions = { teamId: string; from: string; to: string; bankHolidays?: readonly BankHoliday[] };

/**
 * Every active clinical member of the team on each date from..to (inclusive), date by date and by
 * name within a date, working or not (and why not). Skills are what they hold that day (packages/clinical's
 * heldSkills): current recorded competences, not expired, and any older listed skill never recorded.
 */
export async function readRotaForDates(db: Kysely<Database>, o: ReadRotaForDatesOptions): Promise<StaffDay[]> {
  const dates = datesFromTo(o.from, o.to);
  const [patterns, base] = await Promise.all([readTeamPatterns(db, o.teamId), readTeamBase(db, o.teamId)]);
  if (patterns.length === 0 || dates.length === 0) return [];
  const staffIds = patterns.map((p) => p.staffId);
  const [exceptions, competences] = await Promise.all([
    readRotaExceptions(db, { staffIds, from: o.from, to: o.to }),
    recordedCompetencesOf(db, staffIds),
  ]);
  const exceptionsOf = new Map<string, RotaExceptionRecord[]>();
  for (const e of exceptions) exceptionsOf.set(e.staffId, [...(exceptionsOf.get(e.staffId) ?? []), e]);
  const bankHolidays = o.bankHolidays ?? englandBankHolidays;
  return dates.flatMap((date) =>
    patterns.map((p) =>
      staffDayOf(p, workingDay({ date, week: p.week, exceptions: exceptionsOf.get(p.staffId) ?? [], bankHolidays }), {
        teamBase: base?.point ?? null,
        competences: competences.get(p.staffId) ?? [],
      }),
    ),
  );
}

export type ReadOnCallOptions = { teamId: string; date: string };

export type OnCallRecord = OnCall & { id: string; version: number };

function selectOnCall(db: Kysely<Database>) {
  return db
    .selectFrom('rota_on_call as o')
    .innerJoin('staff as s', 's.id', 'o.staff_id')
    .leftJoin('staff as m', 'm.id', 'o.manager_staff_id')
    .select(['o.id', 'o.version', 'o.team_id', 'o.on_date', 'o.staff_id', 's.given_name', 's.family_name', 'o.manager_staff_id', 'm.given_name as manager_given', 'm.family_name as manager_family']);
}
type OnCallRow = Awaited<ReturnType<ReturnType<typeof selectOnCall>['executeTakeFirstOrThrow']>>;

const toOnCall = (r: OnCallRow): OnCallRecord => ({
  id: r.id,
  version: r.version,
  teamId: r.team_id,
  date: dateOnly(r.on_date),
  staffId: r.staff_id,
  name: `${r.given_name} ${r.family_name}`,
  managerStaffId: r.manager_staff_id,
  managerName: r.manager_given === null ? null : `${r.manager_given} ${r.manager_family}`,
});

/** Who is on call for the team on a date (lone working escalates to them), or null when nobody is set. */
export async function readOnCall(db: Kysely<Database>, o: ReadOnCallOptions): Promise<OnCallRecord | null> {
  const row = await selectOnCall(db).where('o.team_id', '=', o.teamId).where('o.on_date', '=', o.date).executeTakeFirst();
  return row ? toOnCall(row) : null;
}

/** On call for each date from..to that has someone set. */
export async function readOnCallForDates(db: Kysely<Database>, o: { teamId: string; from: string; to: string }): Promise<OnCallRecord[]> {
  const rows = await selectOnCall(db).where('o.team_id', '=', o.teamId).where('o.on_date', '>=', o.from).where('o.on_date', '<=', o.to).orderBy('o.on_date').execute();
  return rows.map(toOnCall);
}

export type RotaWeekCell = { date: string; day: WorkingDay; exceptions: RotaExceptionRecord[] };
export type RotaWeek = {
  dates: { date: string; bankHoliday: string | null; onCall: OnCallRecord | null }[];
  people: { person: RotaPatternRow; days: RotaWeekCell[] }[];
};

/** The week view: each person's seven days with the exceptions behind them, each day's bank holiday and on call. */
export async function readRotaWeek(db: Kysely<Database>, o: { teamId: string; dates: readonly string[] }): Promise<RotaWeek> {
  const from = o.dates[0]!;
  const to = o.dates[o.dates.length - 1]!;
  const patterns = await readTeamPatterns(db, o.teamId);
  const [exceptions, onCall] = await Promise.all([readRotaExceptions(db, { staffIds: patterns.map((p) => p.staffId), from, to }), readOnCallForDates(db, { teamId: o.teamId, from, to })]);
  return {
    dates: o.dates.map((date) => ({ date, bankHoliday: englandBankHolidays.find((h) => h.date === date)?.name ?? null, onCall: onCall.find((c) => c.date === date) ?? null })),
    people: patterns.map((person) => {
      const own = exceptions.filter((e) => e.staffId === person.staffId);
      return {
        person,
        days: o.dates.map((date) => ({ date, day: workingDay({ date, week: person.week, exceptions: own }), exceptions: own.filter((e) => e.startsOn <= date && date <= e.endsOn) })),
      };
    }),
  };
}

// Reads of the team's visits: what the planner is given for a day (VisitToPlan), and the lists the
// visits pages show. Each starts from visits_team_date_idx (team, day) and joins the patient and the
// team by primary key. Callers audit the patients listed (auditListRead, caseload's face).
import { HomewardError } from '../platform/homeward-error.ts';
import { isUniqueViolation } from '../platform/database-errors.ts';
import type { Kysely, Selectable } from 'kysely';
import type { Database, VisitsTable } from '../db/schema.ts';
import type { VisitToPlan } from './visit-day-types.ts';

const dateOnly = (value: Date | string | null): string | null =>
  value === null ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);

export type ListVisitsToPlanOptions = { teamId: string; date: string };

type VisitRow = Selectable<VisitsTable> & {
  given_name: string;
  family_name: string;
  latitude: number | null;
  longitude: number | null;
  base_latitude: number | null;
  base_longitude: number | null;
};

function visitsOf(db: Kysely<Database>) {
  return db
    .selectFrom('visits')
    .innerJoin('patients', 'patients.id', 'visits.patient_id')
    .innerJoin('teams', 'teams.id', 'visits.team_id')
    .selectAll('visits')
    .select(['patients.given_name', 'patients.family_name', 'patients.latitude', 'patients.longitude', 'teams.base_latitude', 'teams.base_longitude']);
}

export function toVisitToPlan(r: VisitRow): VisitToPlan {
  // A home visit is at the patient's home, a clinic at the team's base; a ward has no place on the map yet.
  const at = r.place === 'home' ? [r.latitude, r.longitude] : r.place === 'clinic' ? [r.base_latitude, r.base_longitude] : [null, null];
  const window = r.window_start !== null && r.window_end !== null ? { start: r.window_start, end: r.window_end } : null;
  return {
    id: r.id,
    version: r.version,
    episodeId: r.episode_id,
    patientId: r.patient_id,
    patientName: `${r.given_name} ${r.family_name}`,
    date: dateOnly(r.on_date)!,
    purpose: r.purpose,
    durationMinutes: r.duration_minutes,
    place: r.place,
    location: at[0] !== null && at[1] !== null && at[0] !== undefined && at[1] !== undefined ? { lat: Number(at[0]), lon: Number(at[1]) } : null,
    window,
    staffNeeded: r.staff_needed === 2 ? 2 : 1,
    staffNeededReason: r.staff_needed_reason,
    registeredRequired: r.registered_required,
    skills: (r.skills as string[]) ?? [],
    preferredStaffId: r.preferred_staff_id,
    dueBy: dateOnly(r.due_by),
    pinnedStaffId: r.pinned_staff_id,
    pinnedStart: r.pinned_start,
    priority: r.priority,
    status: r.status,
    origin: r.origin,
  };
}

/**
 * The team's visits on a day for the planner: those still to plan, and those already done or not
 * let in (a re-plan keeps them where they were); never the cancelled. Ordered by priority, deadline.
 */
export async function listVisitsToPlan(db: Kysely<Database>, o: ListVisitsToPlanOptions): Promise<VisitToPlan[]> {
  const rows = await visitsOf(db)
    .where('visits.team_id', '=', o.teamId)
    .where('visits.on_date', '=', o.date)
    .where('visits.status', '<>', 'cancelled')
    .orderBy('visits.priority', 'desc')
    .orderBy('visits.due_by')
    .orderBy('visits.id')
    .execute();
  return rows.map(toVisitToPlan);
}

/** A visit with what the list shows beside it: cancelled ones too, with the reason and who is pinned. */
export type TeamVisit = VisitToPlan & { cancelledReason: string | null; pinnedStaffName: string | null; preferredStaffName: string | null };

export type ListTeamVisitsOptions = { teamId: string; from: string; to: string };

/** Every visit of the team from one day to another, cancelled included (kept, shown struck through). */
export async function listTeamVisits(db: Kysely<Database>, o: ListTeamVisitsOptions): Promise<TeamVisit[]> {
  const rows = await visitsOf(db)
    .leftJoin('staff as pinned', 'pinned.id', 'visits.pinned_staff_id')
    .leftJoin('staff as preferred', 'preferred.id', 'visits.preferred_staff_id')
    .select(['pinned.given_name as pinned_given', 'pinned.family_name as pinned_family', 'preferred.given_name as preferred_given', 'preferred.family_name as preferred_family'])
    .where('visits.team_id', '=', o.teamId)
    .where('visits.on_date', '>=', o.from)
    .where('visits.on_date', '<=', o.to)
    .orderBy('visits.on_date')
    .orderBy('visits.status', 'desc')
    .orderBy('visits.priority', 'desc')
    .orderBy('visits.window_start')
    .orderBy('patients.family_name')
    .orderBy('visits.id')
    .execute();
  return rows.map((r) => ({
    ...toVisitToPlan(r),
    cancelledReason: r.status === 'cancelled' ? r.outcome_reason : null,
    pinnedStaffName: r.pinned_given === null ? null : `${r.pinned_given} ${r.pinned_family}`,
    preferredStaffName: r.preferred_given === null ? null : `${r.preferred_given} ${r.preferred_family}`,
  }));
}

/** One visit, as the list shows it; undefined when there is none. */
export async function findTeamVisit(db: Kysely<Database>, id: string): Promise<(TeamVisit & { teamId: string }) | undefined> {
  const r = await visitsOf(db)
    .leftJoin('staff as pinned', 'pinned.id', 'visits.pinned_staff_id')
    .leftJoin('staff as preferred', 'preferred.id', 'visits.preferred_staff_id')
    .select(['pinned.given_name as pinned_given', 'pinned.family_name as pinned_family', 'preferred.given_name as preferred_given', 'preferred.family_name as preferred_family'])
    .where('visits.id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    ...toVisitToPlan(r),
    teamId: r.team_id,
    cancelledReason: r.status === 'cancelled' ? r.outcome_reason : null,
    pinnedStaffName: r.pinned_given === null ? null : `${r.pinned_given} ${r.pinned_family}`,
    preferredStaffName: r.preferred_given === null ? null : `${r.preferred_given} ${r.preferred_family}`,
  };
}

/** The team's open episodes a visit may be added to, with the patient's name, for the add form. */
export async function listEpisodesForVisits(db: Kysely<Database>, teamId: string): Promise<Array<{ episodeId: string; patientId: string; patientName: string; nhsNumber: string }>> {
  const rows = await db
    .selectFrom('episodes')
    .innerJoin('patients', 'patients.id', 'episodes.patient_id')
    .select(['episodes.id', 'episodes.patient_id', 'patients.given_name', 'patients.family_name', 'patients.nhs_number'])
    .where('episodes.team_id', '=', teamId)
    .where('episodes.status', 'in', ['active', 'waiting'])
    .orderBy('patients.family_name')
    .orderBy('patients.given_name')
    .orderBy('episodes.id')
    .execute();
  return rows.map((r) => ({ episodeId: r.id, patientId: r.patient_id, patientName: `${r.given_name} ${r.family_name}`, nhsNumber: r.nhs_number }));
}

/**
 * A client may mint a visit's id: one already taken (a retry without its Idempotency-Key, or a clash)
 * is a 409, not a database error. Checked in the write's transaction; a race past the check is caught
 * at the insert by `visitIdTaken`.
 */
export async function refuseTakenVisitId(trx: Kysely<Database>, id: string): Promise<void> {
  if (await trx.selectFrom('visits').select('id').where('id', '=', id).executeTakeFirst()) throw visitIdTakenError();
}

export const visitIdTakenError = () => new HomewardError('duplicate', 'A visit with this id already exists: it was saved before. Nothing new was saved.');

/** The insert's own refusal of a taken id, as the same 409. */
export function visitIdTaken(error: unknown): never {
  if (isUniqueViolation(error, 'visits_pkey')) throw visitIdTakenError();
  throw error;
}

/** A visit of one episode, as the FHIR Encounter shows it (issue 18 #2). */
export type EpisodeVisit = {
  id: string;
  episodeId: string;
  patientId: string;
  teamId: string;
  date: string;
  purpose: VisitsTable['purpose'];
  place: VisitsTable['place'];
  durationMinutes: number;
  status: 'to-plan' | 'cancelled' | 'done' | 'no-access';
  outcomeReason: string | null;
  /** The contact note written from the visit: that note is the encounter's own account. */
  contactNoteId: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  pinnedStaffId: string | null;
};

/**
 * Every visit of one episode, oldest first. The caller holds the episode's read grant and audits the
 * read (the FHIR Encounter search does, through the record's grant).
 */
export async function listEpisodeVisits(db: Kysely<Database>, episodeId: string): Promise<EpisodeVisit[]> {
  const rows = await db.selectFrom('visits').selectAll().where('episode_id', '=', episodeId).orderBy('on_date').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    episodeId: r.episode_id,
    patientId: r.patient_id,
    teamId: r.team_id,
    date: dateOnly(r.on_date)!,
    purpose: r.purpose,
    place: r.place,
    durationMinutes: r.duration_minutes,
    status: r.status,
    outcomeReason: r.outcome_reason,
    contactNoteId: r.contact_note_id,
    startedAt: r.started_at === null ? null : new Date(r.started_at).toISOString(),
    finishedAt: r.finished_at === null ? null : new Date(r.finished_at).toISOString(),
    pinnedStaffId: r.pinned_staff_id,
  }));
}

// Reads of supervision: who someone is (for the rule), their current supervisor, their sessions, cases,
// actions, and how each person in a team stands. Reads only: who may see what is supervision-access.ts.
import type { Kysely } from 'kysely';
import { supervisionDue, type Band, type HomewardRole, type Profession } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { SupervisionAction, SupervisionArrangement, SupervisionCaseRow, SupervisionSession, SupervisionStaff, SupervisionStanding } from './supervision-types.ts';

const staffColumns = ['id', 'given_name', 'family_name', 'homeward_role', 'profession', 'band', 'active', 'team_id'] as const;
type StaffRow = { id: string; given_name: string; family_name: string; homeward_role: string; profession: string; band: string; active: boolean; team_id: string | null };
const toStaff = (r: StaffRow): SupervisionStaff => ({ id: r.id, name: `${r.given_name} ${r.family_name}`, role: r.homeward_role as HomewardRole, profession: r.profession as Profession, band: r.band as Band, active: r.active, teamId: r.team_id });

export async function findSupervisionStaff(db: Kysely<Database>, staffId: string): Promise<SupervisionStaff | null> {
  const row = await db.selectFrom('staff').select(staffColumns).where('id', '=', staffId).executeTakeFirst();
  return row ? toStaff(row) : null;
}

/** The active people of a team, by name. */
export async function listTeamStaff(db: Kysely<Database>, teamId: string): Promise<SupervisionStaff[]> {
  const rows = await db.selectFrom('staff').select(staffColumns).where('team_id', '=', teamId).where('active', '=', true).orderBy('family_name').orderBy('given_name').execute();
  return rows.map(toStaff);
}

/**
 * The arrangements current on a day: started on or before it and not yet ended (an arrangement ends on
 * the day its successor starts). The one rule for who supervises whom, used by every right a supervisor
 * has (seeing supervision, training, PDC and CPD; writing sessions; the due lists): a supervisor named
 * from a future day has none of them until that day, and the outgoing one keeps them until then.
 */
export function arrangementsCurrentOn(db: Kysely<Database>, today: string) {
  return db
    .selectFrom('supervision_arrangements as a')
    .where('a.starts_on', '<=', today)
    .where((eb) => eb.or([eb('a.ends_on', 'is', null), eb('a.ends_on', '>', today)]));
}

const toArrangement = (row: { id: string; version: number; supervisee_id: string; supervisor_id: string; starts_on: string; ends_on: string | null; given_name: string; family_name: string }): SupervisionArrangement => ({
  id: row.id, version: row.version, superviseeId: row.supervisee_id, supervisorId: row.supervisor_id, supervisorName: `${row.given_name} ${row.family_name}`, startsOn: row.starts_on, endsOn: row.ends_on,
});

/** The supervisee's supervisor on this day. */
export async function findCurrentArrangement(db: Kysely<Database>, superviseeId: string, today: string): Promise<SupervisionArrangement | null> {
  const row = await arrangementsCurrentOn(db, today)
    .innerJoin('staff as s', 's.id', 'a.supervisor_id')
    .select(['a.id', 'a.version', 'a.supervisee_id', 'a.supervisor_id', 'a.starts_on', 'a.ends_on', 's.given_name', 's.family_name'])
    .where('a.supervisee_id', '=', superviseeId)
    .orderBy('a.starts_on', 'desc')
    .executeTakeFirst();
  return row ? toArrangement(row) : null;
}

/** The latest arrangement, not yet ended (perhaps starting on a later day): the one naming a new supervisor ends. */
export async function findOpenArrangement(db: Kysely<Database>, superviseeId: string): Promise<SupervisionArrangement | null> {
  const row = await db
    .selectFrom('supervision_arrangements as a')
    .innerJoin('staff as s', 's.id', 'a.supervisor_id')
    .select(['a.id', 'a.version', 'a.supervisee_id', 'a.supervisor_id', 'a.starts_on', 'a.ends_on', 's.given_name', 's.family_name'])
    .where('a.supervisee_id', '=', superviseeId)
    .where('a.ends_on', 'is', null)
    .executeTakeFirst();
  return row ? toArrangement(row) : null;
}

/** Whether this supervisor supervises this person on this day. */
export async function supervisesOn(db: Kysely<Database>, o: { supervisorId: string; superviseeId: string; today: string }): Promise<boolean> {
  const row = await arrangementsCurrentOn(db, o.today).select('a.id').where('a.supervisor_id', '=', o.supervisorId).where('a.supervisee_id', '=', o.superviseeId).executeTakeFirst();
  return row !== undefined;
}

/** Everyone this supervisor supervises on this day. */
export async function listSuperviseeIds(db: Kysely<Database>, supervisorId: string, today: string): Promise<string[]> {
  const rows = await arrangementsCurrentOn(db, today).select('a.supervisee_id').where('a.supervisor_id', '=', supervisorId).execute();
  return rows.map((r) => r.supervisee_id);
}

function sessionsQuery(db: Kysely<Database>) {
  return db
    .selectFrom('supervision_sessions as ss')
    .innerJoin('staff as ee', 'ee.id', 'ss.supervisee_id')
    .innerJoin('staff as er', 'er.id', 'ss.supervisor_id')
    .select(['ss.id', 'ss.version', 'ss.supervisee_id', 'ss.supervisor_id', 'ss.held_on', 'ss.kind', 'ss.themes', 'ss.status', 'ss.supervisee_comment', 'ss.confirmed_at', 'ss.created_at',
      'ee.given_name as ee_given', 'ee.family_name as ee_family', 'er.given_name as er_given', 'er.family_name as er_family']);
}
type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionsQuery>['executeTakeFirstOrThrow']>>;
const toSession = (r: SessionRow): SupervisionSession => ({
  id: r.id, version: r.version, superviseeId: r.supervisee_id, superviseeName: `${r.ee_given} ${r.ee_family}`, supervisorId: r.supervisor_id, supervisorName: `${r.er_given} ${r.er_family}`,
  heldOn: r.held_on, kind: r.kind, themes: r.themes, status: r.status, superviseeComment: r.supervisee_comment, confirmedAt: r.confirmed_at, createdAt: r.created_at,
});

export async function findSupervisionSession(db: Kysely<Database>, sessionId: string): Promise<SupervisionSession | null> {
  const row = await sessionsQuery(db).where('ss.id', '=', sessionId).executeTakeFirst();
  return row ? toSession(row) : null;
}

/** A supervisee's sessions, newest first. */
export async function listSupervisionSessions(db: Kysely<Database>, superviseeId: string): Promise<SupervisionSession[]> {
  const rows = await sessionsQuery(db).where('ss.supervisee_id', '=', superviseeId).orderBy('ss.held_on', 'desc').orderBy('ss.id', 'desc').execute();
  return rows.map(toSession);
}

export async function listSessionCases(db: Kysely<Database>, sessionId: string): Promise<SupervisionCaseRow[]> {
  const rows = await db
    .selectFrom('supervision_cases as c')
    .innerJoin('episodes as e', 'e.id', 'c.episode_id')
    .select(['c.id', 'c.session_id', 'c.episode_id', 'c.patient_id', 'c.note', 'e.team_id'])
    .where('c.session_id', '=', sessionId)
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({ id: r.id, sessionId: r.session_id, episodeId: r.episode_id, patientId: r.patient_id, teamId: r.team_id, note: r.note }));
}

function actionsQuery(db: Kysely<Database>) {
  return db
    .selectFrom('supervision_actions as a')
    .innerJoin('staff as o', 'o.id', 'a.owner_id')
    .select(['a.id', 'a.version', 'a.session_id', 'a.action', 'a.owner_id', 'a.due_on', 'a.status', 'a.done_at', 'o.given_name', 'o.family_name']);
}
type ActionRow = Awaited<ReturnType<ReturnType<typeof actionsQuery>['executeTakeFirstOrThrow']>>;
const toAction = (r: ActionRow): SupervisionAction => ({ id: r.id, version: r.version, sessionId: r.session_id, action: r.action, ownerId: r.owner_id, ownerName: `${r.given_name} ${r.family_name}`, dueOn: r.due_on, status: r.status, doneAt: r.done_at });

export async function listSessionActions(db: Kysely<Database>, sessionId: string): Promise<SupervisionAction[]> {
  return (await actionsQuery(db).where('a.session_id', '=', sessionId).orderBy('a.due_on').orderBy('a.id').execute()).map(toAction);
}

export async function findSupervisionAction(db: Kysely<Database>, actionId: string): Promise<(SupervisionAction & { superviseeId: string; supervisorId: string }) | null> {
  const row = await actionsQuery(db).innerJoin('supervision_sessions as ss', 'ss.id', 'a.session_id').select(['ss.supervisee_id', 'ss.supervisor_id']).where('a.id', '=', actionId).executeTakeFirst();
  return row ? { ...toAction(row), superviseeId: row.supervisee_id, supervisorId: row.supervisor_id } : null;
}

/** Open actions from a supervisee's sessions (theirs and their supervisor's), soonest first. */
export async function listOpenActionsOfSupervisee(db: Kysely<Database>, superviseeId: string): Promise<SupervisionAction[]> {
  const rows = await actionsQuery(db).innerJoin('supervision_sessions as ss', 'ss.id', 'a.session_id').where('ss.supervisee_id', '=', superviseeId).where('a.status', '=', 'open').orderBy('a.due_on').orderBy('a.id').execute();
  return rows.map(toAction);
}

/** Open actions someone owns, soonest first (their home page). */
export async function listOpenActionsOwnedBy(db: Kysely<Database>, ownerId: string): Promise<Array<SupervisionAction & { superviseeId: string }>> {
  const rows = await actionsQuery(db).innerJoin('supervision_sessions as ss', 'ss.id', 'a.session_id').select('ss.supervisee_id').where('a.owner_id', '=', ownerId).where('a.status', '=', 'open').orderBy('a.due_on').orderBy('a.id').execute();
  return rows.map((r) => ({ ...toAction(r), superviseeId: r.supervisee_id }));
}

/** How each of these people stands (one query for the last sessions, one for their supervisors). */
export async function readStandings(db: Kysely<Database>, people: readonly SupervisionStaff[], today: string): Promise<SupervisionStanding[]> {
  if (people.length === 0) return [];
  const ids = people.map((p) => p.id);
  const last = await db.selectFrom('supervision_sessions').select(['supervisee_id']).select((eb) => eb.fn.max('held_on').as('last_held_on')).where('supervisee_id', 'in', ids).groupBy('supervisee_id').execute();
  const lastOf = new Map(last.map((r) => [r.supervisee_id, r.last_held_on as string | null]));
  const supervisors = await arrangementsCurrentOn(db, today)
    .innerJoin('staff as s', 's.id', 'a.supervisor_id')
    .select(['a.supervisee_id', 'a.supervisor_id', 's.given_name', 's.family_name'])
    .where('a.supervisee_id', 'in', ids)
    .execute();
  const supervisorOf = new Map(supervisors.map((r) => [r.supervisee_id, { id: r.supervisor_id, name: `${r.given_name} ${r.family_name}` }]));
  return people.map((staff) => {
    const lastHeldOn = lastOf.get(staff.id) ?? null;
    const due = supervisionDue({ role: staff.role, lastHeldOn, today });
    return { staff, lastHeldOn, dueOn: due ? (lastHeldOn === null ? null : due.dueOn) : null, status: due?.status ?? null, supervisor: supervisorOf.get(staff.id) ?? null };
  });
}

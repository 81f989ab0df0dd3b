// Reading lone-working sessions: one by id, a visit's for one member of staff, a clinician's day.
import type { Kysely, Selectable } from 'kysely';
import type { Database, LoneWorkingSessionsTable } from '../db/schema.ts';
import type { LoneWorkingSession } from './lone-working-types.ts';

type SessionRow = Selectable<LoneWorkingSessionsTable> & { given_name: string; family_name: string };

const dateOnly = (value: Date | string) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

export function toSession(r: SessionRow): LoneWorkingSession {
  return {
    id: r.id,
    version: r.version,
    teamId: r.team_id,
    staffId: r.staff_id,
    staffName: `${r.given_name} ${r.family_name}`,
    date: dateOnly(r.on_date),
    origin: r.origin,
    visitId: r.visit_id,
    patientId: r.patient_id,
    place: r.place,
    withStaffId: r.with_staff_id,
    expectedStart: new Date(r.expected_start),
    expectedEnd: new Date(r.expected_end),
    status: r.status,
    checkedInAt: r.checked_in_at,
    checkedInReceivedAt: r.checked_in_received_at,
    checkedOutAt: r.checked_out_at,
    checkedOutReceivedAt: r.checked_out_received_at,
  };
}

function selectSessions(db: Kysely<Database>) {
  return db.selectFrom('lone_working_sessions as s').innerJoin('staff as st', 'st.id', 's.staff_id').selectAll('s').select(['st.given_name', 'st.family_name']);
}

export async function findSession(db: Kysely<Database>, id: string): Promise<LoneWorkingSession | null> {
  const row = await selectSessions(db).where('s.id', '=', id).executeTakeFirst();
  return row ? toSession(row) : null;
}

/** The session of one member of staff on one visit (each person on a two-person visit has their own). */
export async function findSessionForVisit(db: Kysely<Database>, o: { visitId: string; staffId: string }): Promise<LoneWorkingSession | null> {
  const row = await selectSessions(db).where('s.visit_id', '=', o.visitId).where('s.staff_id', '=', o.staffId).executeTakeFirst();
  return row ? toSession(row) : null;
}

/** A clinician's sessions on a day, in the order of the day. */
export async function listSessionsForStaffDay(db: Kysely<Database>, o: { staffId: string; date: string }): Promise<LoneWorkingSession[]> {
  const rows = await selectSessions(db).where('s.staff_id', '=', o.staffId).where('s.on_date', '=', o.date).orderBy('s.expected_start').orderBy('s.id').execute();
  return rows.map(toSession);
}

/** The session a clinician is in now (checked in, not out), the latest first: where the amber and red forms attach. */
export async function findCurrentSession(db: Kysely<Database>, o: { staffId: string }): Promise<LoneWorkingSession | null> {
  const row = await selectSessions(db).where('s.staff_id', '=', o.staffId).where('s.status', '=', 'checked-in').orderBy('s.checked_in_at', 'desc').orderBy('s.id', 'desc').executeTakeFirst();
  return row ? toSession(row) : null;
}

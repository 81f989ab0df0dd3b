// The team's lone-working board (issue 14 #6): today's sessions and the team's open alerts, in the
// order the lead must act on them. One query for the sessions, one for the alerts (each joined to the
// staff and the patient it names), and a cheap change marker that the live stream polls.
import { sql, type Kysely } from 'kysely';
import type { Database, LoneWorkingAlertKind, LoneWorkingAlertStatus, LoneWorkingSessionStatus } from '../db/schema.ts';

export type BoardPatient = { id: string; givenName: string; familyName: string };

export type BoardSession = {
  id: string;
  staffId: string;
  staffName: string;
  origin: 'plan' | 'by-hand';
  visitId: string | null;
  patient: BoardPatient | null;
  place: string;
  expectedStart: Date;
  expectedEnd: Date;
  status: LoneWorkingSessionStatus;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  /** When the missing check-in (or check-out) was due, for a session past its time; else null. */
  overdueSince: Date | null;
};

export type BoardAlert = {
  id: string;
  kind: LoneWorkingAlertKind;
  status: LoneWorkingAlertStatus;
  level: number;
  note: string | null;
  dueAt: Date;
  raisedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedByName: string | null;
  staffId: string;
  staffName: string;
  sessionId: string | null;
  place: string | null;
  patient: BoardPatient | null;
  /** A red alert or a duress code: shown in red, as a red alert, here and only here. */
  red: boolean;
};

export type Board = {
  date: string;
  alerts: BoardAlert[];
  overdue: BoardSession[];
  inVisit: BoardSession[];
  expected: BoardSession[];
  done: BoardSession[];
};

/** Alerts the lead must see: an amber timing, and every alert raised and not yet closed. */
export const openAlertStatuses: LoneWorkingAlertStatus[] = ['running', 'raised', 'acknowledged'];

const alertStatusOrder: Record<LoneWorkingAlertStatus, number> = { raised: 0, acknowledged: 1, running: 2, ended: 3, closed: 4 };

const isRed = (kind: LoneWorkingAlertKind) => kind === 'red' || kind === 'duress';

/** Raised before acknowledged before an amber still timing; red and duress first within each; then oldest first. */
export function compareAlerts(a: BoardAlert, b: BoardAlert): number {
  return alertStatusOrder[a.status] - alertStatusOrder[b.status] || Number(b.red) - Number(a.red) || (a.raisedAt ?? a.dueAt).getTime() - (b.raisedAt ?? b.dueAt).getTime();
}

function overdueSince(s: { status: LoneWorkingSessionStatus; expectedStart: Date; expectedEnd: Date }, now: Date): Date | null {
  if (s.status === 'expected' && s.expectedStart <= now) return s.expectedStart;
  if (s.status === 'checked-in' && s.expectedEnd <= now) return s.expectedEnd;
  return null;
}

/**
 * `viewerStaffId`: who is looking. A duress alert about the viewer themself is left off their own board
 * (a lead goes out alone too, and whoever forced the code may be watching their screen): it shows on
 * everyone else's, and their session shows as the normal check-out it looked like.
 */
export async function readBoard(db: Kysely<Database>, o: { teamId: string; date: string; now: Date; viewerStaffId: string }): Promise<Board> {
  const sessionRows = await db
    .selectFrom('lone_working_sessions as s')
    .innerJoin('staff as st', 'st.id', 's.staff_id')
    .leftJoin('patients as p', 'p.id', 's.patient_id')
    .select([
      's.id', 's.staff_id', 's.origin', 's.visit_id', 's.place', 's.expected_start', 's.expected_end', 's.status', 's.checked_in_at', 's.checked_out_at',
      'st.given_name as staff_given', 'st.family_name as staff_family', 'p.id as patient_id', 'p.given_name as patient_given', 'p.family_name as patient_family',
    ])
    .where('s.team_id', '=', o.teamId)
    .where('s.on_date', '=', o.date)
    .orderBy('s.expected_start')
    .orderBy('s.id')
    .execute();
  const alertRows = await db
    .selectFrom('lone_working_alerts as a')
    .innerJoin('staff as st', 'st.id', 'a.staff_id')
    .leftJoin('staff as ack', 'ack.id', 'a.acknowledged_by')
    .leftJoin('lone_working_sessions as s', 's.id', 'a.session_id')
    .leftJoin('patients as p', 'p.id', 's.patient_id')
    .select([
      'a.id', 'a.kind', 'a.status', 'a.level', 'a.note', 'a.due_at', 'a.raised_at', 'a.acknowledged_at', 'a.staff_id', 'a.session_id',
      'st.given_name as staff_given', 'st.family_name as staff_family', 'ack.given_name as ack_given', 'ack.family_name as ack_family',
      's.place', 'p.id as patient_id', 'p.given_name as patient_given', 'p.family_name as patient_family',
    ])
    .where('a.team_id', '=', o.teamId)
    .where('a.status', 'in', openAlertStatuses)
    .where((eb) => eb.not(eb.and([eb('a.kind', '=', 'duress'), eb('a.staff_id', '=', o.viewerStaffId)])))
    .execute();

  const patientOf = (r: { patient_id: string | null; patient_given: string | null; patient_family: string | null }): BoardPatient | null =>
    r.patient_id === null ? null : { id: r.patient_id, givenName: r.patient_given ?? '', familyName: r.patient_family ?? '' };
  const alerts: BoardAlert[] = alertRows
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      level: r.level,
      note: r.note,
      dueAt: new Date(r.due_at),
      raisedAt: r.raised_at,
      acknowledgedAt: r.acknowledged_at,
      acknowledgedByName: r.ack_given === null ? null : `${r.ack_given} ${r.ack_family}`,
      staffId: r.staff_id,
      staffName: `${r.staff_given} ${r.staff_family}`,
      sessionId: r.session_id,
      place: r.place,
      patient: patientOf(r),
      red: isRed(r.kind),
    }))
    .sort(compareAlerts);

  // A session with an open alert is shown once, with its alert at the top.
  const alerted = new Set(alerts.map((a) => a.sessionId).filter((id) => id !== null));
  const board: Board = { date: o.date, alerts, overdue: [], inVisit: [], expected: [], done: [] };
  for (const r of sessionRows) {
    if (alerted.has(r.id)) continue;
    const s: BoardSession = {
      id: r.id,
      staffId: r.staff_id,
      staffName: `${r.staff_given} ${r.staff_family}`,
      origin: r.origin,
      visitId: r.visit_id,
      patient: patientOf(r),
      place: r.place,
      expectedStart: new Date(r.expected_start),
      expectedEnd: new Date(r.expected_end),
      status: r.status,
      checkedInAt: r.checked_in_at,
      checkedOutAt: r.checked_out_at,
      overdueSince: null,
    };
    s.overdueSince = overdueSince(s, o.now);
    if (s.overdueSince) board.overdue.push(s);
    else if (s.status === 'checked-in') board.inVisit.push(s);
    else if (s.status === 'expected') board.expected.push(s);
    else board.done.push(s);
  }
  board.overdue.sort((a, b) => a.overdueSince!.getTime() - b.overdueSince!.getTime());
  board.inVisit.sort((a, b) => a.expectedEnd.getTime() - b.expectedEnd.getTime());
  board.done.sort((a, b) => (b.checkedOutAt?.getTime() ?? 0) - (a.checkedOutAt?.getTime() ?? 0));
  return board;
}

/** Every patient the board names, with the sessions and alerts it names them on (for the read audit). */
export function patientsOnBoard(board: Board): Map<string, { sessionIds: string[]; alertIds: string[] }> {
  const out = new Map<string, { sessionIds: string[]; alertIds: string[] }>();
  const entry = (id: string) => {
    let e = out.get(id);
    if (!e) out.set(id, (e = { sessionIds: [], alertIds: [] }));
    return e;
  };
  for (const a of board.alerts) if (a.patient) entry(a.patient.id).alertIds.push(a.id);
  for (const s of [...board.overdue, ...board.inVisit, ...board.expected, ...board.done]) if (s.patient) entry(s.patient.id).sessionIds.push(s.id);
  return out;
}

/**
 * What the live stream compares every couple of seconds: a short text that changes whenever the board
 * would. Counts, the sum of versions (every change bumps one) and the latest updated_at of the day's
 * sessions and of the team's alerts (open, or touched today), and how many sessions are past their time now (so someone becoming overdue changes
 * it with no row written). One statement over the team's indexes; it works across instances because it
 * reads the database, not an in-process event.
 */
export async function readBoardMarker(db: Kysely<Database>, o: { teamId: string; date: string; dayStart: Date; now: Date }): Promise<string> {
  const row = await sql<{ marker: string }>`
    select concat_ws('|',
      (select concat_ws(',', count(*), sum(version), max(updated_at),
                        count(*) filter (where status = 'checked-in'), count(*) filter (where status in ('checked-out', 'cancelled')),
                        count(*) filter (where (status = 'expected' and expected_start <= ${o.now}) or (status = 'checked-in' and expected_end <= ${o.now})))
         from lone_working_sessions where team_id = ${o.teamId} and on_date = ${o.date}),
      (select concat_ws(',', count(*), sum(version), max(updated_at), sum(level))
         from lone_working_alerts
        where team_id = ${o.teamId} and (status in ('running', 'raised', 'acknowledged') or updated_at >= ${o.dayStart}))
    ) as marker
  `.execute(db);
  return row.rows[0]?.marker ?? '';
}

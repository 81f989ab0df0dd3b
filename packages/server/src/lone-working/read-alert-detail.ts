// Everything a responder needs on one page: the clinician and how to reach them (work phone, car, from
// the rota), where they are, the patient there and their risk flags, the rung's instructions, the history.
import type { Kysely } from 'kysely';
import { formatUkDateTime, rungsFor, toUkWallClock, type LadderRung } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { findPatient } from '../patients/public.ts';
import { readRotaForDates } from '../staff/public.ts';
import type { LoneWorkingAlert } from './lone-working-types.ts';
import { readTeamLadder } from './read-team-ladder.ts';

export type AlertEventView = { at: Date; kind: string; level: number | null; by: string | null; detail: Record<string, unknown> };

export type AlertDetail = {
  alert: LoneWorkingAlert;
  clinician: { name: string; workPhone: string | null; carDescription: string | null };
  /** episodeId and visitPlace from the session's planned visit (null when started by hand), for the incident report it offers. */
  session: { place: string; episodeId: string | null; visitPlace: 'home' | 'clinic' | 'ward' | null; expectedStart: Date; expectedEnd: Date; status: string; checkedInAt: Date | null; checkedOutAt: Date | null } | null;
  patient: Awaited<ReturnType<typeof findPatient>>;
  rung: LadderRung | null;
  events: AlertEventView[];
};

export async function readAlertDetail(db: Kysely<Database>, alert: LoneWorkingAlert): Promise<AlertDetail> {
  const since = alert.raisedAt ?? alert.dueAt;
  const date = toUkWallClock(since).date;
  const [staff, rota, session, ladder, events] = await Promise.all([
    db.selectFrom('staff').select(['given_name', 'family_name']).where('id', '=', alert.staffId).executeTakeFirstOrThrow(),
    readRotaForDates(db, { teamId: alert.teamId, from: date, to: date }),
    alert.sessionId ? db.selectFrom('lone_working_sessions').selectAll().where('id', '=', alert.sessionId).executeTakeFirst() : Promise.resolve(undefined),
    readTeamLadder(db, alert.teamId),
    db
      .selectFrom('lone_working_alert_events as e')
      .leftJoin('staff as s', 's.id', 'e.by_staff_id')
      .select(['e.at', 'e.kind', 'e.level', 'e.detail', 's.given_name', 's.family_name'])
      .where('e.alert_id', '=', alert.id)
      .orderBy('e.at')
      .orderBy('e.id')
      .execute(),
  ]);
  const day = rota.find((d) => d.staffId === alert.staffId);
  const patient = session?.patient_id ? await findPatient(db, session.patient_id) : null;
  const visit = session?.visit_id ? await db.selectFrom('visits').select(['episode_id', 'place']).where('id', '=', session.visit_id).executeTakeFirst() : undefined;
  return {
    alert,
    clinician: { name: `${staff.given_name} ${staff.family_name}`, workPhone: day?.workPhone ?? null, carDescription: day?.carDescription ?? null },
    session: session
      ? { place: session.place, episodeId: visit?.episode_id ?? null, visitPlace: visit?.place ?? null, expectedStart: new Date(session.expected_start), expectedEnd: new Date(session.expected_end), status: session.status, checkedInAt: session.checked_in_at, checkedOutAt: session.checked_out_at }
      : null,
    patient,
    rung: rungsFor(ladder.rungs, alert.kind).filter((r) => r.level <= alert.level).at(-1) ?? null,
    events: events.map((e) => ({ at: new Date(e.at), kind: e.kind, level: e.level, by: e.given_name === null ? null : `${e.given_name} ${e.family_name}`, detail: (typeof e.detail === 'string' ? JSON.parse(e.detail) : e.detail) as Record<string, unknown> })),
  };
}

/** One line of the history, in words. */
export function describeEvent(e: AlertEventView): string {
  const d = e.detail;
  const reasons: Record<string, string> = { 'no-longer-working': 'no longer working in Homeward', 'annual-leave': 'on annual leave', sickness: 'off sick', training: 'on training', 'other-absence': 'absent' };
  const passedOver = Array.isArray(d.passedOver) ? (d.passedOver as Array<{ name: string; because: string }>).map((p) => `; ${p.name} is on call but ${reasons[p.because] ?? p.because}, so was not counted`).join('') : '';
  const told = Array.isArray(d.told) ? (d.told as Array<{ name: string; noPhone?: boolean }>).map((p) => `${p.name}${p.noPhone ? ' (no work phone: app and email only)' : ''}`).join(', ') : '';
  switch (e.kind) {
    case 'started': return `Amber alert started for ${String(d.minutes)} minutes`;
    case 'extended': return `Amber alert extended by ${String(d.minutes)} minutes`;
    case 'ended': return 'Amber alert ended safe';
    case 'raised': return 'Alert raised';
    case 'escalated': return `Level ${e.level}: told ${told || 'nobody'}${passedOver}`;
    case 'skipped-level': return `Level ${e.level} skipped: nobody on the rota to tell (${String(d.who)})${passedOver}`;
    case 'acknowledged': return `Acknowledged by ${e.by ?? 'a responder'}`;
    case 'action':
      if (d.nobodyOnTheLadder) return `Nobody on the ladder could be told: sent at once to the team’s clinical leads and service managers${told ? ` (${told})` : ' (there are none)'}`;
      return `${e.by ?? 'A responder'}: ${String(d.text)}`;
    case 'late-check-in': return `Check-in arrived late: made ${formatUkDateTime(String(d.madeAt))}, reached the service ${formatUkDateTime(String(d.receivedAt))}`;
    case 'late-check-out': return `Check-out arrived late: made ${formatUkDateTime(String(d.madeAt))}, reached the service ${formatUkDateTime(String(d.receivedAt))}`;
    case 'closed': return `Closed by ${e.by ?? 'a responder'}: ${String(d.outcome)}`;
    default: return e.kind;
  }
}

// What the clinician's lone-working pages show of a session, and the run sheet's checks (the port
// app.ts gives visits): states in the clinicians' words, times as UK wall-clock.
import type { Kysely } from 'kysely';
import { rungsFor, toUkWallClock, whoIsTold, type RungPeople } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import type { RunSheetCheck, RunSheetChecksPort } from '../visits/public.ts';
import { hasLoneWorkingCodes } from './check-lone-working-code.ts';
import type { LoneWorkingSession } from './lone-working-types.ts';
import { listSessionsForStaffDay } from './session-queries.ts';
import { sessionKind } from './sync-sessions-from-plan.ts';
import { readTeamLadder } from './read-team-ladder.ts';
import { readRungFacts } from './rung-facts.ts';

export const clock = (d: Date | null): string => (d ? toUkWallClock(d).time : '');

/** "Checked in at 10:02 (reached Homeward at 10:40)": both when an offline tap arrived late. */
function atText(made: Date | null, received: Date | null): string {
  if (!made) return '';
  const late = received && received.getTime() - made.getTime() >= 60_000;
  return `${clock(made)}${late ? ` (reached Homeward at ${clock(received)})` : ''}`;
}

export function statusText(s: LoneWorkingSession, cancelledReason: string | null = null): string {
  switch (s.status) {
    case 'expected':
      return `Not checked in yet (expected ${clock(s.expectedStart)} to ${clock(s.expectedEnd)})`;
    case 'checked-in':
      return `Checked in at ${atText(s.checkedInAt, s.checkedInReceivedAt)}, expected out by ${clock(s.expectedEnd)}`;
    case 'checked-out':
      return s.checkedInAt
        ? `Checked out at ${atText(s.checkedOutAt, s.checkedOutReceivedAt)}`
        : `Checked out at ${atText(s.checkedOutAt, s.checkedOutReceivedAt)} without checking in`;
    case 'cancelled':
      return `Not needed${cancelledReason ? `: ${cancelledReason}` : ''}`;
  }
}

/** The run sheet's check-in and check-out for each home visit (visits' RunSheetChecksPort). */
export const runSheetChecks: RunSheetChecksPort = async (db: Kysely<Database>, o: { actor: Actor; staffId: string; date: string; own: boolean; visitIds: string[] }) => {
  const link = o.own ? { href: '/lone-working/amber', text: 'Lone working: amber, red, a visit not on the plan' } : null;
  if (o.visitIds.length === 0) return { checks: new Map<string, RunSheetCheck>(), link };
  const sessions = await listSessionsForStaffDay(db, { staffId: o.staffId, date: o.date });
  const reasons = new Map((await db.selectFrom('lone_working_sessions').select(['id', 'cancelled_reason']).where('staff_id', '=', o.staffId).where('on_date', '=', o.date).where('status', '=', 'cancelled').execute()).map((r) => [r.id, r.cancelled_reason]));
  const codes = o.own ? await hasLoneWorkingCodes(db, o.staffId) : false;
  const out = new Map<string, RunSheetCheck>();
  for (const visitId of o.visitIds) {
    const s = sessions.find((x) => x.visitId === visitId) ?? null;
    if (!s) {
      // The sessions' job has not run yet: the tap makes the session as it checks in.
      out.set(visitId, { statusText: 'Not checked in yet', checkedIn: false, sessionHref: null, action: o.own ? { href: `/lone-working/visits/${visitId}/check-in`, text: 'Check in', asksForCode: false } : null });
      continue;
    }
    const action =
      !o.own ? null
      : s.status === 'expected' ? { href: `/lone-working/sessions/${s.id}/check-in`, text: 'Check in', asksForCode: false }
      : s.status === 'checked-in' ? { href: `/lone-working/sessions/${s.id}/check-out`, text: 'Check out', asksForCode: codes }
      : null;
    out.set(visitId, { statusText: statusText(s, reasons.get(s.id) ?? null), checkedIn: s.status === 'checked-in', sessionHref: `/lone-working/sessions/${s.id}`, action });
  }
  return { checks: out, link };
};

/** The session page names the patient (when there is one): audited as a read before it is shown. */
export async function readSessionPatient(db: Kysely<Database>, o: { actor: Actor; session: LoneWorkingSession }): Promise<{ name: string } | null> {
  if (!o.session.patientId) return null;
  const p = await db.selectFrom('patients').select(['given_name', 'family_name']).where('id', '=', o.session.patientId).executeTakeFirst();
  if (!p) return null;
  await auditSessionRead(db, { actor: o.actor, session: o.session, via: 'page' });
  return { name: `${p.given_name} ${p.family_name}` };
}

/** A session of a patient's visit says where they live: read, it is audited (one without a patient names nobody). */
export async function auditSessionRead(db: Kysely<Database>, o: { actor: Actor; session: LoneWorkingSession; via: 'page' | 'api' }): Promise<void> {
  if (!o.session.patientId) return;
  await auditAs(o.actor, db, { action: 'read', outcome: 'allowed', patientId: o.session.patientId, recordKind: sessionKind, recordId: o.session.id, detail: { via: o.via } });
}

export type FirstTold = {
  /** Who is told: one name, or several joined ("A, B and C"). */
  name: string;
  /** More than one person (the clinical leads working today, say). */
  several: boolean;
  /** Why them, in words: "today’s responder", "the clinical lead working today", ... */
  role: string;
  /** A phone to call them on, when there is one person and the rota records their work phone. */
  phone: string | null;
  /** What the alert carries of the clinician's own day: their work phone and car, where the rota records them. */
  carries: string;
};

const roleWords = (because: RungPeople['because'], several: boolean): string => {
  switch (because) {
    case 'on-call':
      return 'today’s responder';
    case 'clinical-lead':
      return several ? 'the clinical leads working today' : 'the clinical lead working today';
    case 'on-call-manager':
      return 'today’s on-call manager';
    case 'service-manager':
      return several ? 'the service managers' : 'the service manager';
    default:
      return 'your team';
  }
};

/**
 * Whom a red alert raised now tells first, by the team's ladder and the rota, exactly as the climb decides
 * (climb-alert.ts): the first rung that names anyone. Never the clinician: when they are the day's
 * responder themselves, the rule passes to a lead working that day. null when the rota names nobody (the
 * alert then goes to every lead and manager of the team, and the page says "your team").
 */
export async function readFirstTold(db: Kysely<Database>, o: { teamId: string; clinicianStaffId: string; now: Date }): Promise<FirstTold | null> {
  const [ladder, facts] = await Promise.all([readTeamLadder(db, o.teamId), readRungFacts(db, { teamId: o.teamId, clinicianStaffId: o.clinicianStaffId, now: o.now })]);
  const me = facts.people.get(o.clinicianStaffId);
  const carried = ['where you are', 'the visit’s risk flags', ...(me?.workPhone ? ['your work phone'] : []), ...(me?.carDescription ? ['your car'] : [])];
  const carries = `${carried.slice(0, -1).join(', ')} and ${carried.at(-1)}`;
  for (const rung of rungsFor(ladder.rungs, 'red')) {
    const told = whoIsTold(rung.who, facts);
    const people = told.staffIds.map((id) => facts.people.get(id)).filter((p) => p !== undefined);
    if (people.length === 0) continue;
    const names = people.map((p) => p.name);
    return {
      name: names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`,
      several: people.length > 1,
      role: roleWords(told.because, people.length > 1),
      phone: people.length === 1 ? people[0]!.workPhone : null,
      carries,
    };
  }
  return null;
}

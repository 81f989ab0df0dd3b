// A visit not on the plan, started by hand (issue 14 #1): where (in words a responder can act on), the
// patient if it is one of the clinician's own, who with, and when they expect to be out. It starts now,
// checked in: they are there. The checks are scheduled as for a planned visit.
import { uuidv7 } from 'uuidv7';
import type { Kysely } from 'kysely';
import { ukDateOf } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError, type FieldError } from '../platform/homeward-error.ts';
import { scheduleSessionChecks } from './schedule-session-checks.ts';
import { sessionKind } from './sync-sessions-from-plan.ts';

export type StartSessionByHandOptions = { actor: Actor; place: string; patientId: string | null; withStaffId: string | null; expectedEnd: Date };

/** The longest a visit started by hand may be expected to last: past it, the check-out would be too late to protect anyone. */
export const longestByHandHours = 12;

export function checkSessionByHand(o: { place: string; expectedEnd: Date | null; now: Date }): FieldError[] {
  const problems: FieldError[] = [];
  if (o.place.trim() === '') problems.push({ path: 'place', message: 'Enter where you are, so someone could find you' });
  else if (o.place.length > 300) problems.push({ path: 'place', message: 'Where you are must be 300 characters or fewer' });
  if (o.expectedEnd === null) problems.push({ path: 'expectedEnd', message: 'Enter when you expect to leave, for example 14:30' });
  else if (o.expectedEnd <= o.now) problems.push({ path: 'expectedEnd', message: 'When you expect to leave must be later than now' });
  else if (o.expectedEnd.getTime() - o.now.getTime() > longestByHandHours * 3_600_000) problems.push({ path: 'expectedEnd', message: `When you expect to leave must be within ${longestByHandHours} hours` });
  return problems;
}

export async function startSessionByHand(trx: Kysely<Database>, o: StartSessionByHandOptions): Promise<{ sessionId: string }> {
  const me = o.actor.staff;
  const now = o.actor.now;
  const problems = checkSessionByHand({ place: o.place, expectedEnd: o.expectedEnd, now });
  if (me.teamId === null) problems.push({ path: 'form', message: 'You are not in a team, so nobody would be told if you did not check out' });
  if (o.patientId !== null) {
    const own = await trx.selectFrom('episodes').select('id').where('patient_id', '=', o.patientId).where('allocated_to', '=', me.staffId).where('status', '<>', 'discharged').executeTakeFirst();
    if (!own) problems.push({ path: 'patientId', message: 'Choose a patient from your own caseload, or leave it empty' });
  }
  if (o.withStaffId !== null) {
    const colleague = await trx.selectFrom('staff').select('id').where('id', '=', o.withStaffId).where('team_id', '=', me.teamId).where('active', '=', true).executeTakeFirst();
    if (!colleague || o.withStaffId === me.staffId) problems.push({ path: 'withStaffId', message: 'Choose someone from your team, or leave it empty' });
  }
  if (problems.length) throw new HomewardError('validation_failed', problems[0]!.message, { fields: problems });
  const id = uuidv7();
  await trx.insertInto('lone_working_sessions').values({
    id, team_id: me.teamId!, staff_id: me.staffId, on_date: ukDateOf(now), origin: 'by-hand', visit_id: null, patient_id: o.patientId,
    place: o.place.trim(), with_staff_id: o.withStaffId, expected_start: now, expected_end: o.expectedEnd,
    status: 'checked-in', checked_in_at: now, checked_in_received_at: now,
    created_at: now, created_by: me.staffId, updated_at: now, updated_by: me.staffId,
  }).execute();
  await auditAs(o.actor, trx, { action: 'write', outcome: 'allowed', recordKind: sessionKind, recordId: id, patientId: o.patientId, detail: { change: 'started-by-hand' } });
  await scheduleSessionChecks(trx, { sessionId: id, now });
  return { sessionId: id };
}

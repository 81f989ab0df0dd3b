// An amber alert: before a visit that worries them, the clinician says what and why and for how long;
// if they have not ended it by then, it raises and climbs the ladder.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/schema.ts';
import type { AnyActor } from '../platform/actor.ts';
import { validationFailed } from '../platform/homeward-error.ts';
import { enqueueJob } from '../platform/jobs.ts';
import { auditAlertWrite } from './alert-audit.ts';
import { loneWorkingJobKinds } from './lone-working-types.ts';
import { timerAttempts } from './timer-attempts.ts';

export type AmberDuePayload = { alertId: string; dueAt: string };

/** An amber runs for 1 minute to 12 hours. */
export function amberMinutesProblem(minutes: number): string | null {
  return Number.isInteger(minutes) && minutes >= 1 && minutes <= 720 ? null : 'Enter how many minutes, from 1 to 720';
}

export async function enqueueAmberDue(trx: Kysely<Database>, o: { alertId: string; dueAt: Date; now: Date }): Promise<void> {
  const payload: AmberDuePayload = { alertId: o.alertId, dueAt: o.dueAt.toISOString() };
  await enqueueJob(trx, { kind: loneWorkingJobKinds.amberDue, key: `${o.alertId}:${payload.dueAt}`, payload, now: o.now, runAt: o.dueAt, maxAttempts: timerAttempts, createdBy: null });
}

export type StartAmberAlertOptions = { actor: AnyActor; teamId: string; staffId: string; sessionId: string | null; note: string; minutes: number };

export async function startAmberAlert(trx: Kysely<Database>, o: StartAmberAlertOptions): Promise<{ alertId: string }> {
  const problems = [
    ...(o.note.trim() === '' ? [{ path: 'note', message: 'Say what the visit is and why it worries you' }] : o.note.length > 1000 ? [{ path: 'note', message: 'The note must be 1000 characters or fewer' }] : []),
    ...(amberMinutesProblem(o.minutes) ? [{ path: 'minutes', message: amberMinutesProblem(o.minutes)! }] : []),
  ];
  if (problems.length) throw validationFailed(problems);
  const now = o.actor.now;
  const id = uuidv7();
  const by = o.actor.staff?.staffId ?? null;
  const dueAt = new Date(now.getTime() + o.minutes * 60_000);
  await trx
    .insertInto('lone_working_alerts')
    .values({ id, team_id: o.teamId, staff_id: o.staffId, session_id: o.sessionId, kind: 'amber', status: 'running', note: o.note.trim(), due_at: dueAt, created_at: now, created_by: by, updated_at: now, updated_by: by })
    .execute();
  await trx.insertInto('lone_working_alert_events').values({ id: uuidv7(), alert_id: id, at: now, kind: 'started', level: null, by_staff_id: by, due_at: dueAt, detail: JSON.stringify({ minutes: o.minutes }) }).execute();
  await enqueueAmberDue(trx, { alertId: id, dueAt, now });
  await auditAlertWrite(trx, { actor: o.actor, alertId: id, sessionId: o.sessionId, change: 'amber-started', detail: { minutes: o.minutes } });
  return { alertId: id };
}

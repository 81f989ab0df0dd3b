// The lone-working timers (issue 14 #8): durable jobs, each one short transaction that re-reads the
// state under a row lock and does nothing when it has moved on (checked in, checked out, cancelled,
// extended, acknowledged, closed, the rung already reached). main.ts runs them on their own runner.
import type { Kysely } from 'kysely';
import { dayAfter, fromUkWallClock, toUkWallClock } from '@homeward/clinical';
import { uuidv7 } from 'uuidv7';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { systemActor } from '../platform/actor.ts';
import { enqueueJob, type Job, type JobHandler } from '../platform/jobs.ts';
import { fireRung, raiseLockedAlert, type EscalatePayload } from './climb-alert.ts';
import { loneWorkingJobKinds } from './lone-working-types.ts';
import { timerAttempts } from './timer-attempts.ts';
import { createSenders, type Senders } from './notification-senders.ts';
import { lockAlertRow } from './read-alerts.ts';
import type { CheckDuePayload } from './schedule-session-checks.ts';
import type { AmberDuePayload } from './start-amber-alert.ts';
import { rotaGapKind, tellRotaGaps } from './tell-rota-gaps.ts';
import { deliverNotification } from './deliver-notification.ts';
import { readTeamLadder } from './read-team-ladder.ts';

export type LoneWorkingJobOptions = {
  db: Kysely<Database>;
  config: HomewardConfig;
  /** The timers' clock: the database's in production (main.ts), the test's clock in tests; default config.now. */
  now?: () => Date;
  /** How email and SMS leave (tests may pass their own); default from config. */
  senders?: Senders;
};

/** The rota-gap check for `date` runs the afternoon before, at this London time. */
export const rotaGapCheckTime = '14:00';

export async function enqueueRotaGapCheck(db: Kysely<Database>, o: { date: string; now: Date }): Promise<void> {
  const before = toUkWallClock(new Date(fromUkWallClock(o.date, '12:00')!.getTime() - 24 * 3600_000)).date;
  const runAt = fromUkWallClock(before, rotaGapCheckTime) ?? o.now;
  await enqueueJob(db, { kind: loneWorkingJobKinds.rotaGaps, key: o.date, payload: { date: o.date }, now: o.now, runAt, maxAttempts: timerAttempts, createdBy: null });
}

/** At start-up: the check for tomorrow (and so the chain after it), if it is not already waiting. */
export async function startRotaGapChecks(db: Kysely<Database>, now: Date): Promise<void> {
  await enqueueRotaGapCheck(db, { date: dayAfter(toUkWallClock(now).date), now });
}

export function loneWorkingJobHandlers(o: LoneWorkingJobOptions): Record<string, JobHandler> {
  const clock = o.now ?? o.config.now;
  let senders: Senders | null = o.senders ?? null;
  const actorFor = (job: Job) => systemActor({ config: o.config, via: `job:${job.kind}`, now: clock() });

  return {
    [loneWorkingJobKinds.checkDue]: async (job) => {
      const p = job.payload as CheckDuePayload;
      const actor = actorFor(job);
      return o.db.transaction().execute(async (trx) => {
        const s = await trx.selectFrom('lone_working_sessions').selectAll().where('id', '=', p.sessionId).forUpdate().executeTakeFirst();
        if (!s) return { outcome: 'no-session' };
        const expected = new Date(p.check === 'in' ? s.expected_start : s.expected_end).toISOString();
        // Times changed since this timer was set: the timer for the new times decides.
        if (expected !== p.expectedAt) return { outcome: 'times-changed' };
        if (s.status === 'cancelled' || s.status === 'checked-out') return { outcome: 'moved-on' };
        if (p.check === 'in' && s.status !== 'expected') return { outcome: 'moved-on' };
        // The session row is locked, so both timers of a session decide one after the other. Alerts of this
        // session for its current times: one due before the session's current start belongs to times it was
        // moved from (closed then, or not), and does not stand for this absence.
        const alerts = await trx.selectFrom('lone_working_alerts').select(['kind', 'status', 'due_at']).where('session_id', '=', s.id).where('kind', 'in', ['missed-check-in', 'missed-check-out']).execute();
        const isOpen = (a: (typeof alerts)[number]) => a.status === 'raised' || a.status === 'acknowledged';
        const current = alerts.filter((a) => new Date(a.due_at).getTime() >= new Date(s.expected_start).getTime());
        if (p.check === 'in') {
          // An open missed check-in or check-out alert already has a responder on the way to this clinician.
          if (alerts.some(isOpen)) return { outcome: 'covered' };
          if (current.some((a) => a.kind === 'missed-check-in')) return { outcome: 'already-raised' };
        } else {
          // Never checked in, or checked in late, and that alert still open: it covers the clinician for now.
          // The check is not dropped, though: it comes back one grace period later, so once a responder has
          // closed that alert with the clinician still out, the missing check-out raises its own alert.
          if (alerts.some((a) => a.kind === 'missed-check-in' && isOpen(a))) {
            const { graceSeconds } = await readTeamLadder(trx, s.team_id);
            const again = new Date(actor.now.getTime() + Math.max(graceSeconds, 60) * 1000);
            const payload: CheckDuePayload = { ...p, dueAt: again.toISOString() };
            await enqueueJob(trx, { kind: loneWorkingJobKinds.checkDue, key: `${s.id}:out:${payload.dueAt}`, payload, now: actor.now, runAt: again, maxAttempts: timerAttempts, createdBy: null });
            return { outcome: 'covered', again: payload.dueAt };
          }
          if (current.some((a) => a.kind === 'missed-check-out' && new Date(a.due_at).getTime() >= new Date(s.expected_end).getTime())) return { outcome: 'already-raised' };
        }
        // Never checked in: that is the one alert, whichever of the two timers gets here first (a check-in
        // timer held up by a killed instance or an outage must not make a second alert for one absence).
        // Unless a responder has already closed the missed check-in for these times: what is left missing is
        // the check-out.
        const checkInDealtWith = current.some((a) => a.kind === 'missed-check-in');
        const kind = p.check === 'in' || (s.status === 'expected' && !checkInDealtWith) ? 'missed-check-in' : 'missed-check-out';
        const dueAt = new Date(p.dueAt);
        const id = uuidv7();
        const made = await trx
          .insertInto('lone_working_alerts')
          .values({ id, team_id: s.team_id, staff_id: s.staff_id, session_id: s.id, kind, status: 'running', due_at: dueAt, created_at: actor.now, created_by: null, updated_at: actor.now, updated_by: null })
          // One alert per timer's due time (migration 0028): a retried timer finds the first.
          .onConflict((oc) => oc.columns(['session_id', 'kind', 'due_at']).where('kind', 'in', ['missed-check-in', 'missed-check-out']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!made) return { outcome: 'already-raised' };
        const row = (await lockAlertRow(trx, id))!;
        await raiseLockedAlert(trx, { actor, row, dueAt });
        return { outcome: 'raised', alertId: id };
      });
    },

    [loneWorkingJobKinds.escalate]: async (job) => {
      const p = job.payload as EscalatePayload;
      const actor = actorFor(job);
      const outcome = await o.db.transaction().execute((trx) => fireRung(trx, { actor, alertId: p.alertId, level: p.level, dueAt: new Date(p.dueAt) }));
      return { outcome };
    },

    [loneWorkingJobKinds.amberDue]: async (job) => {
      const p = job.payload as AmberDuePayload;
      const actor = actorFor(job);
      return o.db.transaction().execute(async (trx) => {
        const row = await lockAlertRow(trx, p.alertId);
        // Ended, already raised, or extended past this timer's time.
        if (!row || row.status !== 'running' || new Date(row.due_at).getTime() !== new Date(p.dueAt).getTime()) return { outcome: 'moved-on' };
        await raiseLockedAlert(trx, { actor, row, dueAt: new Date(p.dueAt) });
        return { outcome: 'raised' };
      });
    },

    [loneWorkingJobKinds.deliver]: async (job) => {
      senders ??= createSenders(o.config);
      return deliverNotification(o.db, { deliveryId: (job.payload as { deliveryId: string }).deliveryId, senders, now: clock, lastAttempt: job.attempts >= job.maxAttempts, publicUrl: o.config.publicUrl });
    },

    [loneWorkingJobKinds.rotaGaps]: async (job) => {
      const { date } = job.payload as { date: string };
      const actor = actorFor(job);
      const told = await o.db.transaction().execute((trx) => tellRotaGaps(trx, { actor, date }));
      // The next day's check, so the chain keeps going without anyone starting it.
      await enqueueRotaGapCheck(o.db, { date: dayAfter(date), now: actor.now });
      return { kind: rotaGapKind, told };
    },
  };
}

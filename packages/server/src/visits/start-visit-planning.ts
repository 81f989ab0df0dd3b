// The lead asks for a plan: a day, a week (one plan per date), re-optimising around the pins, or
// re-planning the rest of a day. It becomes a durable job keyed by the team, so a second press, or
// another lead on another instance, gets the run already under way rather than a second one.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError, versionConflict } from '../platform/homeward-error.ts';
import { enqueueJob, type Job } from '../platform/jobs.ts';
import { addRotaException, rotaExceptionProblems } from '../staff/public.ts';
import { visitPlanJobKind, type VisitPlanJobPayload } from './plan-job.ts';
import { readVisitPlan, readVisitPlanVersions } from './read-visit-plan.ts';

export type StartVisitPlanningOptions = {
  actor: Actor;
  teamId: string;
  dates: string[];
  /** The version of the (first) day's plan the lead was looking at, if the form carried it: a stale one is a 409. */
  version?: number | null;
  mode: 'plan' | 'replan';
  from?: string;
  offStaffId?: string | null;
};

export async function startVisitPlanning(trx: Kysely<Database>, o: StartVisitPlanningOptions): Promise<{ job: Job<VisitPlanJobPayload>; created: boolean }> {
  const versions = await readVisitPlanVersions(trx, { teamId: o.teamId, dates: o.dates });
  if (o.mode === 'replan' && versions[o.dates[0]!] === null) {
    throw new HomewardError('validation_failed', 'Nothing has been planned for this day yet: plan it first', { fields: [{ path: 'date', message: 'Nothing has been planned for this day yet: plan it first' }] });
  }
  if (o.version !== undefined && o.dates.length === 1 && versions[o.dates[0]!] !== o.version) {
    throw versionConflict(await readVisitPlan(trx, { teamId: o.teamId, date: o.dates[0]! }));
  }
  if (o.offStaffId) {
    // Only someone on the team's rota can be re-planned around (another team's person was a bare 403 from the rota, unaudited).
    const person = await trx.selectFrom('staff').select('id').where('id', '=', o.offStaffId).where('team_id', '=', o.teamId).where('active', '=', true).executeTakeFirst();
    if (!person) throw new HomewardError('validation_failed', 'Choose someone in your team', { fields: [{ path: 'offStaffId', message: 'Choose someone in your team' }] });
  }
  const staff = o.actor.staff;
  const payload: VisitPlanJobPayload = {
    teamId: o.teamId,
    dates: o.dates,
    mode: o.mode,
    versions,
    requestedBy: { staffId: staff.staffId, name: staff.name, role: staff.role, teamId: o.teamId },
    ...(o.from !== undefined ? { from: o.from } : {}),
    ...(o.offStaffId !== undefined ? { offStaffId: o.offStaffId } : {}),
  };
  const enqueued = await enqueueJob(trx, { kind: visitPlanJobKind, key: `team:${o.teamId}`, payload, now: o.actor.now, createdBy: staff.staffId, maxAttempts: 2 });
  // One run per team at a time: the same request again joins the run under way; a different one (a
  // re-plan while the week is being planned) is refused rather than silently dropped, nothing recorded.
  if (!enqueued.created && !sameRun(enqueued.job.payload, payload)) {
    throw new HomewardError('planner_busy', 'The planner is already running for your team. Wait for it to finish, then ask again: nothing was started or recorded.');
  }
  if (enqueued.created && o.mode === 'replan' && o.offStaffId && o.from) await recordSicknessFrom(trx, { actor: o.actor, staffId: o.offStaffId, date: o.dates[0]!, from: o.from });
  await auditAs(o.actor, trx, {
    action: 'write',
    outcome: 'allowed',
    recordKind: 'visit-plan-job',
    recordId: enqueued.job.id,
    detail: { dates: o.dates, mode: o.mode, created: enqueued.created, ...(o.offStaffId ? { offStaffId: o.offStaffId, from: o.from } : {}) },
  });
  return enqueued;
}

/**
 * The person the lead re-plans around is off the rota from that time, so a later re-optimise, the
 * week view and lone working's "who is out" all know. Left alone when the rota already has them absent
 * then (or refuses it for another reason): the re-plan takes them off the day either way.
 */
async function recordSicknessFrom(trx: Kysely<Database>, o: { actor: Actor; staffId: string; date: string; from: string }): Promise<void> {
  const options = { actor: o.actor, staffId: o.staffId, input: { kind: 'sickness' as const, startsOn: o.date, endsOn: o.date, startTime: o.from, endTime: '23:59', note: `Off from ${o.from}: recorded when the lead re-planned the day` } };
  if ((await rotaExceptionProblems(trx, options)).length === 0) await addRotaException(trx, options);
}

/** Whether a live run is the one asked for: the same days, the same kind, around the same absence. */
function sameRun(live: VisitPlanJobPayload, asked: VisitPlanJobPayload): boolean {
  return live.mode === asked.mode && live.dates.join() === asked.dates.join() && (live.from ?? null) === (asked.from ?? null) && (live.offStaffId ?? null) === (asked.offStaffId ?? null);
}

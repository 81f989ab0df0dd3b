// The lead asks for a plan: a day, a week (one plan per date), re-optimising around the pins, or
// re-planning the rest of a day. It becomes a durable job keyed by the team, so a second press, or
// another lead on another instance, gets the run already under way rather than a second one.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError, versionConflict } from '../platform/homeward-error.ts';
import { enqueueJob, type Job } from '../platform/jobs.ts';
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
  await auditAs(o.actor, trx, {
    action: 'write',
    outcome: 'allowed',
    recordKind: 'visit-plan-job',
    recordId: enqueued.job.id,
    detail: { dates: o.dates, mode: o.mode, created: enqueued.created, ...(o.offStaffId ? { offStaffId: o.offStaffId, from: o.from } : {}) },
  });
  return enqueued;
}

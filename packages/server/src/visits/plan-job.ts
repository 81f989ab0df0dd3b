// The planner as a durable job (platform/jobs.ts): one run at a time per team across every instance
// (the job's key is the team), in a worker thread (never on a request's thread), with its progress on
// the job row for the progress page. Each date: read the rota and the visits (short reads), build the
// problem, solve, and store the plan as the draft (version-checked against the version the lead
// started from). Nothing holds a transaction while the planner runs.
import { minutesOf, timeOf } from '@homeward/clinical';
import type { Kysely } from 'kysely';
import type { Location } from '@homeward/planner';
import { solveInWorker } from '@homeward/planner/worker';
import type { HomewardRole } from '@homeward/clinical';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { staffActor, type ActingStaff } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { PermanentJobError, type Job, type JobContext, type JobHandler } from '../platform/jobs.ts';
import type { GeoPoint, StaffDay } from '../staff/public.ts';
import { buildPlanningProblem, type BuildPlanningProblemOptions, type ResumePoint } from './build-planning-problem.ts';
import { dayPlanFromResult } from './plan-day-from-result.ts';
import { readStaffDaysForPlan, readTeamBase, readVisitsForPlan } from './plan-sources.ts';
import { readVisitPlan } from './read-visit-plan.ts';
import { saveVisitPlanDraft } from './save-visit-plan-draft.ts';
import { travelForPlanning } from './travel-for-planning.ts';
import type { PlannedVisit, StaffRoute, VisitDayPlan } from './visit-day-types.ts';

export const visitPlanJobKind = 'visit-plan';

export type VisitPlanJobPayload = {
  teamId: string;
  dates: string[];
  /** plan: the day (or the week) afresh, keeping pins; replan: the rest of one day, from `from`, changing as little as it can. */
  mode: 'plan' | 'replan';
  /** The plan's version for each date when the lead asked (null: none yet): a plan changed since is not overwritten. */
  versions: Record<string, number | null>;
  requestedBy: { staffId: string; name: string; role: HomewardRole; teamId: string };
  /** Re-planning: 'HH:MM' from when. */
  from?: string;
  /** Re-planning: off sick (or otherwise gone) from `from`. */
  offStaffId?: string | null;
};

export type VisitPlanJobProgress = { date: string; dayIndex: number; days: number; seconds: number; iteration: number; unplanned: number };

export type VisitPlanJobResult = { days: { date: string; planId: string | null; version: number | null; planned: number; unplanned: number; conflict: boolean }[] };

export type VisitPlanJobOptions = {
  db: Kysely<Database>;
  config: HomewardConfig;
  /** The planner's time per day (default 5 s). */
  secondsPerDay?: number;
  /** A fixed iteration budget instead (tests: reproducible). */
  iterationLimit?: number;
};

/** What is fixed when re-planning from `from`: visits done, or under way (started before `from`). */
function keptForReplan(published: VisitDayPlan, from: number, done: Set<string>) {
  const kept: Record<string, { leave: string; stops: PlannedVisit[]; breaks: StaffRoute['breaks'] }> = {};
  for (const r of published.routes) {
    const stops = r.stops.filter((s) => done.has(s.visitId) || minutesOf(s.start) < from);
    if (stops.length) kept[r.staffId] = { leave: r.leave, stops, breaks: r.breaks.filter((b) => minutesOf(b.start) < from) };
  }
  return kept;
}

async function planOneDay(o: VisitPlanJobOptions, job: Job<VisitPlanJobPayload>, context: JobContext, date: string, dayIndex: number): Promise<VisitPlanJobResult['days'][number]> {
  const p = job.payload;
  // A retried run (an earlier attempt died part-way through a week) finds the days it already saved:
  // they are its own, not a change made meanwhile, and are not planned again.
  const saved = await readVisitPlan(o.db, { teamId: p.teamId, date });
  if (saved?.draft?.jobId === job.id) {
    return { date, planId: saved.id, version: saved.version, planned: saved.draft.totals.visitsPlanned, unplanned: saved.draft.totals.visitsUnplanned, conflict: false };
  }
  const actor = staffActor({ staff: p.requestedBy as ActingStaff, config: o.config, via: `job:${visitPlanJobKind}` });
  let staffDays: StaffDay[] = await readStaffDaysForPlan(o.db, { teamId: p.teamId, dates: [date] });
  const visits = await readVisitsForPlan(o.db, { teamId: p.teamId, date });
  const teamBase = await readTeamBase(o.db, p.teamId);
  let extra: Pick<BuildPlanningProblemOptions, 'from' | 'resume' | 'previousStaff'> = {};
  let kept: ReturnType<typeof keptForReplan> | undefined;
  if (p.mode === 'replan') {
    const stored = await readVisitPlan(o.db, { teamId: p.teamId, date });
    const published = stored?.published ?? stored?.draft ?? null;
    if (!published) throw new PermanentJobError(`Nothing has been planned for ${date} to re-plan`);
    const from = minutesOf(p.from ?? '00:00');
    const done = new Set(visits.filter((v) => v.status === 'done' || v.status === 'no-access').map((v) => v.id));
    kept = keptForReplan(published, from, done);
    const location = new Map(visits.map((v) => [v.id, v.location]));
    const resume: Record<string, ResumePoint> = {};
    for (const [staffId, k] of Object.entries(kept)) {
      const last = k.stops.at(-1)!;
      const at = location.get(last.visitId) ?? null;
      if (at) resume[staffId] = { at: minutesOf(last.end), location: at as GeoPoint };
    }
    // Where the published plan put each visit: the planner charges for sending anyone new to it.
    const previousStaff: Record<string, { staffId: string; secondStaffId?: string; start: number }> = {};
    for (const r of published.routes) {
      for (const s of r.stops) {
        const before = previousStaff[s.visitId];
        if (!before) previousStaff[s.visitId] = { staffId: r.staffId, start: minutesOf(s.start) };
        else before.secondStaffId ??= r.staffId;
      }
    }
    const keptIds = new Set(Object.values(kept).flatMap((k) => k.stops.map((s) => s.visitId)));
    // Off sick from `from`: their shift ends there (the visits they have done stay theirs).
    staffDays = staffDays.map((d) => (d.staffId === p.offStaffId && d.shift ? { ...d, shift: minutesOf(d.shift.start) >= from ? null : { ...d.shift, end: timeOf(from) }, notWorkingBecause: 'sickness' as const } : d));
    extra = { from, resume, previousStaff };
    visits.splice(0, visits.length, ...visits.filter((v) => !keptIds.has(v.id)));
  }
  const built = buildPlanningProblem({ date, staffDays, visits, teamBase, ...extra });
  // Travel: the road model, or the Trust's routing service's matrix for the day's points (map/travel settings).
  const asPoint = (l: Location) => l as GeoPoint;
  const day = await travelForPlanning({ points: [...built.problem.staff.flatMap((s) => [asPoint(s.start), asPoint(s.end)]), ...built.problem.visits.map((v) => asPoint(v.location))], config: o.config });
  built.problem.travel = day.travel;
  for (const s of built.problem.staff) Object.assign(s, { start: day.locationOf(asPoint(s.start)), end: day.locationOf(asPoint(s.end)) });
  for (const v of built.problem.visits) v.location = day.locationOf(asPoint(v.location));
  const days = p.dates.length;
  let lastReport = 0;
  const result = await solveInWorker(built.problem, {
    // Re-planning on the day is wanted at once (issue 13: under 2 s); a fresh plan may take longer.
    ...(o.iterationLimit !== undefined ? { iterationLimit: o.iterationLimit, seed: 1 } : { timeLimitSeconds: p.mode === 'replan' ? Math.min(2, o.secondsPerDay ?? 5) : (o.secondsPerDay ?? 5) }),
    signal: context.signal,
    progressIntervalSeconds: 0.5,
    onProgress: (progress) => {
      // Progress is a courtesy: at most one write a second, and never waited for.
      if (progress.seconds - lastReport < 1) return;
      lastReport = progress.seconds;
      void context.reportProgress({ date, dayIndex, days, seconds: Math.round(progress.seconds), iteration: progress.iteration, unplanned: progress.unplanned } satisfies VisitPlanJobProgress).catch(() => undefined);
    },
  });
  if (context.signal.aborted) throw new Error('The planner run was stopped before it finished');
  const allVisits = await readVisitsForPlan(o.db, { teamId: p.teamId, date });
  const names = new Map(staffDays.map((d) => [d.staffId, d.name]));
  const staffLeftOut = built.staffWithoutLocation.map((staffId) => ({ staffId, name: names.get(staffId) ?? 'A member of staff', reason: 'no start point: the rota has no base or home on the map for them, and the team’s base is not placed' }));
  const plan = { ...dayPlanFromResult({ teamId: p.teamId, date, jobId: job.id, madeAt: actor.now, result, visits: allVisits, notSent: built.unplanned, staffNames: names, ...(kept ? { kept } : {}) }), travel: day.planTravel, staffLeftOut };
  try {
    const saved = await o.db.transaction().execute((trx) => saveVisitPlanDraft(trx, { actor, teamId: p.teamId, date, version: p.versions[date] ?? null, draft: plan, change: p.mode === 'replan' ? 'replan' : 'planner' }));
    return { date, planId: saved.id, version: saved.version, planned: plan.totals.visitsPlanned, unplanned: plan.totals.visitsUnplanned, conflict: false };
  } catch (error) {
    // Someone changed the plan while it ran: their change stands; the lead sees it and can plan again.
    if (error instanceof HomewardError && error.code === 'version_conflict') {
      return { date, planId: null, version: null, planned: plan.totals.visitsPlanned, unplanned: plan.totals.visitsUnplanned, conflict: true };
    }
    throw error;
  }
}

/** The job runner's handler for planner runs (main.ts starts the runner with it). */
export function visitPlanJobHandlers(o: VisitPlanJobOptions): Record<string, JobHandler> {
  return {
    [visitPlanJobKind]: async (job, context) => {
      const typed = job as Job<VisitPlanJobPayload>;
      const result: VisitPlanJobResult = { days: [] };
      for (const [index, date] of typed.payload.dates.entries()) {
        await context.reportProgress({ date, dayIndex: index, days: typed.payload.dates.length, seconds: 0, iteration: 0, unplanned: 0 } satisfies VisitPlanJobProgress);
        result.days.push(await planOneDay(o, typed, context, date, index));
      }
      return result;
    },
  };
}

// /api/visits/plans: start a planner run (a day, a week, re-planning the rest of a day), its status,
// the plan for a day, the lead's changes to it, and publishing it. Same rules as the pages.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { addCalendarDays } from '@homeward/clinical';
import { actorOf } from '../platform/actor.ts';
import { notFound } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { findJob, type Job } from '../platform/jobs.ts';
import { errorResponse } from '../platform/openapi.ts';
import { adjustVisitPlan } from './adjust-visit-plan.ts';
import { authorisePlanning, type PlanningAccess } from './plan-access.ts';
import { visitPlanJobKind, type VisitPlanJobPayload } from './plan-job.ts';
import { adjustmentBody, jobResponse, planChangeResponse, planDate, publishBody, replanBody, startPlanningBody, storedPlanResponse } from './plan-schema.ts';
import { planViewResponse, readPlanView } from './plan-view.ts';
import { publishVisitPlan } from './publish-visit-plan.ts';
import type { PlanPublishedPort } from './visit-ports.ts';
import { startVisitPlanning } from './start-visit-planning.ts';

/** The dates from `date` for `days` days (a week: seven plans, one per date). */
export function datesFrom(date: string, days: number): string[] {
  return Array.from({ length: days }, (_, i) => addCalendarDays(date, i));
}

export function jobBody(job: Job<VisitPlanJobPayload>) {
  return {
    id: job.id,
    status: job.status,
    dates: job.payload.dates,
    mode: job.payload.mode,
    attempts: job.attempts,
    progress: job.progress ?? null,
    result: job.result ?? null,
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt ? job.finishedAt.toISOString() : null,
  };
}

/** A planner run of the lead's own team, or 404 (another team's run is not theirs to see). */
export async function findPlanJob(app: FastifyInstance, access: PlanningAccess, jobId: string): Promise<Job<VisitPlanJobPayload>> {
  const job = await findJob<VisitPlanJobPayload>(app.db, jobId);
  if (!job || job.kind !== visitPlanJobKind || job.payload.teamId !== access.teamId) throw notFound('The planner run');
  return job;
}

export async function planApiRoutes(app: FastifyInstance, planPublished: PlanPublishedPort | null = null): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['visits'];
  const planParams = z.object({ date: planDate });
  const jobAccepted = { 202: z.object({ job: jobResponse, alreadyRunning: z.boolean() }) };

  typed.post(
    '/api/visits/plans/jobs',
    {
      schema: {
        tags,
        summary: 'Plan a day or a week for your team (a durable job: one run at a time per team)',
        description: 'Keeps every pin. The same request while that run is queued or running gets it back (alreadyRunning); a different run for the team meanwhile is a 409 (planner_busy). Poll GET /api/visits/plans/jobs/{jobId}. Accepts Idempotency-Key.',
        body: startPlanningBody,
        response: { ...jobAccepted, ...errorResponse(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const access = await authorisePlanning(app.db, { actor: actorOf(request), what: 'plan the team’s visits' });
      const body = request.body;
      return idempotentWrite(request, reply, async (trx) => {
        const { job, created } = await startVisitPlanning(trx, { actor: access.actor, teamId: access.teamId, dates: datesFrom(body.date, body.days), mode: 'plan', ...(body.days === 1 && body.version !== undefined ? { version: body.version } : {}) });
        return { status: 202, body: { job: jobBody(job), alreadyRunning: !created } };
      });
    },
  );

  typed.post(
    '/api/visits/plans/replan',
    {
      schema: {
        tags,
        summary: 'Re-plan the rest of a day: someone off sick from a time, or an urgent visit added',
        description: 'Keeps visits done or under way, gives every other visit its published clinician as the one to keep (moving it costs), and plans what is new. The number of changed visits is on the plan (changedVisitsSincePublished) before publishing.',
        body: replanBody,
        response: { ...jobAccepted, ...errorResponse(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const access = await authorisePlanning(app.db, { actor: actorOf(request), what: 're-plan the team’s visits' });
      const body = request.body;
      return idempotentWrite(request, reply, async (trx) => {
        const { job, created } = await startVisitPlanning(trx, { actor: access.actor, teamId: access.teamId, dates: [body.date], mode: 'replan', version: body.version, from: body.from, offStaffId: body.offStaffId ?? null });
        return { status: 202, body: { job: jobBody(job), alreadyRunning: !created } };
      });
    },
  );

  typed.get(
    '/api/visits/plans/jobs/:jobId',
    {
      schema: { tags, summary: 'A planner run: its status, progress, and result', params: z.object({ jobId: z.uuid() }), response: { 200: jobResponse, ...errorResponse(400, 401, 403, 404) } },
    },
    async (request) => {
      const access = await authorisePlanning(app.db, { actor: actorOf(request), what: 'see the team’s planner runs' });
      return jobBody(await findPlanJob(app, access, request.params.jobId));
    },
  );

  typed.get(
    '/api/visits/plans/:date',
    {
      schema: {
        tags,
        summary: "Your team's plan for a day: the draft, what was published, who works, the visits (with patients' names: an audited read)",
        params: planParams,
        response: { 200: storedPlanResponse, ...errorResponse(400, 401, 403) },
      },
    },
    async (request) => {
      const access = await authorisePlanning(app.db, { actor: actorOf(request), what: 'see the team’s visit plan' });
      return planViewResponse(await readPlanView(app.db, { access, date: request.params.date, purpose: 'api' }), request.params.date);
    },
  );

  typed.post(
    '/api/visits/plans/:date/adjustments',
    {
      schema: {
        tags,
        summary: 'Change the draft: move a visit to someone, swap two visits, or pin a visit to a person and/or a time',
        description: 'Version-checked: a stale version is a 409 with the plan as it is now. Accepts Idempotency-Key.',
        params: planParams,
        body: adjustmentBody,
        response: { 200: storedPlanResponse, ...errorResponse(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const access = await authorisePlanning(app.db, { actor: actorOf(request), what: 'change the team’s visit plan' });
      const { date } = request.params;
      const body = request.body;
      return idempotentWrite(request, reply, async (trx) => {
        await adjustVisitPlan(trx, { actor: access.actor, teamId: access.teamId, date, version: body.version, change: body.change });
        return { status: 200, body: planViewResponse(await readPlanView(trx, { access, date, purpose: 'after-change' }), date) };
      });
    },
  );

  typed.post(
    '/api/visits/plans/:date/publication',
    {
      schema: {
        tags,
        summary: 'Publish the draft: the run sheets show it, and each change is kept for the clinicians it affects',
        params: planParams,
        body: publishBody,
        response: { 200: z.object({ version: z.number(), publishedAt: z.string().nullable(), changes: z.array(planChangeResponse), changedVisits: z.number() }), ...errorResponse(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const access = await authorisePlanning(app.db, { actor: actorOf(request), what: 'publish the team’s visit plan' });
      const { date } = request.params;
      return idempotentWrite(request, reply, async (trx) => {
        const published = await publishVisitPlan(trx, { actor: access.actor, teamId: access.teamId, date, version: request.body.version, planPublished });
        return { status: 200, body: { version: published.plan.version, publishedAt: published.plan.publishedAt, changes: published.changes, changedVisits: published.changedVisits } };
      });
    },
  );
}

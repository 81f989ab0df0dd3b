// /api: goals rated with Goal Attainment Scaling. Thin: parse, authorise, delegate, audit.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import type { GasLevelKey, GoalPlanInput } from '@homeward/clinical';
import { actorOf } from '../platform/actor.ts';
import { validationFailed } from '../platform/homeward-error.ts';
import { idempotentWrite } from '../platform/idempotency.ts';
import { errorResponse } from '../platform/openapi.ts';
import { loadEpisode, loadGoal } from './record-route-helpers.ts';
import { auditRecordRead, authoriseRecordRead } from './record-access.ts';
import { authoriseGoalWrite, goalKind } from './goals-access.ts';
import { listGoals, summariseGoals } from './goals-queries.ts';
import { attainmentBody, attainmentResponse, goalBody, goalPatchBody, goalResponse, goalSummaryResponse, type GoalPatchBody, type GoalResponse } from './goals-schema.ts';
import { checkGoalAttainment, recordGoalAttainment } from './goal-attainment-record.ts';
import { checkGoalRefinement, planOf, refineGoal } from './goal-refine.ts';
import { checkNewGoal, setGoal } from './goal-set.ts';
import { changeGoalStatus, checkGoalStatus } from './goal-status-change.ts';

const episodeParams = z.object({ id: z.uuid('Episode id must be a UUID') });
const goalParams = z.object({ id: z.uuid('Goal id must be a UUID') });
const writeHeaders = z.object({ 'idempotency-key': z.string().optional(), 'x-csrf-token': z.string().optional() });
const writeErrors = errorResponse(400, 401, 403, 404, 409, 413, 422);
const planFields = ['statement', 'levels', 'baseline', 'importance', 'difficulty', 'targetOn', 'agreedWith'] as const;

/** The goal's plan with the fields the PATCH sent laid over it; levels are merged one by one. */
function mergedPlan(goal: GoalResponse, body: GoalPatchBody): GoalPlanInput {
  const plan = planOf(goal);
  const levels = Object.fromEntries(Object.entries(body.levels ?? {}).filter(([, v]) => v !== undefined)) as Partial<Record<GasLevelKey, string>>;
  return {
    statement: body.statement ?? plan.statement,
    levels: { ...plan.levels, ...levels },
    baseline: body.baseline ?? plan.baseline,
    importance: body.importance ?? plan.importance,
    difficulty: body.difficulty ?? plan.difficulty,
    targetOn: body.targetOn ?? plan.targetOn,
    agreedWith: body.agreedWith === undefined ? plan.agreedWith : body.agreedWith,
  };
}

export async function goalApiRoutes(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/api/episodes/:id/goals',
    { schema: { tags: ['record'], summary: 'The episode’s goals, each with its ratings, and the GAS T-score at baseline and at the latest ratings (50 = goals met as expected)', params: episodeParams, response: { 200: z.object({ goals: z.array(goalResponse), tScores: goalSummaryResponse }), ...errorResponse(401, 403, 404) } } },
    async (request) => {
      const access = await authoriseRecordRead(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), kind: goalKind });
      const goals = await listGoals(app.db, access);
      await auditRecordRead(app.db, access, goalKind, access.episode.id, { goalIds: goals.map((g) => g.id) });
      return { goals, tScores: summariseGoals(goals) };
    },
  );

  typed.post(
    '/api/episodes/:id/goals',
    { schema: { tags: ['record'], summary: 'Set a goal in the patient’s words with its five GAS levels described, baseline, importance, difficulty and target date (assistant practitioner, registered therapist or clinical lead)', params: episodeParams, headers: writeHeaders, body: goalBody, response: { 201: goalResponse, ...writeErrors } } },
    async (request, reply) => {
      const access = await authoriseGoalWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), change: 'set' });
      const { id, agreedWith, ...plan } = request.body;
      const input: GoalPlanInput = { ...plan, agreedWith: agreedWith ?? null };
      // Refuse bad input before a transaction opens, so a refusal writes nothing.
      checkNewGoal(actorOf(request).now, access, input);
      return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: await setGoal(trx, { access, plan: input, id }) }));
    },
  );

  typed.get(
    '/api/goals/:id',
    { schema: { tags: ['record'], summary: 'A goal with its ratings, oldest first', params: goalParams, response: { 200: goalResponse, ...errorResponse(401, 403, 404) } } },
    async (request) => {
      const { goal, episode } = await loadGoal(request, request.params.id);
      const access = await authoriseRecordRead(app.db, { actor: actorOf(request), episode: episode, kind: goalKind });
      await auditRecordRead(app.db, access, goalKind, goal.id);
      return goal;
    },
  );

  typed.patch(
    '/api/goals/:id',
    {
      schema: {
        tags: ['record'],
        summary: 'Refine a goal’s plan until it is first rated (then 409: record a new goal instead), or change its status to achieved, discontinued or active with a reason. Send the version you read',
        params: goalParams,
        headers: writeHeaders,
        body: goalPatchBody,
        response: { 200: goalResponse, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { goal, episode } = await loadGoal(request, request.params.id);
      const body = request.body;
      const changesPlan = planFields.filter((f) => body[f] !== undefined);
      const access = await authoriseGoalWrite(app.db, { actor: actorOf(request), episode: episode, change: body.status !== undefined ? 'status' : 'refine' });
      if (body.status !== undefined) {
        if (changesPlan.length) throw validationFailed(changesPlan.map((f) => ({ path: f, message: 'Change the status on its own, without changing the plan' })));
        const change = { status: body.status, reason: body.statusReason ?? null };
        checkGoalStatus(goal, change);
        return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: await changeGoalStatus(trx, { access, goal, change, version: body.version }) }));
      }
      if (body.statusReason !== undefined) throw validationFailed([{ path: 'status', message: 'Send the new status with its reason' }]);
      if (!changesPlan.length) throw validationFailed([{ path: '(body)', message: 'Send the parts of the plan to change, or a new status with its reason' }]);
      const plan = mergedPlan(goal, body);
      checkGoalRefinement(actorOf(request).now, access, goal, plan);
      return idempotentWrite(request, reply, async (trx) => ({ status: 200, body: await refineGoal(trx, { access, goal, plan, version: body.version }) }));
    },
  );

  typed.post(
    '/api/goals/:id/attainments',
    {
      schema: {
        tags: ['record'],
        summary: 'Rate the level a goal has attained (-2 .. +2) at review, discharge or another time; append-only. Answers with the rating and the goal',
        params: goalParams,
        headers: writeHeaders,
        body: attainmentBody,
        response: { 201: z.object({ attainment: attainmentResponse, goal: goalResponse }), ...writeErrors },
      },
    },
    async (request, reply) => {
      const { goal, episode } = await loadGoal(request, request.params.id);
      const access = await authoriseGoalWrite(app.db, { actor: actorOf(request), episode: episode, change: 'rate' });
      const { id, ...fields } = request.body;
      const rating = { ...fields, note: fields.note ?? null };
      checkGoalAttainment(actorOf(request).now, access, goal, rating);
      return idempotentWrite(request, reply, async (trx) => ({ status: 201, body: await recordGoalAttainment(trx, { access, goal, rating, id }) }));
    },
  );
}

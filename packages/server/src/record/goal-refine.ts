// Refining a goal's plan (its wording, levels, baseline, weight, target date): version-checked, and
// only until the goal is first rated. After that the plan is fixed, since the ratings were made against
// it: the clinician records a new goal instead.
import type { FastifyRequest } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { checkGoalPlan, goalPlanFixedMessage, type GoalPlanInput } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError, notFound, validationFailed, versionConflict } from '../platform/homeward-error.ts';
import { requirePrincipal } from '../platform/request-context.ts';
import type { RecordAccess } from './record-access.ts';
import { auditGoalWrite } from './goals-access.ts';
import { findGoal } from './goals-queries.ts';
import type { GoalResponse } from './goals-schema.ts';
import { episodeOpenForGoals, planColumns } from './goal-set.ts';

/** The goal's plan as it stands, for a form or to merge a partial change into. */
export function planOf(goal: GoalResponse): GoalPlanInput {
  return { statement: goal.statement, levels: { ...goal.levels }, baseline: goal.baseline, importance: goal.importance, difficulty: goal.difficulty, targetOn: goal.targetOn, agreedWith: goal.agreedWith };
}

export const planFixed = (goal: GoalResponse) => new HomewardError('version_conflict', goalPlanFixedMessage, { current: goal });

/** Refuses before any transaction: a rated goal, a discharged episode, a plan that breaks the rules. */
export function checkGoalRefinement(request: FastifyRequest, access: RecordAccess, goal: GoalResponse, plan: GoalPlanInput): void {
  if (goal.planFixed) throw planFixed(goal);
  const fields = [...episodeOpenForGoals(access), ...checkGoalPlan(plan, { now: request.server.config.now(), currentTargetOn: goal.targetOn })];
  if (fields.length) throw validationFailed(fields);
}

export type RefineGoalOptions = { access: RecordAccess; goal: GoalResponse; plan: GoalPlanInput; expectedVersion: number };

export async function refineGoal(request: FastifyRequest, trx: Kysely<Database>, o: RefineGoalOptions): Promise<GoalResponse> {
  const principal = requirePrincipal(request);
  checkGoalRefinement(request, o.access, o.goal, o.plan);
  const now = request.server.config.now();
  const updated = await trx
    .updateTable('goals')
    .set((eb) => ({ ...planColumns(o.plan), version: eb('version', '+', 1), updated_at: now, updated_by: principal.staffId }))
    .where('id', '=', o.goal.id)
    .where('version', '=', o.expectedVersion)
    // A rating saved since the goal was read fixes the plan, whatever the version says.
    .where(sql<boolean>`not exists (select 1 from goal_attainments a where a.goal_id = goals.id)`)
    .returning('id')
    .executeTakeFirst();
  if (!updated) {
    const current = await findGoal(trx, o.goal.id);
    if (!current) throw notFound('Goal');
    if (current.planFixed) throw planFixed(current);
    throw versionConflict(current);
  }
  await auditGoalWrite(request, trx, o.access, o.goal.id, 'goal-refined', { fromVersion: o.expectedVersion });
  return (await findGoal(trx, o.goal.id))!;
}

// Refining a goal's plan (its wording, levels, baseline, weight, target date): version-checked, and
// only until the goal is first rated. After that the plan is fixed, since the ratings were made against
// it: the clinician records a new goal instead.
import { sql, type Kysely } from 'kysely';
import { checkGoalPlan, goalPlanFixedMessage, type GoalPlanInput } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError, validationFailed, versionConflict } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { writerOf, type RecordAccess, type RecordWriteAccess } from './record-access.ts';
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
export function checkGoalRefinement(now: Date, access: RecordAccess, goal: GoalResponse, plan: GoalPlanInput): void {
  if (goal.planFixed) throw planFixed(goal);
  const fields = [...episodeOpenForGoals(access), ...checkGoalPlan(plan, { now, currentTargetOn: goal.targetOn })];
  if (fields.length) throw validationFailed(fields);
}

export type RefineGoalOptions = { access: RecordWriteAccess; goal: GoalResponse; plan: GoalPlanInput; version: number };

export async function refineGoal(trx: Kysely<Database>, o: RefineGoalOptions): Promise<GoalResponse> {
  const actor = writerOf(o.access);
  checkGoalRefinement(actor.now, o.access, o.goal, o.plan);
  await updateVersioned(trx, {
    actor: actor,
    table: 'goals',
    id: o.goal.id,
    version: o.version,
    set: planColumns(o.plan),
    // A rating saved since the goal was read fixes the plan, whatever the version says.
    onlyIf: sql<boolean>`not exists (select 1 from goal_attainments a where a.goal_id = goals.id)`,
    current: () => findGoal(trx, o.access, o.goal.id),
    conflict: (current) => (current.planFixed ? planFixed(current) : versionConflict(current)),
    what: 'Goal',
  });
  await auditGoalWrite(trx, o.access, o.goal.id, 'goal-refined', { fromVersion: o.version });
  return (await findGoal(trx, o.access, o.goal.id))!;
}

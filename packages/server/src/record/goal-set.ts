// Setting a goal: the patient's own words, what each GAS level would look like, the baseline, how
// important and how difficult it is to the patient, the target date and who agreed it. Checked
// against the clinical rules before any transaction opens; the write and its audit share the transaction.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { checkGoalPlan, gasLevelDescriptions, type GoalPlanInput } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { isUniqueViolation } from '../platform/database-errors.ts';
import { HomewardError, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { writerOf, type RecordAccess, type RecordWriteAccess } from './record-access.ts';
import { auditGoalWrite } from './goals-access.ts';
import { findGoal } from './goals-queries.ts';
import type { GoalResponse } from './goals-schema.ts';

/** Goals belong to an episode under way; once it is discharged the plan is closed. */
export function episodeOpenForGoals(access: RecordAccess): FieldError[] {
  if (access.episode.status !== 'discharged') return [];
  return [{ path: 'episode', message: 'This episode has been discharged, so its goals can no longer be set or changed. Only the rating at discharge can still be recorded.' }];
}

/** The stored form of the plan: trimmed text, levels keyed '-2' .. '+2'. */
export function planColumns(plan: GoalPlanInput) {
  return {
    statement: plan.statement.trim(),
    levels: JSON.stringify(Object.fromEntries(gasLevelDescriptions.map(({ key }) => [key, (plan.levels[key] ?? '').trim()]))),
    baseline_level: plan.baseline!,
    importance: plan.importance,
    difficulty: plan.difficulty,
    target_on: plan.targetOn!,
    agreed_with: plan.agreedWith?.trim() || null,
  };
}

export function checkNewGoal(now: Date, access: RecordAccess, plan: GoalPlanInput): void {
  const fields = [...episodeOpenForGoals(access), ...checkGoalPlan(plan, { now })];
  if (fields.length) throw validationFailed(fields);
}

export type SetGoalOptions = { access: RecordWriteAccess; plan: GoalPlanInput; /** A client may choose the id (uuid). */ id?: string };

export async function setGoal(trx: Kysely<Database>, o: SetGoalOptions): Promise<GoalResponse> {
  const actor = writerOf(o.access);
  const principal = actor.staff;
  checkNewGoal(actor.now, o.access, o.plan);
  const now = actor.now;
  const id = o.id ?? uuidv7();
  try {
    await trx
      .insertInto('goals')
      .values({ id, episode_id: o.access.episode.id, patient_id: o.access.episode.patientId, ...planColumns(o.plan), created_at: now, created_by: principal.staffId, updated_at: now, updated_by: principal.staffId })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error, 'goals_pkey')) throw new HomewardError('duplicate', 'A goal with this id already exists. Send a new id, or none.', { fields: [{ path: 'id', message: 'A goal with this id already exists' }] });
    throw error;
  }
  await auditGoalWrite(trx, o.access, id, 'goal-set', { baseline: o.plan.baseline, importance: o.plan.importance, difficulty: o.plan.difficulty, targetOn: o.plan.targetOn });
  return (await findGoal(trx, o.access, id))!;
}

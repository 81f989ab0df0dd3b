// Marking a goal achieved or discontinued (or reopening it), with the reason: version-checked. The
// goal and its ratings stay in the record; a discontinued goal is left out of the episode's T-score.
import type { Kysely } from 'kysely';
import { checkGoalStatusChange, type GoalStatus } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { validationFailed } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { writerOf, type RecordWriteAccess } from './record-access.ts';
import { auditGoalWrite } from './goals-access.ts';
import { findGoal } from './goals-queries.ts';
import type { GoalResponse } from './goals-schema.ts';

export type GoalStatusChange = { status: string | null; reason: string | null };

export function checkGoalStatus(goal: GoalResponse, change: GoalStatusChange): void {
  const fields = checkGoalStatusChange({ from: goal.status, to: change.status, reason: change.reason });
  if (fields.length) throw validationFailed(fields);
}

export type ChangeGoalStatusOptions = { access: RecordWriteAccess; goal: GoalResponse; change: GoalStatusChange; version: number };

export async function changeGoalStatus(trx: Kysely<Database>, o: ChangeGoalStatusOptions): Promise<GoalResponse> {
  const actor = writerOf(o.access);
  checkGoalStatus(o.goal, o.change);
  const status = o.change.status as GoalStatus;
  const reason = o.change.reason!.trim();
  await updateVersioned(trx, { actor: actor, table: 'goals', id: o.goal.id, version: o.version, set: { status, status_reason: reason }, current: () => findGoal(trx, o.access, o.goal.id), what: 'Goal' });
  await auditGoalWrite(trx, o.access, o.goal.id, 'goal-status-changed', { from: o.goal.status, to: status, reason });
  return (await findGoal(trx, o.access, o.goal.id))!;
}

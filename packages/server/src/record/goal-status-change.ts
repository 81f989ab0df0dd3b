// Marking a goal achieved or discontinued (or reopening it), with the reason: version-checked. The
// goal and its ratings stay in the record; a discontinued goal is left out of the episode's T-score.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { checkGoalStatusChange, type GoalStatus } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { notFound, validationFailed, versionConflict } from '../platform/homeward-error.ts';
import { requirePrincipal } from '../platform/request-context.ts';
import type { RecordAccess } from './record-access.ts';
import { auditGoalWrite } from './goals-access.ts';
import { findGoal } from './goals-queries.ts';
import type { GoalResponse } from './goals-schema.ts';

export type GoalStatusChange = { status: string | null; reason: string | null };

export function checkGoalStatus(goal: GoalResponse, change: GoalStatusChange): void {
  const fields = checkGoalStatusChange({ from: goal.status, to: change.status, reason: change.reason });
  if (fields.length) throw validationFailed(fields);
}

export type ChangeGoalStatusOptions = { access: RecordAccess; goal: GoalResponse; change: GoalStatusChange; expectedVersion: number };

export async function changeGoalStatus(request: FastifyRequest, trx: Kysely<Database>, o: ChangeGoalStatusOptions): Promise<GoalResponse> {
  const principal = requirePrincipal(request);
  checkGoalStatus(o.goal, o.change);
  const now = request.server.config.now();
  const status = o.change.status as GoalStatus;
  const reason = o.change.reason!.trim();
  const updated = await trx
    .updateTable('goals')
    .set((eb) => ({ status, status_reason: reason, version: eb('version', '+', 1), updated_at: now, updated_by: principal.staffId }))
    .where('id', '=', o.goal.id)
    .where('version', '=', o.expectedVersion)
    .returning('id')
    .executeTakeFirst();
  if (!updated) {
    const current = await findGoal(trx, o.goal.id);
    if (!current) throw notFound('Goal');
    throw versionConflict(current);
  }
  await auditGoalWrite(request, trx, o.access, o.goal.id, 'goal-status-changed', { from: o.goal.status, to: status, reason });
  return (await findGoal(trx, o.goal.id))!;
}

// Rating a goal's attainment at review, at discharge or another time: append-only, like every clinical
// entry. A discharged episode still takes its rating at discharge, since that is often done on the day
// or just after. The first rating fixes the goal's plan.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { checkGoalRating, fromUkWallClock, ukDateOf, type CheckGoalRatingOptions, type GoalRatingInput, type GoalTimePoint } from '@homeward/clinical';
import { episodeDateFacts } from '../caseload/public.ts';
import type { Database } from '../db/schema.ts';
import { isUniqueViolation } from '../platform/database-errors.ts';
import { HomewardError, validationFailed } from '../platform/homeward-error.ts';
import { writerOf, type RecordAccess, type RecordWriteAccess } from './record-access.ts';
import { auditGoalWrite } from './goals-access.ts';
import { findGoal } from './goals-queries.ts';
import type { AttainmentResponse, GoalResponse } from './goals-schema.ts';

/** What a rating's date is judged against: the patient's birth, the referral, the day the goal was set, and now. */
export function goalRatingOptions(now: Date, access: RecordAccess, goal: GoalResponse): CheckGoalRatingOptions {
  return { ...episodeDateFacts(access.episode, now), goalSetOn: ukDateOf(new Date(goal.createdAt)), episodeDischarged: access.episode.status === 'discharged' };
}

export function checkGoalAttainment(now: Date, access: RecordAccess, goal: GoalResponse, rating: GoalRatingInput): void {
  if (goal.status === 'discontinued') {
    throw validationFailed([{ path: 'goal', message: 'This goal was discontinued, so it is no longer rated. Reopen it first if it applies again.' }]);
  }
  const fields = checkGoalRating(rating, goalRatingOptions(now, access, goal));
  if (fields.length) throw validationFailed(fields);
}

export type RecordGoalAttainmentOptions = { access: RecordWriteAccess; goal: GoalResponse; rating: GoalRatingInput; /** A client may choose the id (uuid). */ id?: string };

export async function recordGoalAttainment(trx: Kysely<Database>, o: RecordGoalAttainmentOptions): Promise<{ attainment: AttainmentResponse; goal: GoalResponse }> {
  const actor = writerOf(o.access);
  const principal = actor.staff;
  checkGoalAttainment(actor.now, o.access, o.goal, o.rating);
  const now = actor.now;
  const id = o.id ?? uuidv7();
  const note = o.rating.note?.trim() || null;
  try {
    await trx
      .insertInto('goal_attainments')
      .values({
        id,
        goal_id: o.goal.id,
        episode_id: o.goal.episodeId,
        patient_id: o.goal.patientId,
        time_point: o.rating.timePoint as GoalTimePoint,
        level: o.rating.level!,
        note,
        // The rating is of a day: stored as the start of that day in UK time.
        rated_at: fromUkWallClock(o.rating.ratedOn!, '00:00')!,
        recorded_at: now,
        recorded_by: principal.staffId,
        recorded_by_role: principal.role,
      })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error, 'goal_attainments_pkey')) throw new HomewardError('duplicate', 'A rating with this id already exists. Send a new id, or none.', { fields: [{ path: 'id', message: 'A rating with this id already exists' }] });
    throw error;
  }
  await auditGoalWrite(trx, o.access, o.goal.id, 'goal-attainment-rated', { attainmentId: id, level: o.rating.level, timePoint: o.rating.timePoint, ratedOn: o.rating.ratedOn });
  const goal = (await findGoal(trx, o.access, o.goal.id))!;
  return { attainment: goal.ratings.find((r) => r.id === id)!, goal };
}

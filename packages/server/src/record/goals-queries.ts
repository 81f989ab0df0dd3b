// Reading an episode's goals with their ratings, and the episode's GAS T-score at baseline and now.
// listGoals and summariseGoals are the entry points for other parts of the record (the discharge
// summary, the timeline): listGoals(db, access) then summariseGoals(goals).
import type { Kysely } from 'kysely';
import { gasTScoreExplanation, scoreGoalSet, ukDateOf, type GoalStatus, type GoalTimePoint } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { AttainmentResponse, GoalResponse, GoalSummaryResponse } from './goals-schema.ts';
import { episodeIdOf, type RecordAccess } from './record-access-grant.ts';

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();
/** A date column comes back as a Date (PGlite) or a string (pg). */
const dateOnly = (value: Date | string) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));
const levelKeys = ['-2', '-1', '0', '+1', '+2'] as const;

type StaffRef = { id: string; name: string; role: string };

async function staffRefs(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, StaffRef>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.selectFrom('staff').select(['id', 'given_name', 'family_name', 'homeward_role']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, name: `${r.given_name} ${r.family_name}`, role: r.homeward_role }]));
}

async function readGoals(db: Kysely<Database>, where: { episodeId: string } | { goalId: string }): Promise<GoalResponse[]> {
  let goalQuery = db.selectFrom('goals').selectAll();
  let ratingQuery = db.selectFrom('goal_attainments').selectAll();
  if ('episodeId' in where) {
    goalQuery = goalQuery.where('episode_id', '=', where.episodeId);
    ratingQuery = ratingQuery.where('episode_id', '=', where.episodeId);
  } else {
    goalQuery = goalQuery.where('id', '=', where.goalId);
    ratingQuery = ratingQuery.where('goal_id', '=', where.goalId);
  }
  const [goals, ratings] = await Promise.all([
    goalQuery.orderBy('created_at').orderBy('id').execute(),
    // The latest rating is the latest rated day; on the same day, the one recorded last.
    ratingQuery.orderBy('rated_at').orderBy('recorded_at').orderBy('id').execute(),
  ]);
  const staff = await staffRefs(db, [...goals.flatMap((g) => [g.created_by, g.updated_by]), ...ratings.map((r) => r.recorded_by)]);
  const ref = (id: string) => staff.get(id) ?? { id, name: 'Unknown', role: '' };
  const byGoal = new Map<string, AttainmentResponse[]>();
  for (const r of ratings) {
    const rating: AttainmentResponse = {
      id: r.id,
      goalId: r.goal_id,
      episodeId: r.episode_id,
      timePoint: r.time_point as GoalTimePoint,
      level: r.level,
      note: r.note,
      ratedOn: ratedOnOf(r.rated_at),
      recordedAt: iso(r.recorded_at),
      recordedBy: ref(r.recorded_by),
    };
    byGoal.set(r.goal_id, [...(byGoal.get(r.goal_id) ?? []), rating]);
  }
  return goals.map((g) => {
    const goalRatings = byGoal.get(g.id) ?? [];
    const levels = g.levels as Record<string, string>;
    return {
      id: g.id,
      episodeId: g.episode_id,
      patientId: g.patient_id,
      statement: g.statement,
      levels: Object.fromEntries(levelKeys.map((k) => [k, levels[k] ?? ''])) as GoalResponse['levels'],
      baseline: g.baseline_level,
      importance: g.importance,
      difficulty: g.difficulty,
      weight: g.importance !== null && g.difficulty !== null ? g.importance * g.difficulty : null,
      targetOn: dateOnly(g.target_on),
      agreedWith: g.agreed_with,
      status: g.status as GoalStatus,
      statusReason: g.status_reason,
      version: g.version,
      createdAt: iso(g.created_at),
      createdBy: ref(g.created_by),
      updatedAt: iso(g.updated_at),
      updatedBy: ref(g.updated_by),
      ratings: goalRatings,
      latestLevel: goalRatings.at(-1)?.level ?? null,
      planFixed: goalRatings.length > 0,
    };
  });
}

/** A rating's day is stored as the start of that day in UK time (rated_at); read back on the UK calendar. */
export const ratedOnOf = (ratedAt: Date | string): string => ukDateOf(ratedAt instanceof Date ? ratedAt : new Date(ratedAt));

/** The episode's goals in the order they were set, each with its ratings (oldest first) and latest level. */
export async function listGoals(db: Kysely<Database>, access: RecordAccess): Promise<GoalResponse[]> {
  return readGoals(db, { episodeId: episodeIdOf(access) });
}

/** One of the episode's goals, by id (undefined when the episode has no such goal). */
export async function findGoal(db: Kysely<Database>, access: RecordAccess, goalId: string): Promise<GoalResponse | undefined> {
  const episodeId = episodeIdOf(access);
  return (await readGoals(db, { goalId })).find((g) => g.episodeId === episodeId);
}

/** A goal by id without a grant: for the loader that finds a goal's episode to authorise it. Never for a route. */
export async function findGoalWhere(db: Kysely<Database>, where: { id: string }): Promise<GoalResponse | undefined> {
  return (await readGoals(db, { goalId: where.id }))[0];
}

/**
 * The episode's GAS T-score at baseline (every goal at its baseline level) and now (each goal at its
 * latest rating, only once every active or achieved goal has one; otherwise `latest.message` says which
 * are unrated). Discontinued goals are not counted. Goals in the order listGoals gives them.
 */
export function summariseGoals(goals: readonly GoalResponse[]): GoalSummaryResponse {
  const scores = scoreGoalSet(goals.map((g) => ({ id: g.id, status: g.status, baseline: g.baseline, importance: g.importance, difficulty: g.difficulty, latestLevel: g.latestLevel })));
  return { ...scores, explanation: gasTScoreExplanation };
}

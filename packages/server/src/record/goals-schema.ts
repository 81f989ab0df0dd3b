// The JSON shapes of goals rated with Goal Attainment Scaling. Numbers that the GAS rules judge
// (levels, baseline, importance, difficulty) are accepted as any number here, so the clinical rules
// answer with their own specific message and field path rather than a generic type error.
import { z } from 'zod';
import { recordVersion } from '../platform/number-schemas.ts';
import { goalStatuses, goalTimePoints } from '@homeward/clinical';

const staffRef = z.object({ id: z.string(), name: z.string(), role: z.string() });
const level = z.string().optional();

export const goalLevelsBody = z.strictObject({ '-2': level, '-1': level, '0': level, '+1': level, '+2': level }, 'Levels must be an object with the descriptions of -2, -1, 0, +1 and +2');

export const goalBody = z.strictObject({
  id: z.uuid('Goal id must be a UUID').optional(),
  statement: z.string('Enter the goal in the patient’s own words'),
  levels: goalLevelsBody,
  baseline: z.number('Baseline must be -1, or -2 if the patient is already at the worst plausible level'),
  importance: z.number('Importance must be 0, 1, 2 or 3'),
  difficulty: z.number('Difficulty must be 0, 1, 2 or 3'),
  targetOn: z.string('Enter the target date as yyyy-mm-dd'),
  agreedWith: z.string().nullable().optional(),
});
export type GoalBody = z.infer<typeof goalBody>;

/** Refine the plan (any of its fields) or change the status (with a reason): one or the other. */
export const goalPatchBody = z.strictObject({
  version: recordVersion('Send the version of the goal you read'),
  statement: z.string().optional(),
  levels: goalLevelsBody.optional(),
  baseline: z.number().optional(),
  importance: z.number().optional(),
  difficulty: z.number().optional(),
  targetOn: z.string().optional(),
  agreedWith: z.string().nullable().optional(),
  status: z.string().optional(),
  statusReason: z.string().nullable().optional(),
});
export type GoalPatchBody = z.infer<typeof goalPatchBody>;

export const attainmentBody = z.strictObject({
  id: z.uuid('Rating id must be a UUID').optional(),
  level: z.number('Level attained must be -2, -1, 0, +1 or +2'),
  timePoint: z.string('Choose when in the episode this rating was made: review, discharge or other'),
  ratedOn: z.string('Enter the date of the rating as yyyy-mm-dd'),
  note: z.string().nullable().optional(),
});
export type AttainmentBody = z.infer<typeof attainmentBody>;

export const attainmentResponse = z.object({
  id: z.string(),
  goalId: z.string(),
  episodeId: z.string(),
  timePoint: z.enum(goalTimePoints),
  level: z.number(),
  note: z.string().nullable(),
  ratedOn: z.string(),
  recordedAt: z.string(),
  recordedBy: staffRef,
});
export type AttainmentResponse = z.infer<typeof attainmentResponse>;

export const goalResponse = z.object({
  id: z.string(),
  episodeId: z.string(),
  patientId: z.string(),
  statement: z.string(),
  levels: z.object({ '-2': z.string(), '-1': z.string(), '0': z.string(), '+1': z.string(), '+2': z.string() }),
  baseline: z.number(),
  importance: z.number().nullable(),
  difficulty: z.number().nullable(),
  /** importance x difficulty; null when either is not recorded. */
  weight: z.number().nullable(),
  targetOn: z.string(),
  agreedWith: z.string().nullable(),
  status: z.enum(goalStatuses),
  statusReason: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  createdBy: staffRef,
  updatedAt: z.string(),
  updatedBy: staffRef,
  /** Oldest first. */
  ratings: z.array(attainmentResponse),
  latestLevel: z.number().nullable(),
  /** True once rated: the plan can no longer be refined. */
  planFixed: z.boolean(),
});
export type GoalResponse = z.infer<typeof goalResponse>;

const tScore = z.object({ tScore: z.number().nullable(), message: z.string().nullable() });

export const goalSummaryResponse = z.object({
  countedGoalIds: z.array(z.string()),
  weighted: z.boolean(),
  baseline: tScore,
  latest: tScore,
  unratedGoalIds: z.array(z.string()),
  explanation: z.string(),
});
export type GoalSummaryResponse = z.infer<typeof goalSummaryResponse>;

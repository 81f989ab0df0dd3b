// Goals in the patient's own words, rated with Goal Attainment Scaling (the levels, baseline, importance
// and difficulty rules live in goal-attainment-scaling.ts). These are the rules around them: who sets
// and rates goals, when a target date and a rating date make sense, and how a goal is closed.
import { clinicalDateProblem, type ClinicalDateFacts } from '../clinical-date-bounds.ts';
import { checkGasGoal, gasLevelDescriptions, isGasLevel, type GasLevel, type GasLevelKey } from '../goal-attainment-scaling.ts';
import type { HomewardRole } from '../staff-roles.ts';
import type { RecordFieldError } from './consent.ts';

export const goalStatuses = ['active', 'achieved', 'discontinued'] as const;
export type GoalStatus = (typeof goalStatuses)[number];
export const goalStatusLabels: Record<GoalStatus, string> = { active: 'Active', achieved: 'Achieved', discontinued: 'Discontinued' };

/** When in the episode attainment was rated; the baseline is part of the goal itself. */
export const goalTimePoints = ['review', 'discharge', 'other'] as const;
export type GoalTimePoint = (typeof goalTimePoints)[number];
export const goalTimePointLabels: Record<GoalTimePoint, string> = { review: 'Review', discharge: 'Discharge', other: 'Other' };

export const maxGoalStatementLength = 1000;
export const maxGoalLevelLength = 500;

/**
 * Setting and rating goals is the assessing clinician's job (assistant practitioner, registered
 * therapist, clinical lead); support workers deliver the programme towards them.
 */
export function maySetGoals(role: HomewardRole): boolean {
  return role === 'assistant-practitioner' || role === 'registered-therapist' || role === 'clinical-lead';
}

/** '-2: Much less than expected' — how a level is named on forms and pages. */
export function gasLevelName(level: GasLevel): string {
  const described = gasLevelDescriptions.find((d) => d.level === level)!;
  return `${described.key}: ${described.label}`;
}

/** yyyy-mm-dd naming a day that exists (not 30 February). */
function isRealDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

export type GoalPlanInput = {
  statement: string;
  levels: Partial<Record<GasLevelKey, string>>;
  baseline: number | null;
  importance: number | null;
  difficulty: number | null;
  /** yyyy-mm-dd, or null when not given. */
  targetOn: string | null;
  agreedWith: string | null;
};

export type CheckGoalPlanOptions = {
  /** The target is today or later, within the planning horizon (clinical-date-bounds.ts). */
  now: Date;
  /** The stored target date when refining a goal: an unchanged target may have passed already. */
  currentTargetOn?: string | null;
};

/** Everything a goal needs before it is recorded; one specific message per field. */
export function checkGoalPlan(plan: GoalPlanInput, o: CheckGoalPlanOptions): RecordFieldError[] {
  const fields: RecordFieldError[] = checkGasGoal(plan).map((e) => ({ path: e.field, message: e.message }));
  if (plan.statement.length > maxGoalStatementLength) fields.push({ path: 'statement', message: `The goal must be ${maxGoalStatementLength} characters or fewer` });
  for (const { key } of gasLevelDescriptions) {
    if ((plan.levels[key] ?? '').length > maxGoalLevelLength) fields.push({ path: `levels.${key}`, message: `The description of ${key} must be ${maxGoalLevelLength} characters or fewer` });
  }
  if (!plan.targetOn) fields.push({ path: 'targetOn', message: 'Enter the target date' });
  else if (!isRealDate(plan.targetOn)) fields.push({ path: 'targetOn', message: 'Target date must be a real date' });
  else if (plan.targetOn !== o.currentTargetOn) {
    const when = clinicalDateProblem('goal-target', plan.targetOn, { now: o.now });
    if (when) fields.push({ path: 'targetOn', message: when });
  }
  if ((plan.agreedWith ?? '').length > 200) fields.push({ path: 'agreedWith', message: 'Who agreed the goal must be 200 characters or fewer' });
  return fields;
}

export type GoalRatingInput = { level: number | null; timePoint: string | null; ratedOn: string | null; note: string | null };

/** The patient's birth, the referral and now, and the day the goal was set: attainment cannot be rated before the goal existed. */
export type CheckGoalRatingOptions = ClinicalDateFacts & {
  goalSetOn: string;
  /** An episode that has been discharged only takes ratings at discharge. */
  episodeDischarged: boolean;
};

export function checkGoalRating(rating: GoalRatingInput, o: CheckGoalRatingOptions): RecordFieldError[] {
  const fields: RecordFieldError[] = [];
  if (rating.level === null) fields.push({ path: 'level', message: 'Choose the level the patient has attained' });
  else if (!isGasLevel(rating.level)) fields.push({ path: 'level', message: 'Level attained must be -2, -1, 0, +1 or +2' });
  if (!(goalTimePoints as readonly (string | null)[]).includes(rating.timePoint)) {
    fields.push({ path: 'timePoint', message: 'Choose when in the episode this rating was made: review, discharge or other' });
  } else if (o.episodeDischarged && rating.timePoint !== 'discharge') {
    fields.push({ path: 'timePoint', message: 'This episode has been discharged: only the rating at discharge can be recorded now' });
  }
  if (!rating.ratedOn) fields.push({ path: 'ratedOn', message: 'Enter the date of the rating' });
  else if (!isRealDate(rating.ratedOn)) fields.push({ path: 'ratedOn', message: 'Date of the rating must be a real date' });
  else {
    const when = clinicalDateProblem('goal-rating', rating.ratedOn, o);
    if (when) fields.push({ path: 'ratedOn', message: when });
  }
  if ((rating.note ?? '').length > 2000) fields.push({ path: 'note', message: 'The note must be 2000 characters or fewer' });
  return fields;
}

export type GoalStatusChangeInput = { from: GoalStatus; to: string | null; reason: string | null };

/** Achieving, discontinuing or reopening a goal: a different status, with the reason recorded. */
export function checkGoalStatusChange(change: GoalStatusChangeInput): RecordFieldError[] {
  const fields: RecordFieldError[] = [];
  const to = goalStatuses.find((s) => s === change.to);
  if (!to) fields.push({ path: 'status', message: 'Choose achieved, discontinued or active' });
  else if (to === change.from) fields.push({ path: 'status', message: `This goal is already ${goalStatusLabels[to].toLowerCase()}` });
  const reason = (change.reason ?? '').trim();
  if (!reason) {
    const why = to === 'achieved' ? 'how the goal was achieved' : to === 'discontinued' ? 'why the goal is being discontinued' : 'why the status is changing';
    fields.push({ path: 'reason', message: `Enter ${why}` });
  } else if (reason.length > 1000) fields.push({ path: 'reason', message: 'The reason must be 1000 characters or fewer' });
  return fields;
}

/** The plan is fixed once rated: later ratings are only comparable against the levels as first described. */
export const goalPlanFixedMessage = 'This goal has been rated, so its plan is fixed: the levels it was rated against cannot change. Record a new goal instead.';

// The risk register's rules for what is sent, shared by the pages and the API so both refuse in the same
// words (issue 17 #3): what must be written, scores on the 5x5 matrix, the target no higher than the
// current score, review and due dates ahead and within a year, an owner who may own a risk.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { addCalendarDays, riskScore, riskTargetProblem, ukDateOf } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { riskOwnerRoles } from './risk-roles.ts';

export const riskTextLimits = { title: 200, description: 4_000, cause: 2_000, effect: 2_000, controls: 4_000, gapsInControls: 4_000, note: 4_000, action: 1_000, reason: 2_000 } as const;

export type RiskDetails = {
  title: string; description: string; cause: string; effect: string;
  /** Null: the whole service. */
  teamId: string | null;
  /** Null when none was chosen (the check says so). */
  ownerId: string | null;
  controls: string; gapsInControls: string;
  targetLikelihood: number | null; targetConsequence: number | null;
  reviewOn: string | null;
};
export type RiskScoreInput = { likelihood: number | null; consequence: number | null };

export function throwIfAny(fields: FieldError[]): void {
  if (fields.length) throw validationFailed(fields);
}

const isDay = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

export function checkText(fields: FieldError[], path: keyof typeof riskTextLimits, value: string, o: { required: string | null; label: string }): void {
  if (o.required && !value.trim()) fields.push({ path, message: o.required });
  if (value.length > riskTextLimits[path]) fields.push({ path, message: `${o.label} must be ${riskTextLimits[path]} characters or fewer` });
}

export function checkScale(fields: FieldError[], path: string, value: number | null, what: string): void {
  if (value === null) fields.push({ path, message: `Choose the ${what}` });
  else if (!Number.isInteger(value) || value < 1 || value > 5) fields.push({ path, message: `The ${what} must be from 1 to 5` });
}

/** A date ahead, within a year (a review, an action's due date): from today, or after today when `afterToday`. */
export function checkAheadDate(fields: FieldError[], path: string, value: string | null, o: { missing: string; label: string; now: Date; afterToday?: boolean }): void {
  // A date the form could not read has its own message already.
  if (value === null) { if (!fields.some((f) => f.path === path)) fields.push({ path, message: o.missing }); return; }
  const today = ukDateOf(o.now);
  if (!isDay(value)) fields.push({ path, message: `${o.label} must be a real date` });
  else if (o.afterToday ? value <= today : value < today) fields.push({ path, message: `${o.label} must be ${o.afterToday ? 'after today' : 'today or later'}` });
  else if (value > addCalendarDays(today, 366)) fields.push({ path, message: `${o.label} must be within a year` });
}

/**
 * A risk is owned by someone accountable for where it lies: the service manager, or a clinical lead of the
 * risk's team (any clinical lead for a service-wide risk). Another team's lead could not be expected to
 * bring it down, and would find it on her home page among her own team's.
 */
async function checkOwner(db: Kysely<Database>, fields: FieldError[], ownerId: string | null, teamId: string | null): Promise<void> {
  const owner = ownerId && z.uuid().safeParse(ownerId).success ? await db.selectFrom('staff').select(['homeward_role', 'team_id']).where('id', '=', ownerId).where('active', '=', true).executeTakeFirst() : undefined;
  if (!owner || !(riskOwnerRoles as readonly string[]).includes(owner.homeward_role)) fields.push({ path: 'ownerId', message: 'Choose an owner: a clinical lead or the service manager' });
  else if (owner.homeward_role === 'clinical-lead' && teamId !== null && owner.team_id !== teamId) fields.push({ path: 'ownerId', message: 'Choose an owner: a clinical lead of the risk’s team, or the service manager' });
}

/** The risk's own words, team, owner, target and review date (adding and changing alike), against its current score. */
export async function checkRiskDetails(db: Kysely<Database>, o: RiskDetails & RiskScoreInput & { now: Date }, fields: FieldError[] = []): Promise<void> {
  checkText(fields, 'title', o.title, { required: 'Enter a short title for the risk', label: 'The title' });
  checkText(fields, 'description', o.description, { required: 'Describe the risk', label: 'The description' });
  checkText(fields, 'cause', o.cause, { required: 'Enter the cause: what could make it happen', label: 'The cause' });
  checkText(fields, 'effect', o.effect, { required: 'Enter the effect: what would happen if it did', label: 'The effect' });
  checkText(fields, 'controls', o.controls, { required: 'Enter the controls in place now (write "None" if there are none)', label: 'The controls' });
  checkText(fields, 'gapsInControls', o.gapsInControls, { required: null, label: 'The gaps in controls' });
  // A hand-edited team that is not a UUID is named, never sent to the database to refuse.
  if (o.teamId !== null && (!z.uuid().safeParse(o.teamId).success || !(await db.selectFrom('teams').select('id').where('id', '=', o.teamId).executeTakeFirst()))) fields.push({ path: 'teamId', message: 'Choose a team, or the whole service' });
  await checkOwner(db, fields, o.ownerId, o.teamId);
  checkScale(fields, 'likelihood', o.likelihood, 'likelihood');
  checkScale(fields, 'consequence', o.consequence, 'consequence');
  checkScale(fields, 'targetLikelihood', o.targetLikelihood, 'target likelihood');
  checkScale(fields, 'targetConsequence', o.targetConsequence, 'target consequence');
  if (!fields.some((f) => /ikelihood|onsequence/.test(f.path))) {
    const problem = riskTargetProblem({ likelihood: o.likelihood!, consequence: o.consequence!, targetLikelihood: o.targetLikelihood!, targetConsequence: o.targetConsequence! });
    if (problem) fields.push({ path: 'targetLikelihood', message: problem });
  }
  checkAheadDate(fields, 'reviewOn', o.reviewOn, { missing: 'Enter the date of the next review', label: 'The review date', now: o.now });
  throwIfAny(fields);
}

/** A review's new score, note and next date; the new score may not fall below the target. */
export function checkRiskReview(o: RiskScoreInput & { note: string; nextReviewOn: string | null; target: { likelihood: number; consequence: number }; now: Date }, fields: FieldError[] = []): void {
  checkScale(fields, 'likelihood', o.likelihood, 'likelihood');
  checkScale(fields, 'consequence', o.consequence, 'consequence');
  if (!fields.length) {
    const score = riskScore(o.likelihood!, o.consequence!);
    const target = riskScore(o.target.likelihood, o.target.consequence);
    if (score < target) fields.push({ path: 'likelihood', message: `The new score (${score}) is below the target score (${target}): lower the target first (change the risk), or close the risk if it is no longer a concern` });
  }
  checkText(fields, 'note', o.note, { required: 'Enter what the review found', label: 'The note' });
  checkAheadDate(fields, 'nextReviewOn', o.nextReviewOn, { missing: 'Enter the date of the next review', label: 'The next review date', now: o.now, afterToday: true });
  throwIfAny(fields);
}

/** An action: what, who (anyone clinical and active), by when. */
export async function checkRiskAction(db: Kysely<Database>, o: { action: string; ownerId: string | null; dueOn: string | null; now: Date }, fields: FieldError[] = []): Promise<void> {
  checkText(fields, 'action', o.action, { required: 'Enter the action', label: 'The action' });
  const owner = o.ownerId ? await db.selectFrom('staff').select('homeward_role').where('id', '=', o.ownerId).where('active', '=', true).executeTakeFirst() : undefined;
  if (!owner || ['administrator', 'privacy-officer'].includes(owner.homeward_role)) fields.push({ path: 'ownerId', message: 'Choose who owns the action' });
  checkAheadDate(fields, 'dueOn', o.dueOn, { missing: 'Enter the date the action is due by', label: 'The due date', now: o.now });
  throwIfAny(fields);
}

export function checkCloseRisk(o: { reason: string }, fields: FieldError[] = []): void {
  checkText(fields, 'reason', o.reason, { required: 'Enter why the risk is being closed', label: 'The reason' });
  throwIfAny(fields);
}

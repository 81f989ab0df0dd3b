// Reviews held: an append-only entry saying what was found and decided, and the episode's next review
// date and planned end moved on through the one version-checked episode change, in the same
// transaction as the entry and its audit, so the caseload never shows a date the record does not explain.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import {
  checkEpisodeReview,
  formatDisplayDate,
  mayRecordEpisodeReview,
  reviewDecisionLabels,
  reviewKindLabels,
  scheduleEpisodeReviews,
  ukDateOf,
  type EpisodeReviewSchedule,
  type ReviewDecision,
  type ReviewKind,
} from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { changeEpisode } from '../caseload/public.ts';
import { episodeDateFacts } from '../caseload/public.ts';
import type { EpisodeResponse } from '../caseload/public.ts';
import { HomewardError, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { auditRecordWrite, authoriseRecordWrite, writerOf, type RecordKind, type RecordWriteAccess } from './record-access.ts';
import type { EpisodeReviewResponse } from './review-schema.ts';
import { episodeIdOf, type RecordAccess } from './record-access-grant.ts';

export const reviewRecordKind: RecordKind = 'episode-review';

const dateOnly = (value: Date | string | null) => (value === null ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));
const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

export type ReviewInput = {
  kind: string | null;
  heldOn: string | null;
  summary: string;
  decision: string | null;
  nextReviewOn: string | null;
  plannedEndOn: string | null;
};

/** Write access to the record, and a role that reviews episodes; support workers are refused (and audited). */
export async function authoriseReviewWrite(db: Kysely<Database>, o: { actor: Actor; episode: EpisodeResponse }): Promise<RecordWriteAccess> {
  const { episode } = o;
  const access = await authoriseRecordWrite(db, { actor: o.actor, episode, kind: reviewRecordKind });
  if (!mayRecordEpisodeReview(access.grant.staff.role)) {
    await auditAs(o.actor, db, { action: 'write', outcome: 'refused', patientId: episode.patientId, recordKind: reviewRecordKind, recordId: episode.id, detail: { rule: 'role-does-not-review-episodes' } });
    throw new HomewardError('forbidden', 'Only an assistant practitioner, registered therapist or clinical lead can record a review of the episode. Tell them what you found so they can review it.');
  }
  return access;
}

/** What is wrong with a review of this episode, as field errors; empty when it can be recorded. */
export function reviewProblems(episode: EpisodeResponse, input: ReviewInput, now: Date): FieldError[] {
  return checkEpisodeReview({
    input,
    episode: { status: episode.status, startOn: episode.firstContactAt ? ukDateOf(new Date(episode.firstContactAt)) : null, plannedEndOn: episode.plannedEndOn },
    dates: episodeDateFacts(episode, now),
  });
}

/** Refuses a review that cannot be recorded, before any transaction opens. */
export function checkReview(episode: EpisodeResponse, input: ReviewInput, now: Date): void {
  const fields = reviewProblems(episode, input, now);
  if (fields.length) throw validationFailed(fields);
}

export type RecordEpisodeReviewOptions = { access: RecordWriteAccess; input: ReviewInput; version: number };

export async function recordEpisodeReview(trx: Kysely<Database>, o: RecordEpisodeReviewOptions): Promise<{ review: EpisodeReviewResponse; episode: EpisodeResponse }> {
  const actor = writerOf(o.access);
  const principal = actor.staff;
  const now = actor.now;
  const before = o.access.episode;
  checkReview(before, o.input, now);
  const decision = o.input.decision as ReviewDecision;
  const kind = o.input.kind as ReviewKind;
  const plannedEndOn = decision === 'extend' ? o.input.plannedEndOn : before.plannedEndOn;
  const reviewDueOn = o.input.nextReviewOn;
  const id = uuidv7();
  const changed: string[] = [];
  if (reviewDueOn !== before.reviewDueOn) changed.push(reviewDueOn ? `next review ${formatDisplayDate(reviewDueOn)}` : 'no further review');
  if (plannedEndOn !== before.plannedEndOn && plannedEndOn) changed.push(`planned end ${formatDisplayDate(plannedEndOn)}`);

  // The episode first: a stale version is refused (409) before the review is written.
  const episode = await changeEpisode(trx, {
    grant: o.access.grant,
    episodeId: before.id,
    version: o.version,
    set: { review_due_on: reviewDueOn, planned_end_on: plannedEndOn },
    event: {
      kind: 'reviewed',
      reason: decision,
      detail: {
        reviewId: id,
        reviewKind: kind,
        decisionLabel: `${reviewKindLabels[kind]}, ${reviewDecisionLabels[decision].toLowerCase()}`,
        datesChanged: changed.length ? `Now: ${changed.join('; ')}` : null,
        from: { reviewDueOn: before.reviewDueOn, plannedEndOn: before.plannedEndOn },
        to: { reviewDueOn, plannedEndOn },
      },
    },
  });
  await trx
    .insertInto('episode_reviews')
    .values({
      id,
      episode_id: before.id,
      patient_id: before.patientId,
      kind,
      held_on: o.input.heldOn!,
      summary: o.input.summary.trim(),
      decision,
      next_review_on: reviewDueOn,
      planned_end_on: decision === 'extend' ? plannedEndOn : null,
      recorded_at: now,
      recorded_by: principal.staffId,
      recorded_by_role: principal.role,
    })
    .execute();
  await auditRecordWrite(trx, o.access, reviewRecordKind, id, { change: 'review-recorded', kind, decision, nextReviewOn: reviewDueOn, plannedEndOn });
  const review = (await listEpisodeReviews(trx, o.access)).find((r) => r.id === id)!;
  return { review, episode };
}

/** The episode's reviews, most recently held first. */
export async function listEpisodeReviews(db: Kysely<Database>, access: RecordAccess): Promise<EpisodeReviewResponse[]> {
  const rows = await db
    .selectFrom('episode_reviews')
    .innerJoin('staff', 'staff.id', 'episode_reviews.recorded_by')
    .selectAll('episode_reviews')
    .select(['staff.given_name', 'staff.family_name'])
    .where('episode_reviews.episode_id', '=', episodeIdOf(access))
    .orderBy('episode_reviews.held_on', 'desc')
    .orderBy('episode_reviews.recorded_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    episodeId: r.episode_id,
    patientId: r.patient_id,
    kind: r.kind,
    heldOn: dateOnly(r.held_on)!,
    summary: r.summary,
    decision: r.decision,
    nextReviewOn: dateOnly(r.next_review_on),
    plannedEndOn: dateOnly(r.planned_end_on),
    recordedAt: iso(r.recorded_at),
    recordedBy: { id: r.recorded_by, name: `${r.given_name} ${r.family_name}`, role: r.recorded_by_role },
  }));
}

/** The confirmation after saving, in one line. */
export function reviewConfirmation(review: EpisodeReviewResponse): string {
  const next = review.nextReviewOn ? ` Next review ${formatDisplayDate(review.nextReviewOn)}.` : '';
  const end = review.plannedEndOn ? ` Planned end now ${formatDisplayDate(review.plannedEndOn)}.` : '';
  return `${reviewKindLabels[review.kind]} recorded: ${reviewDecisionLabels[review.decision].toLowerCase()}.${next}${end}`;
}

/** The episode's dates as the reviews API returns them. */
export const reviewedEpisode = (e: EpisodeResponse) => ({ id: e.id, version: e.version, status: e.status, plannedEndOn: e.plannedEndOn, reviewDueOn: e.reviewDueOn });

/** Half-way and end reviews from first contact and the planned end, and where the next review stands on `today`. */
export function scheduleFor(episode: EpisodeResponse, today: string): EpisodeReviewSchedule {
  return scheduleEpisodeReviews({ startOn: episode.firstContactAt ? ukDateOf(new Date(episode.firstContactAt)) : null, plannedEndOn: episode.plannedEndOn, reviewDueOn: episode.reviewDueOn, today });
}

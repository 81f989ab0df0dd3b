// What a review held must say before it is recorded. A review is a clinical entry (append-only) and
// moves the episode's dates, so the checks come first: a bad date never moves the caseload.
import { clinicalDateProblem, type ClinicalDateFacts } from '../clinical-date-bounds.ts';
import { daysBetween } from '../episode-dates.ts';
import { formatDisplayDate } from '../date-parts.ts';
import type { HomewardRole } from '../staff-roles.ts';
import type { RecordFieldError } from './consent.ts';
import { reviewDecisions, reviewKinds, type ReviewDecision, type ReviewKind } from './review-vocabulary.ts';

export type EpisodeReviewInput = {
  kind: ReviewKind | string | null;
  /** yyyy-mm-dd; null when the date typed could not be read (the form reports that itself). */
  heldOn: string | null;
  summary: string;
  decision: ReviewDecision | string | null;
  nextReviewOn: string | null;
  /** The new planned end: required when extending, refused otherwise. */
  plannedEndOn: string | null;
};

export type ReviewedEpisode = {
  status: string;
  /** UK date of first contact: the start of the episode. */
  startOn: string | null;
  plannedEndOn: string | null;
};

/** `dates`: the patient's birth, the referral and now (clinical-date-bounds.ts); the start is the episode's. */
export type CheckEpisodeReviewOptions = { input: EpisodeReviewInput; episode: ReviewedEpisode; dates: ClinicalDateFacts };

export const maxReviewSummaryLength = 5000;

const on = (iso: string) => formatDisplayDate(iso);

/** Field errors (paths kind, heldOn, summary, decision, nextReviewOn, plannedEndOn); empty when the review can be recorded. */
export function checkEpisodeReview(o: CheckEpisodeReviewOptions): RecordFieldError[] {
  const { input, episode } = o;
  if (episode.status === 'discharged') return [{ path: 'episode', message: 'This episode has been discharged: there is nothing left to review' }];
  if (episode.status === 'waiting' || episode.startOn === null) return [{ path: 'episode', message: 'This episode has not started: record first contact before reviewing it' }];
  const fields: RecordFieldError[] = [];
  const dates: ClinicalDateFacts = { ...o.dates, firstContactAt: episode.startOn };
  if (!reviewKinds.includes(input.kind as ReviewKind)) fields.push({ path: 'kind', message: 'Choose which review this was: half-way, end of episode or other' });
  const heldOn = input.heldOn;
  const held = heldOn === null ? null : clinicalDateProblem('review-held', heldOn, dates);
  if (held) fields.push({ path: 'heldOn', message: held });
  const summary = input.summary.trim();
  if (!summary) fields.push({ path: 'summary', message: 'Enter a summary of the review: progress against goals and the reasons for the decision' });
  else if (summary.length > maxReviewSummaryLength) fields.push({ path: 'summary', message: `The summary must be ${maxReviewSummaryLength} characters or fewer` });

  const decision = reviewDecisions.find((d) => d === input.decision);
  if (!decision) {
    fields.push({ path: 'decision', message: 'Choose the decision: continue, extend or discharge' });
    return fields;
  }
  let plannedEnd = episode.plannedEndOn;
  if (decision === 'extend') {
    const newEnd = input.plannedEndOn;
    const endProblem = newEnd === null ? null : clinicalDateProblem('planned-end', newEnd, dates);
    if (newEnd === null) fields.push({ path: 'plannedEndOn', message: 'Enter the new planned end of the episode: extending needs a new end date' });
    else if (endProblem) fields.push({ path: 'plannedEndOn', message: endProblem });
    else if (daysBetween(episode.startOn, newEnd) <= 0) fields.push({ path: 'plannedEndOn', message: `The new planned end must be after the start of the episode, ${on(episode.startOn)}` });
    else if (episode.plannedEndOn !== null && daysBetween(episode.plannedEndOn, newEnd) <= 0) {
      fields.push({ path: 'plannedEndOn', message: `The new planned end must be after the current planned end, ${on(episode.plannedEndOn)}. To finish sooner, choose continue or discharge` });
    } else if (heldOn !== null && daysBetween(heldOn, newEnd) <= 0) fields.push({ path: 'plannedEndOn', message: `The new planned end must be after the review, ${on(heldOn)}` });
    else plannedEnd = newEnd;
  } else if (input.plannedEndOn !== null) {
    fields.push({ path: 'plannedEndOn', message: 'Only enter a new planned end when extending the episode' });
  }

  const next = input.nextReviewOn;
  const nextProblem = next === null ? null : clinicalDateProblem('next-review', next, dates);
  if (next === null) {
    // A discharge needs no further review; continuing or extending does.
    if (decision !== 'discharge') fields.push({ path: 'nextReviewOn', message: 'Enter the date of the next review' });
  } else if (heldOn !== null && daysBetween(heldOn, next) <= 0) {
    fields.push({ path: 'nextReviewOn', message: `The next review must be after this review, ${on(heldOn)}` });
  } else if (nextProblem) {
    fields.push({ path: 'nextReviewOn', message: nextProblem });
  } else if (plannedEnd !== null && daysBetween(plannedEnd, next) > 0) {
    fields.push({ path: 'nextReviewOn', message: `The next review must be on or before the planned end of the episode, ${on(plannedEnd)}. To go beyond it, extend the episode` });
  }
  return fields;
}

/**
 * Reviewing progress and deciding to continue, extend or discharge is an assessment decision: assistant
 * practitioners (for their non-complex caseload), registered therapists and clinical leads. Support
 * workers' work is delegated, so they contribute to a review but do not record one.
 */
export function mayRecordEpisodeReview(role: HomewardRole): boolean {
  return role === 'assistant-practitioner' || role === 'registered-therapist' || role === 'clinical-lead';
}

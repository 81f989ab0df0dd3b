// Which standardised assessments are due, so that every episode has a baseline and a final score.
//
// Which instruments: the Barthel Index for every service (the UK and SSNAP standard for activities of
// daily living), the Timed Up and Go as well for D2A pathways 0-2 (people going home or to a community
// bed, where falls risk shapes the plan; not pathway 3, a care home placement), and any other scored
// instrument already used in the episode. The team may use more; Homeward asks only for these.
//
// When: a baseline as soon as the episode is active; a reassessment from the half-way date of the
// planned length (and from any later review date the team sets, or review held); another at the planned end; and a
// final (discharge) score when discharge is planned or has happened. A reassessment done up to the
// review window (7 days) before a date counts for it, so an early one is not asked for again.
import { daysBetween, defaultReviewDueWindowDays, reviewDates } from '../episode-dates.ts';
import { formatDisplayDate } from '../date-parts.ts';
import { findInstrument } from '../instruments/registry.ts';
import { d2aPathwayOf, type Service } from '../referral-vocabulary.ts';

export const assessmentPromptKinds = ['baseline', 'review', 'end', 'discharge'] as const;
export type AssessmentPromptKind = (typeof assessmentPromptKinds)[number];

export const assessmentPromptKindLabels: Record<AssessmentPromptKind, string> = {
  baseline: 'Baseline',
  review: 'Half-way or review reassessment',
  end: 'End of the planned episode',
  discharge: 'Final score at discharge',
};

/** The time points an assessment is recorded at (as stored with it). */
export type AssessmentTimePoint = 'baseline' | 'review' | 'discharge' | 'other';

export type PromptedEpisode = {
  service: string;
  status: string;
  /** UK date of first contact; nothing is due before it. */
  startOn: string | null;
  plannedEndOn: string | null;
  reviewDueOn: string | null;
  dischargedOn: string | null;
  /** The date of the last review held: a review held is a reassessment point too. */
  lastReviewOn?: string | null;
};

/** One assessment as far as prompting cares: which instrument, at which time point, on which UK date. */
export type PromptedAssessment = { instrumentId: string; timePoint: string; on: string };

export type ListAssessmentPromptsOptions = {
  episode: PromptedEpisode;
  assessments: readonly PromptedAssessment[];
  today: string;
  /** Discharge is planned (a review decided it) or under way: every instrument with a baseline needs its final score. */
  dischargePlanned?: boolean;
  dueWindowDays?: number;
};

export type AssessmentPrompt = {
  kind: AssessmentPromptKind;
  instrumentId: string;
  instrumentName: string;
  /** The time point to record it at (the form preselects it). */
  timePoint: AssessmentTimePoint;
  dueOn: string;
  state: 'due' | 'overdue';
  /** One line for the page, e.g. "Barthel Index: reassessment due at the half-way review, 15 December 2026". */
  text: string;
};

/** The instruments every episode of a service should be scored on. */
export function defaultInstrumentsFor(service: string): string[] {
  const pathway = d2aPathwayOf(service as Service);
  return pathway !== null && pathway <= 2 ? ['barthel-index', 'timed-up-and-go'] : ['barthel-index'];
}

/** Outcome instruments: those with a direction of change (not checklists such as the home environment one). */
function isOutcomeInstrument(id: string): boolean {
  const definition = findInstrument(id);
  return definition !== undefined && definition.direction !== null;
}

export function listAssessmentPrompts(o: ListAssessmentPromptsOptions): AssessmentPrompt[] {
  const { episode, today } = o;
  const window = o.dueWindowDays ?? defaultReviewDueWindowDays;
  if (episode.startOn === null || episode.status === 'waiting') return [];
  const startOn = episode.startOn;
  const instruments = [...new Set([...defaultInstrumentsFor(episode.service), ...o.assessments.map((a) => a.instrumentId)])].filter(isOutcomeInstrument);
  const prompts: AssessmentPrompt[] = [];
  const state = (dueOn: string): 'due' | 'overdue' => (daysBetween(dueOn, today) > 0 ? 'overdue' : 'due');
  const add = (kind: AssessmentPromptKind, instrumentId: string, timePoint: AssessmentTimePoint, dueOn: string, s: 'due' | 'overdue', what: string) => {
    const instrumentName = findInstrument(instrumentId)!.name;
    prompts.push({ kind, instrumentId, instrumentName, timePoint, dueOn, state: s, text: `${instrumentName}: ${what}, ${s === 'overdue' ? 'overdue since' : 'due'} ${formatDisplayDate(dueOn)}` });
  };

  // Later review dates are the ones to act on: an earlier one missed is covered by reassessing now.
  const reviewOn = (() => {
    const candidates: string[] = [];
    if (episode.plannedEndOn !== null) candidates.push(reviewDates({ startOn, plannedEndOn: episode.plannedEndOn }).midwayReviewOn);
    if (episode.reviewDueOn !== null) candidates.push(episode.reviewDueOn);
    if (episode.lastReviewOn) candidates.push(episode.lastReviewOn);
    const passed = candidates.filter((d) => daysBetween(d, today) >= 0 && (episode.plannedEndOn === null || daysBetween(d, episode.plannedEndOn) > 0));
    return passed.sort().at(-1) ?? null;
  })();

  for (const id of instruments) {
    const done = o.assessments.filter((a) => a.instrumentId === id);
    const hasBaseline = done.some((a) => a.timePoint === 'baseline');
    const hasDischarge = done.some((a) => a.timePoint === 'discharge');
    // The most recent reassessment (review or final): what counts against a review date.
    const reassessedOn = done.filter((a) => a.timePoint === 'review' || a.timePoint === 'discharge').map((a) => a.on).sort().at(-1) ?? null;
    const reassessedSince = (dueOn: string) => reassessedOn !== null && daysBetween(reassessedOn, dueOn) <= window;

    if (episode.status === 'discharged') {
      // A missing baseline cannot be recorded after the event; a missing final score still can (as a late entry).
      if (hasBaseline && !hasDischarge) add('discharge', id, 'discharge', episode.dischargedOn ?? today, 'overdue', 'final score at discharge not recorded');
      continue;
    }
    if (episode.status !== 'active') continue;
    if (!hasBaseline) {
      // Baseline at the start: due within the review window of first contact, overdue after.
      const dueBy = daysBetween(startOn, today) > window ? 'overdue' : 'due';
      add('baseline', id, 'baseline', startOn, dueBy, 'baseline assessment');
      continue;
    }
    if (o.dischargePlanned) {
      if (!hasDischarge) add('discharge', id, 'discharge', today, 'due', 'final score needed before discharge');
      continue;
    }
    if (episode.plannedEndOn !== null && daysBetween(episode.plannedEndOn, today) >= 0) {
      if (!reassessedSince(episode.plannedEndOn)) add('end', id, 'discharge', episode.plannedEndOn, state(episode.plannedEndOn), 'reassessment at the end of the planned episode');
      continue;
    }
    if (reviewOn !== null && !reassessedSince(reviewOn)) add('review', id, 'review', reviewOn, state(reviewOn), 'reassessment for the review');
  }
  return prompts;
}

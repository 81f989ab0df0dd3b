// From what an episode records (visits a week, travel minutes, the patient's risk flags, the review
// date) to the bands the clinical rules work in: the caseload weight, a clinician's load, and the
// review state the priority score counts.
import {
  caseloadLoad,
  daysBetween,
  defaultReviewDueWindowDays,
  episodeWeight,
  type CaseloadLoad,
  type Complexity,
  type ReviewState,
  type TravelBand,
  type VisitFrequency,
} from '@homeward/clinical';

/** 5 or more visits a week is daily; 2 to 4 several a week; then weekly, fortnightly, monthly or less. */
export function visitFrequencyFor(visitsPerWeek: number): VisitFrequency {
  if (visitsPerWeek >= 5) return 'daily';
  if (visitsPerWeek >= 2) return 'several-a-week';
  if (visitsPerWeek >= 1) return 'weekly';
  if (visitsPerWeek >= 0.5) return 'fortnightly';
  return 'monthly-or-less';
}

export function travelBandFor(travelMinutes: number): TravelBand {
  if (travelMinutes < 15) return 'under-15-min';
  return travelMinutes <= 30 ? '15-to-30-min' : 'over-30-min';
}

export type EpisodeWeightFacts = { complexity: string; visitsPerWeek: number; travelMinutes: number; riskFlagCount: number };

export function weightOfEpisode(e: EpisodeWeightFacts): number {
  return episodeWeight({
    complexity: e.complexity as Complexity,
    visitFrequency: visitFrequencyFor(e.visitsPerWeek),
    travel: travelBandFor(e.travelMinutes),
    riskFlagCount: e.riskFlagCount,
  });
}

export function loadOf(weights: readonly number[], contractedHours: number): CaseloadLoad {
  return caseloadLoad({ weights, contractedHours });
}

/** Where the next review stands on a day: overdue after its date, due within the window before it. */
export function reviewStateOn(reviewDueOn: string | null, today: string): ReviewState {
  if (reviewDueOn === null) return 'not-due';
  const daysLeft = daysBetween(today, reviewDueOn);
  if (daysLeft < 0) return 'overdue';
  return daysLeft <= defaultReviewDueWindowDays ? 'due' : 'not-due';
}

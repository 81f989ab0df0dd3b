// From what an episode records (visits a week, travel minutes, the patient's risk flags, the review
// date) to the bands the clinical rules work in: the caseload weight, a clinician's load, and the
// review state the priority score counts.
import { RoadTravelModel } from '@homeward/planner';
import {
  caseloadLoad,
  daysBetween,
  defaultReviewDueWindowDays,
  episodeWeight,
  travelBandFor,
  type CaseloadLoad,
  type Complexity,
  type ReviewState,
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

type Coordinates = { lat: number; lon: number };

/** The travel an episode's weight counts, and where the figure came from. */
export type EpisodeTravel =
  /** Base to home and back by the planner's road model, from the coordinates. */
  | { basis: 'road-model'; roundTripMinutes: number }
  /** The episode's fixed one-way figure: the patient, or the team's base, is not placed on the map. */
  | { basis: 'fixed'; oneWayMinutes: number; patientPlaced: boolean };

export type EpisodeTravelFacts = {
  base: { latitude: number | null; longitude: number | null };
  home: { latitude: number | null; longitude: number | null };
  /** The episode's own one-way figure (episodes.travel_minutes, 20 unless changed). */
  fixedMinutes: number;
};

const placed = (p: { latitude: number | null; longitude: number | null }): Coordinates | null =>
  p.latitude === null || p.longitude === null ? null : { lat: p.latitude, lon: p.longitude };

/** Computed each time the weight is, so a patient placed (or moved) counts at once. */
export function travelOfEpisode(f: EpisodeTravelFacts): EpisodeTravel {
  const base = placed(f.base);
  const home = placed(f.home);
  if (!base || !home) return { basis: 'fixed', oneWayMinutes: f.fixedMinutes, patientPlaced: home !== null };
  const road = new RoadTravelModel([base, home]);
  return { basis: 'road-model', roundTripMinutes: Math.round(road.duration(0, 1) + road.duration(1, 0)) };
}

export type EpisodeWeightFacts = { complexity: string; visitsPerWeek: number; travel: EpisodeTravel; riskFlagCount: number };

export function weightOfEpisode(e: EpisodeWeightFacts): number {
  return episodeWeight({
    complexity: e.complexity as Complexity,
    visitFrequency: visitFrequencyFor(e.visitsPerWeek),
    travel: travelBandFor(e.travel),
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

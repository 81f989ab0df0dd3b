// Caseload weighting: how much of a clinician's week an episode takes, so allocation can be fair.
//
// Weight = complexity x visit frequency x travel x risk. One unit is a non-complex patient seen weekly,
// under 15 minutes away, with no risk flags: about 2 hours a week of a clinician's time (visit, travel,
// notes and liaison), so a full-time (37.5 h) clinician has room for about 18.75 units. The factors are
// starting points for a team to calibrate, and can be passed in.
import type { Complexity } from './referral-vocabulary.ts';

export const visitFrequencies = ['daily', 'several-a-week', 'weekly', 'fortnightly', 'monthly-or-less'] as const;
export type VisitFrequency = (typeof visitFrequencies)[number];

export const visitFrequencyLabels: Record<VisitFrequency, string> = {
  daily: 'Daily',
  'several-a-week': 'Two to four times a week',
  weekly: 'Weekly',
  fortnightly: 'Fortnightly',
  'monthly-or-less': 'Monthly or less',
};

/** One-way travel time from base or the previous visit. */
export const travelBands = ['under-15-min', '15-to-30-min', 'over-30-min'] as const;
export type TravelBand = (typeof travelBands)[number];

export const travelBandLabels: Record<TravelBand, string> = {
  'under-15-min': 'Under 15 minutes',
  '15-to-30-min': '15 to 30 minutes',
  'over-30-min': 'Over 30 minutes',
};

/**
 * The band from an episode's travel. Travel is measured as the round trip from the team's base to the
 * patient's home (the road model, from their coordinates) and halved, so the one-way bands keep their
 * meaning; a patient not yet placed on the map keeps the episode's fixed one-way figure (20 minutes
 * unless someone changed it).
 */
export function travelBandFor(travel: { roundTripMinutes: number } | { oneWayMinutes: number }): TravelBand {
  const oneWay = 'roundTripMinutes' in travel ? travel.roundTripMinutes / 2 : travel.oneWayMinutes;
  if (!(oneWay >= 15)) return 'under-15-min';
  return oneWay <= 30 ? '15-to-30-min' : 'over-30-min';
}

export const riskLevels = ['none', 'some', 'high'] as const;
export type RiskLevel = (typeof riskLevels)[number];

export const riskLevelLabels: Record<RiskLevel, string> = {
  none: 'No risk flags',
  some: 'One or two risk flags',
  high: 'Three or more risk flags',
};

/** Risk flags (animals, aggression, environment, lone-working cautions...) add time and planning. */
export function riskLevelFor(riskFlagCount: number): RiskLevel {
  if (!(riskFlagCount > 0)) return 'none';
  return riskFlagCount >= 3 ? 'high' : 'some';
}

export type CaseloadWeightFactors = {
  complexity: Record<Complexity, number>;
  visitFrequency: Record<VisitFrequency, number>;
  travel: Record<TravelBand, number>;
  risk: Record<RiskLevel, number>;
};

/**
 * | factor          | values                                                                       |
 * |-----------------|------------------------------------------------------------------------------|
 * | complexity      | non-complex 1, complex 1.5                                                   |
 * | visit frequency | daily 3, several a week 2, weekly 1, fortnightly 0.6, monthly or less 0.3    |
 * | travel          | under 15 min 1, 15-30 min 1.2, over 30 min 1.5                               |
 * | risk            | none 1, one or two flags 1.1, three or more 1.25                             |
 */
export const defaultCaseloadWeightFactors: CaseloadWeightFactors = {
  complexity: { 'non-complex': 1, complex: 1.5 },
  visitFrequency: { daily: 3, 'several-a-week': 2, weekly: 1, fortnightly: 0.6, 'monthly-or-less': 0.3 },
  travel: { 'under-15-min': 1, '15-to-30-min': 1.2, 'over-30-min': 1.5 },
  risk: { none: 1, some: 1.1, high: 1.25 },
};

export type EpisodeWeightInput = {
  complexity: Complexity;
  visitFrequency: VisitFrequency;
  travel: TravelBand;
  riskFlagCount: number;
};

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The episode's weight, to 2 decimal places. */
export function episodeWeight(input: EpisodeWeightInput, factors: CaseloadWeightFactors = defaultCaseloadWeightFactors): number {
  return round2(
    factors.complexity[input.complexity] *
      factors.visitFrequency[input.visitFrequency] *
      factors.travel[input.travel] *
      factors.risk[riskLevelFor(input.riskFlagCount)],
  );
}

/** One weight unit is about 2 hours of a clinician's week. */
export const defaultWeightPerHour = 0.5;

function hoursOrZero(hours: number): number {
  return Number.isFinite(hours) && hours > 0 ? hours : 0;
}

/** Weight a clinician can carry for their contracted weekly hours (negative or missing hours count as none). */
export function capacityFor(contractedHours: number, weightPerHour: number = defaultWeightPerHour): number {
  return round2(hoursOrZero(contractedHours) * hoursOrZero(weightPerHour));
}

export const loadStatuses = ['room', 'full', 'over'] as const;
export type LoadStatus = (typeof loadStatuses)[number];

export const loadStatusLabels: Record<LoadStatus, string> = {
  room: 'Has room',
  full: 'Full',
  over: 'Over capacity',
};

/** From this percentage of capacity a caseload counts as full; above 100% it is over. */
export const defaultFullFromPercent = 90;

export type CaseloadLoadOptions = {
  weights: readonly number[];
  contractedHours: number;
  weightPerHour?: number;
  fullFromPercent?: number;
};

export type CaseloadLoad = {
  total: number;
  capacity: number;
  /** Whole per cent of capacity used; null when there is no capacity (no contracted hours). */
  percent: number | null;
  status: LoadStatus;
};

export function caseloadLoad(options: CaseloadLoadOptions): CaseloadLoad {
  const total = round2(options.weights.reduce((sum, weight) => sum + (Number.isFinite(weight) && weight > 0 ? weight : 0), 0));
  const capacity = capacityFor(options.contractedHours, options.weightPerHour);
  if (capacity === 0) return { total, capacity, percent: null, status: total > 0 ? 'over' : 'full' };
  // The status follows the whole per cent shown, so the number and its label never disagree.
  const percent = Math.round((total / capacity) * 100);
  const status: LoadStatus = percent > 100 ? 'over' : percent >= (options.fullFromPercent ?? defaultFullFromPercent) ? 'full' : 'room';
  return { total, capacity, percent, status };
}

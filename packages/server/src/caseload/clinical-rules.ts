// The clinical rules the caseload context uses, gathered in one place. The rules themselves live in
// packages/clinical; this file only re-exports them (and holds interim versions of the two that had not
// landed when this context was written: the priority score and the caseload weight).
export {
  allocationChangeReasonLabels,
  allocationChangeReasons,
  d2aPathwayOf,
  dischargeDestinationLabels,
  dischargeDestinations,
  dischargeDestinationsFor,
  dischargeOutcomeLabels,
  dischargeOutcomes,
  episodeStatusLabels,
  isIntermediateCare,
  onHoldReasonLabels,
  onHoldReasons,
  priorities,
  priorityLabels,
  serviceLabels,
  services,
  skillLabels,
  type AllocationChangeReason,
  type DischargeDestination,
  type DischargeOutcome,
  type OnHoldReason,
  type Priority,
  type Service,
  type Skill,
} from '../../../clinical/src/referral-vocabulary.ts';
export { checkAllocation, mayAllocate, mayHoldEpisodes, type AllocationDecision } from '../../../clinical/src/allocation-competence.ts';
export { clockState, describeClock, formatDuration, type ClockState } from '../../../clinical/src/response-clock.ts';
export {
  addCalendarDays,
  daysBetween,
  defaultReviewDueWindowDays,
  plannedEndDate,
  reviewDates,
  ukDateOf,
} from '../../../clinical/src/episode-dates.ts';

import type { RiskFlagKind } from '@homeward/clinical';
import type { ClockState } from '../../../clinical/src/response-clock.ts';
import { formatDuration } from '../../../clinical/src/response-clock.ts';

export type PriorityReason = { points: number; text: string };
export type PriorityScoreInput = {
  priority: string;
  clock: ClockState;
  riskFlags: readonly RiskFlagKind[];
  daysSinceLastContact: number | null;
  /** Days until the review is due (negative when overdue); null when none is set. */
  daysUntilReview: number | null;
  status: string;
};
export type PriorityScore = { score: number; reasons: PriorityReason[] };

/** Interim: a transparent sum of points, each with the words shown on the caseload row. */
export function priorityScore(input: PriorityScoreInput): PriorityScore {
  const reasons: PriorityReason[] = [];
  const c = input.clock;
  if (c.state === 'breached') reasons.push({ points: 100, text: `First contact overdue by ${formatDuration(c.minutesOver)}` });
  else if (c.state === 'due-soon') reasons.push({ points: 50, text: `First contact due in ${formatDuration(c.minutesLeft)}` });
  if (input.priority === 'P1') reasons.push({ points: 30, text: 'Priority P1' });
  else if (input.priority === 'P2') reasons.push({ points: 15, text: 'Priority P2' });
  if (input.riskFlags.length > 0) reasons.push({ points: 5 * input.riskFlags.length, text: `${input.riskFlags.length} risk flag${input.riskFlags.length === 1 ? '' : 's'}` });
  if (input.daysSinceLastContact !== null && input.daysSinceLastContact > 7) {
    reasons.push({ points: Math.min(30, 2 * (input.daysSinceLastContact - 7)), text: `No contact for ${input.daysSinceLastContact} days` });
  }
  if (input.daysUntilReview !== null && input.daysUntilReview < 0) reasons.push({ points: 20, text: `Review overdue by ${-input.daysUntilReview} days` });
  else if (input.daysUntilReview !== null && input.daysUntilReview <= 7) reasons.push({ points: 10, text: `Review due in ${input.daysUntilReview} days` });
  if (input.status === 'on-hold') reasons.push({ points: -50, text: 'On hold' });
  return { score: reasons.reduce((sum, r) => sum + r.points, 0), reasons };
}

export type CaseloadWeightInput = {
  complexity: string;
  visitsPerWeek: number;
  travelMinutes: number;
  riskFlags: readonly RiskFlagKind[];
  status: string;
};

/** Interim: hours a week the episode asks of its holder (visit time plus travel, more for complexity and risk). */
export function caseloadWeight(input: CaseloadWeightInput): number {
  if (input.status === 'on-hold') return 0;
  const visitHours = input.complexity === 'complex' ? 1 : 0.75;
  const risk = input.riskFlags.includes('visit-in-pairs') || input.riskFlags.includes('aggression') ? 1.25 : 1;
  return Math.round(input.visitsPerWeek * (visitHours + input.travelMinutes / 60) * risk * 10) / 10;
}

export const capacityStates = ['room', 'full', 'over'] as const;
export type CapacityState = (typeof capacityStates)[number];

/** Interim: a clinician has room below 85% of contracted hours, is full up to 100%, over beyond. */
export function capacityState(totalWeight: number, contractedHours: number): CapacityState {
  if (totalWeight > contractedHours) return 'over';
  if (totalWeight >= contractedHours * 0.85) return 'full';
  return 'room';
}

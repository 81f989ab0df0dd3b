// The caseload order: a transparent priority score whose reasons are shown on each row.
//
// The weights are data so anyone can read why a patient sits where they do. With other factors equal the
// order is: breached P1 (300) > P1 due soon (250) > breached P2 (140) > P1 running (100) > breached P3 (95)
// > P2 due soon (90) > P3 due soon (45) > P2 running (40) > P3 running (10).
// Two promises hold whatever the other factors (risk, contact, review add at most 40 plus 25 for lateness):
//  - a P1 due soon outranks everything except a breached P1 (250 > 40 + 100 + 25 + 40 = 205);
//  - a breached P3 outranks a P2 whose clock is running and not yet due soon (95 > 40 + 40): a missed
//    standard is a harm already happening; a P2 far from due can still be seen in time.
// Once first contact is made (clock met or met late) the clock adds nothing: order then follows priority,
// risk, time since contact and reviews.
import type { ClockState } from './response-clock.ts';
import { describeClock } from './response-clock.ts';
import type { ReviewState } from './episode-dates.ts';
import type { Priority } from './referral-vocabulary.ts';
import { priorityLabels } from './referral-vocabulary.ts';

export type PriorityScoreWeights = {
  priority: Record<Priority, number>;
  clockDueSoon: Record<Priority, number>;
  clockBreached: Record<Priority, number>;
  perDayBreached: number;
  breachedDaysCap: number;
  perRiskFlag: number;
  riskFlagsCap: number;
  livesAlone: number;
  contactGraceDays: number;
  perDayWithoutContact: number;
  daysWithoutContactCap: number;
  review: Record<ReviewState, number>;
};

export const priorityScoreWeights: PriorityScoreWeights = {
  priority: { P1: 100, P2: 40, P3: 10 },
  clockDueSoon: { P1: 150, P2: 50, P3: 35 },
  clockBreached: { P1: 200, P2: 100, P3: 85 },
  /** Added per whole day a clock has been breached, up to the cap. */
  perDayBreached: 5,
  breachedDaysCap: 5,
  perRiskFlag: 5,
  riskFlagsCap: 3,
  livesAlone: 5,
  /** Days without contact before it starts to count, then a point a day up to the cap. */
  contactGraceDays: 7,
  perDayWithoutContact: 1,
  daysWithoutContactCap: 10,
  review: { 'not-due': 0, due: 5, overdue: 10 },
};

export type PriorityScoreInput = {
  priority: Priority;
  /** Null when the episode has no response clock. */
  clock: ClockState | null;
  riskFlagCount: number;
  livesAlone: boolean;
  /** Null before the first contact: the response clock speaks for that time. */
  daysSinceLastContact: number | null;
  review: ReviewState;
  /** An episode on hold is not planned for contact, so it sinks to the foot of the caseload. */
  onHold?: boolean;
};

export type PriorityReason = { label: string; points: number };
export type PriorityScore = { score: number; reasons: PriorityReason[] };

function wholeNonNegative(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

export function priorityScore(input: PriorityScoreInput, weights: PriorityScoreWeights = priorityScoreWeights): PriorityScore {
  if (input.onHold) return { score: 0, reasons: [{ label: 'On hold', points: 0 }] };
  const reasons: PriorityReason[] = [{ label: priorityLabels[input.priority], points: weights.priority[input.priority] }];

  const clock = input.clock;
  if (clock?.state === 'due-soon') {
    reasons.push({ label: `First contact ${describeClock(clock).toLowerCase()}`, points: weights.clockDueSoon[input.priority] });
  } else if (clock?.state === 'breached') {
    reasons.push({ label: 'First contact standard breached', points: weights.clockBreached[input.priority] });
    const days = Math.floor(clock.minutesOver / (24 * 60));
    if (days > 0) {
      reasons.push({ label: `Breached for ${plural(days, 'day')}`, points: Math.min(days, weights.breachedDaysCap) * weights.perDayBreached });
    }
  }

  const flags = wholeNonNegative(input.riskFlagCount);
  if (flags > 0) reasons.push({ label: plural(flags, 'risk flag'), points: Math.min(flags, weights.riskFlagsCap) * weights.perRiskFlag });
  if (input.livesAlone) reasons.push({ label: 'Lives alone', points: weights.livesAlone });

  if (input.daysSinceLastContact !== null) {
    const days = wholeNonNegative(input.daysSinceLastContact);
    const beyond = Math.min(days - weights.contactGraceDays, weights.daysWithoutContactCap);
    if (beyond > 0) reasons.push({ label: `Last contact ${plural(days, 'day')} ago`, points: beyond * weights.perDayWithoutContact });
  }

  const reviewPoints = weights.review[input.review];
  if (reviewPoints > 0) reasons.push({ label: input.review === 'overdue' ? 'Review overdue' : 'Review due', points: reviewPoints });

  // Stable sort: equal points keep the order above (priority, clock, risk, contact, review).
  reasons.sort((a, b) => b.points - a.points);
  return { score: reasons.reduce((sum, reason) => sum + reason.points, 0), reasons };
}

/** Caseload order: higher score first; then the earlier due time; episodes without a clock last among equals. */
export function compareForCaseload(a: { score: number; dueAt: Date | null }, b: { score: number; dueAt: Date | null }): number {
  if (a.score !== b.score) return b.score - a.score;
  const aDue = a.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const bDue = b.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return aDue === bDue ? 0 : aDue < bDue ? -1 : 1;
}

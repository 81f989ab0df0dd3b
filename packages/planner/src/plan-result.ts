// The plan as JSON: per staff member the ordered stops with times, breaks, and what was left out.

export type PlannedStop = {
  visitId: string;
  arrival: number;
  start: number;
  end: number;
  /** Travel from the previous stop (or the start point). */
  travelMinutes: number;
  distance: number;
  lateMinutes: number;
  /** The other staff member on a two-person visit. */
  withStaffId?: string;
};

export type PlannedBreak = { start: number; end: number };

export type StaffPlan = {
  staffId: string;
  /** Leaves the start point. */
  leave: number;
  /** Arrives at the end point. */
  return: number;
  stops: PlannedStop[];
  breaks: PlannedBreak[];
  travelMinutes: number;
  distance: number;
  load: number;
};

/**
 * Why a visit could not be planned, as something a team lead can act on:
 * - no-one-qualified: nobody on the day (or the pinned person) holds the skills it needs
 * - window-outside-shifts: no qualified person works when it can be done (or its time has passed)
 * - no-pair: it needs two people at once and there are not two qualified people working then
 * - no-time: qualified people work then, but their days have no room for it
 * - deferred: it may wait for another day, and fitting it in would cost more than leaving it
 * - over-capacity: its demand exceeds every vehicle's capacity (benchmark problems)
 */
export type UnplannedReasonCode = 'no-one-qualified' | 'window-outside-shifts' | 'no-pair' | 'no-time' | 'deferred' | 'over-capacity';

export const unplannedReasonCodes: readonly UnplannedReasonCode[] = ['no-one-qualified', 'window-outside-shifts', 'no-pair', 'no-time', 'deferred', 'over-capacity'];

/** `reason` is a sentence for the team lead; `code` is for software. */
export type UnplannedVisit = { visitId: string; code: UnplannedReasonCode; reason: string };

/**
 * A visit the published plan (`current`) had that this plan changes: another person (`staff`),
 * the same people at a start moved beyond the tolerance (`time`), or left out (`unplanned`).
 */
export type VisitChange = {
  visitId: string;
  kind: 'staff' | 'time' | 'unplanned';
  before: { staffIds: string[]; start: number | null };
  after: { staffIds: string[]; start: number } | null;
};

export type PlanCost = {
  total: number;
  travel: number;
  lateness: number;
  /** objective.maxLateness x the most minutes any visit starts late. */
  maxLateness: number;
  unplanned: number;
  continuity: number;
  /** Re-planning: people newly sent to visits, and starts moved beyond the tolerance. */
  change: number;
};

export type PlanResult = {
  /** Only staff members with at least one stop. */
  plans: StaffPlan[];
  unplanned: UnplannedVisit[];
  cost: PlanCost;
  /** Against each visit's `current` assignment (empty when there is none). */
  changes: VisitChange[];
  stats: PlanStats;
};

export type PlanStats = {
  /** The search that made the plan (PlanOptions.engine). */
  engine: 'genetic' | 'ruin-and-recreate';
  seed: number;
  iterations: number;
  seconds: number;
  bestFoundAtIteration: number;
  bestFoundAtSeconds: number;
  /** When the first complete plan (every visit tried once) was ready. */
  firstPlanSeconds: number;
  /** When the best plan first had every required visit planned, or null if it never did. */
  requiredPlannedAtSeconds: number | null;
  /**
   * Several searches at once (solveInWorker's `searches` above 1): how many ran, and each one's
   * outcome in seed order. `seed` and the other stats are then the winning search's.
   */
  searches?: number;
  searchResults?: SearchSummary[];
};

/** One of several independent searches: its best plan's total cost and visits left out, or why it failed. */
export type SearchSummary = { seed: number; cost: number; unplanned: number; iterations: number } | { seed: number; error: string };

/** What onProgress reports while a search runs. */
export type PlanProgress = {
  iteration: number;
  seconds: number;
  bestCost: number;
  currentCost: number;
  /** Visits unplanned in the best plan so far, and of those the ones that may not wait. */
  unplanned: number;
  requiredUnplanned: number;
};

// The planning problem as JSON: one day of home visits for a therapy team.
// Times are minutes from any fixed origin (usually midnight of the planning day); all times,
// durations and travel times share that unit.

/** A point: an index into an explicit travel matrix, or coordinates for the built-in road model. */
export type Location = { index: number } | { lat: number; lon: number };

export type TimeWindow = {
  start: number;
  end: number;
  /** Soft: the visit may start after `end`, at `latenessCostPerMinute` per minute late. */
  soft?: boolean;
  latenessCostPerMinute?: number;
};

/** A break that must start between `earliestStart` and `latestStart` and lasts `duration` minutes. */
export type BreakRule = { earliestStart: number; latestStart: number; duration: number };

export type Staff = {
  id: string;
  start: Location;
  end: Location;
  shift: { start: number; end: number };
  skills?: string[];
  breaks?: BreakRule[];
  maxVisits?: number;
  /** From leaving the start point to arriving at the end point. */
  maxWorkingMinutes?: number;
  /** Capacity for visit demand (the standard benchmarks' vehicle capacity). */
  capacity?: number;
};

export type Visit = {
  id: string;
  location: Location;
  duration: number;
  /** Duration for particular staff (by staff id), overriding `duration`. */
  durationByStaff?: Record<string, number>;
  /** One or more windows for the visit's start; none means any time within the shift. */
  windows?: TimeWindow[];
  /** Skills every attending staff member must hold (the lead only, if `secondStaffSkills` is given). */
  requiredSkills?: string[];
  /** Skills the second person of a two-person visit must hold (default: `requiredSkills`). */
  secondStaffSkills?: string[];
  /** 2 = two staff present at the same start time (e.g. a hoist transfer). */
  staffNeeded?: 1 | 2;
  /** Multiplies the unplanned penalty (default 1). */
  priority?: number;
  /** Whether the visit may move to another day (default false: it must be planned if at all possible). */
  mayLeaveUnplanned?: boolean;
  /** Penalty if left unplanned (default: objective.unplannedPenalty); multiplied by priority. */
  unplannedPenalty?: number;
  /** The clinicians the patient already knows; anyone else costs objective.continuityCost. */
  preferredStaff?: string[];
  demand?: number;
  /** Manual constraints: this visit stays with this staff member and/or at this start time. */
  pinned?: { staffId?: string; start?: number };
  /**
   * Re-planning: who the published plan gave this visit to and when. Moving it away costs
   * objective.changeCost per person newly sent, and objective.moveMinuteCost per minute its start moves
   * beyond objective.moveToleranceMinutes; the plan lists every such change.
   */
  current?: CurrentAssignment;
  /**
   * Done or under way: stays with `current` (staff, second staff and start) exactly, even before
   * `now` or outside the shift, and is never left out. Requires `current.start`.
   */
  fixed?: boolean;
};

/** Where a published plan put a visit. A two-person visit names both staff. */
export type CurrentAssignment = { staffId: string; secondStaffId?: string; start?: number };

/**
 * `after` starts at least `minGap` (default 0) and at most `maxGap` minutes after `before` ends, or
 * after `before` starts with `from: 'start'` (when both are planned). Start to start, the gaps may be
 * negative: "the second carer arrives 10 minutes after the first" is `{ from: 'start', minGap: 10,
 * maxGap: 10 }`, "within 15 minutes of each other, either first" is `{ from: 'start', minGap: -15, maxGap: 15 }`.
 */
export type Precedence = { before: string; after: string; minGap?: number; maxGap?: number; from?: 'start' | 'end' };

export type SpeedBand = { upToKm: number; kmPerHour: number };

export type TravelSpec =
  | { kind: 'matrix'; durations: number[][]; distances?: number[][] }
  | { kind: 'road'; circuityFactor?: number; speedBands?: SpeedBand[] };

export type ObjectiveWeights = {
  /** Cost per minute travelled (default 1). */
  travelMinute?: number;
  /** Cost per unit of distance travelled (km for the road model; default 0). */
  travelDistance?: number;
  /** Multiplies each window's lateness cost (default 1). */
  lateness?: number;
  /**
   * Cost per minute of the largest lateness of any visit (default 0): spreads lateness out rather than
   * letting one patient wait an hour so that others are on time.
   */
  maxLateness?: number;
  /** Default penalty for a visit left unplanned (default 1000). */
  unplannedPenalty?: number;
  /** Cost when a visit with preferred staff goes to anyone else (default 30). */
  continuityCost?: number;
  /** Re-planning: cost per person sent to a visit who was not on it in `current` (default 60). */
  changeCost?: number;
  /** Re-planning: cost per minute a visit's start moves from `current.start`, beyond the tolerance (default 1). */
  moveMinuteCost?: number;
  /** Re-planning: a start within this many minutes of `current.start` counts as unchanged (default 15). */
  moveToleranceMinutes?: number;
};

export type PlanningProblem = {
  staff: Staff[];
  visits: Visit[];
  precedences?: Precedence[];
  /**
   * Pairs of visits (by id) that must be done by different people: e.g. the two carers of a double-up
   * modelled as two linked visits. For a two-person visit, neither of its people may be on the other.
   */
  differentStaff?: [string, string][];
  travel: TravelSpec;
  objective?: ObjectiveWeights;
  /**
   * Re-planning during the day: the time now. Visits that are not fixed start no earlier than this
   * (nobody sets off to one before now), windows and pins that have passed cannot be met, and break
   * rules that had to start before now are taken as done.
   */
  now?: number;
  /**
   * Plan in whole minutes (default true): every start, arrival, break, leave and return is a whole
   * minute (starts and breaks rounded up, shifts rounded inwards), whatever fractions the travel times
   * have. False keeps exact times (the Solomon benchmarks, whose times have one decimal).
   */
  wholeMinutes?: boolean;
};

export const defaultObjective: Required<ObjectiveWeights> = {
  travelMinute: 1,
  travelDistance: 0,
  lateness: 1,
  maxLateness: 0,
  unplannedPenalty: 1000,
  continuityCost: 30,
  changeCost: 60,
  moveMinuteCost: 1,
  moveToleranceMinutes: 15,
};

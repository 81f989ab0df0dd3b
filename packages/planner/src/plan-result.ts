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

export type UnplannedVisit = { visitId: string; reason: string };

export type PlanCost = {
  total: number;
  travel: number;
  lateness: number;
  unplanned: number;
  continuity: number;
};

export type PlanResult = {
  /** Only staff members with at least one stop. */
  plans: StaffPlan[];
  unplanned: UnplannedVisit[];
  cost: PlanCost;
  stats: { seed: number; iterations: number; seconds: number; bestFoundAtIteration: number; bestFoundAtSeconds: number };
};

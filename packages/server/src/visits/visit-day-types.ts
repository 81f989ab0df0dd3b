// The visit day's shared shapes (issue 13): what the planner is given (VisitToPlan, with staff's
// StaffDay from the rota) and what a plan is (VisitDayPlan: the JSON kept in visit_plans.draft and
// .published, and in each publication). Times are Europe/London wall-clock 'HH:MM' on the plan's date.
import type { GeoPoint } from '../staff/public.ts';

export type VisitPurpose = 'first-contact' | 'therapy' | 'review' | 'equipment' | 'discharge' | 'other';
export type VisitPlace = 'home' | 'clinic' | 'ward';
export type VisitStatus = 'to-plan' | 'cancelled' | 'done' | 'no-access';

/** A visit as the planner and the plan page need it. */
export type VisitToPlan = {
  id: string;
  version: number;
  episodeId: string;
  patientId: string;
  patientName: string;
  /** yyyy-mm-dd */
  date: string;
  purpose: VisitPurpose;
  durationMinutes: number;
  place: VisitPlace;
  /** The patient's home (or the clinic or ward); null when nobody has placed the patient yet. */
  location: GeoPoint | null;
  window: { start: string; end: string } | null;
  staffNeeded: 1 | 2;
  /** Why two: 'hoist', 'visit in pairs' risk flag... */
  staffNeededReason: string | null;
  registeredRequired: boolean;
  skills: string[];
  preferredStaffId: string | null;
  /** A deadline: first contact by its response clock, a review due. */
  dueBy: string | null;
  pinnedStaffId: string | null;
  pinnedStart: string | null;
  /** 1 routine .. 3 urgent: multiplies the cost of leaving it unplanned. */
  priority: number;
  status: VisitStatus;
  origin: 'proposed' | 'added' | 'rebooked' | 'urgent';
};

export type PlannedVisit = {
  visitId: string;
  arrival: string;
  start: string;
  end: string;
  /** From the previous stop, or the start point. */
  travelMinutes: number;
  distanceKm: number;
  lateMinutes: number;
  /** The other member of staff on a two-person visit. */
  withStaffId: string | null;
};

export type StaffRoute = {
  staffId: string;
  leave: string;
  return: string;
  stops: PlannedVisit[];
  breaks: { start: string; end: string }[];
  travelMinutes: number;
  distanceKm: number;
};

export type UnplannedReason = 'no-one-qualified' | 'no-time' | 'window-outside-shifts' | 'no-location' | 'no-one-working' | 'other';

export type VisitDayPlan = {
  teamId: string;
  date: string;
  /** ISO time the planner (or the lead's last move) made it. */
  madeAt: string;
  /** The job that made it, when the planner did. */
  jobId: string | null;
  routes: StaffRoute[];
  unplanned: { visitId: string; reason: UnplannedReason; detail: string }[];
  totals: {
    travelMinutes: number;
    distanceKm: number;
    visitsPlanned: number;
    visitsUnplanned: number;
    /** Planned visits per member of staff with at least one. */
    visitsPerPerson: number;
    /** Of planned visits with a preferred clinician, the share that went to them (0-100), or null. */
    continuityPercent: number | null;
    /** Of planned visits with a window, the share started within it (0-100), or null. */
    inWindowPercent: number | null;
  };
  /** Staff working that day whom the planner could not use, with why (no start point on the map). */
  staffLeftOut?: { staffId: string; name: string; reason: string }[];
  /** The planner's objective (lower is better), or null for a plan changed by hand since. */
  objective: number | null;
  /**
   * Which travel model the times came from (visits/travel-model.ts): the built-in road model, or the
   * Trust's routing service; note says why the road model stood in when the service failed.
   */
  travel?: { model: 'road' | 'osrm'; note: string | null };
};

/** What a publication changed for one member of staff (shown on their run sheet). */
export type PlanChange = {
  staffId: string;
  visitId: string;
  kind: 'added' | 'removed' | 'time-changed';
  before: string | null;
  after: string | null;
};

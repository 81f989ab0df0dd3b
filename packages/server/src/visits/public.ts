// The visits context's public face (ARCHITECTURE.md, "The public face of a context"): the visit day's
// shapes, the visits to plan for a day, and the proposal of visits from the caseload. One line each.
export type { PlanChange, PlannedVisit, StaffRoute, UnplannedReason, VisitDayPlan, VisitPlace, VisitPurpose, VisitStatus, VisitToPlan } from './visit-day-types.ts';
export { listVisitsToPlan, listTeamVisits, findTeamVisit, type TeamVisit } from './visit-queries.ts';
// fhir (issue 18 #2): an episode's visits as Encounters, read under the record's grant.
export { listEpisodeVisits, type EpisodeVisit } from './visit-queries.ts';
export { proposeVisitsForHorizon, type ProposeVisitsForHorizonOptions, type ProposeVisitsForHorizonResult } from './propose-visits-for-horizon.ts';
export { findVisitNeeds, type RecordedVisitNeeds } from './visit-needs-queries.ts';
// A contact note started from a visit on a run sheet: app.ts gives these to the record's plugin as its contactNoteFromVisit port.
export { linkNoteToVisit, markVisitOfNoteDone, prefillNoteFromVisit } from './run-sheet-note-link.ts';
// Planning: the planner's job handler (main.ts starts the runner with it), and who may plan.
export { visitPlanJobHandlers, visitPlanJobKind, type VisitPlanJobPayload } from './plan-job.ts';
export { mayPlanVisits } from './plan-access.ts';
// For the demo seeder, which plans and publishes today as the team's lead would (through the plan's job and rules).
export { startVisitPlanning, type StartVisitPlanningOptions } from './start-visit-planning.ts';
export { publishVisitPlan, type PublishVisitPlanOptions } from './publish-visit-plan.ts';
export { readVisitPlan, type StoredVisitPlan } from './read-visit-plan.ts';
export { recordVisitNeeds, type RecordVisitNeedsOptions } from './record-visit-needs.ts';
// What lone working plugs into (app.ts passes them to the visits plugin): a publication of the plan, the run sheet's check-ins.
export type { PlanPublishedPort, RunSheetCheck, RunSheetChecksPort, VisitCalledOffPort, VisitsContextOptions } from './visit-ports.ts';
// Equipment books a collection at discharge as a visit of the episode (purpose 'equipment'), with the visit's own checks.
export { addVisit, type AddVisitOptions, type NewVisit } from './add-visit.ts';

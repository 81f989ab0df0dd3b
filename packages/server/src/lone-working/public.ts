// The lone-working context's public face (ARCHITECTURE.md, "The public face of a context"). One line each.
export type { LoneWorkingAlert, LoneWorkingSession } from './lone-working-types.ts';
export { loneWorkingJobKinds } from './lone-working-types.ts';
// The ports app.ts gives visits: a publication of the plan enqueues the day's sessions; the run sheet shows each visit's check-in.
export { enqueueSessionsFromPlan } from './enqueue-sessions-from-plan.ts';
export { cancelSessionsOfVisit } from './cancel-sessions-of-visit.ts';
export { runSheetChecks } from './session-view.ts';
// The clinician's side's job handler, for the lone-working runner main.ts starts.
export { loneWorkingSessionJobHandlers } from './session-job-handlers.ts';

// The lone-working context's public face (ARCHITECTURE.md, "The public face of a context"). One line each.
export type { LoneWorkingAlert, LoneWorkingSession } from './lone-working-types.ts';
export { loneWorkingJobKinds } from './lone-working-types.ts';
// The timers (main.ts and the run-lone-working-jobs CLI start their own runner with these).
export { loneWorkingJobHandlers, startRotaGapChecks, type LoneWorkingJobOptions } from './job-handlers.ts';
export { createLoneWorkingRunner, startLoneWorkingRunner, loneWorkingLeaseMs, loneWorkingPollMs } from './lone-working-runner.ts';
// The contract the clinician's side writes against (sessions, amber, red, duress, late taps).
export { scheduleSessionChecks } from './schedule-session-checks.ts';
export { raiseAlert } from './raise-alert.ts';
export { startAmberAlert } from './start-amber-alert.ts';
export { extendAmberAlert } from './extend-amber-alert.ts';
export { endAmberAlert } from './end-amber-alert.ts';
export { noteLateCheck } from './note-late-check.ts';
export { findAlert, listOpenAlertsForStaff } from './read-alerts.ts';
// The header's count of unread notifications (the lead wires it into the layout).
export { countUnreadNotifications } from './notification-queries.ts';
// The ports app.ts gives visits: a publication of the plan enqueues the day's sessions; the run sheet shows each visit's check-in.
export { enqueueSessionsFromPlan } from './enqueue-sessions-from-plan.ts';
export { cancelSessionsOfVisit } from './cancel-sessions-of-visit.ts';
export { runSheetChecks } from './session-view.ts';
// The clinician's side's job handler, for the lone-working runner main.ts starts.
export { loneWorkingSessionJobHandlers } from './session-job-handlers.ts';
// For the demo seeder, which checks the morning's clinicians in and out as they would have done.
export { checkIn, type CheckInOptions } from './check-in.ts';
export { checkOut, type CheckOutOptions } from './check-out.ts';

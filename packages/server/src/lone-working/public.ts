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

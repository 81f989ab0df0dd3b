// The people context's public face (ARCHITECTURE.md, "The public face of a context"). One line each.
export {};
// supervision: what is due on the home page (a session, supervisees' sessions, actions owned, the team's overdue).
export { supervisionDueItems } from './supervision-due-items.ts';
// supervision: for the demo seeder, which writes a year of it through the rules.
export { nameSupervisor } from './name-supervisor.ts';
export { recordSupervisionSession, type SupervisionCaseInput } from './record-supervision-session.ts';
export { confirmSupervisionSession } from './confirm-supervision-session.ts';
export { completeSupervisionAction } from './complete-supervision-action.ts';
export { authoriseCaseWrite as supervisionCaseWrite } from './supervision-cases.ts';
export { findSupervisionStaff as supervisionStaffOf } from './supervision-queries.ts';

// pdc-training: what is due on the home page (training expiring or overdue; a PDC review), and, for the
// demo seeder, the courses, imports and PDCs written through their rules.
export { trainingDueItems } from './training-due-items.ts';
export { pdcDueItems, pdcRoles } from './pdc-due-items.ts';
export { addTrainingCourse } from './add-training-course.ts';
export { previewTrainingImport } from './preview-training-import.ts';
export { confirmTrainingImport } from './confirm-training-import.ts';
export { listTrainingCourses } from './training-queries.ts';
export { startPdc } from './start-pdc.ts';
export { addPdcItem } from './add-pdc-item.ts';
export { confirmPdc } from './confirm-pdc.ts';
export { authorisePdc } from './pdc-access.ts';

// competence-cpd (issue 16 #2, #3): the home page's competence items; the CPD log for the demo seeder.
export { competenceAndCpdDueItems } from './competence-due.ts';
export { logCpdEntry, type LogCpdEntryOptions } from './log-cpd-entry.ts';
export { authoriseCpdWrite, loadCpdOwner } from './cpd-access.ts';

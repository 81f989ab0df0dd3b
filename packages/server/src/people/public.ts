// The people context's public face (ARCHITECTURE.md, "The public face of a context"). One line each.

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

// The people context's public face (ARCHITECTURE.md, "The public face of a context"). One line each.

// pdc-training: what is due on the home page (training expiring or overdue; a PDC review), and, for the
// demo seeder, the courses, imports and PDCs written through their rules.
export { trainingDueItems } from './training-due-items.ts';
export { pdcDueItems } from './pdc-due-items.ts';

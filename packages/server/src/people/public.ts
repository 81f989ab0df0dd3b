// The people context's public face (ARCHITECTURE.md, "The public face of a context"). One line each.
export {};

// competence-cpd (issue 16 #2, #3): the home page's competence items; the CPD log for the demo seeder.
export { competenceAndCpdDueItems } from './competence-due.ts';
export { logCpdEntry, type LogCpdEntryOptions } from './log-cpd-entry.ts';
export { authoriseCpdWrite, loadCpdOwner } from './cpd-access.ts';

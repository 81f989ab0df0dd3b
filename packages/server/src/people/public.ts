// The people context's public face (ARCHITECTURE.md, "The public face of a context"). One line each.
export {};
// supervision: what is due on the home page (a session, supervisees' sessions, actions owned, the team's overdue).
export { supervisionDueItems } from './supervision-due-items.ts';

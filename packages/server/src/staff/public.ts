// Staff's public face (ARCHITECTURE.md, "The public face of a context").
export { currentCompetenceIds } from './competence-queries.ts';
export { hashPassword, passwordError } from './password.ts';
// For the demo seeder, which records the demo support workers' competences through the rules.
export { loadHolder, recordCompetence } from './competence-recording.ts';
// The rota's shapes (issue 13): the planner, the run sheets and lone working read the staff day through these.
export type { GeoPoint, NotWorkingReason, OnCall, StaffDay } from './rota-types.ts';

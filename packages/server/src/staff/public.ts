// Staff's public face (ARCHITECTURE.md, "The public face of a context").
export { currentCompetenceIds } from './competence-queries.ts';
// Competences for every role (issue 16 #2): every recorded one, so allocation can say what is held on a day.
export { recordedCompetencesOf } from './competence-queries.ts';
export { listExpiringCompetences, type ExpiringCompetence } from './competence-queries.ts';
export { hashPassword, passwordError, verifyPassword } from './password.ts';
// For the demo seeder, which records the demo support workers' competences through the rules.
export { loadHolder, recordCompetence } from './competence-recording.ts';
// The rota (issue 13): each member of staff's day for the planner, and who is on call for lone working.
export { readOnCall, readRotaForDates, type ReadOnCallOptions, type ReadRotaForDatesOptions } from './rota-queries.ts';
export type { GeoPoint, NotWorkingReason, OnCall, StaffDay } from './rota-types.ts';
// For the demo seeder, which adds the demo's staff accounts as its administrator would.
export { addStaffAccount } from './add-staff-account.ts';
export { checkStaffDetails } from './check-staff-details.ts';
// The first administrator's row, written directly by the demo seeder as create-admin does, in the same columns.
export { detailColumns as staffDetailColumns } from './staff-queries.ts';
export type { StaffDetailsInput } from './staff-schema.ts';
// For the demo seeder, which keeps the demo's rota as its clinical lead would (through the rota's rules).
export { changeRotaPattern, type ChangeRotaPatternOptions } from './change-rota-pattern.ts';
export { addRotaException, type AddRotaExceptionOptions, rotaExceptionProblems } from './add-rota-exception.ts';
export { setOnCall, type SetOnCallOptions } from './set-on-call.ts';
// For the FHIR API's Practitioner, PractitionerRole and Organization: the staff directory and the teams
// (no password hash is ever selected by these).
export { findStaffAccount, listStaffAccounts, listTeams } from './staff-queries.ts';
export type { StaffAccount, Team } from './staff-schema.ts';

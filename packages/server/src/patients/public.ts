// The patient index's public face: what other contexts may use (ARCHITECTURE.md, "The public face of a
// context"). Everything else in patients/ is its own.
export { changePatientDetails } from './change-patient-details.ts';
export { findPatient, patientDetailsOf } from './patient-queries.ts';
export type { PatientResponse } from './patient-schema.ts';
// For the demo seeder, which registers the demo's patients through the rules.
export { checkPatientDetails } from './check-patient-details.ts';
export { authorisePatientRegistration, registerPatient } from './register-patient.ts';
// For the FHIR API (fhir/resources/patient.ts): the index's own search and read, so FHIR has no side door.
export { findPatients, nameSearchProblems, type FoundPatient } from './find-patients.ts';
export type { PatientSearch } from './patient-queries.ts';
export { readPatient } from './read-patient.ts';

// The patient index's public face: what other contexts may use (ARCHITECTURE.md, "The public face of a
// context"). Everything else in patients/ is its own.
export { changePatientDetails } from './change-patient-details.ts';
export { findPatient, patientDetailsOf } from './patient-queries.ts';
export type { PatientResponse } from './patient-schema.ts';

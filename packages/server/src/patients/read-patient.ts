import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { notFound } from '../platform/homeward-error.ts';
import { auditRead, type ReadGrant } from '../access/public.ts';
import { findPatient, listPatientVersions, type PatientVersion } from './patient-queries.ts';
import type { PatientResponse } from './patient-schema.ts';

export type ReadPatientOptions = {
  grant: ReadGrant;
  /** Why the record is read, for the audit (the edit form, the hub's episodes shown). */
  detail?: Record<string, unknown>;
};

/** The patient's record, read through a grant and audited (committed) before it is returned. */
export async function readPatient(db: Kysely<Database>, o: ReadPatientOptions): Promise<PatientResponse> {
  const patient = await findPatient(db, o.grant.patientId);
  if (!patient) throw notFound('Patient');
  await auditRead(o.grant, db, { recordKind: 'patient', recordId: patient.id, detail: o.detail ?? {} });
  return patient;
}

/** Every version of the patient's record, newest first: read through a grant and audited. */
export async function readPatientHistory(db: Kysely<Database>, o: { grant: ReadGrant }): Promise<PatientVersion[]> {
  const versions = await listPatientVersions(db, o.grant);
  await auditRead(o.grant, db, { recordKind: 'patient-history', recordId: o.grant.patientId });
  return versions;
}

import type { Kysely } from 'kysely';
import { formatNhsNumber } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { isUniqueViolation } from '../platform/database-errors.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { auditWrite, type WriteGrant } from '../access/authorise-patient-access.ts';
import { detailColumns, findPatient, toPatient } from './patient-queries.ts';
import type { PatientDetailsInput, PatientResponse } from './patient-schema.ts';

export type ChangePatientDetailsOptions = {
  /** Access to write this patient's record (or to refer them, which may update their GP). */
  grant: WriteGrant;
  /** The version the writer read. */
  version: number;
  details: PatientDetailsInput;
};

/**
 * Saves new details only if nobody else has saved since the writer read the record; otherwise a 409
 * carrying the current record. The database keeps the previous version (patient_versions).
 */
export async function changePatientDetails(trx: Kysely<Database>, o: ChangePatientDetailsOptions): Promise<PatientResponse> {
  const id = o.grant.patientId;
  let patient: PatientResponse;
  try {
    const row = await updateVersioned(trx, {
      actor: o.grant.actor,
      table: 'patients',
      id,
      version: o.version,
      set: detailColumns(o.details),
      current: () => findPatient(trx, id),
      what: 'Patient',
      // A patient record names no patientId of its own: say whose it is, so sending it back is audited.
      patientId: id,
    });
    patient = toPatient(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new HomewardError('duplicate', `Another patient already has NHS number ${formatNhsNumber(o.details.nhsNumber)}`, {
        fields: [{ path: 'nhsNumber', message: `Another patient already has NHS number ${formatNhsNumber(o.details.nhsNumber)}` }],
      });
    }
    throw error;
  }
  await auditWrite(o.grant, trx, { recordKind: 'patient', recordId: patient.id, detail: { change: 'details', version: patient.version } });
  return patient;
}

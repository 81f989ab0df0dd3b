import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { formatNhsNumber } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError, notFound, versionConflict } from '../platform/homeward-error.ts';
import { isUniqueViolation } from '../platform/database-errors.ts';
import { audit, requirePrincipal } from '../platform/request-context.ts';
import { findPatient, updatePatient } from './patient-queries.ts';
import type { PatientDetailsInput, PatientResponse } from './patient-schema.ts';

export type ChangePatientDetailsOptions = {
  id: string;
  expectedVersion: number;
  details: PatientDetailsInput;
  /** The break-glass reason when that is why the writer has access. */
  reason: string | null;
};

/**
 * Saves new details only if nobody else has saved since the writer read the record; otherwise a 409
 * carrying the current record. The database keeps the previous version (patient_versions).
 * Access must already have been authorised.
 */
export async function changePatientDetails(request: FastifyRequest, trx: Kysely<Database>, o: ChangePatientDetailsOptions): Promise<PatientResponse> {
  const principal = requirePrincipal(request);
  let patient: PatientResponse | null;
  try {
    patient = await updatePatient(trx, {
      id: o.id,
      expectedVersion: o.expectedVersion,
      details: o.details,
      staffId: principal.staffId,
      now: request.server.config.now(),
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new HomewardError('duplicate', `Another patient already has NHS number ${formatNhsNumber(o.details.nhsNumber)}`, {
        fields: [{ path: 'nhsNumber', message: `Another patient already has NHS number ${formatNhsNumber(o.details.nhsNumber)}` }],
      });
    }
    throw error;
  }
  if (!patient) {
    const current = await findPatient(trx, o.id);
    if (!current) throw notFound('Patient');
    // A patient record names no patientId of its own: say whose it is, so sending it back is audited.
    throw versionConflict(current, { patientId: current.id });
  }
  await audit(
    request,
    { action: 'write', outcome: 'allowed', patientId: patient.id, recordKind: 'patient', recordId: patient.id, reason: o.reason, detail: { change: 'details', version: patient.version } },
    trx,
  );
  return patient;
}

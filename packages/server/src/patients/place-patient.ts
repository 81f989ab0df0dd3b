// Places a patient on the map: their home's latitude and longitude, which the visit planner, the
// route map and the caseload's travel weighting use. Version-checked like any change to the
// patient's details (a stale version is a 409 with the record as it is now); the previous version
// is kept by the database (patient_versions), and the change is audited.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { auditWrite, type WriteGrant } from '../access/public.ts';
import { findPatient, toPatient } from './patient-queries.ts';
import type { PatientResponse } from './patient-schema.ts';
import type { PatientLocation } from './check-patient-location.ts';

export type PlacementSource = 'entered' | 'postcode-district';

export type PlacePatientOptions = {
  grant: WriteGrant;
  /** The version the clinician read. */
  version: number;
  /** Checked by checkPatientLocation. */
  location: PatientLocation;
  /** Typed in (or checked and kept), or the postcode district's centre as it came. */
  source: PlacementSource;
};

export async function placePatient(trx: Kysely<Database>, o: PlacePatientOptions): Promise<PatientResponse> {
  const id = o.grant.patientId;
  const row = await updateVersioned(trx, {
    actor: o.grant.actor,
    table: 'patients',
    id,
    version: o.version,
    set: { latitude: o.location.latitude, longitude: o.location.longitude },
    current: () => findPatient(trx, id),
    what: 'Patient',
    patientId: id,
  });
  const patient = toPatient(row);
  await auditWrite(o.grant, trx, { recordKind: 'patient', recordId: id, detail: { change: 'location', source: o.source, version: patient.version } });
  return patient;
}

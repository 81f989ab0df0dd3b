import type { Kysely } from 'kysely';
import { decidePatientAccess, formatNhsNumber } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { isUniqueViolation } from '../platform/database-errors.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { findPatient, findPatientByNhsNumber, insertPatient } from './patient-queries.ts';
import type { PatientDetailsInput, PatientResponse } from './patient-schema.ts';

export type RegisterPatientOptions = { actor: Actor; id: string; details: PatientDetailsInput };

/**
 * May this person add patients to the index? Call it before opening the write's transaction (with
 * the database, not the transaction), so a refusal's audit record is not rolled back with the write.
 */
export async function authorisePatientRegistration(db: Kysely<Database>, o: { actor: Actor }): Promise<{ teamId: string }> {
  const staff = o.actor.staff;
  const decision = decidePatientAccess({ role: staff.role, action: 'register', hasRelationship: false, hasActiveBreakGlass: false });
  if (!decision.allowed) {
    await auditAs(o.actor, db, { action: 'write', outcome: 'refused', recordKind: 'patient', detail: { rule: decision.rule } });
    throw new HomewardError('forbidden', decision.message);
  }
  if (!staff.teamId) {
    await auditAs(o.actor, db, { action: 'write', outcome: 'refused', recordKind: 'patient', detail: { rule: 'no-team' } });
    throw new HomewardError('forbidden', 'You need to belong to a team to register patients. Ask an administrator to add you to your team.');
  }
  return { teamId: staff.teamId };
}

/**
 * Adds a patient to the index, registered to the clinician's team (which is what gives the team its
 * legitimate relationship until referrals exist). Runs inside the caller's transaction, with its
 * audit; authorisePatientRegistration() must have allowed it first.
 */
export async function registerPatient(trx: Kysely<Database>, o: RegisterPatientOptions): Promise<PatientResponse> {
  const staff = o.actor.staff;
  const decision = decidePatientAccess({ role: staff.role, action: 'register', hasRelationship: false, hasActiveBreakGlass: false });
  if (!decision.allowed || !staff.teamId) throw new HomewardError('forbidden', 'Not authorised to register patients');
  const sameId = await findPatient(trx, o.id);
  if (sameId) throw new HomewardError('duplicate', 'A patient with this id already exists');
  const sameNhs = await findPatientByNhsNumber(trx, o.details.nhsNumber);
  if (sameNhs) throw duplicateNhsNumber(o.details.nhsNumber);
  let patient: PatientResponse;
  try {
    patient = await insertPatient(trx, { id: o.id, details: o.details, teamId: staff.teamId, staffId: staff.staffId, now: o.actor.now });
  } catch (error) {
    // Two people registering the same person at the same moment: the unique index decides.
    if (isUniqueViolation(error)) throw duplicateNhsNumber(o.details.nhsNumber);
    throw error;
  }
  await auditAs(o.actor, trx, { action: 'write', outcome: 'allowed', patientId: patient.id, recordKind: 'patient', recordId: patient.id, detail: { change: 'registered', version: 1 } });
  return patient;
}

function duplicateNhsNumber(nhsNumber: string): HomewardError {
  return new HomewardError('duplicate', `A patient with NHS number ${formatNhsNumber(nhsNumber)} is already registered. Search for them instead.`, {
    fields: [{ path: 'nhsNumber', message: `A patient with NHS number ${formatNhsNumber(nhsNumber)} is already registered` }],
  });
}

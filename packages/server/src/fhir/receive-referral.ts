// A referral sent in by FHIR (issue 18 #3): a ServiceRequest with its Patient (contained, an entry of a
// transaction Bundle, or one already in the index) becomes a referral in the team's incoming list,
// through the patient and referral contexts' own rules and audit, exactly as the intake page makes one:
//  1. everything sent is checked first (structure by Zod, then the patient's and the referral's rules),
//     so bad input writes nothing and is answered with every element at fault, by its FHIRPath;
//  2. the same ServiceRequest sent again is recognised, by the sender's identifier (held unique in the
//     database, claimed in the referral's own transaction, so two sends at once make one referral), or
//     by the same patient, service and day with this team: the referral already made is returned (200);
//  3. the patient is matched by NHS number (a different date of birth is refused: wrong-patient hazard),
//     or registered to the receiver's team (which is what lets the team take the referral);
//  4. the referral is made by `makeReferral` with the receiver's referral grant (only the roles that take
//     referrals, for a patient they may see), and the identifier kept beside it.
// Works with the database handle, not a transaction: it authorises before each write (a refusal's audit
// must not be rolled back), then writes in short transactions of its own.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { formatNhsNumber, ukDateOf } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { isUniqueViolation } from '../platform/database-errors.ts';
import { HomewardError, type FieldError } from '../platform/homeward-error.ts';
import { authorisePatientAccess } from '../access/public.ts';
import { authorisePatientRegistration, checkPatientDetails, findPatient, findPatientByNhsNumber, registerPatient, type PatientResponse } from '../patients/public.ts';
import { authoriseReferralIntake, checkReferralDetails, findReferral, listPatientReferrals, makeReferral, readReferral, type ReferralResponse } from '../referrals/public.ts';
import type { FhirResource } from './fhir-resource-module.ts';
import { findReceivedByIdentifier, insertReceivedReferral, receivedReferrals, type ReceivedReferral } from './fhir-referral-queries.ts';
import { invalidResource } from './operation-outcome.ts';
import { patientDetailsOfFhir, patientFieldPath, patientInput, referralDetailsOf, referralFieldPath, serviceRequestInput, subjectOf, zodFields } from './service-request-input.ts';

export type ReceiveFhirReferralOptions = { actor: Actor; resource: FhirResource; bundle?: { resource: FhirResource; entryIndex: number } };
export type ReceivedFhirReferral = { referral: ReferralResponse; received: ReceivedReferral | null; created: boolean; patientId: string; patientCreated: boolean; patientEntryIndex: number | null };

export async function receiveFhirReferral(db: Kysely<Database>, o: ReceiveFhirReferralOptions): Promise<ReceivedFhirReferral> {
  const { actor } = o;
  const root = o.bundle ? `Bundle.entry[${o.bundle.entryIndex}].resource` : 'ServiceRequest';
  const parsed = serviceRequestInput.safeParse(o.resource);
  if (!parsed.success) throw invalidResource(zodFields(parsed.error, root));
  const sr = parsed.data;
  const referral = referralDetailsOf(sr, root);
  const subject = subjectOf(sr, { root, ...(o.bundle ? { bundle: o.bundle } : {}) });
  if (subject.kind === 'unresolved') throw invalidResource([...(referral.ok ? [] : referral.fields), { path: `${root}.subject`, message: subject.message }]);

  // The sent patient's details, when they came with the referral.
  let sent: { details: ReturnType<typeof checkPatientDetails> & { ok: true }; root: string; nhsPath: string } | null = null;
  const fields: FieldError[] = referral.ok ? [] : [...referral.fields];
  if (subject.kind === 'resource') {
    const p = patientInput.safeParse(subject.resource);
    if (!p.success) fields.push(...zodFields(p.error, subject.root));
    else {
      const mapped = patientDetailsOfFhir(p.data, subject.root);
      if (!mapped.ok) fields.push(...mapped.fields);
      else {
        const checked = checkPatientDetails(mapped.details, actor.now);
        if (!checked.ok) fields.push(...checked.fields.map((f) => ({ path: patientFieldPath(f.path, subject.root, mapped.nhsPath), message: f.message })));
        else sent = { details: checked, root: subject.root, nhsPath: mapped.nhsPath };
      }
    }
  }
  if (fields.length > 0 || !referral.ok) throw invalidResource(fields);

  // Sent before? The sender's identifier names one referral.
  if (referral.identifier) {
    const before = await findReceivedByIdentifier(db, referral.identifier);
    if (before) return existing(db, actor, before.referralId);
  }

  // Which patient: the one named, or matched by NHS number, or one to register.
  let patient: PatientResponse | null;
  if (subject.kind === 'patient-id') patient = await findPatient(db, subject.id);
  else {
    const nhsNumber = subject.kind === 'nhs-number' ? subject.nhsNumber : sent!.details.details.nhsNumber;
    patient = await findPatientByNhsNumber(db, nhsNumber);
  }
  if (!patient && subject.kind !== 'resource') throw invalidResource([{ path: `${root}.subject`, message: 'No patient in Homeward has this id or NHS number: send the Patient with the referral (contained, or in a transaction Bundle)' }]);
  if (patient && sent && patient.dateOfBirth !== sent.details.details.dateOfBirth) {
    // The same NHS number with another date of birth is the wrong patient, or a mistyped number: never guess.
    throw invalidResource([{ path: `${sent.root}.birthDate`, message: `The patient in Homeward with NHS number ${formatNhsNumber(patient.nhsNumber)} has a different date of birth. Check the NHS number and the date of birth. Nothing was saved.` }]);
  }
  const bornOn = patient?.dateOfBirth ?? sent!.details.details.dateOfBirth;
  const checkedReferral = checkReferralDetails(referral.input, actor.now, bornOn);
  if (!checkedReferral.ok) throw invalidResource(checkedReferral.fields.map((f) => ({ path: referralFieldPath(f.path, root), message: f.message })));
  if (referral.authoredOn && referral.authoredOn > ukDateOf(actor.now)) throw invalidResource([{ path: `${root}.authoredOn`, message: 'authoredOn cannot be in the future' }]);

  let patientCreated = false;
  if (!patient) {
    await authorisePatientRegistration(db, { actor });
    const details = sent!.details.details;
    patient = await db.transaction().execute((trx) => registerPatient(trx, { actor, id: uuidv7(), details }));
    patientCreated = true;
  }
  const grant = await authoriseReferralIntake(db, { actor, patientId: patient.id });

  // The same patient, service and day with this team: the referral already made.
  const day = referral.authoredOn ?? ukDateOf(actor.now);
  const theirs = (await listPatientReferrals(db, grant.access)).filter((r) => r.teamId === grant.teamId && r.service === checkedReferral.details.service);
  const received = await receivedReferrals(db, theirs.map((r) => r.id));
  const sameDay = theirs.find((r) => ukDateOf(new Date(r.receivedAt)) === day || received.get(r.id)?.authoredOn === day);
  if (sameDay) return existing(db, actor, sameDay.id);

  const patientEntryIndex = subject.kind === 'resource' && sent?.root.startsWith('Bundle.entry[') ? Number(/^Bundle\.entry\[(\d+)\]/.exec(sent.root)![1]) : null;
  try {
    const made = await db.transaction().execute(async (trx) => {
      const r = await makeReferral(trx, { id: uuidv7(), details: checkedReferral.details, grant, confirmDuplicate: false });
      const row = { id: uuidv7(), referralId: r.id, identifier: referral.identifier, authoredOn: referral.authoredOn, now: actor.now, staffId: actor.staff.staffId };
      await insertReceivedReferral(trx, row);
      return { referral: r, received: { referralId: r.id, identifierSystem: referral.identifier?.system ?? null, identifierValue: referral.identifier?.value ?? null, authoredOn: referral.authoredOn } };
    });
    return { ...made, created: true, patientId: patient.id, patientCreated, patientEntryIndex };
  } catch (error) {
    // Sent twice at once: the other send's referral stands, and this one answers with it.
    if (referral.identifier && isUniqueViolation(error)) {
      const before = await findReceivedByIdentifier(db, referral.identifier);
      if (before) return existing(db, actor, before.referralId);
    }
    throw error;
  }
}

/** The referral already made from this ServiceRequest, read as the referral page reads it (its grant, audited). */
async function existing(db: Kysely<Database>, actor: Actor, referralId: string): Promise<ReceivedFhirReferral> {
  const found = await findReferral(db, referralId);
  if (!found) throw new HomewardError('not_found', 'The referral received before was not found');
  const grant = await authorisePatientAccess(db, { actor, patientId: found.patientId, action: 'read', recordKind: 'referral', record: { id: found.id, teamId: found.teamId } });
  const referral = await readReferral(db, { grant, referralId: found.id, detail: { via: 'fhir', recognisedAsDuplicate: true } });
  const received = (await receivedReferrals(db, [referral.id])).get(referral.id) ?? null;
  return { referral, received, created: false, patientId: referral.patientId, patientCreated: false, patientEntryIndex: null };
}

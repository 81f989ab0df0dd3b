// Patient (UK Core Patient): the patient index as FHIR. Read and search go through the patient's own
// rules: reading needs a read grant (a relationship or break-glass, refused and audited otherwise),
// exactly as the patient's page; a search is the index's own search (audited with its results) and
// returns only the patients the caller may read in full, each read audited.
import type { Kysely } from 'kysely';
import { nameSearchProblems, type PatientSearch } from '../../patients/public.ts';
import { findPatients, readPatient, type PatientResponse } from '../../patients/public.ts';
import { authorisePatientAccess } from '../../access/public.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import type { FhirResource, FhirResourceModule } from '../fhir-resource-module.ts';
import { resourceNotFound } from '../operation-outcome.ts';
import { badParameter, dateParams, isUuid, stringParam, tokenParam } from '../fhir-search.ts';
import { nhsNumberIdentifier, nhsNumberSystem, odsOrganizationSystem, ukCoreProfile } from '../uk-core.ts';

/** A patient's record as a UK Core Patient. */
export function toFhirPatient(p: PatientResponse): FhirResource {
  const contacts = p.contacts.map((c) => ({
    relationship: [{ text: c.relationship }],
    name: { text: c.name },
    ...(c.phone ? { telecom: [{ system: 'phone', value: c.phone }] } : {}),
  }));
  return {
    resourceType: 'Patient',
    id: p.id,
    meta: { versionId: String(p.version), lastUpdated: p.updatedAt, profile: [ukCoreProfile.patient] },
    identifier: [nhsNumberIdentifier(p.nhsNumber)],
    name: [{ use: 'official', family: p.familyName, given: [p.givenName] }],
    ...(p.phone ? { telecom: [{ system: 'phone', value: p.phone, use: 'home' }] } : {}),
    gender: p.sex,
    birthDate: p.dateOfBirth,
    address: [{ use: 'home', line: [p.addressLine1, ...(p.addressLine2 ? [p.addressLine2] : [])], city: p.town, postalCode: p.postcode }],
    ...(p.gpPracticeCode
      ? { generalPractitioner: [{ type: 'Organization', identifier: { system: odsOrganizationSystem, value: p.gpPracticeCode }, ...(p.gpPracticeName ? { display: p.gpPracticeName } : {}) }] }
      : {}),
    ...(contacts.length > 0 ? { contact: contacts } : {}),
  };
}

async function readFhirPatient(db: Kysely<Database>, actor: Actor, patientId: string, detail: Record<string, unknown>): Promise<FhirResource> {
  const grant = await authorisePatientAccess(db, { actor, patientId, action: 'read' });
  return toFhirPatient(await readPatient(db, { grant, detail: { via: 'fhir', ...detail } }));
}

/** The index search a FHIR Patient search asks for: by NHS number, or by family name (with given name and birth date). */
export function patientSearchOf(params: URLSearchParams): PatientSearch {
  const identifier = tokenParam(params, 'identifier');
  if (identifier) {
    if (identifier.system !== undefined && identifier.system !== nhsNumberSystem) throw badParameter('identifier', `Patients are found by NHS number (${nhsNumberSystem}|9434765919)`);
    const nhsNumber = (identifier.code ?? '').replace(/\s/g, '');
    if (!/^\d{10}$/.test(nhsNumber)) throw badParameter('identifier', 'An NHS number is 10 digits');
    return { kind: 'nhs-number', nhsNumber };
  }
  const family = stringParam(params, 'family');
  const given = stringParam(params, 'given');
  const births = dateParams(params, 'birthdate');
  if (births.some((b) => b.prefix !== 'eq' || b.value.length !== 10)) throw badParameter('birthdate', 'Search by a whole date of birth (birthdate=1941-05-17)');
  const dateOfBirth = births[0]?.value ?? null;
  if (!family) throw badParameter('family', 'Search patients by identifier (NHS number), or by family name with a given name or birth date if known');
  const name = given ? `${given} ${family}` : family;
  const problems = nameSearchProblems({ name, postcode: null });
  if (problems[0]) throw badParameter(problems[0].path === 'name' ? 'family' : problems[0].path, problems[0].message);
  return { kind: 'name', name, dateOfBirth, yearOfBirth: null, postcode: null };
}

export const patientModule: FhirResourceModule = {
  type: 'Patient',
  profile: ukCoreProfile.patient,
  searchParams: [
    { name: 'identifier', type: 'token', documentation: `The NHS number (${nhsNumberSystem}|9434765919)` },
    { name: 'family', type: 'string', documentation: 'The family name, or its start; sound-alikes match as on the patient search page' },
    { name: 'given', type: 'string', documentation: 'The given name (with family)' },
    { name: 'birthdate', type: 'date', documentation: 'The whole date of birth (with family)' },
  ],
  async read(db, { actor, id }) {
    if (!isUuid(id)) throw resourceNotFound('Patient', id);
    return readFhirPatient(db, actor, id.toLowerCase(), {});
  },
  async search(db, { actor, params }) {
    const found = await findPatients(db, { actor, search: patientSearchOf(params) });
    const resources: FhirResource[] = [];
    // Outside a relationship the index shows only what tells people apart; FHIR has no such partial
    // Patient, so those are left out (the search's audit still lists them).
    for (const f of found) if (f.access === 'full') resources.push(await readFhirPatient(db, actor, f.id, { search: true }));
    return resources;
  },
};

// A GP's referral received by FHIR (issue 18 #3), so the incoming list shows one on first start: sent
// in as a transaction Bundle (the Patient and the ServiceRequest) through the same function as
// POST /fhir/R4, as the first team's registered therapist an hour ago. As everywhere in the demo, the
// patient is registered by whoever takes the referral a minute before (registerPatient), so the Bundle's
// Patient is matched by NHS number. Sent again on a later start, it is recognised by its identifier and
// nothing is added.
import type { Kysely } from 'kysely';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { staffActor } from '../platform/actor.ts';
import { receiveFhirReferral } from '../fhir/public.ts';
import { authorisePatientRegistration, checkPatientDetails, findPatientByNhsNumber, registerPatient } from '../patients/public.ts';
import { uuidv7 } from 'uuidv7';
import type { DemoSeed } from './seed-demo-data.ts';
import { testNhsNumberForIndex } from './generate-demo-data.ts';

const hw = 'https://homeward.nhs.example';

export async function seedDemoFhirReferral(db: Kysely<Database>, o: { demo: DemoSeed; now: Date; config: HomewardConfig }): Promise<void> {
  const team = o.demo.teams[0];
  const therapist = o.demo.staff.find((s) => s.teamId === team?.id && s.homewardRole === 'registered-therapist');
  if (!team || !therapist) return;
  const at = new Date(o.now.getTime() - 60 * 60_000);
  const actor = staffActor({ staff: { staffId: therapist.id, name: `${therapist.givenName} ${therapist.familyName}`, role: therapist.homewardRole, teamId: therapist.teamId }, config: o.config, via: 'demo:seed', now: at });
  const patientUrl = 'urn:uuid:3f6b1c2e-8d4a-4f0b-9c1e-5a7d2b9e4c10';
  const nhsNumber = testNhsNumberForIndex(9_000);
  if (!(await findPatientByNhsNumber(db, nhsNumber))) {
    const registering = { ...actor, now: new Date(at.getTime() - 60_000) };
    const checked = checkPatientDetails({
      nhsNumber, givenName: 'Harold', familyName: 'Oakes', dateOfBirth: '1938-02-11', sex: 'male', genderIdentity: null, addressLine1: '3 Mill Lane', addressLine2: null,
      town: 'Tunstall', postcode: 'ST6 5AB', latitude: null, longitude: null, phone: null, gpPracticeCode: 'M83001', gpPracticeName: 'Burslem Health Centre', contacts: [],
      communicationNeeds: { needs: [], interpreterLanguage: null, notes: null }, livesAlone: false, keySafe: false, accessNotes: null, riskFlags: [], riskNotes: null,
    }, registering.now);
    if (!checked.ok) throw new Error(`demo FHIR referral's patient: ${JSON.stringify(checked.fields)}`);
    await authorisePatientRegistration(db, { actor: registering });
    await db.transaction().execute((trx) => registerPatient(trx, { actor: registering, id: uuidv7(), details: checked.details }));
  }
  const serviceRequest = {
    resourceType: 'ServiceRequest',
    contained: [{ resourceType: 'Practitioner', id: 'gp', name: [{ text: 'Dr Ada Patel, Burslem Health Centre' }], telecom: [{ system: 'phone', value: '01632 960999' }] }],
    extension: [
      { url: `${hw}/StructureDefinition/referral-source`, valueCode: 'gp' },
      { url: `${hw}/StructureDefinition/referral-source-detail`, valueString: 'Burslem Health Centre (M83001), by FHIR' },
      { url: `${hw}/StructureDefinition/consent-to-referral`, valueBoolean: true },
    ],
    identifier: [{ system: 'https://fhir.burslem-health-centre.example/Id/referral', value: 'DEMO-GP-0001' }],
    status: 'active',
    intent: 'order',
    priority: 'routine',
    code: { coding: [{ system: `${hw}/CodeSystem/service`, code: 'd2a-pathway-0' }] },
    subject: { reference: patientUrl },
    requester: { reference: '#gp', display: 'Dr Ada Patel' },
    reasonCode: [{ text: 'Two falls at home this month; struggling with the stairs and getting out of the bath' }],
    note: [{ text: 'Lives with his wife. Sent from the practice system by FHIR.' }],
  };
  const bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: patientUrl,
        resource: {
          resourceType: 'Patient',
          identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: nhsNumber }],
          name: [{ use: 'official', family: 'Oakes', given: ['Harold'] }],
          gender: 'male',
          birthDate: '1938-02-11',
          address: [{ use: 'home', line: ['3 Mill Lane'], city: 'Tunstall', postalCode: 'ST6 5AB' }],
          generalPractitioner: [{ identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'M83001' }, display: 'Burslem Health Centre' }],
        },
      },
      { fullUrl: 'urn:uuid:9a0e4d7c-2b1f-4e3a-8c6d-1f2e3d4c5b6a', resource: serviceRequest },
    ],
  };
  await receiveFhirReferral(db, { actor, resource: serviceRequest, bundle: { resource: bundle, entryIndex: 1 } });
}

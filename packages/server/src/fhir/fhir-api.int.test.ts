// The FHIR R4 API's frame and its Patient (issue 18 #2): the CapabilityStatement built from the
// registry, read and search over the patient's own access rules and audit, Patient/$everything, and
// every error an OperationOutcome naming what was wrong. Every resource received is validated by two
// independent validators and the UK Core key constraints (test/fhir-validate.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { expectValidFhir, fhirProblems } from '../../test/fhir-validate.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('FHIR R4 API: the frame and Patient', () => {
  let t: TestApp;
  let therapist: TestClient;
  let outsider: TestClient;
  let patientId: string;

  const fhirGet = async (client: TestClient, url: string, status = 200): Promise<Json> => {
    const res = await client.get(url);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    return expectValidFhir(res.json() as Json);
  };
  const auditOf = (staffId: string, action: string) =>
    t.db.selectFrom('audit_events').selectAll().where('staff_id', '=', staffId).where('action', '=', action).orderBy('seq').execute();

  beforeAll(async () => {
    t = await bootTestApp();
    therapist = await t.signIn(t.service.a['registered-therapist']);
    outsider = await t.signIn(t.service.otherTeamTherapist);
    const res = await therapist.post('/api/patients', patientDetails({ nhsNumber: '9434765919' }));
    expect(res.statusCode).toBe(201);
    patientId = res.json().id;
  });
  afterAll(() => t.close());

  it('publishes a CapabilityStatement listing each registered type with its search parameters and $everything', async () => {
    const cs = await fhirGet(therapist, '/fhir/R4/metadata');
    expect(cs.resourceType).toBe('CapabilityStatement');
    expect(cs.fhirVersion).toBe('4.0.1');
    const patient = cs.rest[0].resource.find((r: Json) => r.type === 'Patient');
    expect(patient.supportedProfile).toEqual(['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient']);
    expect(patient.searchParam.map((p: Json) => p.name)).toEqual(expect.arrayContaining(['identifier', 'family', 'birthdate']));
    expect(patient.operation).toEqual([{ name: 'everything', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything' }]);
  });

  it('reads a Patient as UK Core (NHS number with its verification status, GP as an ODS code) and audits the read', async () => {
    const p = await fhirGet(therapist, `/fhir/R4/Patient/${patientId}`);
    expect(p.identifier).toEqual([expect.objectContaining({ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' })]);
    expect(p.identifier[0].extension[0].valueCodeableConcept.coding[0].code).toBe('02');
    expect(p.name).toEqual([{ use: 'official', family: 'Bloor', given: ['Betty'] }]);
    expect(p.birthDate).toBe('1941-05-17');
    expect(p.gender).toBe('female');
    expect(p.address[0]).toEqual({ use: 'home', line: ['12 Waterloo Road'], city: 'Burslem', postalCode: 'ST6 3HR' });
    expect(p.generalPractitioner[0].identifier).toEqual({ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'M83001' });
    expect(p.meta.versionId).toBe('1');
    const reads = (await auditOf(t.service.a['registered-therapist'].id, 'read')).filter((e) => e.patient_id === patientId && e.record_kind === 'patient');
    expect(reads.at(-1)?.detail).toMatchObject({ via: 'fhir' });
  });

  it('refuses a Patient to a clinician without a relationship, as the page does, audited, as an OperationOutcome', async () => {
    const oo = await fhirGet(outsider, `/fhir/R4/Patient/${patientId}`, 403);
    expect(oo.resourceType).toBe('OperationOutcome');
    expect(oo.issue[0]).toMatchObject({ severity: 'error', code: 'forbidden' });
    const refused = (await auditOf(t.service.otherTeamTherapist.id, 'read')).filter((e) => e.outcome === 'refused' && e.patient_id === patientId);
    expect(refused).toHaveLength(1);
  });

  it('searches by NHS number and by family name with birth date, returning only patients the caller may read', async () => {
    const byNumber = await fhirGet(therapist, '/fhir/R4/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9434765919');
    expect(byNumber.type).toBe('searchset');
    expect(byNumber.total).toBe(1);
    expect(byNumber.entry[0].fullUrl).toMatch(new RegExp(`/fhir/R4/Patient/${patientId}$`));
    expect(byNumber.entry[0].search).toEqual({ mode: 'match' });
    const byName = await fhirGet(therapist, '/fhir/R4/Patient?family=Bloor&birthdate=1941-05-17');
    expect(byName.entry.map((e: Json) => e.resource.id)).toEqual([patientId]);
    const other = await fhirGet(therapist, '/fhir/R4/Patient?family=Bloor&birthdate=1941-05-18');
    expect(other.total).toBe(0);
    // The other team's clinician finds the patient on the index page only as a name to tell apart: FHIR gives nothing.
    const outsiders = await fhirGet(outsider, '/fhir/R4/Patient?identifier=9434765919');
    expect(outsiders.total).toBe(0);
    const searches = await auditOf(t.service.otherTeamTherapist.id, 'search');
    expect(searches.at(-1)?.detail).toMatchObject({ by: 'nhs-number', patientIds: [patientId] });
  });

  it('answers Patient/$everything with the Patient first, and refuses it without a relationship', async () => {
    const everything = await fhirGet(therapist, `/fhir/R4/Patient/${patientId}/$everything`);
    expect(everything.type).toBe('searchset');
    expect(everything.entry[0].resource).toMatchObject({ resourceType: 'Patient', id: patientId });
    await fhirGet(outsider, `/fhir/R4/Patient/${patientId}/$everything`, 403);
  });

  it('answers every error as an OperationOutcome naming what was wrong', async () => {
    const unknownType = await fhirGet(therapist, '/fhir/R4/Spaceship/1', 404);
    expect(unknownType.issue[0].code).toBe('not-found');
    const missing = await fhirGet(therapist, '/fhir/R4/Patient/0190d7b4-0000-7000-8000-000000000000', 404);
    expect(missing.issue[0].code).toBe('not-found');
    const notUuid = await fhirGet(therapist, '/fhir/R4/Patient/not-a-homeward-id', 404);
    expect(notUuid.issue[0].code).toBe('not-found');
    const badId = await fhirGet(therapist, '/fhir/R4/Patient/has%20space', 400);
    expect(badId.issue[0].expression).toEqual(['Patient.id']);
    const badParam = await fhirGet(therapist, '/fhir/R4/Patient?nickname=Betty', 400);
    expect(badParam.issue[0].expression).toEqual(['nickname']);
    const badDate = await fhirGet(therapist, '/fhir/R4/Patient?family=Bloor&birthdate=17/05/1941', 400);
    expect(badDate.issue[0].expression).toEqual(['birthdate']);
    const nowhere = await fhirGet(therapist, '/fhir/R4/Patient/x/y/z', 404);
    expect(nowhere.resourceType).toBe('OperationOutcome');
  });

  it('needs a session: nobody signed in, or a bearer token (not yet accepted), gets 401 login', async () => {
    for (const headers of [{}, { authorization: 'Bearer abc.def.ghi' }]) {
      const res = await t.app.inject({ method: 'GET', url: `/fhir/R4/Patient/${patientId}`, headers });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
      expect(expectValidFhir(res.json()).issue[0].code).toBe('login');
    }
    const metadata = await t.app.inject({ method: 'GET', url: '/fhir/R4/metadata' });
    expect(metadata.statusCode).toBe(200);
  });

  it('refuses a body that is not JSON, or a resource of another type, naming the path', async () => {
    const notJson = await therapist.request({ method: 'POST', url: '/fhir/R4/Patient', payload: '{"resourceType":', headers: { 'content-type': 'application/fhir+json' } });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().resourceType).toBe('OperationOutcome');
    const notBundle = await therapist.request({ method: 'POST', url: '/fhir/R4', payload: { resourceType: 'Bundle', type: 'batch' }, headers: { 'content-type': 'application/fhir+json' } });
    expect(notBundle.statusCode).toBe(400);
    expect(expectValidFhir(notBundle.json()).issue[0].expression).toEqual(['Bundle.type']);
  });

  it('the validation harness fails a resource that breaks R4 or UK Core (so the checks above can fail)', () => {
    const bad = { resourceType: 'Patient', gender: 'femalex', nickname: 'Betty', identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765918' }] };
    const problems = fhirProblems(bad);
    expect(problems.some((p) => p.startsWith('medplum:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('fhir.js:'))).toBe(true);
    expect(problems).toEqual(expect.arrayContaining([
      'uk-core: meta.profile must claim https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient',
      'uk-core: Patient.identifier NHS number 9434765918 is not 10 digits with a valid check digit',
      'uk-core: Patient.identifier (NHS number) must carry one NHSNumberVerificationStatus extension',
    ]));
  });
});

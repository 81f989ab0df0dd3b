// Referrals in by FHIR (issue 18 #3): a GP or acute trust system sends a ServiceRequest with its Patient;
// it becomes a referral in the team's incoming list (the patient matched by NHS number or registered);
// the same one sent again is recognised and answered with the first; bad resources get an
// OperationOutcome naming each element at fault, and write nothing. Read and search of ServiceRequest
// follow the referral's own access rules. Every resource received is validated (test/fhir-validate.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { expectValidFhir } from '../../test/fhir-validate.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const hw = 'https://homeward.nhs.example';
const fhirJson = { 'content-type': 'application/fhir+json' };

function gpPatient(overrides: Json = {}): Json {
  return {
    resourceType: 'Patient',
    identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9000000009' }],
    name: [{ use: 'official', family: 'Oakes', given: ['Harold'] }],
    gender: 'male',
    birthDate: '1938-02-11',
    address: [{ use: 'home', line: ['3 Mill Lane', 'Tunstall'], city: 'Stoke-on-Trent', postalCode: 'ST6 5AB' }],
    telecom: [{ system: 'phone', value: '01632 960555' }],
    generalPractitioner: [{ identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'M83001' }, display: 'Burslem Health Centre' }],
    ...overrides,
  };
}

function gpServiceRequest(overrides: Json = {}): Json {
  return {
    resourceType: 'ServiceRequest',
    contained: [{ resourceType: 'Practitioner', id: 'gp', name: [{ text: 'Dr Ada Patel' }], telecom: [{ system: 'phone', value: '01632 960999' }] }],
    extension: [
      { url: `${hw}/StructureDefinition/referral-source`, valueCode: 'gp' },
      { url: `${hw}/StructureDefinition/consent-to-referral`, valueBoolean: true },
    ],
    identifier: [{ system: 'https://fhir.example-gp.nhs.uk/Id/referral', value: 'GP-REF-0001' }],
    status: 'active',
    intent: 'order',
    priority: 'urgent',
    code: { coding: [{ system: `${hw}/CodeSystem/service`, code: 'd2a-pathway-1' }] },
    subject: { reference: 'urn:uuid:6e1c6c57-3f0a-4c43-9d83-7b0d1d3b4a11' },
    authoredOn: '2026-11-24',
    requester: { reference: '#gp', display: 'Dr Ada Patel' },
    reasonCode: [{ text: 'Two falls this month, struggling with stairs' }],
    note: [{ text: 'Lives with his wife, who has dementia' }],
    ...overrides,
  };
}

function transaction(patient: Json, serviceRequest: Json): Json {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      { fullUrl: 'urn:uuid:6e1c6c57-3f0a-4c43-9d83-7b0d1d3b4a11', resource: patient, request: { method: 'POST', url: 'Patient' } },
      { fullUrl: 'urn:uuid:0c7e0c1e-55d4-4b0a-8a0e-8f3c2b1a9d22', resource: serviceRequest, request: { method: 'POST', url: 'ServiceRequest' } },
    ],
  };
}

describe('FHIR referrals in (ServiceRequest)', () => {
  let t: TestApp;
  let therapist: TestClient;
  let lead: TestClient;
  let outsider: TestClient;
  let referralId: string;
  let patientId: string;

  const count = async (table: 'referrals' | 'patients' | 'fhir_received_referrals') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const send = async (client: TestClient, url: string, body: Json) => {
    const res = await client.request({ method: 'POST', url, payload: JSON.stringify(body), headers: fhirJson });
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    return { status: res.statusCode, body: expectValidFhir(res.json() as Json), headers: res.headers };
  };

  beforeAll(async () => {
    t = await bootTestApp();
    therapist = await t.signIn(t.service.a['registered-therapist']);
    lead = await t.signIn(t.service.a['clinical-lead']);
    outsider = await t.signIn(t.service.otherTeamTherapist);
  });
  afterAll(() => t.close());

  it('a GP’s referral in a transaction Bundle registers the patient and lands in the team’s incoming list', async () => {
    const res = await send(therapist, '/fhir/R4', transaction(gpPatient(), gpServiceRequest()));
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('transaction-response');
    const [patientEntry, srEntry] = res.body.entry;
    expect(patientEntry.response.status).toBe('201 Created');
    expect(srEntry.response.status).toBe('201 Created');
    patientId = /Patient\/([0-9a-f-]{36})$/.exec(patientEntry.response.location)![1]!;
    referralId = /ServiceRequest\/([0-9a-f-]{36})\/_history\/1$/.exec(srEntry.response.location)![1]!;

    const incoming = (await lead.get('/api/referrals?status=incoming')).json().referrals as Json[];
    const made = incoming.find((r) => r.id === referralId)!;
    expect(made).toMatchObject({ patientId, service: 'd2a-pathway-1', source: 'gp', urgencyRequested: 'urgent', referrerName: 'Dr Ada Patel', referrerContact: '01632 960999', consentToReferral: true, reason: 'Two falls this month, struggling with stairs', presentingNeeds: 'Lives with his wife, who has dementia' });
    const page = await lead.get('/referrals');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('OAKES, Harold');
    expect(page.body).toContain(`/referrals/${referralId}`);
    const patient = (await therapist.get(`/api/patients/${patientId}`)).json();
    expect(patient).toMatchObject({ nhsNumber: '9000000009', familyName: 'Oakes', givenName: 'Harold', dateOfBirth: '1938-02-11', postcode: 'ST6 5AB', gpPracticeCode: 'M83001', addressLine2: 'Tunstall' });
    const audit = await t.db.selectFrom('audit_events').select(['record_kind', 'outcome']).where('patient_id', '=', patientId).where('action', '=', 'write').execute();
    expect(audit.map((a) => a.record_kind)).toEqual(expect.arrayContaining(['patient', 'referral']));
  });

  it('a patient registered from a FHIR referral says living alone and the key safe were not asked, where triage happens and on the patient', async () => {
    // A UK Core Patient carries neither fact; the columns are yes/no, so the "no" stored must not read as an answer.
    const patient = (await therapist.get(`/api/patients/${patientId}`)).json();
    expect(patient).toMatchObject({ livesAlone: false, keySafe: false });
    expect(patient.riskNotes).toMatch(/^Not asked: registered from an electronic referral/);
    expect(patient.riskNotes).toContain('lives alone');
    expect(patient.riskNotes).toContain('key safe');
    const triage = await lead.get(`/referrals/${referralId}/triage`);
    expect(triage.statusCode, triage.body).toBe(200);
    expect(triage.body).toContain('Not asked: registered from an electronic referral');
    expect((await therapist.get(`/patients/${patientId}`)).body).toContain('Not asked: registered from an electronic referral');
  });

  it('recognises the same ServiceRequest sent again (its identifier) and answers with the first referral, writing nothing', async () => {
    const before = [await count('referrals'), await count('patients'), await count('fhir_received_referrals')];
    const again = await send(therapist, '/fhir/R4', transaction(gpPatient(), gpServiceRequest()));
    expect(again.status).toBe(200);
    expect(again.body.entry[1].response).toMatchObject({ status: '200 OK', location: expect.stringContaining(`ServiceRequest/${referralId}`) });
    const single = await send(therapist, '/fhir/R4/ServiceRequest', gpServiceRequest({ subject: { reference: `Patient/${patientId}` } }));
    expect(single.status).toBe(200);
    expect(single.body.id).toBe(referralId);
    expect([await count('referrals'), await count('patients'), await count('fhir_received_referrals')]).toEqual(before);
  });

  it('recognises the same patient, service and day without an identifier; a different service is a new referral', async () => {
    const noId = { identifier: undefined, subject: { reference: '#p' }, contained: [gpServiceRequest().contained[0], { ...gpPatient(), id: 'p' }] };
    const sameDay = await send(therapist, '/fhir/R4/ServiceRequest', gpServiceRequest(noId));
    expect(sameDay.status).toBe(200);
    expect(sameDay.body.id).toBe(referralId);
    const other = await send(therapist, '/fhir/R4/ServiceRequest', gpServiceRequest({ ...noId, code: { coding: [{ system: `${hw}/CodeSystem/service`, code: 'community-stroke-rehabilitation' }] } }));
    expect(other.status).toBe(201);
    expect(other.headers.location).toMatch(new RegExp(`/fhir/R4/ServiceRequest/${other.body.id}/_history/1$`));
    expect(other.body).toMatchObject({ status: 'active', subject: { reference: `Patient/${patientId}` } });
  });

  it('refuses a bad resource with an OperationOutcome naming each element at fault, and writes nothing', async () => {
    const before = [await count('referrals'), await count('patients')];
    const bad = transaction(
      gpPatient({ identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765918' }], birthDate: '1938-02-30' }),
      gpServiceRequest({ identifier: [{ system: 'x', value: 'GP-REF-0002' }], code: { text: 'physio' }, intent: 'instruction', requester: { display: 'Dr Patel' } }),
    );
    const res = await send(therapist, '/fhir/R4', bad);
    expect(res.status).toBe(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue.flatMap((i: Json) => i.expression)).toEqual(expect.arrayContaining(['Bundle.entry[1].resource.intent']));
    const fixedIntent = await send(therapist, '/fhir/R4', transaction(bad.entry[0].resource, { ...bad.entry[1].resource, intent: 'order' }));
    expect(fixedIntent.status).toBe(400);
    expect(fixedIntent.body.issue.flatMap((i: Json) => i.expression)).toEqual(expect.arrayContaining([
      'Bundle.entry[1].resource.code',
      'Bundle.entry[1].resource.requester',
      'Bundle.entry[0].resource.identifier[0].value',
      'Bundle.entry[0].resource.birthDate',
    ]));
    const noSubject = await send(therapist, '/fhir/R4/ServiceRequest', gpServiceRequest({ identifier: [{ system: 'x', value: 'GP-REF-0007' }], subject: { reference: 'Patient/0190d7b4-0000-7000-8000-000000000000' } }));
    expect(noSubject.status).toBe(400);
    expect(noSubject.body.issue[0].expression).toEqual(['ServiceRequest.subject']);
    expect([await count('referrals'), await count('patients')]).toEqual(before);
  });

  it('refuses an NHS number already in the index with another date of birth (never the wrong patient)', async () => {
    const before = await count('referrals');
    const res = await send(therapist, '/fhir/R4', transaction(gpPatient({ birthDate: '1938-02-12' }), gpServiceRequest({ identifier: [{ system: 'https://fhir.example-gp.nhs.uk/Id/referral', value: 'GP-REF-0003' }] })));
    expect(res.status).toBe(400);
    expect(res.body.issue[0].expression).toEqual(['Bundle.entry[0].resource.birthDate']);
    expect(await count('referrals')).toBe(before);
  });

  it('only those who take referrals may send one: a support worker is refused, audited', async () => {
    const supportWorker = await t.signIn(t.service.a['support-worker']);
    const res = await send(supportWorker, '/fhir/R4/ServiceRequest', gpServiceRequest({ identifier: [{ system: 'https://fhir.example-gp.nhs.uk/Id/referral', value: 'GP-REF-0004' }], subject: { reference: `Patient/${patientId}` } }));
    expect(res.status).toBe(403);
    expect(res.body.issue[0].code).toBe('forbidden');
    const refused = await t.db.selectFrom('audit_events').select('outcome').where('staff_id', '=', t.service.a['support-worker'].id).where('outcome', '=', 'refused').where('record_kind', '=', 'referral').execute();
    expect(refused.length).toBeGreaterThan(0);
  });

  it('reads and searches ServiceRequest through the referral’s access rules, each read audited', async () => {
    const sr = expectValidFhir((await lead.get(`/fhir/R4/ServiceRequest/${referralId}`)).json() as Json);
    expect(sr).toMatchObject({ resourceType: 'ServiceRequest', id: referralId, status: 'active', intent: 'order', priority: 'urgent', authoredOn: '2026-11-24' });
    expect(sr.identifier).toEqual(expect.arrayContaining([{ system: 'https://fhir.example-gp.nhs.uk/Id/referral', value: 'GP-REF-0001' }]));
    const byPatient = expectValidFhir((await lead.get(`/fhir/R4/ServiceRequest?patient=Patient/${patientId}&status=active`)).json() as Json);
    expect(byPatient.total).toBe(2);
    const byIdentifier = expectValidFhir((await lead.get('/fhir/R4/ServiceRequest?identifier=https://fhir.example-gp.nhs.uk/Id/referral|GP-REF-0001')).json() as Json);
    expect(byIdentifier.entry.map((e: Json) => e.resource.id)).toEqual([referralId]);
    const reads = await t.db.selectFrom('audit_events').select('record_id').where('staff_id', '=', t.service.a['clinical-lead'].id).where('action', '=', 'read').where('record_kind', '=', 'referral').execute();
    expect(reads.filter((r) => r.record_id === referralId).length).toBeGreaterThanOrEqual(3);
    const refused = await outsider.get(`/fhir/R4/ServiceRequest/${referralId}`);
    expect(refused.statusCode).toBe(403);
    expectValidFhir(refused.json());
    const noPatient = await lead.get('/fhir/R4/ServiceRequest?status=active');
    expect(noPatient.statusCode).toBe(400);
    expect(noPatient.json().issue[0].expression).toEqual(['patient']);
  });

  it('Patient/$everything carries the patient’s referrals', async () => {
    const everything = expectValidFhir((await lead.get(`/fhir/R4/Patient/${patientId}/$everything`)).json() as Json);
    const types = everything.entry.map((e: Json) => e.resource.resourceType);
    expect(types[0]).toBe('Patient');
    expect(types.filter((x: string) => x === 'ServiceRequest')).toHaveLength(2);
  });

  it('a referral for an existing patient by NHS number identifier alone, from a lead of the same team', async () => {
    const res = await send(lead, '/fhir/R4/ServiceRequest', gpServiceRequest({
      identifier: [{ system: 'https://fhir.example-gp.nhs.uk/Id/referral', value: 'GP-REF-0005' }],
      code: { coding: [{ system: `${hw}/CodeSystem/service`, code: 'rehabilitation-medicine' }] },
      subject: { identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9000000009' } },
    }));
    expect(res.status).toBe(201);
    expect(res.body.subject).toEqual({ reference: `Patient/${patientId}` });
  });

  it('a patient registered elsewhere is refused to a team without a relationship (the same rule as the intake page)', async () => {
    const other = await outsider.post('/api/patients', patientDetails({ nhsNumber: '9434765919' }));
    expect(other.statusCode).toBe(201);
    const res = await send(therapist, '/fhir/R4/ServiceRequest', gpServiceRequest({ identifier: [{ system: 'https://fhir.example-gp.nhs.uk/Id/referral', value: 'GP-REF-0006' }], subject: { reference: `Patient/${other.json().id}` } }));
    expect(res.status).toBe(403);
  });
});

// The FHIR record side (issue 18 #2): EpisodeOfCare, Encounter, Observation, QuestionnaireResponse,
// Goal, CarePlan, Consent, DocumentReference, Device, DeviceRequest and the CodeSystems, read and
// searched through /fhir/R4 under the same access rules and audit as the pages. Every resource
// received is validated by two independent validators and the UK Core key constraints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { expectValidFhir } from '../../test/fhir-validate.ts';
import { seedEpisode } from '../../test/seed-episode.ts';
import { barthelAt12, barthelAt16 } from '../../test/barthel-responses.ts';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('FHIR R4 API: the record side', () => {
  let t: TestApp;
  let therapist: TestClient;
  let assistant: TestClient;
  let outsider: TestClient;
  let administrator: TestClient;
  let mrsB: string;
  let mrC: string;
  let episode: string;
  let otherTeamEpisode: string;
  let mrCEpisode: string;
  const ids: Record<string, string> = {};

  const ago = (minutes: number) => new Date(t.clock.now().getTime() - minutes * 60_000).toISOString();
  const fhirGet = async (client: TestClient, url: string, status = 200): Promise<Json> => {
    const res = await client.get(url);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    return expectValidFhir(res.json() as Json);
  };
  const entries = (bundle: Json): Json[] => (bundle.entry ?? []).map((e: Json) => e.resource);
  const search = async (client: TestClient, query: string) => {
    const bundle = await fhirGet(client, `/fhir/R4/${query}`);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    return entries(bundle);
  };
  const auditOf = (staffId: string) => t.db.selectFrom('audit_events').selectAll().where('staff_id', '=', staffId).orderBy('seq').execute();
  const ok = async (res: { statusCode: number; body: string; json(): Json }, status = 201): Promise<Json> => {
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };

  beforeAll(async () => {
    t = await bootTestApp();
    therapist = await t.signIn(t.service.a['registered-therapist']);
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    outsider = await t.signIn(t.service.otherTeamTherapist);
    administrator = await t.signIn(t.service.a.administrator);
    mrsB = (await ok(await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(7001) })))).id;
    mrC = (await ok(await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(7002), givenName: 'Cyril', familyName: 'Colclough' })))).id;
    episode = await seedEpisode(t, { patientId: mrsB, service: 'stroke-early-supported-discharge', allocatedTo: t.service.a['assistant-practitioner'].id });
    mrCEpisode = await seedEpisode(t, { patientId: mrC, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
    // Team B also cares for Mrs B: its episode is summary-only to team A, and team A's to team B.
    otherTeamEpisode = await seedEpisode(t, { patientId: mrsB, service: 'd2a-pathway-1', allocatedTo: t.service.otherTeamTherapist.id, teamId: t.service.teamB, triagedBy: t.service.otherTeamTherapist.id });

    ids.consent = (await ok(await therapist.post(`/api/episodes/${episode}/consent`, { agreedTo: 'Assessment and treatment at home', method: 'verbal', givenBy: 'patient' }))).id;
    ids.note = (await ok(await assistant.post(`/api/episodes/${episode}/contact-notes`, { kind: 'treatment', occurredAt: ago(120), durationMinutes: 45, place: 'Home', staffPresent: null, body: 'Kitchen practice: made a hot drink with supervision.', therapyMinutes: { 'occupational-therapy': 30 }, finalise: true }))).id;
    ids.draft = (await ok(await assistant.post(`/api/episodes/${episode}/contact-notes`, { kind: 'telephone', occurredAt: ago(60), durationMinutes: 10, body: 'Phoned the daughter' }))).id;
    ids.otherTeamNote = (await ok(await outsider.post(`/api/episodes/${otherTeamEpisode}/contact-notes`, { kind: 'treatment', occurredAt: ago(90), durationMinutes: 30, place: 'Home', staffPresent: null, body: 'Team B note: private to team B', therapyMinutes: {}, finalise: true, consentMissingReason: 'Consent recorded on the paper referral' }))).id;
    const barthel = (timePoint: string, administeredAt: string, responses: Record<string, number>) => ({ instrumentId: 'barthel-index', method: 'observed', timePoint, administeredAt, responses });
    ids.baseline = (await ok(await assistant.post(`/api/episodes/${episode}/assessments`, barthel('baseline', ago(3 * 24 * 60 - 120), barthelAt12)))).id;
    ids.review = (await ok(await assistant.post(`/api/episodes/${episode}/assessments`, barthel('review', ago(30), barthelAt16)))).id;
    const goal = await ok(await assistant.post(`/api/episodes/${episode}/goals`, {
      statement: 'I want to make my own cup of tea and carry it to the lounge',
      levels: { '-2': 'Cannot make a hot drink', '-1': 'Makes tea with help', '0': 'Makes tea alone and carries it using a trolley', '+1': 'Carries it in a lidded mug', '+2': 'Makes tea for a visitor too' },
      baseline: -1, importance: 3, difficulty: 2, targetOn: '2026-12-22', agreedWith: 'Mrs B and her daughter',
    }));
    ids.goal = goal.id;
    await ok(await assistant.post(`/api/goals/${goal.id}/attainments`, { level: 0, timePoint: 'review', ratedOn: '2026-11-24' }));
    ids.activity = (await ok(await assistant.post(`/api/episodes/${episode}/programme`, {
      kind: 'exercise', competence: 'sit-to-stand-exercise', title: 'Sit-to-stand practice', instructions: 'Stand up slowly from a firm chair, 10 times.',
      timesPerPeriod: 1, period: 'day', delivererKind: 'carer', delivererName: 'Sarah (daughter)', startsOn: '2026-11-24', goalId: goal.id,
    }))).id;

    // What no JSON route writes in a line: a planned visit, a stored letter, a tracked item on loan.
    const lead = t.service.a['clinical-lead'].id;
    const at = t.clock.now();
    const stamps = { created_at: at, created_by: lead, updated_at: at, updated_by: lead };
    ids.visit = uuidv7();
    await t.db.insertInto('visits').values({ id: ids.visit, team_id: t.service.teamA, episode_id: episode, patient_id: mrsB, on_date: '2026-11-26', purpose: 'therapy', duration_minutes: 45, place: 'home', staff_needed: 1, registered_required: false, skills: JSON.stringify([]), origin: 'proposed', ...stamps }).execute();
    ids.letter = uuidv7();
    await t.db.insertInto('letters').values({ id: ids.letter, episode_id: episode, patient_id: mrsB, kind: 'discharge-gp', recipient: 'Dr Shah, Burslem Health Centre', print_size: 'standard', source_id: null, source_version: null, text_content: 'Dear Dr Shah', pdf: new TextEncoder().encode('%PDF-1.7 test'), sha256: 'a'.repeat(64), alternative_formats: JSON.stringify([]), produced_at: at, produced_by: lead, produced_by_role: 'clinical-lead' }).execute();
    const catalogueId = uuidv7();
    const storeId = uuidv7();
    ids.device = uuidv7();
    ids.loan = uuidv7();
    await t.db.insertInto('equipment_catalogue_items').values({ id: catalogueId, code: 'HOIST-1', name: 'Mobile hoist', category: 'transfers', make: 'Arjo', model: 'Maxi Move', stock_kind: 'tracked', loler: true, inspection_interval_months: 6, prescriber: 'registered', unit_cost_pence: 250000, ...stamps }).execute();
    await t.db.insertInto('equipment_stores').values({ id: storeId, name: 'North store', team_id: t.service.teamA, ...stamps }).execute();
    await t.db.insertInto('equipment_items').values({ id: ids.device, catalogue_item_id: catalogueId, serial_number: 'AR12345', asset_number: 'HW-0042', batch: null, store_id: storeId, status: 'on-loan', last_inspected_on: '2026-10-01', next_inspection_due: '2027-04-01', ...stamps }).execute();
    await t.db.insertInto('equipment_loans').values({ id: ids.loan, patient_id: mrsB, episode_id: episode, team_id: t.service.teamA, catalogue_item_id: catalogueId, item_id: ids.device, store_id: storeId, reason: 'Transfers bed to chair with two carers', assessment_id: ids.baseline, assessment_note: null, risk_assessment: null, risk_assessed_at: null, risk_assessed_by: null, prescribed_at: at, prescribed_by: t.service.a['registered-therapist'].id, delivered_at: null, delivered_by: null, delivered_where: null, fitted: null, discharge_decision: null, discharge_decided_at: null, discharge_decided_by: null, collection_visit_id: null, ended_at: null, ended_by: null, end_note: null, ...stamps }).execute();
  });
  afterAll(() => t?.close());

  it('lists every record type in the CapabilityStatement with its search parameters, UK Core profiles for Encounter and Observation', async () => {
    const cs = await fhirGet(therapist, '/fhir/R4/metadata');
    const types = cs.rest[0].resource.map((r: Json) => r.type);
    expect(types).toEqual(expect.arrayContaining(['EpisodeOfCare', 'Encounter', 'Observation', 'QuestionnaireResponse', 'Goal', 'CarePlan', 'Consent', 'DocumentReference', 'Device', 'DeviceRequest', 'CodeSystem']));
    const of = (type: string) => cs.rest[0].resource.find((r: Json) => r.type === type);
    expect(of('Encounter').supportedProfile).toEqual(['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Encounter']);
    expect(of('Observation').supportedProfile).toEqual(['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Observation']);
    expect(of('Observation').searchParam.map((p: Json) => p.name)).toEqual(['patient', 'code', 'date']);
  });

  it('searches each type by patient: the episode, its final notes and visits as Encounters, scores, answers, goal, programme, consent, letter and equipment', async () => {
    const episodes = await search(therapist, `EpisodeOfCare?patient=Patient/${mrsB}`);
    expect(episodes.map((e) => e.id).sort()).toEqual([episode, otherTeamEpisode].sort());
    expect(episodes.find((e) => e.id === episode)).toMatchObject({ status: 'active', patient: { reference: `Patient/${mrsB}` }, managingOrganization: { reference: `Organization/${t.service.teamA}` }, careManager: { reference: `Practitioner/${t.service.a['assistant-practitioner'].id}` } });

    const encounters = await search(therapist, `Encounter?patient=${mrsB}`);
    // Team A's final note and its planned visit; not the draft, and not team B's note (summary only).
    expect(encounters.map((e) => e.id).sort()).toEqual([ids.note, ids.visit].sort());
    expect(encounters.find((e) => e.id === ids.note)).toMatchObject({ status: 'finished', class: { code: 'HH' }, episodeOfCare: [{ reference: `EpisodeOfCare/${episode}` }], length: { value: 45 } });
    expect(encounters.find((e) => e.id === ids.visit)).toMatchObject({ status: 'planned', period: { start: '2026-11-26' } });

    const observations = await search(therapist, `Observation?patient=${mrsB}`);
    expect(observations.map((o) => o.id).sort()).toEqual([ids.baseline, `${ids.baseline}.total-100`, ids.review, `${ids.review}.total-100`].sort());
    const review100 = observations.find((o) => o.id === `${ids.review}.total-100`)!;
    expect(review100.code.coding[0]).toEqual({ system: 'http://loinc.org', code: '96761-2', display: 'Total score Barthel Index' });
    expect(review100.valueQuantity.value).toBe(80);
    expect(observations.find((o) => o.id === ids.review)).toMatchObject({ status: 'final', valueQuantity: { value: 16 }, derivedFrom: [{ reference: `QuestionnaireResponse/${ids.review}` }], code: { coding: [{ system: 'https://homeward.nhs.example/CodeSystem/assessment-scores', code: 'barthel-index' }] } });

    const answers = await search(therapist, `QuestionnaireResponse?patient=${mrsB}`);
    expect(answers.map((a) => a.id).sort()).toEqual([ids.baseline, ids.review].sort());
    const reviewAnswers = answers.find((a) => a.id === ids.review)!;
    expect(reviewAnswers.item.find((i: Json) => i.linkId === 'transfer')).toMatchObject({ answer: [{ valueInteger: 3 }] });

    const [goal] = await search(therapist, `Goal?patient=${mrsB}`);
    expect(goal).toMatchObject({ id: ids.goal, lifecycleStatus: 'active', achievementStatus: { coding: [{ code: 'achieved' }] }, target: [{ detailInteger: 0, dueDate: '2026-12-22' }] });

    const [plan] = await search(therapist, `CarePlan?patient=${mrsB}`);
    expect(plan).toMatchObject({ id: episode, status: 'active', intent: 'plan', goal: [{ reference: `Goal/${ids.goal}` }] });
    expect(plan!.activity).toHaveLength(1);

    const [consent] = await search(therapist, `Consent?patient=${mrsB}`);
    expect(consent).toMatchObject({ id: ids.consent, status: 'active', provision: { type: 'permit' } });

    const [letter] = await search(therapist, `DocumentReference?patient=${mrsB}`);
    expect(letter).toMatchObject({ id: ids.letter, type: { coding: [{ system: 'http://loinc.org', code: '18842-5' }] }, content: [{ attachment: { contentType: 'application/pdf', url: `/letters/${ids.letter}.pdf` } }] });

    const [loan] = await search(therapist, `DeviceRequest?patient=${mrsB}`);
    expect(loan).toMatchObject({ id: ids.loan, status: 'active', codeReference: { reference: `Device/${ids.device}` }, subject: { reference: `Patient/${mrsB}` } });
    const [device] = await search(therapist, `Device?patient=${mrsB}`);
    expect(device).toMatchObject({ id: ids.device, serialNumber: 'AR12345', modelNumber: 'Maxi Move', status: 'active' });
  });

  it('reads each record by id, validated, each read audited through the grant with via fhir', async () => {
    const reads: [string, string][] = [
      ['EpisodeOfCare', episode], ['Encounter', ids.note!], ['Encounter', ids.visit!], ['Observation', ids.review!], ['Observation', `${ids.review}.total-100`],
      ['QuestionnaireResponse', ids.review!], ['Goal', ids.goal!], ['CarePlan', episode], ['Consent', ids.consent!], ['DocumentReference', ids.letter!],
      ['DeviceRequest', ids.loan!], ['Device', ids.device!],
    ];
    const before = (await auditOf(t.service.a['registered-therapist'].id)).length;
    for (const [type, id] of reads) {
      const r = await fhirGet(therapist, `/fhir/R4/${type}/${id}`);
      expect([r.resourceType, r.id]).toEqual([type, id]);
    }
    const events = (await auditOf(t.service.a['registered-therapist'].id)).slice(before);
    // Every patient record read audited (the Device, an item of equipment, is not patient data).
    const fhirReads = events.filter((e) => e.action === 'read' && e.outcome === 'allowed' && (e.detail as Json).via === 'fhir');
    expect(fhirReads.map((e) => (e.detail as Json).resourceType)).toEqual(reads.filter(([type]) => type !== 'Device').map(([type]) => type));
    expect(fhirReads.every((e) => e.patient_id === mrsB)).toBe(true);
  });

  it('finds by code and date, and keeps to the patient named', async () => {
    const loincOnly = await search(therapist, `Observation?patient=${mrsB}&code=http://loinc.org|96761-2`);
    expect(loincOnly.map((o) => o.id).sort()).toEqual([`${ids.baseline}.total-100`, `${ids.review}.total-100`].sort());
    const recent = await search(therapist, `Observation?patient=${mrsB}&date=ge2026-11-24`);
    expect(recent.map((o) => o.id).sort()).toEqual([ids.review, `${ids.review}.total-100`].sort());
    expect(await search(therapist, `Encounter?patient=${mrsB}&status=planned`)).toEqual([expect.objectContaining({ id: ids.visit })]);
    expect(await search(therapist, `Goal?patient=${mrC}`)).toEqual([]);
    expect(await search(therapist, `Observation?patient=not-a-homeward-id`)).toEqual([]);
  });

  it('refuses a search without a patient, or with a bad date, as an OperationOutcome naming the parameter', async () => {
    const noPatient = await fhirGet(therapist, '/fhir/R4/Encounter', 400);
    expect(noPatient).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ expression: ['patient'] }] });
    const badDate = await fhirGet(therapist, `/fhir/R4/Observation?patient=${mrsB}&date=yesterday`, 400);
    expect(badDate.issue[0].expression).toEqual(['date']);
  });

  it('shows another team only the summary: its episode and letters, not its notes; and team B sees team A the same way', async () => {
    const teamBView = await search(outsider, `Encounter?patient=${mrsB}`);
    expect(teamBView.map((e) => e.id)).toEqual([ids.otherTeamNote]);
    expect((await search(outsider, `EpisodeOfCare?patient=${mrsB}`)).map((e) => e.id).sort()).toEqual([episode, otherTeamEpisode].sort());
    expect((await search(outsider, `DocumentReference?patient=${mrsB}`)).map((d) => d.id)).toEqual([ids.letter]);
    expect(await search(outsider, `Observation?patient=${mrsB}`)).toEqual([]);
    // A read by id of team A's note: refused as the page refuses it, audited, and told only "not found".
    const before = (await auditOf(t.service.otherTeamTherapist.id)).length;
    const refused = await fhirGet(outsider, `/fhir/R4/Encounter/${ids.note}`, 404);
    expect(refused.resourceType).toBe('OperationOutcome');
    const events = (await auditOf(t.service.otherTeamTherapist.id)).slice(before);
    expect(events).toEqual([expect.objectContaining({ action: 'read', outcome: 'refused', patient_id: mrsB, record_kind: 'contact-note', record_id: episode })]);
  });

  it('refuses a clinician with no relationship, audited: a search is refused, a read is not found; an administrator is refused too', async () => {
    const before = (await auditOf(t.service.otherTeamTherapist.id)).length;
    const searched = await fhirGet(outsider, `/fhir/R4/Observation?patient=${mrC}`, 403);
    expect(searched.resourceType).toBe('OperationOutcome');
    await fhirGet(outsider, `/fhir/R4/EpisodeOfCare/${mrCEpisode}`, 404);
    await fhirGet(outsider, `/fhir/R4/CarePlan/${mrCEpisode}`, 404);
    const refusals = (await auditOf(t.service.otherTeamTherapist.id)).slice(before);
    expect(refusals.map((e) => [e.outcome, e.patient_id])).toEqual([['refused', mrC], ['refused', mrC], ['refused', mrC]]);
    await fhirGet(administrator, `/fhir/R4/Encounter?patient=${mrsB}`, 403);
    await fhirGet(administrator, `/fhir/R4/Device/${ids.device}`, 404);
    await fhirGet(therapist, `/fhir/R4/Goal/${uuidv7()}`, 404);
  });

  it('gives Patient/$everything every record type of the patient the actor may see', async () => {
    const bundle = await fhirGet(therapist, `/fhir/R4/Patient/${mrsB}/$everything`);
    const types = new Set(entries(bundle).map((r) => r.resourceType));
    for (const type of ['Patient', 'EpisodeOfCare', 'Encounter', 'Observation', 'QuestionnaireResponse', 'Goal', 'CarePlan', 'Consent', 'DocumentReference', 'DeviceRequest', 'Device']) expect(types.has(type), type).toBe(true);
    expect(entries(bundle).some((r) => r.id === ids.otherTeamNote)).toBe(false);
  });

  it('publishes the local CodeSystems, holding every local code the resources use', async () => {
    const systems = await search(therapist, 'CodeSystem');
    const scores = systems.find((s) => s.id === 'assessment-scores')!;
    expect(scores.url).toBe('https://homeward.nhs.example/CodeSystem/assessment-scores');
    const codes = new Set(scores.concept.map((c: Json) => c.code));
    for (const code of ['barthel-index', 'barthel-index.total-100', 'nottingham-extended-adl.mobility', 'therapy-outcome-measures.wellbeing']) expect(codes.has(code), code).toBe(true);
    const kinds = await fhirGet(therapist, '/fhir/R4/CodeSystem/contact-kinds');
    expect(kinds.concept.map((c: Json) => c.code)).toEqual(expect.arrayContaining(['treatment', 'telephone', 'visit-therapy']));
    await fhirGet(therapist, '/fhir/R4/CodeSystem/made-up', 404);
  });
});

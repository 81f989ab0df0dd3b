// The authorisation matrix: every role x every situation a clinician can be in with a patient x every
// patient route, API and pages. Deny by default: a cell not listed as allowed must be refused, and every
// refusal must be in the access audit. The situations (issues 9 and 10):
//  - 'team-care': the patient's episode is with the clinician's team, and the team's support worker and
//    student work on it (supervised on the episode);
//  - 'team-care-unworked': the same, but no support worker or student works on it: only the registered
//    staff of the team see it;
//  - 'other-team-episode': the team cares for the patient, but the route is about another team's
//    episode: its summary (header, discharge summary) only, nothing else, no writes;
//  - 'discharged-long-ago': the team's episode was discharged more than 90 days ago: break-glass only;
//  - 'other-team': another team's patient: no relationship at all.
// Expected values are written from those rules (the service's grades), not from the implementation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { homewardRoles, isClinicalRole, type HomewardRole } from '@homeward/clinical';
import { testNhsNumberForIndex } from '../src/demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient, type TestStaff } from './test-app.ts';
import { seedEpisode } from './seed-episode.ts';

type Situation = 'team-care' | 'team-care-unworked' | 'other-team-episode' | 'discharged-long-ago' | 'other-team';
const situations: Situation[] = ['team-care', 'team-care-unworked', 'other-team-episode', 'discharged-long-ago', 'other-team'];
type Route = {
  name: string;
  /**
   * What a clinician needs: 'any' is allowed to any clinician; 'relationship' a relationship with the
   * patient; 'episode-summary' a relationship, and the route shows only an episode's summary (so
   * another team's episode is allowed); 'episode-detail' a relationship and the episode (or referral)
   * being the team's own; 'refer' a relationship and a role that takes referrals.
   */
  needs: 'relationship' | 'any' | 'episode-summary' | 'episode-detail' | 'refer';
  call(client: TestClient, patientId: string, version: number): Promise<{ statusCode: number; body: string }>;
  allowedStatus: number;
};

let counter = 0;
const freshNhs = () => testNhsNumberForIndex(500_000 + counter++);

/** Registered staff (and managers) see every patient in the team's care; support workers and students only those they work with. */
const teamWide: HomewardRole[] = ['assistant-practitioner', 'registered-therapist', 'clinical-lead', 'service-manager'];
const referralMakers: HomewardRole[] = ['assistant-practitioner', 'registered-therapist', 'clinical-lead', 'service-manager'];

function hasRelationship(role: HomewardRole, situation: Situation): boolean {
  if (!isClinicalRole(role)) return false;
  switch (situation) {
    case 'team-care':
    case 'other-team-episode':
      return true; // the support worker and the student work on the team's own episode
    case 'team-care-unworked':
      return teamWide.includes(role);
    case 'discharged-long-ago':
    case 'other-team':
      return false;
  }
}

function expectedAllowed(role: HomewardRole, situation: Situation, needs: Route['needs']): boolean {
  if (!isClinicalRole(role)) return false;
  switch (needs) {
    case 'any':
      return true;
    case 'relationship':
    case 'episode-summary':
      return hasRelationship(role, situation);
    case 'episode-detail':
      return hasRelationship(role, situation) && situation !== 'other-team-episode';
    case 'refer':
      return hasRelationship(role, situation) && referralMakers.includes(role);
  }
}

const routes: Route[] = [
  { name: 'GET /api/patients?nhsNumber (search)', needs: 'any', allowedStatus: 200, call: (c) => c.get(`/api/patients?nhsNumber=9434765919`) },
  { name: 'POST /api/patients (register)', needs: 'any', allowedStatus: 201, call: (c) => c.post('/api/patients', patientDetails({ nhsNumber: freshNhs() })) },
  { name: 'GET /api/patients/:id', needs: 'relationship', allowedStatus: 200, call: (c, id) => c.get(`/api/patients/${id}`) },
  {
    name: 'PUT /api/patients/:id',
    needs: 'relationship',
    allowedStatus: 200,
    call: async (c, id) => {
      // Read the current version through the database so the write is never stale by accident.
      return c.put(`/api/patients/${id}`, { ...patientDetails({ nhsNumber: nhsOf.get(id)! }), version: await currentVersion(id), accessNotes: `changed by ${c.staff.role}` });
    },
  },
  { name: 'GET /api/patients/:id/versions', needs: 'relationship', allowedStatus: 200, call: (c, id) => c.get(`/api/patients/${id}/versions`) },
  { name: 'GET /patients/:id (page)', needs: 'relationship', allowedStatus: 200, call: (c, id) => c.get(`/patients/${id}`) },
  { name: 'GET /patients/:id/edit (page)', needs: 'relationship', allowedStatus: 200, call: (c, id) => c.get(`/patients/${id}/edit`) },
  { name: 'GET /patients/:id/history (page)', needs: 'relationship', allowedStatus: 200, call: (c, id) => c.get(`/patients/${id}/history`) },
  // Placing a patient on the map changes their details: the same rule as changing them.
  { name: 'GET /patients/:id/place (page)', needs: 'relationship', allowedStatus: 200, call: (c, id) => c.get(`/patients/${id}/place`) },
  {
    name: 'PUT /api/patients/:id/location',
    needs: 'relationship',
    allowedStatus: 200,
    call: async (c, id) => c.put(`/api/patients/${id}/location`, { version: await currentVersion(id), latitude: 53.04, longitude: -2.19 }),
  },
  { name: 'GET /patients/search (page)', needs: 'any', allowedStatus: 200, call: (c) => c.get('/patients/search?by=nhs&nhsNumber=9434765919') },
];

const nhsOf = new Map<string, string>();
/** The referral and episode of each test patient, for the routes about them. */
const careOf = new Map<string, { referralId: string; episodeId: string }>();

// Referral and episode routes: the same rule as the record (relationship or break-glass). A referral
// belongs to the team it was made to; another team's episode shows its header only.
routes.push(
  { name: 'GET /api/referrals/:id', needs: 'episode-detail', allowedStatus: 200, call: (c, id) => c.get(`/api/referrals/${careOf.get(id)!.referralId}`) },
  { name: 'GET /referrals/:id (page)', needs: 'episode-detail', allowedStatus: 200, call: (c, id) => c.get(`/referrals/${careOf.get(id)!.referralId}`) },
  { name: 'GET /api/episodes/:id', needs: 'episode-summary', allowedStatus: 200, call: (c, id) => c.get(`/api/episodes/${careOf.get(id)!.episodeId}`) },
  { name: 'GET /episodes/:id (page)', needs: 'episode-summary', allowedStatus: 200, call: (c, id) => c.get(`/episodes/${careOf.get(id)!.episodeId}`) },
  { name: 'GET /api/episodes/:id/supervision', needs: 'episode-detail', allowedStatus: 200, call: (c, id) => c.get(`/api/episodes/${careOf.get(id)!.episodeId}/supervision`) },
  // Making a referral opens the record to the whole team: only a role that takes referrals, for a patient it can already see.
  {
    name: 'POST /api/referrals (make a referral)',
    needs: 'refer',
    allowedStatus: 201,
    call: (c, id) => c.post('/api/referrals', { ...referralDetails(id), service: 'community-stroke-rehabilitation', confirmDuplicate: true }),
  },
);

// The FHIR API (issue 18): the same rules as the pages. A referral sent in is a referral made: each allowed
// call asks for another service, so none is the same patient, service and day as one before (which FHIR
// answers with the first, 200).
const fhirServicesLeft = new Map<string, string[]>();
const fhirReferral = (patientId: string) => {
  const left = fhirServicesLeft.get(patientId) ?? ['d2a-pathway-0', 'd2a-pathway-2', 'd2a-pathway-3', 'rehabilitation-medicine', 'bed-based-rehabilitation', 'stroke-early-supported-discharge'];
  fhirServicesLeft.set(patientId, left);
  const service = left[0] ?? 'none-left';
  return {
    resourceType: 'ServiceRequest',
    contained: [{ resourceType: 'Practitioner', id: 'gp', name: [{ text: 'Dr Okafor' }], telecom: [{ system: 'phone', value: '01632 960456' }] }],
    extension: [
      { url: 'https://homeward.nhs.example/StructureDefinition/referral-source', valueCode: 'gp' },
      { url: 'https://homeward.nhs.example/StructureDefinition/consent-to-referral', valueBoolean: true },
    ],
    identifier: [{ system: 'https://fhir.example-gp.nhs.uk/Id/referral', value: uuidv7() }],
    status: 'active',
    intent: 'order',
    code: { coding: [{ system: 'https://homeward.nhs.example/CodeSystem/service', code: service }] },
    subject: { reference: `Patient/${patientId}` },
    requester: { reference: '#gp', display: 'Dr Okafor' },
    reasonCode: [{ text: 'Fall at home' }],
  };
};
routes.push(
  { name: 'GET /fhir/R4/Patient/:id', needs: 'relationship', allowedStatus: 200, call: (c, id) => c.get(`/fhir/R4/Patient/${id}`) },
  { name: 'GET /fhir/R4/Patient/:id/$everything', needs: 'relationship', allowedStatus: 200, call: (c, id) => c.get(`/fhir/R4/Patient/${id}/$everything`) },
  { name: 'GET /fhir/R4/ServiceRequest/:id', needs: 'episode-detail', allowedStatus: 200, call: (c, id) => c.get(`/fhir/R4/ServiceRequest/${careOf.get(id)!.referralId}`) },
  { name: 'GET /fhir/R4/ServiceRequest?patient', needs: 'relationship', allowedStatus: 200, call: (c, id) => c.get(`/fhir/R4/ServiceRequest?patient=Patient/${id}`) },
  {
    name: 'POST /fhir/R4/ServiceRequest (a referral in)',
    needs: 'refer',
    allowedStatus: 201,
    call: async (c, id) => {
      const res = await c.request({ method: 'POST', url: '/fhir/R4/ServiceRequest', payload: JSON.stringify(fhirReferral(id)), headers: { 'content-type': 'application/fhir+json' } });
      if (res.statusCode === 201) fhirServicesLeft.get(id)!.shift();
      return res;
    },
  },
);

// recall-collection: the episode's equipment at discharge is the episode's own record (another team's is not in its summary).
routes.push(
  { name: 'GET /api/episodes/:id/equipment/discharge', needs: 'episode-detail', allowedStatus: 200, call: (c, id) => c.get(`/api/episodes/${careOf.get(id)!.episodeId}/equipment/discharge`) },
  { name: 'GET /episodes/:id/equipment/discharge (page)', needs: 'episode-detail', allowedStatus: 200, call: (c, id) => c.get(`/episodes/${careOf.get(id)!.episodeId}/equipment/discharge`) },
);

// The clinical record's reads: the same rule (relationship or break-glass), for the API and the pages.
const episodeOf = (id: string) => careOf.get(id)!.episodeId;
for (const [path, what] of [
  ['record', 'the record page'],
  ['assessments', 'assessments'],
  ['goals', 'goals'],
  ['programme', 'programme of care'],
  ['reviews', 'reviews'],
  ['discharge-summary', 'discharge summary'],
  ['timeline', 'timeline'],
] as const) {
  // The discharge summary is part of another team's summary; the rest of its record is not.
  const needs = path === 'discharge-summary' ? 'episode-summary' : 'episode-detail';
  if (path !== 'record' && path !== 'discharge-summary') {
    routes.push({ name: `GET /api/episodes/:id/${path} (${what})`, needs, allowedStatus: 200, call: (c, id) => c.get(`/api/episodes/${episodeOf(id)}/${path}`) });
  }
  routes.push({ name: `GET /episodes/:id/${path} (${what} page)`, needs, allowedStatus: 200, call: (c, id) => c.get(`/episodes/${episodeOf(id)}/${path}`) });
}

// loans: the equipment lent in an episode names the patient: the record's rule (the team's own episode; another team's needs break-glass).
routes.push(
  { name: 'GET /api/episodes/:id/equipment-loans (equipment)', needs: 'episode-detail', allowedStatus: 200, call: (c, id) => c.get(`/api/episodes/${episodeOf(id)}/equipment-loans`) },
  { name: 'GET /episodes/:id/equipment (equipment page)', needs: 'episode-detail', allowedStatus: 200, call: (c, id) => c.get(`/episodes/${episodeOf(id)}/equipment`) },
);
// fhir-record (issue 18 #2): each record type searched by patient over /fhir/R4 follows the patient's rule
// (a relationship or break-glass; another team's episode left out of the results, not refused).
for (const type of ['EpisodeOfCare', 'Encounter', 'Observation', 'QuestionnaireResponse', 'Goal', 'CarePlan', 'Consent', 'DocumentReference', 'Device', 'DeviceRequest'] as const) {
  routes.push({ name: `GET /fhir/R4/${type}?patient=`, needs: 'relationship', allowedStatus: 200, call: (c, id) => c.get(`/fhir/R4/${type}?patient=Patient/${id}`) });
}
/** loans: a standard item (a perching stool) any prescriber may prescribe, written in beforeAll. */
let standardEquipmentId = '';

/**
 * Writing in the record: a relationship AND a role that does that work. Support workers carry out
 * delegated tasks (notes, completion logs) and students on placement write notes, but neither sets
 * goals, programmes, reviews or discharge summaries; service managers manage and do not write in the record.
 */
const recordWriters: HomewardRole[] = ['support-worker', 'student', 'assistant-practitioner', 'registered-therapist', 'clinical-lead'];
const planners: HomewardRole[] = ['assistant-practitioner', 'registered-therapist', 'clinical-lead'];
type RecordWrite = { name: string; roles: HomewardRole[]; call(client: TestClient, episodeId: string): Promise<{ statusCode: number; body: string }> };
const recordWrites: RecordWrite[] = [
  {
    name: 'POST /api/episodes/:id/contact-notes',
    roles: recordWriters,
    call: (c, e) => c.post(`/api/episodes/${e}/contact-notes`, { kind: 'telephone', occurredAt: '2026-11-24T08:00:00Z', durationMinutes: 10, body: 'Phoned to arrange the first visit' }),
  },
  {
    name: 'POST /api/episodes/:id/goals',
    roles: planners,
    call: (c, e) => c.post(`/api/episodes/${e}/goals`, {
      statement: 'I want to make my own cup of tea',
      levels: { '-2': 'Cannot make a drink', '-1': 'Makes tea with help', '0': 'Makes tea alone', '+1': 'Makes tea and carries it', '+2': 'Makes tea for a visitor' },
      baseline: -1, importance: 3, difficulty: 2, targetOn: '2026-12-22', agreedWith: 'The patient',
    }),
  },
  {
    name: 'POST /api/episodes/:id/programme',
    roles: planners,
    call: (c, e) => c.post(`/api/episodes/${e}/programme`, {
      kind: 'exercise', competence: 'sit-to-stand-exercise', title: 'Sit-to-stand practice', instructions: 'Stand up slowly from a firm chair, 10 times.',
      timesPerPeriod: 1, period: 'day', delivererKind: 'carer', delivererName: 'Daughter', startsOn: '2026-11-24',
    }),
  },
  { name: 'POST /api/episodes/:id/discharge-summary', roles: planners, call: (c, e) => c.post(`/api/episodes/${e}/discharge-summary`) },
  // loans: prescribing is the prescribers' (packages/clinical equipment-prescribing.ts): not support workers, students or managers.
  { name: 'POST /api/episodes/:id/equipment-loans', roles: planners, call: (c, e) => c.post(`/api/episodes/${e}/equipment-loans`, { catalogueItemId: standardEquipmentId, reason: 'Cannot stand to wash', assessmentNote: 'Home assessment' }) },
];

function referralDetails(patientId: string): Record<string, unknown> {
  return {
    patientId,
    source: 'gp',
    sourceDetail: null,
    receivedAt: '2026-11-24T08:30:00Z',
    service: 'd2a-pathway-1',
    setting: 'home',
    reason: 'Fall at home',
    presentingNeeds: null,
    urgencyRequested: 'soon',
    referrerName: 'Dr Okafor',
    referrerContact: '01632 960456',
    consentToReferral: true,
    consentNote: null,
  };
}

async function referAndTriage(referrer: TestClient, triager: TestClient, patientId: string, record = true): Promise<{ referralId: string; episodeId: string }> {
  const referral = await referrer.post('/api/referrals', referralDetails(patientId));
  if (referral.statusCode !== 201) throw new Error(`referral: ${referral.statusCode} ${referral.body}`);
  const referralId = referral.json().id as string;
  const triaged = await triager.post(`/api/referrals/${referralId}/triage`, {
    complexity: 'non-complex',
    complexityReason: 'Single need',
    priority: 'P2',
    skillsNeeded: ['OT'],
    notes: null,
    visitsPerWeek: 2,
    version: referral.json().version,
  });
  if (triaged.statusCode !== 201) throw new Error(`triage: ${triaged.statusCode} ${triaged.body}`);
  const care = { referralId, episodeId: triaged.json().episode.id as string };
  if (record) careOf.set(patientId, care);
  return care;
}
let t: TestApp;
const currentVersion = async (id: string) => (await t.db.selectFrom('patients').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

describe('authorisation matrix', () => {
  const clients = {} as Record<HomewardRole, TestClient>;
  let ownPatient: string; // team A's episode; its support worker and student work on it
  const patientIn = {} as Record<Situation, string>;

  beforeAll(async () => {
    t = await bootTestApp();
    for (const role of homewardRoles) clients[role] = await t.signIn(t.service.a[role]);
    const therapist = clients['registered-therapist'];
    const outsider = await t.signIn(t.service.otherTeamTherapist);
    const register = async (client: TestClient, nhsNumber = freshNhs()) => {
      const id = (await client.post('/api/patients', patientDetails({ nhsNumber }))).json().id as string;
      nhsOf.set(id, nhsNumber);
      return id;
    };
    /** The team's support worker and student work on this episode, supervised by the registered therapist. */
    const supervise = async (episodeId: string) => {
      for (const role of ['support-worker', 'student'] as const) {
        const res = await therapist.post(`/api/episodes/${episodeId}/supervision`, { staffId: t.service.a[role].id });
        if (res.statusCode !== 201) throw new Error(`supervision: ${res.statusCode} ${res.body}`);
      }
    };

    ownPatient = patientIn['team-care'] = await register(therapist, '9434765919');
    await supervise((await referAndTriage(therapist, clients['clinical-lead'], ownPatient)).episodeId);

    patientIn['team-care-unworked'] = await register(therapist);
    await referAndTriage(therapist, clients['clinical-lead'], patientIn['team-care-unworked']);

    patientIn['other-team'] = await register(outsider);
    await referAndTriage(outsider, outsider, patientIn['other-team']);

    // Team A cares for this patient (its support worker and student too), and team B has an episode of its own.
    const shared = (patientIn['other-team-episode'] = await register(therapist));
    await supervise((await referAndTriage(therapist, clients['clinical-lead'], shared, false)).episodeId);
    expect((await outsider.post(`/api/patients/${shared}/break-glass`, { reason: 'A referral for this patient has reached my team', detail: '' })).statusCode).toBe(201);
    await referAndTriage(outsider, outsider, shared);

    // Team A discharged this patient on 1 August 2026, more than 90 days before the test clock's 24 November.
    const discharged = (patientIn['discharged-long-ago'] = await register(therapist));
    const episodeId = await seedEpisode(t, { patientId: discharged, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
    await t.db.updateTable('episodes').set({ status: 'discharged', discharged_on: '2026-08-01', discharge_outcome: 'goals-met', discharge_destination: 'home-no-support' }).where('id', '=', episodeId).execute();
    const { referral_id } = await t.db.selectFrom('episodes').select('referral_id').where('id', '=', episodeId).executeTakeFirstOrThrow();
    careOf.set(discharged, { referralId: referral_id, episodeId });

    // loans: the catalogue is not patient data; written straight in.
    standardEquipmentId = uuidv7();
    const at = t.clock.now();
    const lead = t.service.a['clinical-lead'].id;
    await t.db.insertInto('equipment_catalogue_items').values({ id: standardEquipmentId, code: 'PS-MATRIX', name: 'Perching stool', category: 'bathing', stock_kind: 'stock', prescriber: 'assistant', unit_cost_pence: 3000, created_at: at, created_by: lead, updated_at: at, updated_by: lead }).execute();
  });
  afterAll(() => t.close());

  const cells = homewardRoles.flatMap((role) => situations.flatMap((situation) => routes.map((route) => ({ role, situation, route }))));

  it.each(cells)('$role, $situation: $route.name', async ({ role, situation, route }) => {
    const client = clients[role];
    const patientId = patientIn[situation];
    const before = await refusalsOf(client.staff.id);
    const allowedBefore = await auditedOf(client.staff.id, 'allowed');
    const res = await route.call(client, patientId, 0);
    const allowed = expectedAllowed(role, situation, route.needs);
    if (allowed) {
      expect(res.statusCode, res.body.slice(0, 300)).toBe(route.allowedStatus);
      // Every allowed read or write of patient data leaves an audit record.
      expect(await auditedOf(client.staff.id, 'allowed')).toBeGreaterThan(allowedBefore);
    } else {
      expect(res.statusCode, res.body.slice(0, 300)).toBe(403);
      expect(await refusalsOf(client.staff.id)).toBeGreaterThan(before);
    }
    if (route.name.includes('search') && allowed) {
      // Outside a relationship a search still finds the person, but shows only what identifies them.
      if (route.name.includes('/api/')) {
        const results = JSON.parse(res.body).results as Array<{ access: string }>;
        expect(results[0]?.access).toBe('full');
      }
    }
    if (route.needs === 'episode-summary' && allowed && situation === 'other-team-episode' && route.name.startsWith('GET /api/episodes/:id')) {
      // Another team's episode in summary: none of its free text or history.
      expect(JSON.parse(res.body)).toMatchObject({ triageNotes: null, complexityReason: '', events: [], onwardReferrals: [] });
    }
  });

  it.each(homewardRoles.map((role) => ({ role })))('$role: break-glass is for clinicians without a relationship only', async ({ role }) => {
    const client = clients[role];
    const outsider = await t.signIn(t.service.otherTeamTherapist);
    const target = (await outsider.post('/api/patients', patientDetails({ nhsNumber: freshNhs() }))).json().id as string;
    // Nothing to break where the relationship opens everything already.
    const withRelationship = await client.post(`/api/patients/${ownPatient}/break-glass`, { reason: 'Covering another team', detail: '' });
    expect(withRelationship.statusCode).toBe(403);
    const res = await client.post(`/api/patients/${target}/break-glass`, { reason: 'Covering another team', detail: '' });
    if (isClinicalRole(role)) {
      expect(res.statusCode).toBe(201);
      expect((await client.get(`/api/patients/${target}`)).statusCode).toBe(200);
    } else {
      expect(res.statusCode).toBe(403);
      expect((await client.get(`/api/patients/${target}`)).statusCode).toBe(403);
    }
  });

  const writeCells = homewardRoles.flatMap((role) => situations.flatMap((situation) => recordWrites.map((route) => ({ role, situation, route }))));

  it.each(writeCells)('$role, $situation, writes: $route.name', async ({ role, situation, route }) => {
    const client = clients[role];
    const patientId = patientIn[situation];
    const refusedBefore = await refusalsOf(client.staff.id);
    const allowedBefore = await auditedOf(client.staff.id, 'allowed');
    const res = await route.call(client, careOf.get(patientId)!.episodeId);
    // Writing needs the episode to be the team's own, the relationship, and a role that does that work.
    if (expectedAllowed(role, situation, 'episode-detail') && route.roles.includes(role)) {
      // Past authorisation; what the write then meets (a second discharge draft is a 409, a note on a
      // discharged episode is refused) is the feature tests' business. Nothing is a 500, and it is audited.
      expect([200, 201, 409], res.body.slice(0, 300)).toContain(res.statusCode);
      expect(await auditedOf(client.staff.id, 'allowed')).toBeGreaterThan(allowedBefore);
    } else {
      expect(res.statusCode, res.body.slice(0, 300)).toBe(403);
      expect(await refusalsOf(client.staff.id)).toBeGreaterThan(refusedBefore);
    }
  });

  // Reviewing notes: a support worker's note by an assistant practitioner, registered therapist or
  // clinical lead; a student's by a registered therapist or clinical lead only (the practice educator
  // is registered). Written from the service's grades, not from the implementation.
  const reviewersOf: Record<'support-worker' | 'student', HomewardRole[]> = {
    'support-worker': ['assistant-practitioner', 'registered-therapist', 'clinical-lead'],
    student: ['registered-therapist', 'clinical-lead'],
  };
  const queueReaders = [...new Set(Object.values(reviewersOf).flat())];

  it.each(homewardRoles.map((role) => ({ role })))('$role: the review queue is for supervisors, and shows the notes they may review', async ({ role }) => {
    const notes = await Promise.all((['support-worker', 'student'] as const).map((author) => finalNoteBy(author)));
    const client = clients[role];
    const refusedBefore = await refusalsOf(client.staff.id);
    const res = await client.get('/api/record/review-queue');
    if (!queueReaders.includes(role)) {
      expect(res.statusCode, res.body.slice(0, 300)).toBe(403);
      expect(await refusalsOf(client.staff.id)).toBeGreaterThan(refusedBefore);
      expect((await client.get('/record/review-queue')).statusCode).toBe(403);
      return;
    }
    expect(res.statusCode).toBe(200);
    const queued = (res.json().notes as Array<{ note: { id: string } }>).map((r) => r.note.id);
    for (const [i, author] of (['support-worker', 'student'] as const).entries()) {
      expect(queued.includes(notes[i]!.id), `${role} sees ${author}’s note`).toBe(reviewersOf[author].includes(role));
    }
  });

  const reviewCells = homewardRoles.flatMap((role) => (['support-worker', 'student'] as const).map((author) => ({ role, author })));

  it.each(reviewCells)('$role reviewing a note by a $author', async ({ role, author }) => {
    const note = await finalNoteBy(author);
    const client = clients[role];
    const refusedBefore = await refusalsOf(client.staff.id);
    const res = await client.post(`/api/contact-notes/${note.id}/review`, { version: note.version });
    if (reviewersOf[author].includes(role)) {
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.json()).toMatchObject({ reviewedBy: { id: client.staff.id }, writtenByRole: author });
    } else {
      expect(res.statusCode, res.body.slice(0, 300)).toBe(403);
      expect(await refusalsOf(client.staff.id)).toBeGreaterThan(refusedBefore);
      expect((await t.db.selectFrom('contact_notes').select('reviewed_at').where('id', '=', note.id).executeTakeFirstOrThrow()).reviewed_at).toBeNull();
    }
  });

  // The lone-working board (issue 14 #6) says where each clinician is and with which patient: the team's
  // clinical lead and service manager only, the page, its fragment and its live stream alike.
  const boardWatchers: HomewardRole[] = ['clinical-lead', 'service-manager'];

  it.each(homewardRoles.map((role) => ({ role })))('$role: the lone-working board is for the clinical lead and service manager', async ({ role }) => {
    const client = clients[role];
    for (const url of ['/lone-working', '/lone-working/board']) {
      const refusedBefore = await refusalsOf(client.staff.id);
      const allowedBefore = await auditedOf(client.staff.id, 'allowed');
      const res = await client.get(url);
      if (boardWatchers.includes(role)) {
        expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
        expect(await auditedOf(client.staff.id, 'allowed')).toBeGreaterThan(allowedBefore);
      } else {
        expect(res.statusCode, res.body.slice(0, 300)).toBe(403);
        expect(await refusalsOf(client.staff.id)).toBeGreaterThan(refusedBefore);
      }
    }
    // The stream is refused the same way (an allowed one stays open, so only the refusal is asked here).
    if (!boardWatchers.includes(role)) {
      const refusedBefore = await refusalsOf(client.staff.id);
      expect((await client.get('/lone-working/board/events')).statusCode).toBe(403);
      expect(await refusalsOf(client.staff.id)).toBeGreaterThan(refusedBefore);
    }
  });

  async function finalNoteBy(author: 'support-worker' | 'student'): Promise<{ id: string; version: number }> {
    const res = await clients[author].post(`/api/episodes/${careOf.get(ownPatient)!.episodeId}/contact-notes`, {
      kind: 'telephone', occurredAt: '2026-11-24T08:30:00Z', durationMinutes: 5, body: `Phoned to confirm the visit (${author})`, finalise: true,
    });
    if (res.statusCode !== 201) throw new Error(`note by ${author}: ${res.statusCode} ${res.body}`);
    expect(res.json()).toMatchObject({ status: 'final', needsReview: true, reviewedAt: null });
    return { id: res.json().id, version: res.json().version };
  }

  it('refuses everything to someone not signed in: 401 for the API, the sign-in page for pages', async () => {
    for (const url of ['/api/patients?nhsNumber=9434765919', `/api/patients/${ownPatient}`, `/api/patients/${ownPatient}/versions`]) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
    const write = await t.app.inject({ method: 'POST', url: '/api/patients', payload: patientDetails({ nhsNumber: freshNhs() }) });
    expect(write.statusCode).toBe(401);
    for (const url of [`/patients/${ownPatient}`, '/patients/search', '/patients/new']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toMatch(/^\/sign-in\?next=/);
    }
  });

  it('a search outside the relationship shows only name, date of birth, NHS number and postcode district', async () => {
    const res = await clients['registered-therapist'].get(`/api/patients?nhsNumber=${nhsOf.get(patientIn['other-team'])}`);
    const [hit] = res.json().results;
    // matchedBecause says why it was found, in terms of these fields only (patient-search.int.test.ts).
    expect(Object.keys(hit).sort()).toEqual(['access', 'dateOfBirth', 'familyName', 'givenName', 'id', 'matchedBecause', 'nhsNumber', 'postcodeDistrict']);
    expect(hit.matchedBecause).toEqual(['NHS number']);
    const page = await clients['registered-therapist'].get(`/patients/search?by=nhs&nhsNumber=${nhsOf.get(patientIn['other-team'])}`);
    expect(page.body).toContain('Not your team');
    expect(page.body).not.toContain('12 Waterloo Road');
  });
  // Last: break-glass lasts hours, and would open cells above.
  it.each(homewardRoles.map((role) => ({ role })))('$role: break-glass opens another team’s episode beyond its summary, for a clinician whose team cares for the patient', async ({ role }) => {
    const client = clients[role];
    const shared = patientIn['other-team-episode'];
    const notes = `/api/episodes/${careOf.get(shared)!.episodeId}/contact-notes`;
    expect((await client.get(notes)).statusCode).toBe(403);
    const res = await client.post(`/api/patients/${shared}/break-glass`, { reason: 'Another team’s record is needed for this patient’s care', detail: '' });
    if (isClinicalRole(role)) {
      expect(res.statusCode, res.body).toBe(201);
      expect((await client.get(notes)).statusCode).toBe(200);
    } else {
      expect(res.statusCode).toBe(403);
      expect((await client.get(notes)).statusCode).toBe(403);
    }
  });
});

// Lone working (issue 14): not a patient's relationship but whose session it is. Every role x whose
// session (their own, a colleague's in the team, another team's) x each route. Only the clinician whose
// session it is acts on it; the clinical lead also sees the team's; another team's is a 404, as if it
// were not there; non-clinical roles are refused. Every refusal is audited.
describe('authorisation matrix: lone-working sessions', () => {
  type Whose = 'own' | 'colleague' | 'other-team';
  const clients = {} as Record<HomewardRole, TestClient>;
  const sessionOf = {} as Record<HomewardRole | 'other-team', string>;
  let lt: TestApp;

  beforeAll(async () => {
    lt = await bootTestApp();
    for (const role of homewardRoles) clients[role] = await lt.signIn(lt.service.a[role]);
    const now = lt.clock.now();
    const add = async (staffId: string, teamId: string) => {
      const id = crypto.randomUUID();
      await lt.db.insertInto('lone_working_sessions').values({
        id, team_id: teamId, staff_id: staffId, on_date: '2026-11-24', origin: 'by-hand', place: 'The day centre, Mill Lane',
        expected_start: now, expected_end: new Date(now.getTime() + 3_600_000), created_at: now, created_by: staffId, updated_at: now, updated_by: staffId,
      }).execute();
      return id;
    };
    for (const role of homewardRoles) sessionOf[role] = await add(lt.service.a[role].id, lt.service.teamA);
    sessionOf['other-team'] = await add(lt.service.otherTeamTherapist.id, lt.service.teamB);
  });
  afterAll(async () => {
    await lt?.close();
  });

  const routes: Array<{ name: string; acts: boolean; allowedStatus: number; call: (c: TestClient, id: string) => Promise<{ statusCode: number }> }> = [
    { name: 'GET /api/lone-working/sessions/:id', acts: false, allowedStatus: 200, call: (c, id) => c.get(`/api/lone-working/sessions/${id}`) },
    { name: 'GET /lone-working/sessions/:id', acts: false, allowedStatus: 200, call: (c, id) => c.get(`/lone-working/sessions/${id}`) },
    { name: 'POST /api/lone-working/sessions/:id/check-in', acts: true, allowedStatus: 200, call: (c, id) => c.post(`/api/lone-working/sessions/${id}/check-in`, {}) },
    { name: 'POST /lone-working/sessions/:id/check-in', acts: true, allowedStatus: 303, call: (c, id) => c.form(`/lone-working/sessions/${id}/check-in`, {}) },
  ];
  const colleagueOf = (role: HomewardRole): HomewardRole => (role === 'registered-therapist' ? 'assistant-practitioner' : 'registered-therapist');
  const cells = homewardRoles.flatMap((role) => (['own', 'colleague', 'other-team'] as Whose[]).flatMap((whose) => routes.map((route) => ({ role, whose, route }))));

  it.each(cells.map((c) => [c.role, c.whose, c.route.name, c] as const))('%s, %s session: %s', async (_role, _whose, _name, { role, whose, route }) => {
    const client = clients[role];
    const id = whose === 'own' ? sessionOf[role] : whose === 'colleague' ? sessionOf[colleagueOf(role)] : sessionOf['other-team'];
    const allowed = isClinicalRole(role) && (whose === 'own' || (whose === 'colleague' && !route.acts && role === 'clinical-lead'));
    const refusedBefore = await lt.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('staff_id', '=', client.staff.id).where('outcome', '=', 'refused').executeTakeFirstOrThrow();
    const res = await route.call(client, id);
    if (allowed) {
      expect(res.statusCode).toBe(route.allowedStatus);
      return;
    }
    expect(res.statusCode).toBe(isClinicalRole(role) && whose === 'other-team' ? 404 : 403);
    const refusedAfter = await lt.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('staff_id', '=', client.staff.id).where('outcome', '=', 'refused').executeTakeFirstOrThrow();
    expect(Number(refusedAfter.n)).toBeGreaterThan(Number(refusedBefore.n));
  });
});

// Equipment not on loan to anyone (issue 15, catalogue part): not patient data, so decided by role.
// Every clinical role sees the catalogue, stores, items, labels, look-up and the due list; the clinical
// lead and service manager keep the catalogue and stores; the staff who run the store (not a student)
// count stock, add items and record examinations; administrators and privacy officers are refused all
// of it, and every refusal is audited.
describe('authorisation matrix: equipment catalogue, stores, items and examinations', () => {
  type Rule = 'view' | 'catalogue' | 'store';
  const clients = {} as Record<HomewardRole, TestClient>;
  const ids = {} as { hoist: string; store: string; item: string };
  let et: TestApp;
  const keepers: Record<Rule, HomewardRole[]> = {
    view: ['support-worker', 'student', 'assistant-practitioner', 'registered-therapist', 'clinical-lead', 'service-manager'],
    catalogue: ['clinical-lead', 'service-manager'],
    store: ['support-worker', 'assistant-practitioner', 'registered-therapist', 'clinical-lead', 'service-manager'],
  };
  let n = 0;
  const fresh = () => `M${n++}-${crypto.randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    et = await bootTestApp();
    for (const role of homewardRoles) clients[role] = await et.signIn(et.service.a[role]);
    const lead = clients['clinical-lead'];
    ids.hoist = (await lead.post('/api/equipment/catalogue', { code: 'MX-HOIST', name: 'Mobile hoist', category: 'transfers', stockKind: 'tracked', loler: true, inspectionIntervalMonths: 6, prescriber: 'registered', unitCostPence: 1 })).json().id;
    ids.store = (await lead.post('/api/equipment/stores', { name: 'Matrix base' })).json().id;
    ids.item = (await lead.post('/api/equipment/items', { catalogueItemId: ids.hoist, serialNumber: 'MX-0001', storeId: ids.store })).json().id;
  });
  afterAll(async () => {
    await et?.close();
  });

  const routes: Array<{ name: string; rule: Rule; allowedStatus: number; call: (c: TestClient) => Promise<{ statusCode: number; body: string }> }> = [
    { name: 'GET /equipment', rule: 'view', allowedStatus: 200, call: (c) => c.get('/equipment') },
    { name: 'GET /equipment/catalogue', rule: 'view', allowedStatus: 200, call: (c) => c.get('/equipment/catalogue') },
    { name: 'GET /equipment/stores/:storeId', rule: 'view', allowedStatus: 200, call: (c) => c.get(`/equipment/stores/${ids.store}`) },
    { name: 'GET /equipment/items/:itemId/label', rule: 'view', allowedStatus: 200, call: (c) => c.get(`/equipment/items/${ids.item}/label`) },
    { name: 'GET /equipment/look-up', rule: 'view', allowedStatus: 303, call: (c) => c.get('/equipment/look-up?number=MX-0001') },
    { name: 'GET /equipment/inspections', rule: 'view', allowedStatus: 200, call: (c) => c.get('/equipment/inspections') },
    { name: 'GET /api/equipment/items/:itemId', rule: 'view', allowedStatus: 200, call: (c) => c.get(`/api/equipment/items/${ids.item}`) },
    { name: 'GET /api/equipment/inspections/due', rule: 'view', allowedStatus: 200, call: (c) => c.get('/api/equipment/inspections/due') },
    { name: 'POST /api/equipment/catalogue', rule: 'catalogue', allowedStatus: 201, call: (c) => c.post('/api/equipment/catalogue', { code: fresh(), name: 'Bath board', category: 'bathing', stockKind: 'stock', prescriber: 'assistant', unitCostPence: 1 }) },
    { name: 'GET /equipment/catalogue/new', rule: 'catalogue', allowedStatus: 200, call: (c) => c.get('/equipment/catalogue/new') },
    { name: 'POST /api/equipment/stores', rule: 'catalogue', allowedStatus: 201, call: (c) => c.post('/api/equipment/stores', { name: fresh() }) },
    { name: 'POST /api/equipment/items', rule: 'store', allowedStatus: 201, call: (c) => c.post('/api/equipment/items', { catalogueItemId: ids.hoist, serialNumber: fresh(), storeId: ids.store }) },
    { name: 'GET /equipment/items/new', rule: 'store', allowedStatus: 200, call: (c) => c.get('/equipment/items/new') },
    { name: 'GET /equipment/items/:itemId/inspections/new', rule: 'store', allowedStatus: 200, call: (c) => c.get(`/equipment/items/${ids.item}/inspections/new`) },
    { name: 'GET /equipment/items/:itemId/change', rule: 'store', allowedStatus: 200, call: (c) => c.get(`/equipment/items/${ids.item}/change`) },
    { name: 'PATCH /api/equipment/items/:itemId', rule: 'store', allowedStatus: 409, call: (c) => c.request({ method: 'PATCH', url: `/api/equipment/items/${ids.item}`, payload: { storeId: ids.store, condition: 'good', status: 'in-store', version: 99 } }) },
    // A stale version: allowed through the role check, so a 409 (nothing written) shows the rule let it by.
    { name: 'POST /api/equipment/items/:itemId/inspections', rule: 'store', allowedStatus: 409, call: (c) => c.post(`/api/equipment/items/${ids.item}/inspections`, { kind: 'loler', inspectedOn: '2026-11-24', result: 'pass', version: 99 }) },
  ];
  const cells = homewardRoles.flatMap((role) => routes.map((route) => ({ role, route })));

  it.each(cells.map((c) => [c.role, c.route.name, c] as const))('%s: %s', async (_role, _name, { role, route }) => {
    const client = clients[role];
    const refusedBefore = await et.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('staff_id', '=', client.staff.id).where('outcome', '=', 'refused').executeTakeFirstOrThrow();
    const res = await route.call(client);
    if (keepers[route.rule].includes(role)) {
      expect(res.statusCode, res.body.slice(0, 300)).toBe(route.allowedStatus);
      return;
    }
    expect(res.statusCode, res.body.slice(0, 300)).toBe(403);
    const refusedAfter = await et.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('staff_id', '=', client.staff.id).where('outcome', '=', 'refused').executeTakeFirstOrThrow();
    expect(Number(refusedAfter.n)).toBeGreaterThan(Number(refusedBefore.n));
  });
});

// Equipment recalls, collections and reports (issue 15, recall-collection): not one patient's record but
// the service's and the team's lists. Every role x each route: the search and the reports are for those
// who see the whole team; raising a recall for the lead and the manager; the collections list names
// the team's patients, so it follows the team lists' rule. Every refusal is audited.
describe('authorisation matrix: equipment recalls, collections and reports', () => {
  const clients = {} as Record<HomewardRole, TestClient>;
  let et: TestApp;
  let catalogueItemId: string;
  beforeAll(async () => {
    et = await bootTestApp();
    for (const role of homewardRoles) clients[role] = await et.signIn(et.service.a[role]);
    catalogueItemId = crypto.randomUUID();
    const by = et.service.a['clinical-lead'].id;
    const now = et.clock.now();
    await et.db.insertInto('equipment_catalogue_items').values({ id: catalogueItemId, code: 'HOIST', name: 'Mobile hoist', category: 'transfers', stock_kind: 'tracked', prescriber: 'registered', unit_cost_pence: 1, created_at: now, created_by: by, updated_at: now, updated_by: by }).execute();
  });
  afterAll(async () => {
    await et?.close();
  });
  const routes: Array<{ name: string; allowed: readonly HomewardRole[]; allowedStatus: number; call: (c: TestClient) => Promise<{ statusCode: number }> }> = [
    { name: 'GET /api/equipment/recall-search', allowed: teamWide, allowedStatus: 200, call: (c) => c.get(`/api/equipment/recall-search?catalogueItemId=${catalogueItemId}`) },
    { name: 'GET /equipment/recalls (page)', allowed: teamWide, allowedStatus: 200, call: (c) => c.get(`/equipment/recalls?catalogueItemId=${catalogueItemId}`) },
    { name: 'GET /api/equipment/recalls', allowed: teamWide, allowedStatus: 200, call: (c) => c.get('/api/equipment/recalls') },
    { name: 'GET /equipment/recalls/new (page)', allowed: ['clinical-lead', 'service-manager'], allowedStatus: 200, call: (c) => c.get('/equipment/recalls/new') },
    { name: 'GET /api/equipment/collections', allowed: teamWide, allowedStatus: 200, call: (c) => c.get('/api/equipment/collections') },
    { name: 'GET /equipment/collections (page)', allowed: teamWide, allowedStatus: 200, call: (c) => c.get('/equipment/collections') },
    { name: 'GET /api/equipment/reports/:report', allowed: teamWide, allowedStatus: 200, call: (c) => c.get('/api/equipment/reports/loan-durations') },
    { name: 'GET /equipment/reports/:report.csv', allowed: teamWide, allowedStatus: 200, call: (c) => c.get('/equipment/reports/on-loan-by-category.csv') },
  ];
  const cells = homewardRoles.flatMap((role) => routes.map((route) => ({ role, route })));
  it.each(cells.map((c) => [c.role, c.route.name, c] as const))('%s: %s', async (_role, _name, { role, route }) => {
    const client = clients[role];
    const refusedBefore = await et.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('staff_id', '=', client.staff.id).where('outcome', '=', 'refused').executeTakeFirstOrThrow();
    const res = await route.call(client);
    if (route.allowed.includes(role)) {
      expect(res.statusCode).toBe(route.allowedStatus);
      return;
    }
    expect(res.statusCode).toBe(403);
    const refusedAfter = await et.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('staff_id', '=', client.staff.id).where('outcome', '=', 'refused').executeTakeFirstOrThrow();
    expect(Number(refusedAfter.n)).toBeGreaterThan(Number(refusedBefore.n));
  });
});
// pdc-training (issue 16 #4, #5): staff records, not a patient's. Every role x each training and PDC
// route, on the registered therapist's records: the team's matrix, imports and compliance are the clinical
// lead's and service manager's; a person's training and PDC are theirs, their manager's (the PDC's
// holder), their supervisor's and their team's leads'; another team's therapist sees none. Each refusal
// is audited.
describe('authorisation matrix: training and PDC', () => {
  const clients = {} as Record<HomewardRole | 'other-team', TestClient>;
  let pt: TestApp;
  let pdcId: string;
  let importId: string;
  const leads: HomewardRole[] = ['clinical-lead', 'service-manager'];

  beforeAll(async () => {
    pt = await bootTestApp();
    for (const role of homewardRoles) clients[role] = await pt.signIn(pt.service.a[role]);
    clients['other-team'] = await pt.signIn(pt.service.otherTeamTherapist);
    const lead = clients['clinical-lead'];
    pdcId = (await lead.post('/api/pdc', { staffId: pt.service.a['registered-therapist'].id, heldOn: '2026-11-20', nextReviewOn: '2027-05-20' })).json().pdc.id;
    importId = (await lead.post('/api/training/imports', { fileName: 'esr.csv', csv: `Email Address,Competence Name,Achievement Date\n${pt.service.a['registered-therapist'].email},NONE,01/11/2026` })).json().import.id;
  });
  afterAll(async () => {
    await pt?.close();
  });

  type Who = HomewardRole | 'other-team';
  const therapistId = () => pt.service.a['registered-therapist'].id;
  let course = 0;
  const routes: Array<{ name: string; allowed: (who: Who) => boolean; status: number; call: (c: TestClient) => Promise<{ statusCode: number }> }> = [
    { name: 'GET /training/team', allowed: (w) => leads.includes(w as HomewardRole), status: 200, call: (c) => c.get('/training/team') },
    { name: 'GET /api/training/compliance', allowed: (w) => leads.includes(w as HomewardRole), status: 200, call: (c) => c.get('/api/training/compliance') },
    { name: 'GET /training/imports/new', allowed: (w) => leads.includes(w as HomewardRole), status: 200, call: (c) => c.get('/training/imports/new') },
    { name: 'GET /api/training/imports/:id', allowed: (w) => leads.includes(w as HomewardRole), status: 200, call: (c) => c.get(`/api/training/imports/${importId}`) },
    { name: 'POST /api/training/courses', allowed: (w) => leads.includes(w as HomewardRole), status: 201, call: (c) => c.post('/api/training/courses', { code: `AM-${course++}`, name: 'Fire Safety', renewalMonths: 12, roles: [] }) },
    { name: 'GET /api/training/staff/:staffId', allowed: (w) => w === 'registered-therapist' || leads.includes(w as HomewardRole), status: 200, call: (c) => c.get(`/api/training/staff/${therapistId()}`) },
    { name: 'GET /training/staff/:staffId', allowed: (w) => w === 'registered-therapist' || leads.includes(w as HomewardRole), status: 200, call: (c) => c.get(`/training/staff/${therapistId()}`) },
    { name: 'GET /api/pdc/:pdcId', allowed: (w) => w === 'registered-therapist' || leads.includes(w as HomewardRole), status: 200, call: (c) => c.get(`/api/pdc/${pdcId}`) },
    { name: 'GET /pdc/:pdcId', allowed: (w) => w === 'registered-therapist' || leads.includes(w as HomewardRole), status: 200, call: (c) => c.get(`/pdc/${pdcId}`) },
    // Only the two whose PDC it is write to it: the therapist and the lead who held it.
    { name: 'POST /api/pdc/:pdcId/items', allowed: (w) => w === 'registered-therapist' || w === 'clinical-lead', status: 201, call: (c) => c.post(`/api/pdc/${pdcId}/items`, { kind: 'development', text: 'A course' }) },
    { name: 'POST /api/pdc', allowed: (w) => leads.includes(w as HomewardRole), status: 201, call: (c) => c.post('/api/pdc', { staffId: pt.service.a['support-worker'].id, heldOn: '2026-11-20', nextReviewOn: '2027-05-20' }) },
  ];
  const who: Who[] = [...homewardRoles, 'other-team'];
  const cells = who.flatMap((w) => routes.map((route) => ({ w, route })));

  it.each(cells.map((c) => [c.w, c.route.name, c] as const))('%s: %s', async (_w, _name, { w, route }) => {
    const client = clients[w];
    const refusals = async () => Number((await pt.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('staff_id', '=', client.staff.id).where('outcome', '=', 'refused').executeTakeFirstOrThrow()).n);
    const before = await refusals();
    const res = await route.call(client);
    if (route.allowed(w)) {
      expect(res.statusCode).toBe(route.status);
      return;
    }
    expect(res.statusCode).toBe(403);
    expect(await refusals()).toBeGreaterThan(before);
  });
});

async function auditedOf(staffId: string, outcome: 'allowed' | 'refused'): Promise<number> {
  const row = await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('staff_id', '=', staffId).where('outcome', '=', outcome).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function refusalsOf(staffId: string): Promise<number> {
  const row = await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('staff_id', '=', staffId).where('outcome', '=', 'refused').executeTakeFirstOrThrow();
  return Number(row.n);
}

// Supervision (issue 16 #1): staff data, personal. Every role x whose supervision (their own, a colleague's
// in the team, another team's) x each route. The person sees their own; a colleague's is seen by their
// supervisor and the team's clinical lead and service manager; only those two name a supervisor (never
// their own); another team's is a 404, as if there were nobody. Every refusal is audited.
describe('authorisation matrix: supervision', () => {
  type Whose = 'own' | 'colleague' | 'other-team';
  const clients = {} as Record<HomewardRole, TestClient>;
  let st: TestApp;

  beforeAll(async () => {
    st = await bootTestApp();
    for (const role of homewardRoles) clients[role] = await st.signIn(st.service.a[role]);
    // The therapist supervises the assistant practitioner and the support worker.
    const lead = clients['clinical-lead'];
    for (const role of ['assistant-practitioner', 'support-worker'] as const) {
      const res = await lead.put(`/api/supervision/people/${st.service.a[role].id}/supervisor`, { supervisorId: st.service.a['registered-therapist'].id, version: null });
      expect(res.statusCode, res.body).toBe(200);
    }
  });
  afterAll(async () => {
    await st?.close();
  });

  const routes: Array<{ name: string; names: boolean; allowedStatus: number; call: (c: TestClient, id: string) => Promise<{ statusCode: number }> }> = [
    { name: 'GET /api/supervision/people/:id', names: false, allowedStatus: 200, call: (c, id) => c.get(`/api/supervision/people/${id}`) },
    { name: 'GET /supervision/people/:id', names: false, allowedStatus: 200, call: (c, id) => c.get(`/supervision/people/${id}`) },
    { name: 'GET /supervision/people/:id/supervisor', names: true, allowedStatus: 200, call: (c, id) => c.get(`/supervision/people/${id}/supervisor`) },
  ];
  const colleagueOf = (role: HomewardRole): HomewardRole => (role === 'assistant-practitioner' ? 'support-worker' : 'assistant-practitioner');
  const cells = homewardRoles.flatMap((role) => (['own', 'colleague', 'other-team'] as Whose[]).flatMap((whose) => routes.map((route) => ({ role, whose, route }))));

  it.each(cells.map((c) => [c.role, c.whose, c.route.name, c] as const))('%s, %s supervision: %s', async (_role, _whose, _name, { role, whose, route }) => {
    const client = clients[role];
    const id = whose === 'own' ? st.service.a[role].id : whose === 'colleague' ? st.service.a[colleagueOf(role)].id : st.service.otherTeamTherapist.id;
    const manager = role === 'clinical-lead' || role === 'service-manager';
    const allowed = route.names
      ? whose === 'colleague' && manager
      : whose === 'own' || (whose === 'colleague' && (manager || role === 'registered-therapist'));
    const refusedBefore = await st.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('staff_id', '=', client.staff.id).where('outcome', '=', 'refused').executeTakeFirstOrThrow();
    const res = await route.call(client, id);
    if (allowed) {
      expect(res.statusCode).toBe(route.allowedStatus);
      return;
    }
    expect(res.statusCode).toBe(whose === 'other-team' ? 404 : 403);
    const refusedAfter = await st.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('staff_id', '=', client.staff.id).where('outcome', '=', 'refused').executeTakeFirstOrThrow();
    expect(Number(refusedAfter.n)).toBeGreaterThan(Number(refusedBefore.n));
  });
});


// MDT meetings (issue 16 #6): a meeting names the team's patients, so it is for the roles that see the
// team's caseload, in that team; what is said about one patient also needs that patient's grant. Every
// role x whose meeting (own team's, another team's) x each route; every refusal is audited.
describe('authorisation matrix: MDT meetings', () => {
  type Whose = 'own-team' | 'other-team';
  const clients = {} as Record<HomewardRole, TestClient>;
  const meetingOf = {} as Record<Whose, { meetingId: string; itemId: string }>;
  let mt: TestApp;

  beforeAll(async () => {
    mt = await bootTestApp();
    for (const role of homewardRoles) clients[role] = await mt.signIn(mt.service.a[role]);
    const now = mt.clock.now();
    const add = async (teamId: string, holder: TestStaff) => {
      const patientId = (await clients['registered-therapist'].post('/api/patients', patientDetails({ nhsNumber: freshNhs() }))).json().id as string;
      const episodeId = await seedEpisode(mt, { patientId, service: 'd2a-pathway-1', allocatedTo: holder.id, teamId, triagedBy: holder.id });
      const meetingId = crypto.randomUUID();
      const itemId = crypto.randomUUID();
      await mt.db.insertInto('mdt_meetings').values({ id: meetingId, team_id: teamId, starts_at: new Date('2026-11-26T13:00:00Z'), created_at: now, created_by: holder.id, updated_at: now, updated_by: holder.id }).execute();
      await mt.db.insertInto('mdt_agenda_items').values({ id: itemId, meeting_id: meetingId, episode_id: episodeId, patient_id: patientId, reasons: JSON.stringify(['review-due']), position: 1, created_at: now, created_by: holder.id, updated_at: now, updated_by: holder.id }).execute();
      return { meetingId, itemId };
    };
    meetingOf['own-team'] = await add(mt.service.teamA, mt.service.a['registered-therapist']);
    meetingOf['other-team'] = await add(mt.service.teamB, mt.service.otherTeamTherapist);
  });
  afterAll(async () => {
    await mt?.close();
  });

  const itemVersion = async (id: string) => (await mt.db.selectFrom('mdt_agenda_items').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
  const routes: Array<{ name: string; allowedStatus: number; call: (c: TestClient, m: { meetingId: string; itemId: string }) => Promise<{ statusCode: number }> }> = [
    { name: 'GET /mdt/meetings/:id', allowedStatus: 200, call: (c, m) => c.get(`/mdt/meetings/${m.meetingId}`) },
    { name: 'GET /api/mdt/meetings/:id', allowedStatus: 200, call: (c, m) => c.get(`/api/mdt/meetings/${m.meetingId}`) },
    { name: 'POST /api/mdt/meetings/:id/agenda', allowedStatus: 200, call: (c, m) => c.post(`/api/mdt/meetings/${m.meetingId}/agenda`, {}) },
    { name: 'GET /mdt/agenda-items/:id', allowedStatus: 200, call: (c, m) => c.get(`/mdt/agenda-items/${m.itemId}`) },
    { name: 'PUT /api/mdt/agenda-items/:id', allowedStatus: 200, call: async (c, m) => c.put(`/api/mdt/agenda-items/${m.itemId}`, { version: await itemVersion(m.itemId), discussion: `Discussed by ${c.staff.role}` }) },
  ];
  const cells = homewardRoles.flatMap((role) => (['own-team', 'other-team'] as Whose[]).flatMap((whose) => routes.map((route) => ({ role, whose, route }))));

  it.each(cells.map((c) => [c.role, c.whose, c.route.name, c] as const))('%s, %s meeting: %s', async (_role, _whose, _name, { role, whose, route }) => {
    const client = clients[role];
    const allowed = teamWide.includes(role) && whose === 'own-team';
    const refusedBefore = await mt.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('staff_id', '=', client.staff.id).where('outcome', '=', 'refused').executeTakeFirstOrThrow();
    const res = await route.call(client, meetingOf[whose]);
    if (allowed) {
      expect(res.statusCode).toBe(route.allowedStatus);
      return;
    }
    expect(res.statusCode).toBe(403);
    const refusedAfter = await mt.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('staff_id', '=', client.staff.id).where('outcome', '=', 'refused').executeTakeFirstOrThrow();
    expect(Number(refusedAfter.n)).toBeGreaterThan(Number(refusedBefore.n));
  });
});
// Safeguarding concerns (issue 17 #2): narrower than the patient's record. A concern is opened only by
// the safeguarding leads, the person who raised it and the people a lead named; everyone else, whatever
// their relationship to the patient or grade, is refused as if it did not exist (404), and the attempt
// audited; non-clinical roles are refused outright (403). Closing is the lead's alone. Raising needs the
// write grant on the episode (the usual relationship rules). Every role x (not named, named) x each
// route, and every role x (own team's, another team's episode) for raising.
describe('authorisation matrix: safeguarding concerns', () => {
  type Whose = 'not-named' | 'named';
  const clients = {} as Record<HomewardRole, TestClient>;
  const concernOf = {} as Record<Whose, string>;
  const episodeOf = {} as Record<'own-team' | 'other-team', string>;
  let sg: TestApp;

  beforeAll(async () => {
    sg = await bootTestApp();
    for (const role of homewardRoles) clients[role] = await sg.signIn(sg.service.a[role]);
    const now = sg.clock.now();
    const add = async (teamId: string, holder: TestStaff) => {
      const patientId = (await clients['registered-therapist'].post('/api/patients', patientDetails({ nhsNumber: freshNhs() }))).json().id as string;
      return { patientId, episodeId: await seedEpisode(sg, { patientId, service: 'd2a-pathway-1', allocatedTo: holder.id, teamId, triagedBy: holder.id }) };
    };
    const own = await add(sg.service.teamA, sg.service.a['registered-therapist']);
    episodeOf['own-team'] = own.episodeId;
    episodeOf['other-team'] = (await add(sg.service.teamB, sg.service.otherTeamTherapist)).episodeId;
    // Raised by someone outside team A, written straight in, so no team A role is its raiser.
    const raiser = sg.service.otherTeamTherapist.id;
    const stamps = { created_at: now, created_by: raiser, updated_at: now, updated_by: raiser };
    for (const [whose, n] of [['not-named', 1], ['named', 2]] as const) {
      const id = uuidv7();
      await sg.db.insertInto('safeguarding_concerns').values({
        id, reference: `SG-M0000${n}`, patient_id: own.patientId, episode_id: own.episodeId, team_id: sg.service.teamA, kind: 'adult', categories: '["neglect-and-acts-of-omission"]', person_at_risk: 'patient',
        concern: 'Left without food', immediate_danger: false, immediate_actions: 'Food parcel', consent_to_share: 'given', raised_at: now, raised_by: raiser, decision_due_at: new Date(now.getTime() + 86_400_000), ...stamps,
      }).execute();
      concernOf[whose] = id;
    }
    // Every role named on the second (in life only clinicians are named: the rule is tested in the story).
    for (const role of homewardRoles) await sg.db.insertInto('safeguarding_concern_people').values({ id: uuidv7(), concern_id: concernOf.named, staff_id: sg.service.a[role].id, ...stamps }).execute();
  });
  afterAll(async () => {
    await sg?.close();
  });

  const routes: Array<{ name: string; allowedStatus: number | null; call: (c: TestClient, id: string) => Promise<{ statusCode: number }> }> = [
    { name: 'GET /safety/safeguarding/:id', allowedStatus: 200, call: (c, id) => c.get(`/safety/safeguarding/${id}`) },
    { name: 'GET /api/safeguarding-concerns/:id', allowedStatus: 200, call: (c, id) => c.get(`/api/safeguarding-concerns/${id}`) },
    { name: 'POST /api/safeguarding-concerns/:id/notes', allowedStatus: 201, call: (c, id) => c.post(`/api/safeguarding-concerns/${id}/notes`, { note: `Note by ${c.staff.role}` }) },
    // The lead's alone: refused to everyone here (no one is a lead in this matrix).
    { name: 'POST /api/safeguarding-concerns/:id/close', allowedStatus: null, call: (c, id) => c.post(`/api/safeguarding-concerns/${id}/close`, { version: 1 }) },
  ];
  const cells = homewardRoles.flatMap((role) => (['not-named', 'named'] as Whose[]).flatMap((whose) => routes.map((route) => ({ role, whose, route }))));

  it.each(cells.map((c) => [c.role, c.whose, c.route.name, c] as const))('%s, %s: %s', async (_role, _whose, _name, { role, whose, route }) => {
    const client = clients[role];
    const clinical = isClinicalRole(role);
    const mayOpen = clinical && whose === 'named';
    const refusedBefore = await sg.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('staff_id', '=', client.staff.id).where('outcome', '=', 'refused').executeTakeFirstOrThrow();
    const res = await route.call(client, concernOf[whose]);
    if (mayOpen && route.allowedStatus !== null) {
      expect(res.statusCode).toBe(route.allowedStatus);
      return;
    }
    // Not shown to a clinician who may not open it, not even that it exists; the lead's steps refused to those who may read it.
    expect(res.statusCode).toBe(!clinical ? 403 : mayOpen ? 403 : 404);
    const refusedAfter = await sg.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('staff_id', '=', client.staff.id).where('outcome', '=', 'refused').executeTakeFirstOrThrow();
    expect(Number(refusedAfter.n)).toBeGreaterThan(Number(refusedBefore.n));
  });

  const raise = homewardRoles.flatMap((role) => (['own-team', 'other-team'] as const).map((whose) => ({ role, whose })));
  it.each(raise.map((c) => [c.role, c.whose, c] as const))('%s raises a concern on an episode of the %s', async (_role, _whose, { role, whose }) => {
    const client = clients[role];
    const body = { episodeId: episodeOf[whose], kind: 'adult', categories: ['self-neglect'], personAtRisk: 'patient', concern: 'Not eating', immediateDanger: false, immediateActions: 'Told the GP', consentToShare: 'given' };
    const refusedBefore = await sg.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('staff_id', '=', client.staff.id).where('outcome', '=', 'refused').executeTakeFirstOrThrow();
    const res = await client.post('/api/safeguarding-concerns', body);
    // The team's grades see the team's patients; support workers and students only their own work (none here).
    if (teamWide.includes(role) && whose === 'own-team') {
      expect(res.statusCode).toBe(201);
      return;
    }
    expect(res.statusCode).toBe(403);
    const refusedAfter = await sg.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('staff_id', '=', client.staff.id).where('outcome', '=', 'refused').executeTakeFirstOrThrow();
    expect(Number(refusedAfter.n)).toBeGreaterThan(Number(refusedBefore.n));
  });
});

// The risk register (issue 17 #3): it names no patients, so every clinical role (in any team) reads it and
// adds risks; changing, reviewing and adding actions to a team's risk is for its owner (here the service
// manager), a clinical lead of its team and the service manager. Administrators and privacy officers
// have no register. Each refusal is audited.
describe('authorisation matrix: risk register', () => {
  const clients = {} as Record<HomewardRole | 'other-team', TestClient>;
  let rt: TestApp;
  let riskId: string;
  type Who = HomewardRole | 'other-team';
  const changers: Who[] = ['clinical-lead', 'service-manager'];
  const clinical = (w: Who) => w === 'other-team' || isClinicalRole(w);

  beforeAll(async () => {
    rt = await bootTestApp();
    for (const role of homewardRoles) clients[role] = await rt.signIn(rt.service.a[role]);
    clients['other-team'] = await rt.signIn(rt.service.otherTeamTherapist);
    riskId = (await clients['support-worker'].post('/api/safety/risks', {
      title: 'Lone visits with no signal', description: 'd', cause: 'c', effect: 'e', teamId: rt.service.teamA, ownerId: rt.service.a['service-manager'].id,
      controls: 'Check-ins', likelihood: 3, consequence: 4, targetLikelihood: 2, targetConsequence: 3, reviewOn: '2026-12-20',
    })).json().id;
  });
  afterAll(async () => {
    await rt?.close();
  });

  const version = async () => (await rt.db.selectFrom('risks').select('version').where('id', '=', riskId).executeTakeFirstOrThrow()).version;
  const change = async (c: TestClient) => ({
    version: await version(), title: `Changed by ${c.staff.role}`, description: 'd', cause: 'c', effect: 'e', teamId: rt.service.teamA, ownerId: rt.service.a['service-manager'].id,
    controls: 'Check-ins', targetLikelihood: 2, targetConsequence: 3, reviewOn: '2026-12-20',
  });
  const newRisk = { title: 'Slings past their date', description: 'd', cause: 'c', effect: 'e', teamId: null, ownerId: '', controls: 'LOLER', likelihood: 2, consequence: 2, targetLikelihood: 1, targetConsequence: 1, reviewOn: '2026-12-20' };
  const routes: Array<{ name: string; allowed: (who: Who) => boolean; status: number; call: (c: TestClient) => Promise<{ statusCode: number }> }> = [
    { name: 'GET /safety/risks', allowed: clinical, status: 200, call: (c) => c.get('/safety/risks') },
    { name: 'GET /api/safety/risks', allowed: clinical, status: 200, call: (c) => c.get('/api/safety/risks?band=high') },
    { name: 'GET /safety/risks.csv', allowed: clinical, status: 200, call: (c) => c.get('/safety/risks.csv') },
    { name: 'GET /safety/risks/new', allowed: clinical, status: 200, call: (c) => c.get('/safety/risks/new') },
    { name: 'GET /safety/risks/:id', allowed: clinical, status: 200, call: (c) => c.get(`/safety/risks/${riskId}`) },
    { name: 'GET /api/safety/risks/:id', allowed: clinical, status: 200, call: (c) => c.get(`/api/safety/risks/${riskId}`) },
    { name: 'POST /api/safety/risks', allowed: clinical, status: 201, call: (c) => c.post('/api/safety/risks', { ...newRisk, ownerId: rt.service.a['clinical-lead'].id }) },
    { name: 'GET /safety/risks/:id/change', allowed: (w) => changers.includes(w), status: 200, call: (c) => c.get(`/safety/risks/${riskId}/change`) },
    { name: 'PUT /api/safety/risks/:id', allowed: (w) => changers.includes(w), status: 200, call: async (c) => c.put(`/api/safety/risks/${riskId}`, await change(c)) },
    { name: 'POST /api/safety/risks/:id/reviews', allowed: (w) => changers.includes(w), status: 201, call: async (c) => c.post(`/api/safety/risks/${riskId}/reviews`, { version: await version(), likelihood: 3, consequence: 4, note: 'No change', nextReviewOn: '2027-01-20' }) },
    { name: 'POST /api/safety/risks/:id/actions', allowed: (w) => changers.includes(w), status: 201, call: (c) => c.post(`/api/safety/risks/${riskId}/actions`, { action: 'Buy a satellite phone', ownerId: rt.service.a['assistant-practitioner'].id, dueOn: '2026-12-12' }) },
  ];
  const who: Who[] = [...homewardRoles, 'other-team'];
  const cells = who.flatMap((w) => routes.map((route) => ({ w, route })));

  it.each(cells.map((c) => [c.w, c.route.name, c] as const))('%s: %s', async (_w, _name, { w, route }) => {
    const client = clients[w];
    const refusals = async () => Number((await rt.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('staff_id', '=', client.staff.id).where('outcome', '=', 'refused').executeTakeFirstOrThrow()).n);
    const before = await refusals();
    const res = await route.call(client);
    if (route.allowed(w)) {
      expect(res.statusCode).toBe(route.status);
      return;
    }
    expect(res.statusCode).toBe(403);
    expect(await refusals()).toBeGreaterThan(before);
  });
});


// Incidents (issue 17 #1): everyone but the privacy officer reports; the team's clinical lead and service
// manager handle (the list, one incident, its log, the LFPSE export); the reporter (here the team's
// assistant practitioner) reads their own, never handles it. Anyone else is told there is no such
// incident (404). Every role x whose incident (own team's, another team's) x each route; every refusal audited.
describe('authorisation matrix: incidents', () => {
  type Whose = 'own-team' | 'other-team';
  const clients = {} as Record<HomewardRole, TestClient>;
  const incidentOf = {} as Record<Whose, string>;
  let it_: TestApp;
  const handlers: readonly HomewardRole[] = ['clinical-lead', 'service-manager'];

  beforeAll(async () => {
    it_ = await bootTestApp();
    for (const role of homewardRoles) clients[role] = await it_.signIn(it_.service.a[role]);
    const report = { kind: 'near-miss', occurredAt: '2026-11-24T08:00:00Z', locationKind: 'patient-home', location: 'Kitchen', category: 'fall', whatHappened: 'Nearly slipped on a wet floor', affected: 'staff', immediateActions: 'Mopped it', physicalHarm: 'none' };
    incidentOf['own-team'] = (await clients['assistant-practitioner'].post('/api/safety/incidents', report)).json().id;
    incidentOf['other-team'] = (await (await it_.signIn(it_.service.otherTeamTherapist)).post('/api/safety/incidents', report)).json().id;
  });
  afterAll(async () => {
    await it_?.close();
  });

  type Rule = (role: HomewardRole, whose: Whose) => number;
  const reports: Rule = (role) => (role === 'privacy-officer' ? 403 : 200);
  const handles = (role: HomewardRole, whose: Whose) => handlers.includes(role) && whose === 'own-team';
  const teamList: Rule = (role) => (handlers.includes(role) ? 200 : 403);
  const reads: Rule = (role, whose) => (handles(role, whose) || (role === 'assistant-practitioner' && whose === 'own-team') ? 200 : 404);
  const writes = (ok: number): Rule => (role, whose) => (handles(role, whose) ? ok : role === 'assistant-practitioner' && whose === 'own-team' ? 403 : 404);
  const routes: Array<{ name: string; expected: Rule; call: (c: TestClient, id: string) => Promise<{ statusCode: number }> }> = [
    { name: 'GET /safety/incidents/new', expected: reports, call: (c) => c.get('/safety/incidents/new') },
    { name: 'GET /safety/incidents/mine', expected: reports, call: (c) => c.get('/safety/incidents/mine') },
    { name: 'GET /safety/incidents', expected: teamList, call: (c) => c.get('/safety/incidents') },
    { name: 'GET /api/safety/incidents', expected: teamList, call: (c) => c.get('/api/safety/incidents') },
    { name: 'GET /safety/incidents/lfpse.csv', expected: teamList, call: (c) => c.get('/safety/incidents/lfpse.csv') },
    { name: 'GET /safety/incidents/:id', expected: reads, call: (c, id) => c.get(`/safety/incidents/${id}`) },
    { name: 'GET /api/safety/incidents/:id', expected: reads, call: (c, id) => c.get(`/api/safety/incidents/${id}`) },
    { name: 'POST /api/safety/incidents/:id/notes', expected: writes(201), call: (c, id) => c.post(`/api/safety/incidents/${id}/notes`, { note: `Looked into by ${c.staff.role}` }) },
    { name: 'POST /api/safety/incidents/:id/triage', expected: writes(409), call: (c, id) => c.post(`/api/safety/incidents/${id}/triage`, { version: 99, investigationLevel: 'local-review', confirmedPhysicalHarm: 'none', note: 'Triage' }) },
  ];
  const cells = homewardRoles.flatMap((role) => (['own-team', 'other-team'] as Whose[]).flatMap((whose) => routes.map((route) => ({ role, whose, route }))));

  it.each(cells.map((c) => [c.role, c.whose, c.route.name, c] as const))('%s, %s incident: %s', async (_role, _whose, _name, { role, whose, route }) => {
    const client = clients[role];
    const refusedBefore = await it_.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('staff_id', '=', client.staff.id).where('outcome', '=', 'refused').executeTakeFirstOrThrow();
    const res = await route.call(client, incidentOf[whose]);
    const expected = route.expected(role, whose);
    expect(res.statusCode).toBe(expected);
    if (expected !== 403 && expected !== 404) return;
    const refusedAfter = await it_.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('staff_id', '=', client.staff.id).where('outcome', '=', 'refused').executeTakeFirstOrThrow();
    expect(Number(refusedAfter.n)).toBeGreaterThan(Number(refusedBefore.n));
  });
});


// Reports (issue 18 #1): the team's figures, for the roles that see the whole team's work; every team's
// only for the service manager. The Discharge Ready Date page is an episode change: those who may change
// an episode of their team (assistant practitioners, registered therapists, clinical leads); another
// team's therapist is refused. Every refusal is audited.
describe('authorisation matrix: reports', () => {
  const clients = {} as Record<HomewardRole | 'other-team', TestClient>;
  let rt: TestApp;
  let episodeId: string;
  beforeAll(async () => {
    rt = await bootTestApp();
    for (const role of homewardRoles) clients[role] = await rt.signIn(rt.service.a[role]);
    clients['other-team'] = await rt.signIn(rt.service.otherTeamTherapist);
    const res = await clients['registered-therapist'].post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(7650), givenName: 'Rhoda', familyName: 'Report' }));
    episodeId = await seedEpisode(rt, { patientId: res.json().id, service: 'd2a-pathway-1', allocatedTo: rt.service.a['registered-therapist'].id });
  });
  afterAll(async () => {
    await rt?.close();
  });
  type Who = HomewardRole | 'other-team';
  const reportRoles: Who[] = [...teamWide, 'other-team'];
  const changers: Who[] = ['assistant-practitioner', 'registered-therapist', 'clinical-lead'];
  const routes: Array<{ name: string; allowed: readonly Who[]; call: (c: TestClient) => Promise<{ statusCode: number }> }> = [
    { name: 'GET /reports', allowed: reportRoles, call: (c) => c.get('/reports') },
    ...(['ssnap', 'waiting', 'd2a', 'activity', 'outcomes'] as const).map((r) => ({ name: `GET /reports/${r}`, allowed: reportRoles, call: (c: TestClient) => c.get(`/reports/${r}`) })),
    { name: 'GET /reports/:report.csv', allowed: reportRoles, call: (c) => c.get('/reports/waiting.csv') },
    { name: 'GET /api/reports/:report', allowed: reportRoles, call: (c) => c.get('/api/reports/activity') },
    { name: 'GET /api/reports/:report?team=all', allowed: ['service-manager'], call: (c) => c.get('/api/reports/outcomes?team=all') },
    { name: 'GET /episodes/:id/discharge-ready', allowed: changers, call: (c) => c.get(`/episodes/${episodeId}/discharge-ready`) },
  ];
  const who: Who[] = [...homewardRoles, 'other-team'];
  const cells = who.flatMap((w) => routes.map((route) => ({ w, route })));
  it.each(cells.map((c) => [c.w, c.route.name, c] as const))('%s: %s', async (_w, _name, { w, route }) => {
    const client = clients[w];
    const refusedBefore = await rt.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('staff_id', '=', client.staff.id).where('outcome', '=', 'refused').executeTakeFirstOrThrow();
    const res = await route.call(client);
    if (route.allowed.includes(w)) {
      expect(res.statusCode).toBe(200);
      return;
    }
    expect(res.statusCode).toBe(403);
    const refusedAfter = await rt.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('staff_id', '=', client.staff.id).where('outcome', '=', 'refused').executeTakeFirstOrThrow();
    expect(Number(refusedAfter.n)).toBeGreaterThan(Number(refusedBefore.n));
  });
});

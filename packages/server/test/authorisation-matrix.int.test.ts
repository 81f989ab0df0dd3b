// The authorisation matrix: every role x with and without a legitimate relationship x every
// patient route, API and pages. Deny by default: a cell not listed as allowed must be refused,
// and every refusal must be in the access audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { homewardRoles, isClinicalRole, type HomewardRole } from '@homeward/clinical';
import { testNhsNumberForIndex } from '../src/demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from './test-app.ts';

type Relationship = 'with' | 'without';
type Route = {
  name: string;
  /** What a clinician may do: 'relationship' needs one; 'any' is allowed to any clinician. */
  needs: 'relationship' | 'any';
  call(client: TestClient, patientId: string, version: number): Promise<{ statusCode: number; body: string }>;
  allowedStatus: number;
};

let counter = 0;
const freshNhs = () => testNhsNumberForIndex(500_000 + counter++);

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
  { name: 'GET /patients/search (page)', needs: 'any', allowedStatus: 200, call: (c) => c.get('/patients/search?by=nhs&nhsNumber=9434765919') },
];

const nhsOf = new Map<string, string>();
/** The referral and episode of each test patient, for the routes about them. */
const careOf = new Map<string, { referralId: string; episodeId: string }>();

// Referral and episode routes: the same rule as the record (relationship or break-glass).
routes.push(
  { name: 'GET /api/referrals/:id', needs: 'relationship', allowedStatus: 200, call: (c, id) => c.get(`/api/referrals/${careOf.get(id)!.referralId}`) },
  { name: 'GET /referrals/:id (page)', needs: 'relationship', allowedStatus: 200, call: (c, id) => c.get(`/referrals/${careOf.get(id)!.referralId}`) },
  { name: 'GET /api/episodes/:id', needs: 'relationship', allowedStatus: 200, call: (c, id) => c.get(`/api/episodes/${careOf.get(id)!.episodeId}`) },
  { name: 'GET /episodes/:id (page)', needs: 'relationship', allowedStatus: 200, call: (c, id) => c.get(`/episodes/${careOf.get(id)!.episodeId}`) },
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
  if (path !== 'record' && path !== 'discharge-summary') {
    routes.push({ name: `GET /api/episodes/:id/${path} (${what})`, needs: 'relationship', allowedStatus: 200, call: (c, id) => c.get(`/api/episodes/${episodeOf(id)}/${path}`) });
  }
  routes.push({ name: `GET /episodes/:id/${path} (${what} page)`, needs: 'relationship', allowedStatus: 200, call: (c, id) => c.get(`/episodes/${episodeOf(id)}/${path}`) });
}

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
];

async function referAndTriage(referrer: TestClient, triager: TestClient, patientId: string): Promise<void> {
  const referral = await referrer.post('/api/referrals', {
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
  });
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
  careOf.set(patientId, { referralId, episodeId: triaged.json().episode.id as string });
}
let t: TestApp;
const currentVersion = async (id: string) => (await t.db.selectFrom('patients').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

describe('authorisation matrix', () => {
  const clients = {} as Record<HomewardRole, TestClient>;
  let ownPatient: string; // registered to team A: every team-A clinician has a relationship
  let otherPatient: string; // registered to team B: nobody in team A has one

  beforeAll(async () => {
    t = await bootTestApp();
    for (const role of homewardRoles) clients[role] = await t.signIn(t.service.a[role]);
    const a = (await clients['registered-therapist'].post('/api/patients', patientDetails())).json();
    const outsider = await t.signIn(t.service.otherTeamTherapist);
    const bNhs = freshNhs();
    const b = (await outsider.post('/api/patients', patientDetails({ nhsNumber: bNhs }))).json();
    ownPatient = a.id;
    otherPatient = b.id;
    nhsOf.set(a.id, a.nhsNumber);
    nhsOf.set(b.id, bNhs);
    await referAndTriage(clients['registered-therapist'], clients['clinical-lead'], a.id);
    await referAndTriage(outsider, outsider, b.id);
  });
  afterAll(() => t.close());

  const cells = homewardRoles.flatMap((role) => (['with', 'without'] as Relationship[]).flatMap((rel) => routes.map((route) => ({ role, rel, route }))));

  it.each(cells)('$role $rel relationship: $route.name', async ({ role, rel, route }) => {
    const client = clients[role];
    const patientId = rel === 'with' ? ownPatient : otherPatient;
    const before = await refusalsOf(client.staff.id);
    const allowedBefore = await auditedOf(client.staff.id, 'allowed');
    const res = await route.call(client, patientId, 0);
    const allowed = isClinicalRole(role) && (route.needs === 'any' || rel === 'with');
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
  });

  it.each(homewardRoles.map((role) => ({ role })))('$role: break-glass is for clinicians without a relationship only', async ({ role }) => {
    const client = clients[role];
    const outsider = await t.signIn(t.service.otherTeamTherapist);
    const target = (await outsider.post('/api/patients', patientDetails({ nhsNumber: freshNhs() }))).json().id as string;
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

  const writeCells = homewardRoles.flatMap((role) => (['with', 'without'] as Relationship[]).flatMap((rel) => recordWrites.map((route) => ({ role, rel, route }))));

  it.each(writeCells)('$role $rel relationship writes: $route.name', async ({ role, rel, route }) => {
    const client = clients[role];
    const patientId = rel === 'with' ? ownPatient : otherPatient;
    const refusedBefore = await refusalsOf(client.staff.id);
    const allowedBefore = await auditedOf(client.staff.id, 'allowed');
    const res = await route.call(client, careOf.get(patientId)!.episodeId);
    if (rel === 'with' && route.roles.includes(role)) {
      // Past authorisation; what the write then meets (a second discharge draft is a 409) is the
      // feature tests' business. Whatever happens, nothing is a 500 and the access is audited.
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
    const res = await clients['registered-therapist'].get(`/api/patients?nhsNumber=${nhsOf.get(otherPatient)}`);
    const [hit] = res.json().results;
    expect(Object.keys(hit).sort()).toEqual(['access', 'dateOfBirth', 'familyName', 'givenName', 'id', 'nhsNumber', 'postcodeDistrict']);
    const page = await clients['registered-therapist'].get(`/patients/search?by=nhs&nhsNumber=${nhsOf.get(otherPatient)}`);
    expect(page.body).toContain('Not your team');
    expect(page.body).not.toContain('12 Waterloo Road');
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

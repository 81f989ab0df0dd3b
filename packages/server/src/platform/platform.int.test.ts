// What every request can rely on: one error format, limits, headers, escaping, the OpenAPI
// document, and a clear 503 when the database is gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { testEngine } from '../../test/test-database.ts';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';

describe('platform', () => {
  let t: TestApp;
  let therapist: TestClient;
  beforeAll(async () => {
    t = await bootTestApp({ config: { bodyLimitBytes: 16 * 1024 } });
    therapist = await t.signIn(t.service.a['registered-therapist']);
  });
  afterAll(() => t.close());

  it('answers an oversized body with 413 and writes nothing', async () => {
    const res = await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(1), accessNotes: 'x'.repeat(20 * 1024) }));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
    expect(await t.db.selectFrom('patients').select('id').where('nhs_number', '=', testNhsNumberForIndex(1)).executeTakeFirst()).toBeUndefined();
  });

  it('answers malformed JSON with 400 and a stable code', async () => {
    const res = await therapist.request({ method: 'POST', url: '/api/patients', payload: '{"nhsNumber": ', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_json');
  });

  it('answers an unknown API route with a JSON 404 and a page route with the NHS.UK page', async () => {
    const api = await therapist.get('/api/nothing-here');
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
    const page = await therapist.get('/nothing-here');
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('Page not found');
  });

  it('answers a malformed id with 400, not 500', async () => {
    const res = await therapist.get('/api/patients/not-a-uuid');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('params.id');
  });

  it('sends security headers, a CSP with a script nonce, no-store for patient data, and the request id', async () => {
    const res = await therapist.request({ method: 'GET', url: '/patients/search', headers: { 'x-request-id': 'trace-123' } });
    // The server's own id, whatever the caller sent (theirs is kept in the audit as a claim).
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['cache-control']).toBe('no-store');
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(res.body).toContain(`nonce="${nonce}"`);
  });

  it('escapes text everywhere: HTML and SQL in fields are stored and shown as text', async () => {
    const nasty = `<script>alert(1)</script>'); drop table patients; --`;
    const created = await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(2), familyName: nasty, accessNotes: '<img src=x onerror=alert(1)>' }));
    expect(created.statusCode).toBe(201);
    const page = await therapist.get(`/patients/${created.json().id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const stillThere = await t.db.selectFrom('patients').select('family_name').where('id', '=', created.json().id).executeTakeFirstOrThrow();
    expect(stillThere.family_name).toBe(nasty);
  });

  it('publishes an OpenAPI document describing the API and its error format', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/patients', '/api/patients/{id}', '/api/patients/{id}/versions', '/api/sessions']));
    expect(doc.paths['/api/patients/{id}'].put.responses['409']).toBeDefined();
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/patients'))).toBe(false);
  });

  it('shows the NHS.UK error summary for an invalid NHS number on the register page, and writes nothing', async () => {
    const before = await t.db.selectFrom('patients').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const res = await therapist.form('/patients/new', {
      nhsNumber: '123 456 7890',
      givenName: 'Ada',
      familyName: 'Wood',
      'dateOfBirth-day': '31',
      'dateOfBirth-month': '2',
      'dateOfBirth-year': '1950',
      sex: 'female',
      addressLine1: '1 High Street',
      town: 'Leek',
      postcode: 'ST13 5AA',
      livesAlone: 'no',
      keySafe: 'no',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('href="#nhsNumber"');
    expect(res.body).toContain('Enter a valid NHS number');
    expect(res.body).toContain('Date of birth must be a real date');
    expect(res.body).toContain('value="Wood"');
    const after = await t.db.selectFrom('patients').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('registers through the form once even when the button is pressed twice', async () => {
    const page = await therapist.get('/patients/new');
    const formId = /name="formId" value="([^"]+)"/.exec(page.body)![1]!;
    const fields = {
      formId,
      nhsNumber: testNhsNumberForIndex(3),
      givenName: 'Ada',
      familyName: 'Twice',
      'dateOfBirth-day': '3',
      'dateOfBirth-month': '4',
      'dateOfBirth-year': '1950',
      sex: 'female',
      addressLine1: '1 High Street',
      town: 'Leek',
      postcode: 'ST13 5AA',
      livesAlone: 'yes',
      keySafe: 'no',
    };
    const one = await therapist.form('/patients/new', fields);
    const two = await therapist.form('/patients/new', fields);
    expect(one.statusCode).toBe(303);
    expect(two.statusCode).toBe(303);
    expect(two.headers.location).toBe(one.headers.location);
    const rows = await t.db.selectFrom('patients').select('id').where('family_name', '=', 'Twice').execute();
    expect(rows).toHaveLength(1);
  });
});

describe('when the database is unavailable', () => {
  it.skipIf(testEngine !== 'postgres')('answers 503 with a clear message instead of crashing', async () => {
    const database = await openDatabase({ engine: 'postgres', url: 'postgres://postgres@127.0.0.1:1/none', poolSize: 1 });
    const app = await buildApp({ db: database.db, config: loadConfig({}), logger: false });
    try {
      const api = await app.inject({ method: 'GET', url: '/api/health' });
      expect(api.statusCode).toBe(503);
      expect(api.json().error.code).toBe('database_unavailable');
      const withCookie = await app.inject({ method: 'GET', url: '/patients/search', headers: { cookie: 'hw_session=abc' } });
      expect(withCookie.statusCode).toBe(503);
      expect(withCookie.body).toContain('Homeward is not available just now');
    } finally {
      await app.close();
      await database.close();
    }
  });

  it.skipIf(testEngine !== 'pglite')('answers 503 when the embedded database has been closed', async () => {
    const database = await openDatabase({ engine: 'pglite', dataDir: null });
    await migrateToLatest(database.db as never);
    const app = await buildApp({ db: database.db, config: loadConfig({}), logger: false });
    await database.close();
    try {
      const api = await app.inject({ method: 'GET', url: '/api/health' });
      expect(api.statusCode).toBe(503);
      expect(api.json().error.code).toBe('database_unavailable');
    } finally {
      await app.close();
    }
  });
});

describe('two app instances on one PostgreSQL database', () => {
  it.skipIf(testEngine !== 'postgres')('share sessions, see each other’s writes, and refuse each other’s stale versions', async () => {
    const first = await bootTestApp();
    try {
      const secondDb = await first.testDb.open();
      const second = await buildApp({ db: secondDb.db, config: first.config, logger: false });
      try {
        const viaFirst = await first.signIn(first.service.a['registered-therapist']);
        const created = await viaFirst.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(10) }));
        expect(created.statusCode).toBe(201);
        const { id, version, registeredTeamId: _t, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, ...details } = created.json();
        const headers = { cookie: viaFirst.cookie, 'x-csrf-token': viaFirst.csrfToken };
        // The session made on the first instance works on the second.
        const read = await second.inject({ method: 'GET', url: `/api/patients/${id}`, headers });
        expect(read.statusCode).toBe(200);
        // Both write from version 1 at once: exactly one wins, the other gets 409.
        const [a, b] = await Promise.all([
          first.app.inject({ method: 'PUT', url: `/api/patients/${id}`, headers, payload: { ...details, version, town: 'Hanley' } }),
          second.inject({ method: 'PUT', url: `/api/patients/${id}`, headers, payload: { ...details, version, town: 'Longton' } }),
        ]);
        expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
        // The same idempotency key sent to both instances at once writes one patient.
        const key = 'same-key-both-instances';
        const body = patientDetails({ nhsNumber: testNhsNumberForIndex(11) });
        const [c, d] = await Promise.all([
          first.app.inject({ method: 'POST', url: '/api/patients', headers: { ...headers, 'idempotency-key': key }, payload: body }),
          second.inject({ method: 'POST', url: '/api/patients', headers: { ...headers, 'idempotency-key': key }, payload: body }),
        ]);
        expect([c.statusCode, d.statusCode]).toEqual([201, 201]);
        expect(c.json().id).toBe(d.json().id);
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  });
});

describe('giving memory back when idle', () => {
  // The wiring main.ts relies on (platform/idle-memory-release.ts): every request's start and end is
  // activity, whatever its outcome, so memory is given back only after a quiet spell. Once is enough
  // (the wiring does not depend on the engine).
  it.skipIf(testEngine !== 'pglite')('tells the idle timer of each request’s start and end, a refused or unknown one too', async () => {
    const database = await openDatabase({ engine: 'pglite', dataDir: null });
    let activity = 0;
    const app = await buildApp({ db: database.db, config: loadConfig({}), logger: false, idleMemoryRelease: { activity: () => activity++ } });
    try {
      expect((await app.inject({ method: 'GET', url: '/api/nothing-here' })).statusCode).toBe(404);
      expect(activity).toBe(2);
      expect((await app.inject({ method: 'GET', url: '/api/patients?name=Smith' })).statusCode).toBe(401);
      expect(activity).toBe(4);
    } finally {
      await app.close();
      await database.close();
    }
  });
});

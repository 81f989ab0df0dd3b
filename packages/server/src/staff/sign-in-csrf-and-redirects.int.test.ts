// The sign-in routes cannot be turned against the people who use them (issue 9 items 4 to 7 and the
// Low items; issue 10 item 8): no redirect off-site after signing in, nothing written before the input
// is checked, no signing a browser in from another site, a CSRF token on every unsafe method (POST,
// PUT, PATCH and DELETE), each refusal audited, and Secure cookies and HSTS whenever HTTPS was used.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, testPassword, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';

const json = { 'content-type': 'application/json' };
const form = { 'content-type': 'application/x-www-form-urlencoded' };

/** The sign-in page's form token and its cookie, as a browser would hold them. */
async function signInPage(t: TestApp, query = '') {
  const page = await t.app.inject({ method: 'GET', url: `/sign-in${query}` });
  const token = /name="_sign_in" value="([^"]+)"/.exec(page.body)![1]!;
  const cookie = page.cookies.find((c) => c.name === 'hw_sign_in')!;
  return { page, token, cookie: `hw_sign_in=${cookie.value}` };
}

describe('after signing in, only a page on this site', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  // As they arrive in a URL: the issue's own payload first.
  const offSite = [
    '%2F%09%2Fevil.example',
    '%2F%2Fevil.example',
    '%2F%5Cevil.example',
    '%5C%5Cevil.example',
    'https%3A%2F%2Fevil.example',
    'javascript%3Aalert(1)',
    '%2F%0D%0ASet-Cookie%3A%20x%3Dy',
    '%2Fpatients%E3%80%80search',
    '%2F%2F%2Fevil.example',
    '%2F%252F%252Fevil.example',
  ];

  it.each(offSite)('GET /sign-in?next=%s shows the form going home, and a signed-in visit is sent home (fails on the old code for the tab payload)', async (next) => {
    const { page } = await signInPage(t, `?next=${next}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="next" value="/"');
    const client = await t.signIn(t.service.a['clinical-lead']);
    const visit = await client.get(`/sign-in?next=${next}`);
    expect(visit.statusCode).toBe(303);
    expect(visit.headers.location).toBe('/');
  });

  it.each(offSite)('POST /sign-in with next=%s signs in and goes home, never off-site or a 500', async (next) => {
    const { token, cookie } = await signInPage(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      payload: `_sign_in=${token}&email=${encodeURIComponent(t.service.a['registered-therapist'].email)}&password=${testPassword}&next=${next}`,
      headers: { ...form, cookie },
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
  });

  it('keeps a path on this site, with its query', async () => {
    const { page } = await signInPage(t, '?next=%2Fpatients%2Fsearch%3FnhsNumber%3D9434765919');
    expect(page.body).toContain('name="next" value="/patients/search?nhsNumber=9434765919"');
  });

  it('sends someone whose session ended back to sign in with a safe next, whatever the address they asked for', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/patients/search?x=%0D%0A' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/sign-in\?next=/);
    const next = decodeURIComponent(new URL(res.headers.location as string, 'http://x').searchParams.get('next')!);
    expect(next.startsWith('/')).toBe(true);
  });
});

describe('sign-in checks everything before it writes anything (issue 9 item 6)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  const counts = async () => ({
    sessions: (await t.db.selectFrom('sessions').select('id').execute()).length,
    audit: (await t.db.selectFrom('audit_events').select('id').execute()).length,
    throttle: (await t.db.selectFrom('sign_in_throttle').select('key').execute()).length,
  });

  it.each([
    ['CR LF', '/patients%0D%0ALocation:%20https://evil.example'],
    ['LF', '/patients%0Asearch'],
    ['U+3000', '/patients%E3%80%80search'],
  ])('a next with %s signs in once and goes home: one session, one audit event, no 500 (fails on the old code: a 500 after the session was made)', async (_name, next) => {
    const before = await counts();
    const { token, cookie } = await signInPage(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      payload: `_sign_in=${token}&email=${encodeURIComponent(t.service.a['clinical-lead'].email)}&password=${testPassword}&next=${next}`,
      headers: { ...form, cookie },
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    const after = await counts();
    expect(after.sessions).toBe(before.sessions + 1);
    expect(after.audit).toBe(before.audit + 1);
  });

  it('refuses an email address with a NUL byte or a line break as a 400 naming the field, with nothing written', async () => {
    const before = await counts();
    for (const email of ['a.clinical-lead@test.example\u0000', 'a.clinical-lead@test.example\nx', 'no-at-sign']) {
      const api = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: json, payload: { email, password: testPassword } });
      expect(api.statusCode).toBe(400);
      expect(api.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['body.email']);
      const { token, cookie } = await signInPage(t);
      const page = await t.app.inject({ method: 'POST', url: '/sign-in', payload: `_sign_in=${token}&email=${encodeURIComponent(email)}&password=${testPassword}`, headers: { ...form, cookie } });
      expect(page.statusCode).toBe(400);
      if (email.includes('\u0000')) {
        // A NUL byte is refused by the guard every request passes, before the page's own checks: the
        // refusal still names the field and what to do.
        expect(page.body).toContain('Contains a NUL character (an invisible control character), which cannot be stored: remove it (body.email)');
      } else {
        expect(page.body).toContain('Enter your email address in the correct format');
        expect(page.body).toContain('href="#email"');
      }
    }
    expect(await counts()).toEqual(before);
  });
});

describe('login CSRF: no other site can sign this browser in (issue 9 item 7)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  const sessionsOf = async (staffId: string) => (await t.db.selectFrom('sessions').select('id').where('staff_id', '=', staffId).execute()).length;

  it('takes only JSON at /api/sessions: a form post is 415 and signs no one in (fails on the old code: 201)', async () => {
    const staff = t.service.a['support-worker'];
    const before = await sessionsOf(staff.id);
    const viaForm = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: form, payload: `email=${encodeURIComponent(staff.email)}&password=${testPassword}` });
    expect(viaForm.statusCode).toBe(415);
    expect(viaForm.json().error.code).toBe('unsupported_media_type');
    expect(viaForm.cookies.find((c) => c.name === 'hw_session')).toBeUndefined();
    const viaText = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: { 'content-type': 'text/plain' }, payload: JSON.stringify({ email: staff.email, password: testPassword }) });
    expect(viaText.statusCode).toBe(415);
    expect(await sessionsOf(staff.id)).toBe(before);
  });

  it('refuses a sign-in a browser says came from another site, on the API and the page, and audits it', async () => {
    const staff = t.service.a['assistant-practitioner'];
    const before = await sessionsOf(staff.id);
    for (const headers of [{ origin: 'https://evil.example' }, { origin: 'http://localhost', 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }]) {
      const api = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: { ...json, ...headers }, payload: { email: staff.email, password: testPassword } });
      expect(api.statusCode).toBe(403);
      const { token, cookie } = await signInPage(t);
      const page = await t.app.inject({ method: 'POST', url: '/sign-in', payload: `_sign_in=${token}&email=${encodeURIComponent(staff.email)}&password=${testPassword}`, headers: { ...form, cookie, ...headers } });
      expect(page.statusCode).toBe(403);
    }
    expect(await sessionsOf(staff.id)).toBe(before);
    const refusals = await t.db.selectFrom('audit_events').select(['action', 'outcome', 'detail']).where('action', '=', 'sign-in').where('outcome', '=', 'refused').execute();
    expect(refusals.map((r) => (r.detail as { rule?: string }).rule)).toEqual([
      'origin-other-site', 'origin-other-site', 'sec-fetch-site-cross-site', 'sec-fetch-site-cross-site', 'sec-fetch-site-same-site', 'sec-fetch-site-same-site',
    ]);
  });

  it('signs in from its own origin, from its own page under no-referrer (Origin: null), and from clients that send no Origin at all', async () => {
    const staff = t.service.a['assistant-practitioner'];
    // Chromium posts our own sign-in form with Origin: null, because the Referrer-Policy is no-referrer.
    const ownPage = await signInPage(t);
    const viaOwnPage = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      payload: `_sign_in=${ownPage.token}&email=${encodeURIComponent(staff.email)}&password=${testPassword}`,
      headers: { ...form, cookie: ownPage.cookie, origin: 'null', 'sec-fetch-site': 'same-origin' },
    });
    expect(viaOwnPage.statusCode).toBe(303);
    const own = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: { ...json, origin: 'http://localhost', 'sec-fetch-site': 'same-origin' }, payload: { email: staff.email, password: testPassword } });
    expect(own.statusCode).toBe(201);
    const { token, cookie } = await signInPage(t);
    const page = await t.app.inject({ method: 'POST', url: '/sign-in', payload: `_sign_in=${token}&email=${encodeURIComponent(staff.email)}&password=${testPassword}`, headers: { ...form, cookie, origin: 'http://localhost:80' } });
    expect(page.statusCode).toBe(303);
  });
});

describe('the CSRF token is checked on every unsafe method, not only POST (issue 10 item 8)', () => {
  let t: TestApp;
  let therapist: TestClient;
  let patientId: string;
  let goalId: string;
  beforeAll(async () => {
    t = await bootTestApp();
    therapist = await t.signIn(t.service.a['registered-therapist']);
    patientId = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(741_001) }))).json().id;
    const episode = await seedEpisode(t, { patientId, service: 'd2a-pathway-1', allocatedTo: t.service.a['registered-therapist'].id });
    const goal = await therapist.post(`/api/episodes/${episode}/goals`, {
      statement: 'I want to make my own cup of tea',
      levels: { '-2': 'Cannot make a hot drink', '-1': 'Makes tea with help', '0': 'Makes tea alone with a trolley', '+1': 'Makes tea alone with a lidded mug', '+2': 'Makes tea for a visitor' },
      baseline: -1,
      importance: 3,
      difficulty: 2,
      targetOn: '2026-12-22',
      agreedWith: 'Mrs Bloor',
    });
    expect(goal.statusCode).toBe(201);
    goalId = goal.json().id;
  });
  afterAll(() => t.close());

  /** The session cookie alone, as a cross-site request would carry it: no X-CSRF-Token. */
  const cookieOnly = (method: 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url, payload: payload as never, headers: { cookie: therapist.cookie, ...(payload === undefined ? {} : json) } });

  it("refuses PUT of a patient's details with the cookie alone, and changes nothing (fails when only POST is checked)", async () => {
    const before = await t.db.selectFrom('patients').selectAll().where('id', '=', patientId).executeTakeFirstOrThrow();
    const res = await cookieOnly('PUT', `/api/patients/${patientId}`, { ...patientDetails({ nhsNumber: before.nhs_number, familyName: 'Forged', phone: '07700 900999' }), version: before.version });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_token_invalid');
    const after = await t.db.selectFrom('patients').selectAll().where('id', '=', patientId).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    // The same change with the token goes through, so the refusal above was the token and nothing else.
    const real = await therapist.put(`/api/patients/${patientId}`, { ...patientDetails({ nhsNumber: before.nhs_number, familyName: 'Bloor-Smith' }), version: before.version });
    expect(real.statusCode).toBe(200);
  });

  it('refuses PATCH of a goal with the cookie alone, and changes nothing', async () => {
    const before = await t.db.selectFrom('goals').selectAll().where('id', '=', goalId).executeTakeFirstOrThrow();
    const res = await cookieOnly('PATCH', `/api/goals/${goalId}`, { version: before.version, statement: 'Forged goal' });
    expect(res.statusCode).toBe(403);
    expect(await t.db.selectFrom('goals').selectAll().where('id', '=', goalId).executeTakeFirstOrThrow()).toEqual(before);
    const real = await therapist.request({ method: 'PATCH', url: `/api/goals/${goalId}`, payload: { version: before.version, statement: 'I want to make tea for my sister' } });
    expect(real.statusCode).toBe(200);
  });

  it('refuses DELETE of the session with the cookie alone: it still works afterwards', async () => {
    const res = await cookieOnly('DELETE', '/api/sessions/current');
    expect(res.statusCode).toBe(403);
    expect((await therapist.get(`/api/patients/${patientId}`)).statusCode).toBe(200);
  });

  it('audits each refusal with the method and route, and no patient data', async () => {
    const rows = await t.db.selectFrom('audit_events').select(['action', 'outcome', 'staff_id', 'patient_id', 'record_id', 'detail']).where('outcome', '=', 'refused').where('action', '=', 'write').orderBy('seq').execute();
    const csrf = rows.filter((r) => (r.detail as { rule?: string }).rule === 'csrf');
    expect(csrf.map((r) => r.detail)).toEqual([
      { rule: 'csrf', reason: 'token-missing', method: 'PUT', route: '/api/patients/:id' },
      { rule: 'csrf', reason: 'token-missing', method: 'PATCH', route: '/api/goals/:id' },
      { rule: 'csrf', reason: 'token-missing', method: 'DELETE', route: '/api/sessions/current' },
    ]);
    for (const row of csrf) {
      expect(row.staff_id).toBe(t.service.a['registered-therapist'].id);
      expect(row.patient_id).toBeNull();
      expect(row.record_id).toBeNull();
    }
  });
});

describe('Secure cookies and HSTS whenever the request came over HTTPS (issue 9, Low)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp({ config: { trustProxy: ['127.0.0.1'] } });
  });
  afterAll(() => t.close());

  const signInVia = (remoteAddress: string, headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/api/sessions', remoteAddress, headers: { ...json, ...headers }, payload: { email: t.service.a['clinical-lead'].email, password: testPassword } });

  it('marks the session cookie Secure and sends HSTS when the trusted proxy says HTTPS (fails on the old code: only with the setting)', async () => {
    const res = await signInVia('127.0.0.1', { 'x-forwarded-proto': 'https' });
    expect(res.statusCode).toBe(201);
    expect(res.cookies.find((c) => c.name === 'hw_session')!.secure).toBe(true);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const page = await t.app.inject({ method: 'GET', url: '/sign-in', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-proto': 'https' } });
    expect(page.cookies.find((c) => c.name === 'hw_sign_in')!.secure).toBe(true);
    expect(page.headers['strict-transport-security']).toBeDefined();
  });

  it('believes X-Forwarded-Proto only from the configured proxy, and sends neither over plain HTTP', async () => {
    const spoofed = await signInVia('198.51.100.1', { 'x-forwarded-proto': 'https' });
    expect(spoofed.cookies.find((c) => c.name === 'hw_session')!.secure).toBeFalsy();
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    const plain = await signInVia('127.0.0.1', {});
    expect(plain.cookies.find((c) => c.name === 'hw_session')!.secure).toBeFalsy();
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });

  it('forces both with HOMEWARD_SECURE_COOKIES=true, whatever the request looked like', async () => {
    const forced = await bootTestApp({ config: { secureCookies: true }, seed: false });
    try {
      const page = await forced.app.inject({ method: 'GET', url: '/sign-in' });
      expect(page.cookies.find((c) => c.name === 'hw_sign_in')!.secure).toBe(true);
      expect(page.headers['strict-transport-security']).toBeDefined();
    } finally {
      await forced.close();
    }
  });
});

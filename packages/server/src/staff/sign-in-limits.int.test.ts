// The sign-in limits hold under concurrency and against spraying: a burst of guesses at one address
// gets only as many password checks as the limit allows, and one client guessing across many
// addresses is stopped too, with the same words and the same path whether or not an address exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPasswordHash, signInWithPassword, type PasswordCheck } from '../staff/sign-in-with-password.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { bootTestApp, testPassword, type TestApp } from '../../test/test-app.ts';

const json = { 'content-type': 'application/json' };

describe('the lock-out holds when guesses arrive at once', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  it('checks the password of only the first five of 20 simultaneous guesses at one address (fails on the old code: all 20 were checked)', async () => {
    const email = t.service.a['clinical-lead'].email;
    const burst = 20;
    // Every password check waits at a gate until each attempt is either waiting there or has been
    // refused without one, so all 20 are in flight together: real concurrency on PostgreSQL's pool,
    // the worst interleaving on PGlite's single connection.
    let checks = 0;
    let settled = 0;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const maybeOpen = () => {
      if (checks + settled === burst) open();
    };
    const gatedCheck: PasswordCheck = async (password, hash) => {
      checks += 1;
      maybeOpen();
      await gate;
      return checkPasswordHash(password, hash);
    };
    const outcomes = await Promise.all(
      Array.from({ length: burst }, (_, i) =>
        signInWithPassword(t.db, {
          email,
          password: `wrong-guess-${i}`,
          client: `198.51.100.${i}`,
          now: t.clock.now(),
          maxFailures: 5,
          clientMaxFailures: 50,
          lockMinutes: 15,
          checkPassword: gatedCheck,
        }).then(
          () => 'signed in',
          (error: unknown) => (error instanceof HomewardError ? error.code : String(error)),
        ).finally(() => {
          settled += 1;
          maybeOpen();
        }),
      ),
    );
    expect(checks).toBe(5);
    expect(outcomes.filter((o) => o === 'unauthenticated')).toHaveLength(4);
    expect(outcomes.filter((o) => o === 'too_many_attempts')).toHaveLength(16);
    const row = await t.db.selectFrom('sign_in_throttle').selectAll().where('key', '=', email).executeTakeFirstOrThrow();
    expect(row.failures).toBe(20);
    expect(row.locked_until).not.toBeNull();
    // The right password is refused while the lock lasts.
    const right = await t.app.inject({ method: 'POST', url: '/api/sessions', headers: json, payload: { email, password: testPassword } });
    expect(right.statusCode).toBe(429);
  });

  it('answers a burst of 20 wrong passwords through the API with four refusals, then the lock-out, and the right password is refused', async () => {
    const email = t.service.a['service-manager'].email;
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => t.app.inject({ method: 'POST', url: '/api/sessions', headers: json, payload: { email, password: 'not-the-password' } })),
    );
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(4);
    expect(codes.filter((c) => c === 429)).toHaveLength(16);
    expect((await t.app.inject({ method: 'POST', url: '/api/sessions', headers: json, payload: { email, password: testPassword } })).statusCode).toBe(429);
    t.clock.advanceMinutes(16);
    expect((await t.app.inject({ method: 'POST', url: '/api/sessions', headers: json, payload: { email, password: testPassword } })).statusCode).toBe(201);
  });
});

describe('password spraying from one client is limited across addresses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp({ config: { signInClientMaxFailures: 6 } });
  });
  afterAll(() => t.close());

  const attempt = (email: string, password: string, remoteAddress: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/sessions', remoteAddress, headers: { ...json, ...headers }, payload: { email, password } });

  it('stops a client at its sixth failure spread over six addresses, known and unknown alike, and says the same either way (fails on the old code: no per-client limit)', async () => {
    const sprayer = '203.0.113.9';
    const known = [t.service.a['registered-therapist'].email, t.service.a['support-worker'].email, t.service.a['administrator'].email];
    const unknown = ['nobody.1@test.example', 'nobody.2@test.example'];
    for (const email of [known[0]!, unknown[0]!, known[1]!, unknown[1]!, known[2]!]) {
      const res = await attempt(email, 'Summer2026!', sprayer);
      expect(res.statusCode).toBe(401);
    }
    const nextKnown = await attempt(t.service.a['clinical-lead'].email, 'Summer2026!', sprayer);
    const nextUnknown = await attempt('nobody.4@test.example', 'Summer2026!', sprayer);
    expect(nextKnown.statusCode).toBe(429);
    expect(nextUnknown.statusCode).toBe(429);
    expect(nextKnown.json().error.message).toBe(nextUnknown.json().error.message);
    expect(nextKnown.json().error.message).toMatch(/from this device or network/);
    // The right password from that client waits too...
    expect((await attempt(t.service.a['clinical-lead'].email, testPassword, sprayer)).statusCode).toBe(429);
    // ...but other clients, and the accounts themselves, are untouched.
    expect((await attempt(t.service.a['clinical-lead'].email, testPassword, '203.0.113.10')).statusCode).toBe(201);
    // And once the lock has passed, the client may try again.
    t.clock.advanceMinutes(16);
    expect((await attempt(t.service.a['clinical-lead'].email, testPassword, sprayer)).statusCode).toBe(201);
  });

  it('does not let a client pick a new identity with X-Forwarded-For unless a proxy is configured', async () => {
    const sprayer = '203.0.113.20';
    for (let i = 0; i < 5; i++) {
      expect((await attempt(`spray.${i}@test.example`, 'guess', sprayer, { 'x-forwarded-for': `192.0.2.${i}` })).statusCode).toBe(401);
    }
    expect((await attempt('spray.7@test.example', 'guess', sprayer, { 'x-forwarded-for': '192.0.2.99' })).statusCode).toBe(429);
  });

  it('does not count a successful sign-in against its client', async () => {
    const client = '203.0.113.30';
    for (let i = 0; i < 12; i++) expect((await attempt(t.service.a['privacy-officer'].email, testPassword, client)).statusCode).toBe(201);
    expect((await attempt('typo@test.example', 'guess', client)).statusCode).toBe(401);
  });
});

describe('behind the configured proxy, each client is counted by the address the proxy saw', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp({ config: { signInClientMaxFailures: 3, trustProxy: ['127.0.0.1'] } });
  });
  afterAll(() => t.close());

  it('counts the forwarded client, not the proxy, so one client cannot lock out everyone behind it', async () => {
    const viaProxy = (email: string, password: string, forwardedFor: string) =>
      t.app.inject({ method: 'POST', url: '/api/sessions', remoteAddress: '127.0.0.1', headers: { ...json, 'x-forwarded-for': forwardedFor }, payload: { email, password } });
    for (let i = 0; i < 2; i++) expect((await viaProxy(`p.${i}@test.example`, 'guess', '198.51.100.7')).statusCode).toBe(401);
    expect((await viaProxy('p.9@test.example', 'guess', '198.51.100.7')).statusCode).toBe(429);
    expect((await viaProxy(t.service.a['registered-therapist'].email, testPassword, '198.51.100.8')).statusCode).toBe(201);
  });
});

// Boots the real application on a real database for a test file, with a clock the test controls,
// a small service (two teams, one of each role) and signed-in clients that speak through inject().
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { homewardRoles, type HomewardRole } from '@homeward/clinical';
import { buildApp } from '../src/app.ts';
import { loadConfig, type HomewardConfig } from '../src/config.ts';
import type { HomewardDatabase } from '../src/db/database.ts';
import { hashPassword } from '../src/staff/password.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export const testPassword = 'correct-horse-battery-staple';

export type TestClock = { now: () => Date; advanceMinutes(minutes: number): void; set(date: Date): void };

export function createClock(start = new Date('2026-11-24T09:00:00Z')): TestClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advanceMinutes: (m) => {
      current += m * 60_000;
    },
    set: (d) => {
      current = d.getTime();
    },
  };
}

export type TestStaff = { id: string; email: string; role: HomewardRole; teamId: string | null };

export type TestService = {
  teamA: string;
  teamB: string;
  /** One person of each role in team A (student, administrator and privacy officer too). */
  a: Record<HomewardRole, TestStaff>;
  /** A registered therapist in team B: a clinician without a relationship to team A's patients. */
  otherTeamTherapist: TestStaff;
};

export type TestClient = {
  staff: TestStaff;
  csrfToken: string;
  cookie: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** A form post, as a browser sends it, with the CSRF token added. */
  form(url: string, fields: Record<string, string | string[]>): Promise<LightMyRequestResponse>;
};

export type TestApp = {
  app: FastifyInstance;
  db: HomewardDatabase['db'];
  testDb: TestDatabase;
  clock: TestClock;
  config: HomewardConfig;
  service: TestService;
  signIn(staff: TestStaff): Promise<TestClient>;
  close(): Promise<void>;
};

export async function seedTestService(db: HomewardDatabase['db'], now: Date): Promise<TestService> {
  const teamA = uuidv7();
  const teamB = uuidv7();
  await db.insertInto('teams').values([
    { id: teamA, name: 'North Staffs Therapies', base_location: 'Haywood Hospital', phone: '01632 960100' },
    { id: teamB, name: 'Stafford Therapies', base_location: 'Cannock Chase Hospital', phone: '01632 960200' },
  ]).execute();
  const hash = await hashPassword(testPassword, 10);
  const make = async (role: HomewardRole, teamId: string, tag: string): Promise<TestStaff> => {
    const id = uuidv7();
    const email = `${tag}.${role}@test.example`;
    await db.insertInto('staff').values({
      id,
      email,
      given_name: tag === 'a' ? 'Alex' : 'Bea',
      family_name: role.replace(/-/g, ' '),
      profession: role === 'registered-therapist' || role === 'clinical-lead' ? 'OT' : 'none',
      registration_number: null,
      // A student on placement is not on an Agenda for Change band, and not yet registered.
      band: role === 'support-worker' ? '3' : role === 'assistant-practitioner' ? '4' : role === 'student' ? 'none' : '6',
      homeward_role: role,
      team_id: teamId,
      base_location: null,
      password_hash: hash,
      created_at: now,
      updated_at: now,
    }).execute();
    return { id, email, role, teamId };
  };
  const a = {} as Record<HomewardRole, TestStaff>;
  // Every role, so a new one is in every test's service (a student on placement included, in team A).
  for (const role of homewardRoles) a[role] = await make(role, teamA, 'a');
  const otherTeamTherapist = await make('registered-therapist', teamB, 'b');
  return { teamA, teamB, a, otherTeamTherapist };
}

export async function bootTestApp(options: { config?: Partial<HomewardConfig>; testDb?: TestDatabase; seed?: boolean } = {}): Promise<TestApp> {
  const testDb = options.testDb ?? (await createTestDatabase());
  const clock = createClock();
  // A key of its own, so no test writes a held-form key file into ./data.
  const config = loadConfig({}, { now: clock.now, heldFormKey: randomBytes(32).toString('base64'), ...options.config });
  const app = await buildApp({ db: testDb.database.db, config, logger: process.env.HOMEWARD_TEST_LOG ? { level: 'error' } : false });
  await app.ready();
  const service = options.seed === false ? (undefined as unknown as TestService) : await seedTestService(testDb.database.db, clock.now());
  return {
    app,
    db: testDb.database.db,
    testDb,
    clock,
    config,
    service,
    signIn: (staff) => signIn(app, staff),
    close: async () => {
      await app.close();
      if (!options.testDb) await testDb.drop();
    },
  };
}

export async function signIn(app: FastifyInstance, staff: TestStaff): Promise<TestClient> {
  const res = await app.inject({ method: 'POST', url: '/api/sessions', payload: { email: staff.email, password: testPassword } });
  if (res.statusCode !== 201) throw new Error(`sign-in failed for ${staff.email}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'hw_session')!;
  const cookieHeader = `hw_session=${cookie.value}`;
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  const request = (o: InjectOptions) => app.inject({ ...o, headers: { cookie: cookieHeader, 'x-csrf-token': csrfToken, ...(o.headers ?? {}) } });
  return {
    staff,
    csrfToken,
    cookie: cookieHeader,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload, headers) => request({ method: 'POST', url, payload: payload as InjectOptions['payload'], headers }),
    put: (url, payload, headers) => request({ method: 'PUT', url, payload: payload as InjectOptions['payload'], headers }),
    delete: (url, headers) => request({ method: 'DELETE', url, headers }),
    form: (url, fields) => {
      const body = new URLSearchParams();
      body.append('_csrf', csrfToken);
      for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
      return app.inject({ method: 'POST', url, payload: body.toString(), headers: { cookie: cookieHeader, 'content-type': 'application/x-www-form-urlencoded' } });
    },
  };
}

/** A valid patient for the JSON API; override what a test cares about. */
export function patientDetails(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    nhsNumber: '9434765919',
    givenName: 'Betty',
    familyName: 'Bloor',
    dateOfBirth: '1941-05-17',
    sex: 'female',
    genderIdentity: null,
    addressLine1: '12 Waterloo Road',
    addressLine2: null,
    town: 'Burslem',
    postcode: 'ST6 3HR',
    latitude: 53.045,
    longitude: -2.198,
    phone: '01632 960123',
    gpPracticeCode: 'M83001',
    gpPracticeName: 'Burslem Health Centre',
    contacts: [{ name: 'Sarah Bloor', relationship: 'Daughter', phone: '07700 900123', isNextOfKin: true, isCarer: true }],
    communicationNeeds: { needs: ['large-print'], interpreterLanguage: null, notes: null },
    livesAlone: true,
    keySafe: true,
    accessNotes: 'Side door',
    riskFlags: ['animals'],
    riskNotes: 'Friendly dog',
    ...overrides,
  };
}

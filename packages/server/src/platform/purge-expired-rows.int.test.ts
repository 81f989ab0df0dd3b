// The purge of working rows: what has done its job goes, what may still be needed stays. Time moves by
// the app's own clock (config.now), never by waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp } from '../../test/test-app.ts';
import { testEngine } from '../../test/test-database.ts';
import { purgeExpiredRows, purgeLockKey } from './purge-expired-rows.ts';
import { sql } from 'kysely';

const json = { 'content-type': 'application/json' };

describe('purging expired working rows', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(async () => t?.close());

  const failSignIn = (email: string) => t.app.inject({ method: 'POST', url: '/api/sessions', headers: json, payload: { email, password: 'not-the-password' } });
  const holdForm = (staffId: string, now: Date, hours: number) =>
    t.db.insertInto('held_forms').values({ id: uuidv7(), staff_id: staffId, action: '/patients/new', return_path: '/patients/new', sealed: 'x', created_at: now, expires_at: new Date(now.getTime() + hours * 3_600_000) }).returning('id').executeTakeFirstOrThrow();
  const keys = async () => (await t.db.selectFrom('idempotency_keys').select('key').execute()).map((r) => r.key).sort();
  const throttled = async () => (await t.db.selectFrom('sign_in_throttle').select('key').execute()).map((r) => r.key).sort();

  it('deletes keys, sessions, throttle rows and held forms past their life, and keeps the recent ones', async () => {
    const therapist = t.service.a['registered-therapist'];
    // Day 0: a write with an Idempotency-Key, a session, a failed sign-in, a held form.
    const early = await t.signIn(therapist);
    expect((await early.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(1) }), { 'idempotency-key': 'old-key' })).statusCode).toBe(201);
    await failSignIn('old.typo@test.example');
    const oldForm = await holdForm(therapist.id, t.clock.now(), t.config.heldFormHours);

    // Eight days on (a session lives 12 hours, and is kept a week after it expired).
    t.clock.advanceMinutes(8 * 24 * 60);
    const late = await t.signIn(therapist);
    expect((await late.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(2) }), { 'idempotency-key': 'new-key' })).statusCode).toBe(201);
    await failSignIn('new.typo@test.example');
    for (let i = 0; i < t.config.signInMaxFailures; i++) await failSignIn('locked@test.example');
    const newForm = await holdForm(therapist.id, t.clock.now(), t.config.heldFormHours);
    // Inside the replay window, but older than a day: kept.
    await t.db.insertInto('idempotency_keys').values({ staff_id: therapist.id, key: 'yesterday', request_hash: 'h', created_at: new Date(t.clock.now().getTime() - 30 * 3_600_000) }).execute();

    const sessionsBefore = await t.db.selectFrom('sessions').select('id').where('staff_id', '=', therapist.id).execute();
    expect(sessionsBefore).toHaveLength(2);
    expect(await keys()).toEqual(['new-key', 'old-key', 'yesterday']);

    // One row per batch, so the batching loop is exercised too.
    const result = await purgeExpiredRows(t.db, t.config, t.clock.now(), 1);
    expect(result.ran).toBe(true);
    expect(result.deleted).toMatchObject({ idempotency_keys: 1, sessions: 1, sign_in_throttle: 1, held_forms: 1 });

    expect(await keys()).toEqual(['new-key', 'yesterday']);
    const sessionsAfter = await t.db.selectFrom('sessions').select('id').where('staff_id', '=', therapist.id).execute();
    expect(sessionsAfter).toHaveLength(1);
    expect((await late.get('/api/patients?familyName=Smi')).statusCode).not.toBe(401);
    // The spent failure went; the fresh one and the live lock stay (a lock purged early would lift it).
    expect(await throttled()).toEqual(['locked@test.example', 'new.typo@test.example']);
    const forms = (await t.db.selectFrom('held_forms').select('id').execute()).map((r) => r.id);
    expect(forms).toEqual([newForm.id]);
    expect(forms).not.toContain(oldForm.id);

    // A second run finds nothing more.
    const again = await purgeExpiredRows(t.db, t.config, t.clock.now());
    expect(Object.values(again.deleted).every((n) => n === 0)).toBe(true);
  });

  it('deletes jobs a month after they finished, never a queued or running one', async () => {
    const now = t.clock.now();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 3_600_000);
    const job = (key: string, status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled', finishedDaysAgo: number | null) =>
      t.db.insertInto('jobs').values({ id: uuidv7(), kind: 'test-purge', key, payload: '{}', status, run_at: daysAgo(60), created_at: daysAgo(60), finished_at: finishedDaysAgo === null ? null : daysAgo(finishedDaysAgo) }).execute();
    await job('old-done', 'done', 31);
    await job('old-failed', 'failed', 40);
    await job('old-cancelled', 'cancelled', 45);
    await job('recent-done', 'done', 29);
    await job('old-queued', 'queued', null);
    await job('old-running', 'running', null);
    const result = await purgeExpiredRows(t.db, t.config, now);
    expect(result.deleted).toMatchObject({ jobs: 3 });
    const left = (await t.db.selectFrom('jobs').select('key').where('kind', '=', 'test-purge').execute()).map((r) => r.key).sort();
    expect(left).toEqual(['old-queued', 'old-running', 'recent-done']);
  });

  it.runIf(testEngine === 'postgres')('leaves the work to another instance that holds the purge', async () => {
    const other = await t.testDb.open();
    t.clock.advanceMinutes(60 * 24 * 30);
    let result: Awaited<ReturnType<typeof purgeExpiredRows>> | null = null;
    await other.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${purgeLockKey})`.execute(trx);
      result = await purgeExpiredRows(t.db, t.config, t.clock.now());
    });
    expect(result!.ran).toBe(false);
    expect(await keys()).toEqual(['new-key', 'yesterday']);
    expect((await purgeExpiredRows(t.db, t.config, t.clock.now())).ran).toBe(true);
    expect(await keys()).toEqual([]);
  });
});

// Durable jobs: one live job per key, claimed by one runner of several, taken up again after a crash,
// retried up to its limit. Time moves by the test's clock, never by waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createClock } from '../../test/test-app.ts';
import { createTestDatabase, testEngine, type TestDatabase } from '../../test/test-database.ts';
import type { Database } from '../db/schema.ts';
import { claimDueJob, createJobRunner, enqueueJob, findJob, PermanentJobError, type JobHandler } from './jobs.ts';

describe('durable jobs', () => {
  let testDb: TestDatabase;
  let db: Kysely<Database>;
  let other: Kysely<Database>;
  const clock = createClock();
  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = testDb.database.db;
    // A second instance: its own pool on PostgreSQL; PGlite in memory has one handle to share.
    other = testEngine === 'postgres' ? (await testDb.open()).db : db;
  });
  afterAll(async () => testDb?.drop());

  const enqueue = (key: string, o: { maxAttempts?: number } = {}) =>
    enqueueJob(db, { kind: 'test', key, payload: { key }, now: clock.now(), createdBy: null, ...o });

  it('keeps one live job per key: a second enqueue gets the live one back', async () => {
    const first = await enqueue('team-1');
    const second = await enqueueJob(other, { kind: 'test', key: 'team-1', payload: { key: 'again' }, now: clock.now(), createdBy: null });
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.job.id).toBe(first.job.id);
    expect(second.job.payload).toEqual({ key: 'team-1' });
    const elsewhere = await enqueue('team-2');
    expect(elsewhere.job.id).not.toBe(first.job.id);
  });

  it('runs a job once when two instances look for work at the same moment', async () => {
    const runs: string[] = [];
    const handler: JobHandler = async (job, context) => {
      runs.push(`${context.instanceId}:${job.id}`);
      await context.reportProgress({ step: 1 });
      return { ok: true };
    };
    const one = createJobRunner({ db, handlers: { test: handler }, now: clock.now, instanceId: 'one' });
    const two = createJobRunner({ db: other, handlers: { test: handler }, now: clock.now, instanceId: 'two' });
    const claimed = await Promise.all([one.runOnce(), two.runOnce(), one.runOnce(), two.runOnce()]);
    const ran = claimed.filter((j) => j !== null);
    // Two jobs were due (team-1 and team-2): each ran exactly once, whoever took it.
    expect(ran.map((j) => j!.key).sort()).toEqual(['team-1', 'team-2']);
    expect(runs).toHaveLength(2);
    expect(new Set(runs.map((r) => r.split(':')[1])).size).toBe(2);
    for (const job of ran) {
      expect(job!.status).toBe('done');
      expect(job!.attempts).toBe(1);
      expect(job!.result).toEqual({ ok: true });
      expect(job!.progress).toEqual({ step: 1 });
      expect(job!.lockedBy).toBeNull();
    }
    expect(await one.runOnce()).toBeNull();
    // Done, the key is free again: a new enqueue is a new job.
    expect((await enqueue('team-1')).created).toBe(true);
    await one.runOnce();
  });

  it('takes up a job whose instance died once its lease runs out', async () => {
    const { job } = await enqueue('crashed');
    // An instance claims it and dies (never renews, never finishes).
    const taken = await claimDueJob(db, { kinds: ['test'], instanceId: 'dead', now: clock.now(), leaseMs: 60_000 });
    expect(taken!.id).toBe(job.id);
    const runner = createJobRunner({ db: other, handlers: { test: async () => 'finished' }, now: clock.now, instanceId: 'alive' });
    expect(await runner.runOnce()).toBeNull();
    clock.advanceMinutes(2);
    const ran = await runner.runOnce();
    expect(ran!.id).toBe(job.id);
    expect(ran!.status).toBe('done');
    expect(ran!.attempts).toBe(2);
    expect(ran!.result).toBe('finished');
  });

  it('retries a failing job until its attempts are used, then it has failed with the error', async () => {
    const { job } = await enqueue('flaky', { maxAttempts: 2 });
    let calls = 0;
    const runner = createJobRunner({
      db,
      handlers: {
        test: async () => {
          calls++;
          throw new Error(`broke on attempt ${calls}`);
        },
      },
      now: clock.now,
      instanceId: 'one',
      retryAfterMs: 60_000,
    });
    const first = await runner.runOnce();
    expect(first!.status).toBe('queued');
    expect(first!.error).toBe('broke on attempt 1');
    // Not again before its retry time.
    expect(await runner.runOnce()).toBeNull();
    clock.advanceMinutes(2);
    const second = await runner.runOnce();
    expect(second!.status).toBe('failed');
    expect(second!.error).toBe('broke on attempt 2');
    clock.advanceMinutes(2);
    expect(await runner.runOnce()).toBeNull();
    expect(calls).toBe(2);
    expect((await findJob(db, job.id))!.finishedAt).not.toBeNull();
  });

  it('fails at once a job whose handler says no retry can mend it', async () => {
    await enqueue('impossible', { maxAttempts: 3 });
    const runner = createJobRunner({ db, handlers: { test: async () => { throw new PermanentJobError('Nothing has been planned for this day'); } }, now: clock.now, instanceId: 'one' });
    const ran = await runner.runOnce();
    expect(ran!.status).toBe('failed');
    expect(ran!.attempts).toBe(1);
    expect(ran!.error).toBe('Nothing has been planned for this day');
  });

  it('fails a job whose last attempt died, rather than running it again', async () => {
    const { job } = await enqueue('dies-twice', { maxAttempts: 1 });
    await claimDueJob(db, { kinds: ['test'], instanceId: 'dead', now: clock.now(), leaseMs: 1000 });
    clock.advanceMinutes(1);
    let calls = 0;
    const runner = createJobRunner({ db, handlers: { test: async () => calls++ }, now: clock.now, instanceId: 'one' });
    expect(await runner.runOnce()).toBeNull();
    expect(calls).toBe(0);
    expect((await findJob(db, job.id))!.status).toBe('failed');
  });

  it('renews the lease while a job runs, and stops a run whose lease another instance took', async () => {
    const { job } = await enqueue('long');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let sawAbort = false;
    const runner = createJobRunner({
      db,
      handlers: {
        test: async (_job, context) => {
          context.signal.addEventListener('abort', () => (sawAbort = true));
          await gate;
          if (context.signal.aborted) throw new Error('lease lost');
          return 'done';
        },
      },
      now: clock.now,
      instanceId: 'slow',
      leaseMs: 60,
    });
    const running = runner.runOnce();
    const lease = async () => (await findJob(db, job.id))!.lockedUntil?.getTime() ?? 0;
    const until = async (done: () => Promise<boolean> | boolean) => {
      for (let i = 0; i < 2000 && !(await done()); i++) await new Promise((r) => setTimeout(r, 5));
    };
    await until(async () => (await findJob(db, job.id))?.status === 'running');
    const before = await lease();
    // The clock moves on: the heartbeat (every 20 ms) moves the lease on with it.
    clock.advanceMinutes(1);
    await until(async () => (await lease()) > before);
    expect(await lease()).toBeGreaterThan(before);
    // Another instance takes it over (as if the lease had run out): the first run learns it lost it.
    await db.updateTable('jobs').set({ locked_by: 'thief' }).where('id', '=', job.id).execute();
    await until(() => sawAbort);
    release();
    await running;
    expect(sawAbort).toBe(true);
    // The loser wrote nothing over the thief's claim.
    const row = await findJob(db, job.id);
    expect(row!.lockedBy).toBe('thief');
    expect(row!.status).toBe('running');
    await runner.stop();
  });
});

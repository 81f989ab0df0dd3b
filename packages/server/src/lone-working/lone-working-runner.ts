// The lone-working timers' own job runner: separate from the planner's, so a planner run (seconds of
// work) never delays a timer; deliveries on a runner of their own beside it. A short lease (15 s) and a 1 s poll: a timer held by an instance that was
// killed is taken up by another well inside a minute of its due time.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { createJobRunner, type JobHandler, type JobRunner } from '../platform/jobs.ts';
import { loneWorkingJobHandlers, startRotaGapChecks } from './job-handlers.ts';
import { loneWorkingJobKinds } from './lone-working-types.ts';

export const loneWorkingLeaseMs = 15_000;
export const loneWorkingPollMs = 1000;

export type LoneWorkingRunnerOptions = {
  db: Kysely<Database>;
  config: HomewardConfig;
  /** The database's clock in production (platform/database-clock.ts); the test's clock in tests. */
  now: () => Date;
  instanceId?: string;
  /** Handlers of other lone-working kinds to run here too (the clinician side's plan-published job). */
  moreHandlers?: Record<string, JobHandler>;
  log?: { error(o: unknown, message: string): void };
};

/**
 * Two runners under one handle: the timers, and the deliveries. A runner runs one job after another, so
 * an email server that takes its full timeout to refuse must never hold up the next rung's timer.
 */
export function createLoneWorkingRunner(o: LoneWorkingRunnerOptions): JobRunner & { start(): void } {
  const { [loneWorkingJobKinds.deliver]: deliver, ...timers } = { ...loneWorkingJobHandlers({ db: o.db, config: o.config, now: o.now }), ...(o.moreHandlers ?? {}) };
  const base = { db: o.db, now: o.now, leaseMs: loneWorkingLeaseMs, pollMs: loneWorkingPollMs, ...(o.log ? { log: o.log } : {}) };
  const instanceId = o.instanceId ?? `lone-working-${process.pid}-${randomUUID()}`;
  // A timer that failed (the database went away mid-transaction) is tried again soon, not in 30 s.
  const timerRunner = createJobRunner({ ...base, handlers: timers, instanceId, retryAfterMs: 5000 });
  const deliveryRunner = createJobRunner({ ...base, handlers: { [loneWorkingJobKinds.deliver]: deliver! }, instanceId: `${instanceId}-deliveries`, retryAfterMs: 30_000 });
  return {
    instanceId,
    runOnce: async () => (await timerRunner.runOnce()) ?? deliveryRunner.runOnce(),
    wake: () => {
      timerRunner.wake();
      deliveryRunner.wake();
    },
    start: () => {
      timerRunner.start();
      deliveryRunner.start();
    },
    stop: async () => {
      await Promise.all([timerRunner.stop(), deliveryRunner.stop()]);
    },
  };
}

/** Starts the runner, and the day-before rota-gap check for tomorrow (which then keeps itself going). */
export async function startLoneWorkingRunner(o: LoneWorkingRunnerOptions): Promise<JobRunner> {
  await startRotaGapChecks(o.db, o.now());
  const runner = createLoneWorkingRunner(o);
  runner.start();
  return runner;
}

// The lone-working timers' own job runner: separate from the planner's, so a planner run (seconds of
// work) never delays a timer. A short lease (15 s) and a 1 s poll: a timer held by an instance that was
// killed is taken up by another well inside a minute of its due time.
import type { Kysely } from 'kysely';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { createJobRunner, type JobHandler, type JobRunner } from '../platform/jobs.ts';
import { loneWorkingJobHandlers, startRotaGapChecks } from './job-handlers.ts';

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

export function createLoneWorkingRunner(o: LoneWorkingRunnerOptions): JobRunner & { start(): void } {
  return createJobRunner({
    db: o.db,
    handlers: { ...loneWorkingJobHandlers({ db: o.db, config: o.config, now: o.now }), ...(o.moreHandlers ?? {}) },
    now: o.now,
    ...(o.instanceId ? { instanceId: o.instanceId } : {}),
    leaseMs: loneWorkingLeaseMs,
    pollMs: loneWorkingPollMs,
    // A timer that failed (the database went away mid-transaction) is tried again soon, not in 30 s.
    retryAfterMs: 5000,
    ...(o.log ? { log: o.log } : {}),
  });
}

/** Starts the runner, and the day-before rota-gap check for tomorrow (which then keeps itself going). */
export async function startLoneWorkingRunner(o: LoneWorkingRunnerOptions): Promise<JobRunner> {
  await startRotaGapChecks(o.db, o.now());
  const runner = createLoneWorkingRunner(o);
  runner.start();
  return runner;
}

// Durable jobs (table `jobs`, migration 0016): work that must survive a restart and run once across
// every instance sharing the database: the visit planner's runs now, lone-working timers next.
//
// - enqueueJob: at most one live (queued or running) job per (kind, key), held by a partial unique
//   index; a second enqueue for the same key gets the live job back, never a second run.
// - a runner claims a due job with FOR UPDATE SKIP LOCKED under a lease (locked_by = this instance,
//   locked_until renewed while it runs), so two runners never take the same job, and a job whose
//   instance died is taken up again when its lease runs out.
// - each step is its own short statement: nothing holds a transaction while a handler works (PGlite
//   has one connection, and a planner run takes seconds).
// - a handler that throws is retried (run_at moved on) until max_attempts, then the job has failed.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database, JobsTable } from '../db/schema.ts';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export type Job<P = unknown> = {
  id: string;
  kind: string;
  key: string;
  payload: P;
  status: JobStatus;
  runAt: Date;
  attempts: number;
  maxAttempts: number;
  lockedBy: string | null;
  lockedUntil: Date | null;
  progress: unknown;
  result: unknown;
  error: string | null;
  createdAt: Date;
  createdBy: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
};

const liveStatuses = ['queued', 'running'] as const;

function toJob<P>(row: Selectable<JobsTable>): Job<P> {
  return {
    id: row.id,
    kind: row.kind,
    key: row.key,
    payload: row.payload as P,
    status: row.status,
    runAt: new Date(row.run_at),
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until,
    progress: row.progress,
    result: row.result,
    error: row.error,
    createdAt: new Date(row.created_at),
    createdBy: row.created_by,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export type EnqueueJobOptions<P> = {
  kind: string;
  /** One live job per (kind, key): a team's planner is keyed by the team, so it runs one at a time. */
  key: string;
  payload: P;
  now: Date;
  /** Not before (a timer); default now. */
  runAt?: Date;
  maxAttempts?: number;
  createdBy: string | null;
};

/** The new job (created: true), or the live one already queued or running for its key (created: false). */
export async function enqueueJob<P>(db: Kysely<Database>, o: EnqueueJobOptions<P>): Promise<{ job: Job<P>; created: boolean }> {
  // The live job may finish between a refused insert and the look-up: then try again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const inserted = await db
      .insertInto('jobs')
      .values({
        id: uuidv7(),
        kind: o.kind,
        key: o.key,
        payload: JSON.stringify(o.payload),
        run_at: o.runAt ?? o.now,
        max_attempts: o.maxAttempts ?? 3,
        created_at: o.now,
        created_by: o.createdBy,
      })
      .onConflict((oc) => oc.columns(['kind', 'key']).where('status', 'in', liveStatuses).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { job: toJob<P>(inserted), created: true };
    const live = await findLiveJob<P>(db, o.kind, o.key);
    if (live) return { job: live, created: false };
  }
  throw new Error(`could not enqueue or find the live ${o.kind} job for ${o.key}`);
}

export async function findJob<P = unknown>(db: Kysely<Database>, id: string): Promise<Job<P> | null> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toJob<P>(row) : null;
}

export async function findLiveJob<P = unknown>(db: Kysely<Database>, kind: string, key: string): Promise<Job<P> | null> {
  const row = await db.selectFrom('jobs').selectAll().where('kind', '=', kind).where('key', '=', key).where('status', 'in', liveStatuses).executeTakeFirst();
  return row ? toJob<P>(row) : null;
}

/** The most recent jobs of a kind for a key, newest first (a page's "last run"). */
export async function listJobs<P = unknown>(db: Kysely<Database>, kind: string, key: string, limit = 5): Promise<Job<P>[]> {
  const rows = await db.selectFrom('jobs').selectAll().where('kind', '=', kind).where('key', '=', key).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => toJob<P>(r));
}

export type ClaimOptions = { kinds: readonly string[]; instanceId: string; now: Date; leaseMs: number };

/**
 * Takes one due job for this instance, or null: a queued job whose time has come, or a running one
 * whose lease ran out (its instance stopped renewing it). One statement: the row is locked with
 * SKIP LOCKED, so another runner's claim at the same moment passes over it.
 */
export async function claimDueJob<P = unknown>(db: Kysely<Database>, o: ClaimOptions): Promise<Job<P> | null> {
  if (o.kinds.length === 0) return null;
  const until = new Date(o.now.getTime() + o.leaseMs);
  // A job that has used every attempt and whose last run died is failed, not run again.
  await sql`
    update jobs set status = 'failed', error = coalesce(error, 'The run stopped (its instance ended) on the last attempt'),
      finished_at = ${o.now}, locked_by = null, locked_until = null
    where status = 'running' and locked_until < ${o.now} and attempts >= max_attempts and kind in (${sql.join(o.kinds)})
  `.execute(db);
  const claimed = await sql<Selectable<JobsTable>>`
    update jobs set status = 'running', locked_by = ${o.instanceId}, locked_until = ${until},
      attempts = attempts + 1, started_at = coalesce(started_at, ${o.now})
    where id = (
      select id from jobs
      where kind in (${sql.join(o.kinds)})
        and ((status = 'queued' and run_at <= ${o.now}) or (status = 'running' and locked_until < ${o.now}))
        and attempts < max_attempts
      order by run_at, id
      limit 1
      for update skip locked
    )
    returning *
  `.execute(db);
  const row = claimed.rows[0];
  return row ? toJob<P>(row) : null;
}

/** Renews the lease; false when this instance no longer holds the job (it expired and was taken). */
export async function renewJobLease(db: Kysely<Database>, o: { jobId: string; instanceId: string; now: Date; leaseMs: number }): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ locked_until: new Date(o.now.getTime() + o.leaseMs) })
    .where('id', '=', o.jobId)
    .where('locked_by', '=', o.instanceId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records how far a running job has got (only while this instance holds it). */
export async function recordJobProgress(db: Kysely<Database>, o: { jobId: string; instanceId: string; progress: unknown }): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ progress: JSON.stringify(o.progress) })
    .where('id', '=', o.jobId)
    .where('locked_by', '=', o.instanceId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function finishJob(db: Kysely<Database>, o: { job: Job; instanceId: string; now: Date; result?: unknown; error?: string; permanent?: boolean; retryAfterMs: number }): Promise<void> {
  const base = db.updateTable('jobs').where('id', '=', o.job.id).where('locked_by', '=', o.instanceId).where('status', '=', 'running');
  if (o.error === undefined) {
    await base.set({ status: 'done', result: JSON.stringify(o.result ?? null), error: null, finished_at: o.now, locked_by: null, locked_until: null }).execute();
  } else if (o.job.attempts < o.job.maxAttempts && !o.permanent) {
    await base.set({ status: 'queued', error: o.error, run_at: new Date(o.now.getTime() + o.retryAfterMs), locked_by: null, locked_until: null }).execute();
  } else {
    await base.set({ status: 'failed', error: o.error, finished_at: o.now, locked_by: null, locked_until: null }).execute();
  }
}

/** Thrown by a handler for a failure no retry can mend (what it was asked to do cannot be done): the job fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

export type JobContext = {
  instanceId: string;
  /** Records progress on the job row (a page polls it). */
  reportProgress(progress: unknown): Promise<void>;
  /** Aborted when the lease is lost (another instance took the job) or the runner stops. */
  signal: AbortSignal;
};

export type JobHandler = (job: Job, context: JobContext) => Promise<unknown>;

export type JobRunnerOptions = {
  db: Kysely<Database>;
  handlers: Record<string, JobHandler>;
  now: () => Date;
  /** Names this instance in locked_by; a random one by default. */
  instanceId?: string;
  /** How long a claim holds without renewal (default 60 s); renewed every third of it. */
  leaseMs?: number;
  /** How often to look for due jobs when idle (default 1 s). */
  pollMs?: number;
  /** How long before a failed attempt is tried again (default 30 s). */
  retryAfterMs?: number;
  log?: { error(o: unknown, message: string): void };
};

export type JobRunner = {
  instanceId: string;
  /** Claims and runs one due job now; the job it ran, or null when none was due. */
  runOnce(): Promise<Job | null>;
  /** Looks for due jobs at once instead of at the next poll (after an enqueue). */
  wake(): void;
  stop(): Promise<void>;
};

/**
 * A runner: `startJobRunner` polls in the background (main.ts); `createJobRunner` only runs when
 * asked (`runOnce`), for tests that move the clock themselves.
 */
export function createJobRunner(o: JobRunnerOptions): JobRunner & { start(): void } {
  const instanceId = o.instanceId ?? `${process.pid}-${randomUUID()}`;
  const leaseMs = o.leaseMs ?? 60_000;
  const pollMs = o.pollMs ?? 1000;
  const retryAfterMs = o.retryAfterMs ?? 30_000;
  const kinds = Object.keys(o.handlers);
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | null = null;
  let loop: Promise<void> | null = null;
  let running = false;
  const current = new Set<Promise<unknown>>();

  async function runOnce(): Promise<Job | null> {
    if (stopping.signal.aborted) return null;
    const job = await claimDueJob(o.db, { kinds, instanceId, now: o.now(), leaseMs });
    if (!job) return null;
    const lost = new AbortController();
    const onStop = () => lost.abort();
    stopping.signal.addEventListener('abort', onStop, { once: true });
    const heartbeat = setInterval(() => {
      renewJobLease(o.db, { jobId: job.id, instanceId, now: o.now(), leaseMs })
        .then((held) => {
          if (!held) lost.abort();
        })
        .catch((error: unknown) => o.log?.error({ err: error, jobId: job.id }, 'could not renew a job lease'));
    }, Math.max(10, Math.floor(leaseMs / 3)));
    const work = (async () => {
      try {
        const result = await o.handlers[job.kind]!(job, {
          instanceId,
          signal: lost.signal,
          reportProgress: async (progress) => {
            await recordJobProgress(o.db, { jobId: job.id, instanceId, progress });
          },
        });
        await finishJob(o.db, { job, instanceId, now: o.now(), result, retryAfterMs });
      } catch (error) {
        o.log?.error({ err: error, jobId: job.id, kind: job.kind }, 'a job failed');
        await finishJob(o.db, { job, instanceId, now: o.now(), error: error instanceof Error ? error.message : String(error), permanent: error instanceof PermanentJobError, retryAfterMs });
      } finally {
        clearInterval(heartbeat);
        stopping.signal.removeEventListener('abort', onStop);
      }
    })();
    current.add(work);
    try {
      await work;
    } finally {
      current.delete(work);
    }
    return (await findJob(o.db, job.id)) ?? job;
  }

  async function drain(): Promise<void> {
    if (running) return;
    running = true;
    try {
      while (!stopping.signal.aborted && (await runOnce())) {
        // one after another: a planner run uses a core of its own
      }
    } catch (error) {
      o.log?.error({ err: error }, 'the job runner could not claim a job');
    } finally {
      running = false;
    }
  }

  const schedule = () => {
    if (stopping.signal.aborted) return;
    timer = setTimeout(() => {
      loop = drain().then(schedule);
    }, pollMs);
    timer.unref();
  };

  return {
    instanceId,
    runOnce,
    start: schedule,
    wake: () => {
      if (stopping.signal.aborted || running) return;
      loop = drain();
    },
    stop: async () => {
      stopping.abort();
      if (timer) clearTimeout(timer);
      await Promise.allSettled([...current, loop]);
    },
  };
}

export function startJobRunner(o: JobRunnerOptions): JobRunner {
  const runner = createJobRunner(o);
  runner.start();
  return runner;
}

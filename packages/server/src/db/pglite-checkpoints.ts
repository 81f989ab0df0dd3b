// Checkpoints for the embedded database. PGlite runs PostgreSQL in single-user mode, which has no
// checkpointer process and never checkpoints on its own (not even past max_wal_size): only a clean
// close does. So after a kill, a restart replayed every byte of WAL written since the process started,
// and pg_wal grew without end; the longer the app had been up and the more it had written, the longer
// the restart (13 s to 207 s in issue 9). The application does the checkpointer's job instead: every
// few seconds it looks at how much WAL a restart would replay, and checkpoints once that passes a
// threshold. PostgreSQL proper has its own checkpointer and needs none of this.
import { sql, type Kysely } from 'kysely';

export type CheckpointPolicy = {
  /** Checkpoint once this much WAL has been written since the last checkpoint. */
  walBytes: number;
  /** How often to look. */
  everyMs: number;
};

/** 32 MiB of WAL replays in well under a second of CPU; looking costs one cheap query. */
export const defaultCheckpointPolicy: CheckpointPolicy = { walBytes: 32 * 1024 * 1024, everyMs: 10_000 };

/** The WAL written since the last checkpoint: what a restart after a kill would have to replay. */
export async function walSinceCheckpoint<DB>(db: Kysely<DB>): Promise<number> {
  const { rows } = await sql<{ bytes: number | string }>`
    select pg_wal_lsn_diff(pg_current_wal_lsn(), redo_lsn)::bigint as bytes from pg_control_checkpoint()
  `.execute(db);
  return Number(rows[0]!.bytes);
}

/** Checkpoints if the WAL since the last checkpoint has reached the threshold; true if it did. */
export async function checkpointIfDue<DB>(db: Kysely<DB>, walBytes: number): Promise<boolean> {
  if ((await walSinceCheckpoint(db)) < walBytes) return false;
  await sql`checkpoint`.execute(db);
  return true;
}

/** Something that calls tick now and then until stopped: setInterval by default, a test's hand otherwise. */
export type Scheduler = (tick: () => Promise<void>, everyMs: number) => () => void;

export const intervalScheduler: Scheduler = (tick, everyMs) => {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    tick().finally(() => (running = false));
  }, everyMs);
  // A timer must not keep a finished process (a CLI command, a test) alive.
  timer.unref();
  return () => clearInterval(timer);
};

export type RepeatingJob = { stop(): void };

/**
 * Runs `work` every interval until stopped, for the embedded database's housekeeping. A failed run is
 * reported and tried again at the next tick: it costs a longer restart or a slower plan, never a request.
 */
export function startRepeating(work: () => Promise<unknown>, everyMs: number, schedule: Scheduler, failure: string): RepeatingJob {
  let stopped = false;
  const stop = schedule(async () => {
    if (stopped) return;
    try {
      await work();
    } catch (error) {
      // Busy (a long transaction, such as the first start's demo seeding, held the one connection past
      // the queue's wait): simply the next tick's turn. Anything else is worth a line in the log.
      if (!stopped && (error as { code?: string }).code !== '57P03') console.error(`${failure}; trying again later:`, (error as Error).message);
    }
  }, everyMs);
  return {
    stop: () => {
      stopped = true;
      stop();
    },
  };
}

export type Checkpointer = RepeatingJob;

/** Starts checkpointing a PGlite database in a data directory. */
export function startCheckpointer<DB>(db: Kysely<DB>, policy: CheckpointPolicy = defaultCheckpointPolicy, schedule: Scheduler = intervalScheduler): Checkpointer {
  return startRepeating(() => checkpointIfDue(db, policy.walBytes), policy.everyMs, schedule, 'Embedded database checkpoint failed');
}

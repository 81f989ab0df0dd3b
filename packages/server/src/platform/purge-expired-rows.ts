// Working rows that have done their job are deleted, so that what grows with time does not grow for
// ever (issue 12: 80 MB of idempotency keys after 39,000 writes). Only working rows: nothing here is
// part of the record or the audit (their tables refuse DELETE anyway).
//
// - idempotency keys and page form ids, once past their replay window (48 h by default, and always a
//   day longer than a held form lives, since a held form comes back carrying its form id);
// - sessions a week after they expired (a form posted with an expired session's token is held for
//   the token's owner, found through the session row: a week covers a form left open over a long weekend);
// - sign-in throttle rows that are spent (their lock has run out, or their window passed without one):
//   the next attempt would start them afresh anyway, so deleting one changes nothing;
// - held forms past their expiry;
// - durable jobs a month after they finished (done, failed or cancelled): kept that long to see what ran.
//
// The database is shared by every instance, so one purge runs at a time (a transaction-level advisory
// lock: an instance that finds it taken leaves the work to the holder), and it deletes in batches, each
// its own short transaction, so that on PGlite's single connection a request waits for one batch at most.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The purge's advisory lock key: "HWPU" in ASCII (the sealer's is "HWAU"). */
export const purgeLockKey = 0x48575055;

export type PurgeSettings = {
  idempotencyKeyHours: number;
  heldFormHours: number;
  signInLockMinutes: number;
};

/** How long a finished job is kept. */
export const finishedJobKeepDays = 30;

/** How long a session row is kept after it expired. */
export const sessionKeepDays = 7;

const hour = 3_600_000;

/** The replay window actually kept: the setting, but never shorter than a held form's life and a day. */
export const idempotencyKeyLifeMs = (settings: Pick<PurgeSettings, 'idempotencyKeyHours' | 'heldFormHours'>) =>
  Math.max(settings.idempotencyKeyHours, settings.heldFormHours + 24) * hour;

type Purge = { table: keyof Database & string; expired: (now: Date) => RawBuilder<unknown> };

function purges(settings: PurgeSettings): Purge[] {
  const lockMs = settings.signInLockMinutes * 60_000;
  const spent = (now: Date) =>
    sql`(locked_until is not null and locked_until <= ${now}) or (locked_until is null and window_started_at < ${new Date(now.getTime() - lockMs)})`;
  return [
    { table: 'idempotency_keys', expired: (now) => sql`created_at < ${new Date(now.getTime() - idempotencyKeyLifeMs(settings))}` },
    { table: 'sessions', expired: (now) => sql`expires_at < ${new Date(now.getTime() - sessionKeepDays * 24 * hour)}` },
    { table: 'sign_in_throttle', expired: spent },
    { table: 'sign_in_client_throttle', expired: spent },
    { table: 'held_forms', expired: (now) => sql`expires_at <= ${now}` },
    { table: 'jobs', expired: (now) => sql`status in ('done', 'failed', 'cancelled') and finished_at < ${new Date(now.getTime() - finishedJobKeepDays * 24 * hour)}` },
  ];
}

export type PurgeResult = { ran: boolean; deleted: Record<string, number> };

/**
 * Deletes every expired working row, `batchSize` rows per transaction. `ran` is false when another
 * instance holds the purge (nothing was deleted here).
 */
export async function purgeExpiredRows(db: Kysely<Database>, settings: PurgeSettings, now: Date, batchSize = 500): Promise<PurgeResult> {
  const deleted: Record<string, number> = {};
  for (const purge of purges(settings)) {
    let count = 0;
    for (;;) {
      const batch = await db.transaction().execute(async (trx) => {
        const lock = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${purgeLockKey}) as locked`.execute(trx);
        if (!lock.rows[0]!.locked) return null;
        // ctid: one statement for every table whatever its key; SKIP LOCKED steps round a row a request holds.
        const result = await sql`
          delete from ${sql.table(purge.table)} where ctid = any (array(
            select ctid from ${sql.table(purge.table)} where ${purge.expired(now)} limit ${batchSize} for update skip locked
          ))
        `.execute(trx);
        return Number(result.numAffectedRows ?? 0);
      });
      if (batch === null) return { ran: false, deleted };
      count += batch;
      if (batch < batchSize) break;
    }
    deleted[purge.table] = count;
  }
  return { ran: true, deleted };
}

type Log = { error(obj: unknown, msg?: string): void };

export type PurgeJob = { stop(): Promise<void> };

/** Purges every `everyMs` (and once soon after start); a failed run is logged and tried at the next. */
export function startPurgeJob(db: Kysely<Database>, settings: PurgeSettings & { purgeIntervalMs: number; now: () => Date }, log: Log = console): PurgeJob {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = purgeExpiredRows(db, settings, settings.now())
      .catch((error: unknown) => log.error({ err: error }, 'purge of expired rows failed; it will try again'))
      .finally(() => (running = null));
  };
  if (settings.purgeIntervalMs <= 0) return { stop: async () => {} };
  const first = setTimeout(tick, Math.min(settings.purgeIntervalMs, 60_000));
  const timer = setInterval(tick, settings.purgeIntervalMs);
  first.unref();
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}

// The database's time as a clock (`select now()`): every instance's timers agree on when "now" is,
// whatever each machine's own clock says. Read once at start and again every few seconds; between
// readings it runs on from the last offset (a synchronous clock, as the job runner needs). While the
// database cannot be reached the last offset is kept: the runner cannot claim anything meanwhile anyway.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export type DatabaseClock = { now: () => Date; stop(): void };

async function offsetOf(db: Kysely<Database>): Promise<number> {
  const before = Date.now();
  const { rows } = await sql<{ now: Date | string }>`select now() as now`.execute(db);
  const after = Date.now();
  return new Date(rows[0]!.now).getTime() - (before + after) / 2;
}

export async function startDatabaseClock(db: Kysely<Database>, o: { refreshMs?: number; log?: { warn(o: unknown, message: string): void } } = {}): Promise<DatabaseClock> {
  let offset = await offsetOf(db);
  const timer = setInterval(() => {
    offsetOf(db)
      .then((next) => {
        offset = next;
      })
      .catch((error: unknown) => o.log?.warn({ err: error }, 'could not read the database clock; keeping the last offset'));
  }, o.refreshMs ?? 10_000);
  timer.unref();
  return { now: () => new Date(Date.now() + offset), stop: () => clearInterval(timer) };
}

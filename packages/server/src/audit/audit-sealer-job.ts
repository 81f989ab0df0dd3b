// The sealer as a job of the running app: every second or so it seals what has been written and,
// at most every ten seconds, appends a signed checkpoint of the newest batch it sealed itself. Every
// instance runs one; the advisory lock in sealAuditLog lets one seal at a time, so they share the
// work, and each signs only batches whose hash it computed. Events wait in the table (durable) until
// sealed, so after a crash the next run of any instance seals them.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AuditBatch } from './audit-batch.ts';
import { appendCheckpoint, loadOrCreateSigningKey, signCheckpoint, type CheckpointSigner } from './audit-checkpoints.ts';
import { sealAuditLog, type SealResult } from './seal-audit-log.ts';

export type AuditSealerSettings = {
  auditSealIntervalMs: number;
  auditCheckpointFile: string;
  auditSigningKeyFile: string;
  auditCheckpointIntervalMs: number;
};

type Log = { error(obj: unknown, msg?: string): void; info?(obj: unknown, msg?: string): void };

export type AuditSealer = {
  /** Seals now (waiting for a run in progress first) and checkpoints what it sealed. */
  sealNow(): Promise<SealResult>;
  /** Stops the timer, then seals and checkpoints once more, so a clean shutdown leaves nothing behind. */
  stop(): Promise<void>;
};

export async function startAuditSealer(db: Kysely<Database>, settings: AuditSealerSettings, log: Log = console): Promise<AuditSealer> {
  const signer: CheckpointSigner = await loadOrCreateSigningKey(settings.auditSigningKeyFile);
  let unCheckpointed: AuditBatch | null = null;
  let lastCheckpointAt = 0;
  let running: Promise<SealResult> | null = null;
  let stopped = false;

  const checkpoint = async (force: boolean) => {
    if (!unCheckpointed || (!force && Date.now() - lastCheckpointAt < settings.auditCheckpointIntervalMs)) return;
    const batch = unCheckpointed;
    await appendCheckpoint(settings.auditCheckpointFile, signCheckpoint(signer, batch, new Date()));
    lastCheckpointAt = Date.now();
    if (unCheckpointed === batch) unCheckpointed = null;
  };

  const run = (force: boolean): Promise<SealResult> => {
    running ??= (async () => {
      try {
        const result = await sealAuditLog(db);
        if (result.batches.length) unCheckpointed = result.batches[result.batches.length - 1]!;
        await checkpoint(force);
        return result;
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const tick = () => {
    if (running || stopped) return;
    // A database that cannot be reached must not stop the app; the events wait for the next run.
    run(false).catch((error: unknown) => log.error({ err: error }, 'audit sealer: this run failed; it will try again'));
  };
  const timer = settings.auditSealIntervalMs > 0 ? setInterval(tick, settings.auditSealIntervalMs) : null;
  timer?.unref();

  return {
    sealNow: async () => {
      if (running) await running.catch(() => {});
      return run(true);
    },
    stop: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      if (running) await running.catch(() => {});
      await run(true).catch((error: unknown) => log.error({ err: error }, 'audit sealer: the last run before stopping failed; the events will be sealed at the next start'));
    },
  };
}

// Helpers for the access audit's tests: change the audit as someone with the database owner's rights
// could, seal it on demand, and keep its checkpoints in a directory of the test's own.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/db/schema.ts';
import { loadCheckpointVerifier } from '../src/audit/audit-checkpoints.ts';
import { startAuditSealer, type AuditSealerSettings } from '../src/audit/audit-sealer-job.ts';
import { sealAuditLog } from '../src/audit/seal-audit-log.ts';
import { verifyAuditLog, type AuditVerifyReport, type VerifyAuditOptions } from '../src/audit/verify-audit-log.ts';

/** Triggers off, change, triggers on: what only the database owner (or a superuser) can do. */
export async function behindTheTriggers(db: Kysely<Database>, change: (db: Kysely<Database>) => Promise<unknown>): Promise<void> {
  await sql`alter table audit_events disable trigger user; alter table audit_batches disable trigger user`.execute(db);
  try {
    await change(db);
  } finally {
    await sql`alter table audit_events enable trigger user; alter table audit_batches enable trigger user`.execute(db);
  }
}

let saved = 0;

/**
 * Keeps a copy of some rows (in a table of their own, so every stored value, microseconds included,
 * comes back exactly) and returns what puts them back, behind the triggers.
 */
export async function keepRows(db: Kysely<Database>, table: 'audit_events' | 'audit_batches', where = sql`true`): Promise<() => Promise<void>> {
  saved += 1;
  const copy = sql.table(`kept_${table}_${saved}`);
  await sql`create table ${copy} as select * from ${sql.table(table)} where ${where}`.execute(db);
  return async () => {
    await behindTheTriggers(db, async (d) => {
      if (table === 'audit_batches') await sql`delete from audit_batches`.execute(d);
      else await sql`delete from audit_events where id in (select id from ${copy})`.execute(d);
      await sql`insert into ${sql.table(table)} select * from ${copy}`.execute(d);
    });
    await sql`drop table ${copy}`.execute(db);
  };
}

export type CheckpointDir = AuditSealerSettings & { dir: string; remove(): Promise<void> };

/** A data directory for the sealer's key and checkpoints, removed at the end of the test file. */
export async function checkpointDir(): Promise<CheckpointDir> {
  const dir = await mkdtemp(join(tmpdir(), 'homeward-audit-'));
  return {
    dir,
    auditSealIntervalMs: 0,
    auditCheckpointFile: join(dir, 'audit-checkpoints.jsonl'),
    auditSigningKeyFile: join(dir, 'audit-signing-key.pem'),
    auditCheckpointIntervalMs: 0,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Seals everything and writes a signed checkpoint of the head, as the running app does. */
export async function sealWithCheckpoint(db: Kysely<Database>, dir: CheckpointDir): Promise<void> {
  const sealer = await startAuditSealer(db, dir, { error: (e) => console.error(e) });
  await sealer.stop();
}

export async function verifyWithCheckpoints(db: Kysely<Database>, dir: CheckpointDir, options: VerifyAuditOptions = {}): Promise<AuditVerifyReport> {
  const verifier = await loadCheckpointVerifier({ keyFile: dir.auditSigningKeyFile });
  return verifyAuditLog(db, { checkpoints: { file: dir.auditCheckpointFile, verifier }, ...options });
}

/** Seals (no checkpoint) and verifies: what most tests need. */
export async function sealAndVerify(db: Kysely<Database>): Promise<AuditVerifyReport> {
  const sealed = await sealAuditLog(db);
  if (sealed.deferred) throw new Error('the sealer was deferred: another sealer, or a transaction left open');
  return verifyAuditLog(db);
}

export const problemMessages = (report: AuditVerifyReport): string[] => report.problems.map((p) => p.message);

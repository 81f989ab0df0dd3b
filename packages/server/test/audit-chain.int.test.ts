// The access audit cannot be quietly changed: the database refuses updates, deletes and truncation,
// and a change made behind its back (triggers disabled) breaks the hash chain at the event changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely, type Selectable } from 'kysely';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { AuditEventsTable, Database } from '../src/db/schema.ts';
import { chainHash } from '../src/audit/audit-event.ts';
import { recordAuditEvent } from '../src/audit/record-audit-event.ts';
import { verifyAuditChain } from '../src/audit/verify-audit-chain.ts';
import { bootTestApp, createClock, patientDetails, seedTestService, signIn, type TestApp } from './test-app.ts';
import { testEngine } from './test-database.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs the audit:verify command line as an operator would, against the database the env names. */
function runAuditVerify(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(join(repoRoot, 'node_modules/.bin/node'), ['packages/server/src/cli/audit-verify.ts'], { cwd: repoRoot, env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Changes the audit as someone with the database owner's rights could: triggers off, change, triggers on. */
async function behindTheTriggers(db: Kysely<Database>, change: (db: Kysely<Database>) => Promise<unknown>): Promise<void> {
  await sql`alter table audit_events disable trigger user`.execute(db);
  try {
    await change(db);
  } finally {
    await sql`alter table audit_events enable trigger user`.execute(db);
  }
}

const headSeq = async (db: Kysely<Database>) => (await db.selectFrom('audit_chain_head').select('seq').executeTakeFirstOrThrow()).seq;

/** A little of everything that is audited: registration, searches, reads, a refusal, a break-glass. */
async function someActivity(t: Pick<TestApp, 'app' | 'service'>, nhsNumber = '9434765919'): Promise<string> {
  const therapist = await signIn(t.app, t.service.a['registered-therapist']);
  const outsider = await signIn(t.app, t.service.otherTeamTherapist);
  const created = await therapist.post('/api/patients', patientDetails({ nhsNumber }));
  expect(created.statusCode).toBe(201);
  const id = created.json().id as string;
  expect((await therapist.get(`/api/patients/${id}`)).statusCode).toBe(200);
  expect((await outsider.get(`/api/patients?nhsNumber=${nhsNumber}`)).statusCode).toBe(200);
  expect((await outsider.get(`/api/patients/${id}`)).statusCode).toBe(403);
  expect((await outsider.post(`/api/patients/${id}/break-glass`, { reason: 'Covering another team', detail: '' })).statusCode).toBe(201);
  expect((await outsider.get(`/api/patients/${id}`)).statusCode).toBe(200);
  return id;
}

describe('access audit chain', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootTestApp();
    await someActivity(t);
  });
  afterAll(() => t.close());

  it('verifies after ordinary activity, event for event', async () => {
    const rows = await t.db.selectFrom('audit_events').select(['seq', 'action', 'outcome']).orderBy('seq').execute();
    expect(rows.map((r) => `${r.action}:${r.outcome}`)).toEqual([
      'sign-in:allowed',
      'sign-in:allowed',
      'write:allowed',
      'read:allowed',
      'search:allowed',
      'read:refused',
      'break-glass:allowed',
      'read:allowed',
    ]);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, events: rows.length });
    expect(await headSeq(t.db)).toBe(rows.length);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    const appendOnly = /append-only/;
    await expect(sql`update audit_events set reason = 'nothing to see' where seq = 1`.execute(t.db)).rejects.toThrow(appendOnly);
    await expect(t.db.updateTable('audit_events').set({ outcome: 'allowed' }).where('outcome', '=', 'refused').execute()).rejects.toThrow(/UPDATE on audit_events is not allowed/);
    await expect(t.db.deleteFrom('audit_events').where('seq', '=', 1).execute()).rejects.toThrow(/DELETE on audit_events is not allowed/);
    await expect(sql`truncate audit_events`.execute(t.db)).rejects.toThrow(/TRUNCATE on audit_events is not allowed/);
    // The refusal carries Homeward's own SQLSTATE, so it can be told apart from any other failure.
    const refused = await t.db.deleteFrom('audit_events').execute().catch((e: unknown) => e as { code?: string });
    expect(refused).toMatchObject({ code: 'HW001' });
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('leaves no trace of an audit written in a transaction that rolled back', async () => {
    const before = await headSeq(t.db);
    await expect(
      t.db.transaction().execute(async (trx) => {
        await recordAuditEvent(trx, { staffId: null, staffRole: null, action: 'write', outcome: 'allowed', recordKind: 'patient' }, t.clock.now());
        throw new Error('the write failed after its audit');
      }),
    ).rejects.toThrow('the write failed');
    expect(await headSeq(t.db)).toBe(before);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, events: before });
  });

  it('detects a reason changed with the triggers disabled, at the event changed, and passes again once it is put back', async () => {
    const target = await t.db.selectFrom('audit_events').select(['seq', 'reason']).where('action', '=', 'break-glass').where('outcome', '=', 'allowed').executeTakeFirstOrThrow();
    expect(target.reason).toBe('Covering another team');
    await behindTheTriggers(t.db, (db) => db.updateTable('audit_events').set({ reason: 'Routine visit' }).where('seq', '=', target.seq).execute());
    const report = await verifyAuditChain(t.db);
    expect(report).toEqual({ ok: false, events: target.seq - 1, brokenAt: target.seq, problem: `event ${target.seq} has been altered` });
    // The triggers are back on: the tampering cannot be undone by the ordinary route either.
    await expect(t.db.updateTable('audit_events').set({ reason: target.reason }).where('seq', '=', target.seq).execute()).rejects.toThrow(/append-only/);
    await behindTheTriggers(t.db, (db) => db.updateTable('audit_events').set({ reason: target.reason }).where('seq', '=', target.seq).execute());
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('detects a rewritten event whose own hash was recomputed, at the event after it', async () => {
    // Someone who knows the algorithm rewrites event 3 and its hash: event 4 still links to the old hash.
    const original = await t.db.selectFrom('audit_events').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
    const forged = { ...original, outcome: 'refused' as const };
    const forgedHash = chainHash({
      seq: forged.seq,
      id: forged.id,
      occurredAt: forged.occurred_at,
      staffId: forged.staff_id,
      staffRole: forged.staff_role,
      action: forged.action,
      outcome: forged.outcome,
      patientId: forged.patient_id,
      recordKind: forged.record_kind,
      recordId: forged.record_id,
      reason: forged.reason,
      ip: forged.ip,
      userAgent: forged.user_agent,
      requestId: forged.request_id,
      detail: forged.detail,
      prevHash: forged.prev_hash,
    });
    await behindTheTriggers(t.db, (db) => db.updateTable('audit_events').set({ outcome: 'refused', hash: forgedHash }).where('seq', '=', 3).execute());
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, events: 3, brokenAt: 4, problem: 'event 4 does not link to the event before it' });
    await behindTheTriggers(t.db, (db) => db.updateTable('audit_events').set({ outcome: original.outcome, hash: original.hash }).where('seq', '=', 3).execute());
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('detects the last event deleted with the triggers disabled, and an event missing from the middle', async () => {
    const last = await headSeq(t.db);
    const saved = await t.db.selectFrom('audit_events').selectAll().where('seq', '=', last).executeTakeFirstOrThrow();
    await behindTheTriggers(t.db, (db) => db.deleteFrom('audit_events').where('seq', '=', last).execute());
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, events: last - 1, brokenAt: last, problem: 'events after the last one found have been removed' });
    await t.db.insertInto('audit_events').values(asInsert(saved)).execute();
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, events: last });

    const middle = await t.db.selectFrom('audit_events').selectAll().where('seq', '=', 4).executeTakeFirstOrThrow();
    await behindTheTriggers(t.db, (db) => db.deleteFrom('audit_events').where('seq', '=', 4).execute());
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, events: 3, brokenAt: 4, problem: 'event 4 is missing' });
    await t.db.insertInto('audit_events').values(asInsert(middle)).execute();
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, events: last });
  });

  it.skipIf(testEngine !== 'postgres')('keeps one unbroken chain when two app instances write to one PostgreSQL database at once', async () => {
    const second = await t.testDb.open();
    const app2 = await buildApp({ db: second.db, config: t.config, logger: false });
    try {
      await app2.ready();
      const id = await t.db.selectFrom('patients').select('id').where('nhs_number', '=', '9434765919').executeTakeFirstOrThrow();
      const one = await signIn(t.app, t.service.a['registered-therapist']);
      const two = await signIn(app2, t.service.a['clinical-lead']);
      const before = await headSeq(t.db);
      const reads = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? one : two).get(`/api/patients/${id.id}`)));
      expect(reads.map((r) => r.statusCode)).toEqual(Array(50).fill(200));
      const written = await t.db.selectFrom('audit_events').select(['seq', 'staff_id']).where('seq', '>', before).orderBy('seq').execute();
      expect(written).toHaveLength(50);
      expect(written.filter((r) => r.staff_id === two.staff.id)).toHaveLength(25);
      const all = await t.db.selectFrom('audit_events').select('seq').orderBy('seq').execute();
      expect(all.map((r) => r.seq)).toEqual(all.map((_, i) => i + 1));
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, events: all.length });
      expect(await headSeq(t.db)).toBe(all.length);
    } finally {
      await app2.close();
    }
  });

  it.skipIf(testEngine !== 'postgres')('runs npm run audit:verify against PostgreSQL when DATABASE_URL is set', async () => {
    const intact = await runAuditVerify({ DATABASE_URL: t.testDb.url! });
    expect(intact.stdout).toMatch(/^Audit chain intact: \d+ events verified\.$/m);
    expect(intact.code).toBe(0);
  });
});

describe('npm run audit:verify on an embedded (PGlite) data directory', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'homeward-audit-verify-'));
    // A small app of its own on the data directory, closed before the command line opens it
    // (PGlite is one process's database at a time).
    const database = await openDatabase({ engine: 'pglite', dataDir });
    await migrateToLatest(database.db as never);
    const clock = createClock();
    const app = await buildApp({ db: database.db, config: loadConfig({}, { now: clock.now }), logger: false });
    await app.ready();
    const service = await seedTestService(database.db, clock.now());
    await someActivity({ app, service }, '4010232137');
    await app.close();
    await database.close();
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('says the chain is intact and exits 0, then exits 1 naming the event once one is altered', async () => {
    const intact = await runAuditVerify({ HOMEWARD_DATA_DIR: dataDir });
    expect(intact.stderr).toBe('');
    expect(intact.stdout).toMatch(/^Audit chain intact: 8 events verified\.$/m);
    expect(intact.code).toBe(0);

    const database = await openDatabase({ engine: 'pglite', dataDir });
    await behindTheTriggers(database.db, (db) => db.updateTable('audit_events').set({ outcome: 'allowed' }).where('seq', '=', 6).execute());
    await database.close();

    const broken = await runAuditVerify({ HOMEWARD_DATA_DIR: dataDir });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('AUDIT CHAIN BROKEN at event 6: event 6 has been altered (5 events verified before it).');
    expect(broken.stdout).not.toContain('intact');
  });
});

function asInsert(row: Selectable<AuditEventsTable>) {
  return { ...row, detail: JSON.stringify(row.detail) };
}

// The access audit cannot be quietly changed: the database refuses updates, deletes and truncation;
// a change made behind its back (triggers disabled) is found at the event or batch changed, and every
// such break is reported, not only the first; a rewrite consistent from end to end inside the
// database is caught by the signed checkpoints outside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { sql, type Kysely, type Selectable } from 'kysely';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { AuditEventsTable, Database } from '../db/schema.ts';
import { batchHash, findLatestAuditBatch, readAuditBatches, type StoredAuditBatch } from '../audit/audit-batch.ts';
import { MerkleTreeHash } from '../audit/merkle-tree.ts';
import { recordAuditEvent } from '../platform/record-audit-event.ts';
import { sealAuditLog } from '../audit/seal-audit-log.ts';
import { readSealedEventLeaves, sealedEventColumns } from '../audit/sealed-event-leaves.ts';
import { verifyAuditLog } from '../audit/verify-audit-log.ts';
import { behindTheTriggers, checkpointDir, keepRows, problemMessages, sealAndVerify, sealWithCheckpoint, verifyWithCheckpoints, type CheckpointDir } from '../../test/audit-log-helpers.ts';
import { bootTestApp, createClock, patientDetails, seedTestService, signIn, type TestApp } from '../../test/test-app.ts';
import { testEngine } from '../../test/test-database.ts';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Runs the audit:verify command line as an operator would, against the database the env names. */
function runAuditVerify(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(join(repoRoot, 'node_modules/.bin/node'), ['packages/server/src/cli/audit-verify.ts', ...args], { cwd: repoRoot, env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const lastSeq = async (db: Kysely<Database>) => Number((await db.selectFrom('audit_events').select((eb) => eb.fn.max('seq').as('n')).executeTakeFirstOrThrow()).n ?? 0);

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

/**
 * What someone who knows the algorithm and can disable triggers would do to cover a change: recompute
 * the batch from the events as they now are, and relink every batch after it.
 */
async function forgeBatchesFrom(db: Kysely<Database>, batchNo: number): Promise<void> {
  const all = await readAuditBatches(db, { afterBatch: 0, throughBatch: 10_000 });
  let prev = all.find((b) => b.batchNo === batchNo - 1) ?? null;
  for (const b of all.filter((x) => x.batchNo >= batchNo)) {
    const leaves = await readSealedEventLeaves(db, { afterSeq: b.firstSeq - 1, throughSeq: b.lastSeq });
    const tree = new MerkleTreeHash();
    for (const leaf of leaves) tree.push(leaf.hash);
    const fields = { ...b, eventCount: leaves.length, merkleRoot: tree.root().toString('hex'), treeSize: (prev?.treeSize ?? 0) + leaves.length, prevHash: prev?.hash ?? 'genesis' };
    const { leafHashes: _l, hash: _h, ...unhashed } = fields;
    const forged: StoredAuditBatch = { ...fields, hash: batchHash(unhashed), leafHashes: Buffer.concat(leaves.map((l) => l.hash)) };
    await db
      .updateTable('audit_batches')
      .set({ event_count: forged.eventCount, merkle_root: forged.merkleRoot, leaf_hashes: Buffer.from(forged.leafHashes), tree_size: forged.treeSize, prev_hash: forged.prevHash, hash: forged.hash })
      .where('batch_no', '=', b.batchNo)
      .execute();
    prev = forged;
  }
}

const allBatches = (db: Kysely<Database>) => db.selectFrom('audit_batches').select(['batch_no', 'first_seq', 'last_seq']).orderBy('batch_no').execute();

function asInsert(row: Selectable<AuditEventsTable>) {
  return { ...row, detail: JSON.stringify(row.detail) };
}

describe('access audit: sealed batches', () => {
  let t: TestApp;
  let checkpoints: CheckpointDir;

  beforeAll(async () => {
    t = await bootTestApp();
    checkpoints = await checkpointDir();
    await someActivity(t);
  });
  afterAll(async () => {
    await t.close();
    await checkpoints.remove();
  });

  it('seals ordinary activity into a batch and verifies it, event for event', async () => {
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
    expect(await verifyAuditLog(t.db)).toMatchObject({ ok: true, events: 0, batches: 0, unsealedEvents: 8 });
    await sealWithCheckpoint(t.db, checkpoints);
    const report = await verifyWithCheckpoints(t.db, checkpoints);
    expect(report).toMatchObject({ ok: true, events: 8, batches: 1, checkpoints: 1, unsealedEvents: 0, problems: [] });
    expect(report.head).toMatchObject({ batchNo: 1, firstSeq: 1, lastSeq: 8, eventCount: 8, treeSize: 8, absentSeqs: [] });
  });

  it('covers every column of an event, so none can be changed unseen', async () => {
    const { rows } = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'audit_events' and table_schema = current_schema()`.execute(t.db);
    expect(rows.map((r) => r.column_name).sort()).toEqual([...sealedEventColumns].sort());
  });

  it('refuses UPDATE, DELETE and TRUNCATE of events and batches in the database itself', async () => {
    for (const table of ['audit_events', 'audit_batches'] as const) {
      await expect(sql`update ${sql.table(table)} set ${sql.ref(table === 'audit_events' ? 'reason' : 'hash')} = 'x'`.execute(t.db)).rejects.toThrow(new RegExp(`UPDATE on ${table} is not allowed`));
      await expect(sql`delete from ${sql.table(table)}`.execute(t.db)).rejects.toThrow(new RegExp(`DELETE on ${table} is not allowed`));
      await expect(sql`truncate ${sql.table(table)}`.execute(t.db)).rejects.toThrow(new RegExp(`TRUNCATE on ${table} is not allowed`));
    }
    // The refusal carries Homeward's own SQLSTATE, so it can be told apart from any other failure.
    const refused = await t.db.deleteFrom('audit_events').execute().catch((e: unknown) => e as { code?: string });
    expect(refused).toMatchObject({ code: 'HW001' });
    expect(await sealAndVerify(t.db)).toMatchObject({ ok: true });
  });

  it('numbers every event itself: an INSERT cannot choose a number, not even one left free', async () => {
    const before = await lastSeq(t.db);
    const row = await t.db.selectFrom('audit_events').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
    await t.db.insertInto('audit_events').values({ ...asInsert(row), id: '0190f5c2-0000-7000-8000-00000000abcd', seq: 3 }).execute();
    const inserted = await t.db.selectFrom('audit_events').select('seq').where('id', '=', '0190f5c2-0000-7000-8000-00000000abcd').executeTakeFirstOrThrow();
    expect(inserted.seq).toBe(before + 1);
    expect(await sealAndVerify(t.db)).toMatchObject({ ok: true });
  });

  it('seals the number of an audit whose transaction rolled back as unused, and stays intact', async () => {
    const before = await lastSeq(t.db);
    await expect(
      t.db.transaction().execute(async (trx) => {
        await recordAuditEvent(trx, { staffId: null, staffRole: null, action: 'write', outcome: 'allowed', recordKind: 'patient' }, t.clock.now());
        throw new Error('the write failed after its audit');
      }),
    ).rejects.toThrow('the write failed');
    await recordAuditEvent(t.db, { staffId: null, staffRole: null, action: 'read', outcome: 'allowed', recordKind: 'patient' }, t.clock.now());
    expect(await lastSeq(t.db)).toBe(before + 2);
    expect(await sealAndVerify(t.db)).toMatchObject({ ok: true, problems: [] });
    expect((await findLatestAuditBatch(t.db))!.absentSeqs).toEqual([before + 1]);
  });

  it('still verifies after anyone signed in asks for a patient\'s audit with the id in upper case (issue 9 #3)', async () => {
    const therapist = await signIn(t.app, t.service.a['registered-therapist']);
    const id = (await t.db.selectFrom('patients').select('id').executeTakeFirstOrThrow()).id;
    const refused = await therapist.get(`/api/audit/patients/${id.toUpperCase()}/events`);
    expect(refused.statusCode).toBe(403);
    const stored = await t.db.selectFrom('audit_events').select('patient_id').where('outcome', '=', 'refused').where('record_kind', '=', 'audit').executeTakeFirstOrThrow();
    expect(stored.patient_id).toBe(id);
    expect(await sealAndVerify(t.db)).toMatchObject({ ok: true, problems: [] });
  });

  it('finds a reason changed behind the triggers, at the event changed, and passes again once it is put back', async () => {
    const target = await t.db.selectFrom('audit_events').select(['seq', 'reason']).where('action', '=', 'break-glass').where('outcome', '=', 'allowed').executeTakeFirstOrThrow();
    expect(target.reason).toBe('Covering another team');
    await behindTheTriggers(t.db, (db) => db.updateTable('audit_events').set({ reason: 'Routine visit' }).where('seq', '=', target.seq).execute());
    const report = await verifyAuditLog(t.db);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ kind: 'event-altered', batch: 1, seq: target.seq, message: `event ${target.seq} has been altered since it was sealed in batch 1` }]);
    expect(report.verifiedThrough).toBeNull();
    // The triggers are back on: the tampering cannot be undone by the ordinary route either.
    await expect(t.db.updateTable('audit_events').set({ reason: target.reason }).where('seq', '=', target.seq).execute()).rejects.toThrow(/append-only/);
    await behindTheTriggers(t.db, (db) => db.updateTable('audit_events').set({ reason: target.reason }).where('seq', '=', target.seq).execute());
    expect(await verifyAuditLog(t.db)).toMatchObject({ ok: true });
  });

  it('reports every break and carries on: events altered and removed in different batches, and a batch removed', async () => {
    const batches = await allBatches(t.db);
    expect(batches.length).toBeGreaterThanOrEqual(3);
    const [first, second, third] = batches;
    const newest = await lastSeq(t.db);
    const putBatchesBack = await keepRows(t.db, 'audit_batches');
    const putEventsBack = await keepRows(t.db, 'audit_events', sql`seq in (2, 6, ${newest})`);
    await behindTheTriggers(t.db, async (db) => {
      await db.updateTable('audit_events').set({ outcome: 'allowed', ip: '10.0.0.1' }).where('seq', '=', 6).execute();
      await db.deleteFrom('audit_events').where('seq', 'in', [2, newest]).execute();
      await db.deleteFrom('audit_batches').where('batch_no', '=', second!.batch_no).execute();
    });
    const report = await verifyAuditLog(t.db);
    expect(report.ok).toBe(false);
    expect(problemMessages(report)).toEqual([
      `event 2 (sealed in batch ${first!.batch_no}) is missing`,
      `event 6 has been altered since it was sealed in batch ${first!.batch_no}`,
      `batch ${second!.batch_no} is missing`,
      `batch ${third!.batch_no} covers events ${third!.first_seq} to ${third!.last_seq}, but the batch before it ended at event ${first!.last_seq}`,
      `batch ${third!.batch_no} does not link to the batch before it`,
      ...Array.from({ length: second!.last_seq - second!.first_seq + 1 }, (_, i) => `event ${second!.first_seq + i} lies between sealed batches but is in none of them`),
      `event ${newest} (sealed in batch ${batches.at(-1)!.batch_no}) is missing`,
    ]);
    expect(report.problemCount).toBe(report.problems.length);

    await putBatchesBack();
    await putEventsBack();
    expect(await verifyAuditLog(t.db)).toMatchObject({ ok: true, problems: [] });
  });

  it('finds an event slipped in behind the triggers under a number sealed as unused', async () => {
    const batch = (await readAuditBatches(t.db, { afterBatch: 0, throughBatch: 100 })).find((b) => b.absentSeqs.length > 0)!;
    const unused = batch.absentSeqs[0]!;
    const template = await t.db.selectFrom('audit_events').selectAll().where('seq', '=', 1).executeTakeFirstOrThrow();
    await behindTheTriggers(t.db, (db) => db.insertInto('audit_events').values({ ...asInsert(template), id: '0190f5c2-0000-7000-8000-00000000beef', seq: unused }).execute());
    expect(problemMessages(await verifyAuditLog(t.db))).toEqual([`event ${unused} appeared after batch ${batch.batchNo} sealed its number as unused`]);
    await behindTheTriggers(t.db, (db) => db.deleteFrom('audit_events').where('seq', '=', unused).execute());
    expect(await verifyAuditLog(t.db)).toMatchObject({ ok: true });
  });

  it('finds an event given a number the database never handed out, without walking every number up to it', async () => {
    const template = await t.db.selectFrom('audit_events').selectAll().where('seq', '=', 1).executeTakeFirstOrThrow();
    const farOff = 9_000_000_000_000;
    await behindTheTriggers(t.db, (db) => db.insertInto('audit_events').values({ ...asInsert(template), id: '0190f5c2-0000-7000-8000-00000000f00d', seq: farOff }).execute());
    const report = await verifyAuditLog(t.db);
    expect(report.problems.map((p) => [p.kind, p.seq])).toEqual([['event-beyond-sequence', farOff]]);
    expect(report.unsealedEvents).toBe(1);
    await behindTheTriggers(t.db, (db) => db.deleteFrom('audit_events').where('seq', '=', farOff).execute());
    expect(await verifyAuditLog(t.db)).toMatchObject({ ok: true });
  });

  it('finds a rewritten event whose batch was recomputed at the next batch; and a rewrite relinked to the end only by the checkpoints', async () => {
    await recordAuditEvent(t.db, { staffId: null, staffRole: null, action: 'read', outcome: 'allowed' }, t.clock.now());
    await sealWithCheckpoint(t.db, checkpoints);
    const batches = await allBatches(t.db);
    const putBatchesBack = await keepRows(t.db, 'audit_batches');
    const putEventBack = await keepRows(t.db, 'audit_events', sql`seq = 3`);

    await behindTheTriggers(t.db, async (db) => {
      await db.updateTable('audit_events').set({ outcome: 'refused' }).where('seq', '=', 3).execute();
      // Batch 1 recomputed; the batches after it left as they were.
      const later = await db.selectFrom('audit_batches').select(['batch_no', 'prev_hash', 'hash', 'tree_size']).where('batch_no', '>', 1).execute();
      await forgeBatchesFrom(db, 1);
      for (const r of later) await db.updateTable('audit_batches').set({ prev_hash: r.prev_hash, hash: r.hash, tree_size: r.tree_size }).where('batch_no', '=', r.batch_no).execute();
    });
    expect(problemMessages(await verifyAuditLog(t.db))).toEqual(['batch 2 does not link to the batch before it']);

    await behindTheTriggers(t.db, (db) => forgeBatchesFrom(db, 1));
    // Consistent from end to end inside the database...
    expect(await verifyAuditLog(t.db)).toMatchObject({ ok: true });
    // ...but not with what was signed outside it.
    const report = await verifyWithCheckpoints(t.db, checkpoints);
    expect(report.ok).toBe(false);
    expect(report.problems.every((p) => p.kind === 'checkpoint-mismatch')).toBe(true);
    expect(problemMessages(report).at(-1)).toMatch(new RegExp(`^batch ${batches.at(-1)!.batch_no} is not the batch signed in the checkpoint of .*: the sealed audit has been rewritten$`));

    await putEventBack();
    await putBatchesBack();
    expect(await verifyWithCheckpoints(t.db, checkpoints)).toMatchObject({ ok: true });
  });

  it('finds the newest batch and its events removed together only by the checkpoint', async () => {
    const newest = (await allBatches(t.db)).at(-1)!;
    const putBatchesBack = await keepRows(t.db, 'audit_batches');
    const putEventsBack = await keepRows(t.db, 'audit_events', sql`seq >= ${newest.first_seq}`);
    await behindTheTriggers(t.db, async (db) => {
      await db.deleteFrom('audit_events').where('seq', '>=', newest.first_seq).execute();
      await db.deleteFrom('audit_batches').where('batch_no', '=', newest.batch_no).execute();
    });
    expect(await verifyAuditLog(t.db)).toMatchObject({ ok: true });
    expect(problemMessages(await verifyWithCheckpoints(t.db, checkpoints))).toEqual([
      expect.stringMatching(new RegExp(`^checkpoint of .* names batch ${newest.batch_no}, which is not in the database: sealed batches have been removed$`)),
    ]);
    await putBatchesBack();
    await putEventsBack();
    expect(await verifyWithCheckpoints(t.db, checkpoints)).toMatchObject({ ok: true });
  });

  it('verifies incrementally from where the last clean run ended, and notices when that batch has changed', async () => {
    const full = await verifyWithCheckpoints(t.db, checkpoints);
    expect(full).toMatchObject({ ok: true, mode: 'full' });
    await recordAuditEvent(t.db, { staffId: null, staffRole: null, action: 'read', outcome: 'allowed' }, t.clock.now());
    await sealWithCheckpoint(t.db, checkpoints);
    const next = await verifyWithCheckpoints(t.db, checkpoints, { since: full.verifiedThrough });
    expect(next).toMatchObject({ ok: true, mode: 'incremental', events: 1, batches: 1, checkpoints: 1 });
    // A change in the part already verified is beyond an incremental run (that is what --full is
    // for), but the batch it starts from is pinned: if that has changed, the run checks everything.
    const pinned = full.verifiedThrough!;
    const putBatchesBack = await keepRows(t.db, 'audit_batches');
    await behindTheTriggers(t.db, (db) => db.updateTable('audit_batches').set({ sealed_at: new Date('2026-01-01T00:00:00Z') }).where('batch_no', '=', pinned.batch).execute());
    expect(await verifyWithCheckpoints(t.db, checkpoints, { since: next.verifiedThrough })).toMatchObject({ ok: true, mode: 'incremental' });
    const fromPinned = await verifyWithCheckpoints(t.db, checkpoints, { since: pinned });
    expect(fromPinned.mode).toBe('full');
    const messages = problemMessages(fromPinned);
    expect(messages[0]).toMatch(new RegExp(`^batch ${pinned.batch}, verified on .*, is not as it was then; checking everything from the first event$`));
    expect(messages).toContainEqual(expect.stringMatching(new RegExp(`^batch ${pinned.batch} \\(events \\d+ to ${pinned.lastSeq}\\) has been altered$`)));
    await putBatchesBack();
    expect(await verifyWithCheckpoints(t.db, checkpoints, { since: pinned })).toMatchObject({ ok: true, mode: 'incremental' });
  });

  it.skipIf(testEngine !== 'postgres')('seals and verifies while two app instances write to one PostgreSQL database at once: every event in exactly one batch', async () => {
    const second = await t.testDb.open();
    const app2 = await buildApp({ db: second.db, config: t.config, logger: false });
    try {
      await app2.ready();
      const id = await t.db.selectFrom('patients').select('id').where('nhs_number', '=', '9434765919').executeTakeFirstOrThrow();
      const one = await signIn(t.app, t.service.a['registered-therapist']);
      const two = await signIn(app2, t.service.a['clinical-lead']);
      const before = await lastSeq(t.db);
      let writing = true;
      const sealing = (async () => {
        let batches = 0;
        while (writing) batches += (await sealAuditLog(second.db, { maxSeqsPerBatch: 7 })).batches.length;
        return batches;
      })();
      // And verifying all the while: nothing written or sealed during a run may look like a break.
      const verifying = (async () => {
        const problems: string[] = [];
        while (writing) problems.push(...problemMessages(await verifyAuditLog(t.db)));
        return problems;
      })();
      const reads = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? one : two).get(`/api/patients/${id.id}`)));
      writing = false;
      await sealing;
      expect(await verifying).toEqual([]);
      expect(reads.map((r) => r.statusCode)).toEqual(Array(60).fill(200));
      const written = await t.db.selectFrom('audit_events').select(['seq', 'staff_id']).where('seq', '>', before).orderBy('seq').execute();
      expect(written).toHaveLength(60);
      expect(written.filter((r) => r.staff_id === two.staff.id)).toHaveLength(30);
      const report = await sealAndVerify(t.db);
      expect(report).toMatchObject({ ok: true, problems: [], unsealedEvents: 0 });
      const total = Number((await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      expect(report.head!.treeSize).toBe(total);
    } finally {
      await app2.close();
    }
  });

  it.skipIf(testEngine !== 'postgres')('waits for a transaction still holding a number rather than seal past it as unused', async () => {
    const second = await t.testDb.open();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const insideWritten = new Promise<void>((resolve) => (written = resolve));
    const inFlight = second.db.transaction().execute(async (trx) => {
      await recordAuditEvent(trx, { staffId: null, staffRole: null, action: 'write', outcome: 'allowed', recordKind: 'slow-write' }, t.clock.now());
      written();
      await held;
    });
    await insideWritten;
    await recordAuditEvent(t.db, { staffId: null, staffRole: null, action: 'read', outcome: 'allowed', recordKind: 'quick-read' }, t.clock.now());
    const whileHeld = await sealAuditLog(t.db, { settleTimeoutMs: 200 });
    expect(whileHeld).toEqual({ batches: [], deferred: true });
    release();
    await inFlight;
    const report = await sealAndVerify(t.db);
    expect(report).toMatchObject({ ok: true, unsealedEvents: 0 });
    const slow = await t.db.selectFrom('audit_events').select('seq').where('record_kind', '=', 'slow-write').executeTakeFirstOrThrow();
    expect(report.head!.absentSeqs).not.toContain(slow.seq);
    expect(report.head!.lastSeq).toBeGreaterThan(slow.seq);
  });

  it.skipIf(testEngine !== 'postgres')('runs npm run audit:verify against PostgreSQL: seals, checkpoints, verifies, then incrementally', async () => {
    // The data directory the app's sealer signs its checkpoints in.
    const env = { DATABASE_URL: t.testDb.url!, HOMEWARD_DATA_DIR: checkpoints.dir };
    const first = await runAuditVerify(env);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^Audit intact: \d+ events in \d+ batches checked from the first event; \d+ checkpoints checked \(key [0-9a-f]{16}\)\. Head: batch \d+, \d+ events\./m);
    expect(first.code).toBe(0);
    const again = await runAuditVerify(env);
    expect(again.stdout).toMatch(/^Audit intact: 0 events in 0 batches checked since batch \d+ \(verified .*\); --full checks everything;/m);
    expect(again.code).toBe(0);
    // Pointed at a directory with no checkpoints, it says the batches are not anchored, and fails.
    const elsewhere = await runAuditVerify({ ...env, HOMEWARD_DATA_DIR: join(checkpoints.dir, 'elsewhere') });
    expect(elsewhere.stderr).toMatch(/^AUDIT BROKEN: the database has sealed batches up to batch \d+, but .*elsewhere\/audit-checkpoints\.jsonl holds no signed checkpoint of them/m);
    expect(elsewhere.code).toBe(1);
  });
});

describe('npm run audit:verify on an embedded (PGlite) data directory', () => {
  let checkpoints: CheckpointDir;

  beforeAll(async () => {
    checkpoints = await checkpointDir();
    // A small app of its own on the data directory, stopped before the command line opens it (PGlite
    // is one process's database at a time). It never sealed: as after a crash, the events wait.
    const database = await openDatabase({ engine: 'pglite', dataDir: checkpoints.dir });
    await migrateToLatest(database.db as never);
    const clock = createClock();
    const app = await buildApp({ db: database.db, config: loadConfig({}, { now: clock.now, dataDir: checkpoints.dir }), logger: false });
    await app.ready();
    const service = await seedTestService(database.db, clock.now());
    await someActivity({ app, service }, '4010232137');
    await app.close();
    await database.close();
  });
  afterAll(() => checkpoints.remove());

  it('seals what was left unsealed, says the audit is intact and exits 0; then exits 1 naming the event once one is altered', async () => {
    const env = { HOMEWARD_DATA_DIR: checkpoints.dir };
    const intact = await runAuditVerify(env);
    expect(intact.stderr).toBe('');
    expect(intact.stdout).toMatch(/^Audit intact: 8 events in 1 batches checked from the first event; 1 checkpoints checked/m);
    expect(intact.code).toBe(0);

    const database = await openDatabase({ engine: 'pglite', dataDir: checkpoints.dir });
    await behindTheTriggers(database.db, (db) => db.updateTable('audit_events').set({ outcome: 'allowed' }).where('seq', '=', 6).execute());
    await database.close();

    const broken = await runAuditVerify(env, ['--full']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('AUDIT BROKEN: event 6 has been altered since it was sealed in batch 1');
    expect(broken.stderr).toContain('AUDIT BROKEN: 1 problem found; 8 events in 1 batches checked from the first event;');
    expect(broken.stdout).not.toContain('intact');
  });
});

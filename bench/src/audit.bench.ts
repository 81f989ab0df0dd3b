// npm run bench (or npm run bench:audit): what the access audit costs, on PostgreSQL. Prints figures;
// asserts nothing about speed.
//   1. Patient search throughput and latency over HTTP at 1, 8, 32 and 64 concurrent clients, the
//      app in its own process, with the audit sealer running; and how far sealing lags behind.
//      With --audit-before <dir> (a checkout of the code before the sealer, e.g. made with
//      `git archive <commit> | tar -x -C <dir>`, node_modules linked in), the same for that code.
//   2. Sealing and audit:verify over a million events (bulk-inserted): time, and the verifier's peak
//      memory at half and at all of them (flat means bounded), then an incremental run.
// Options: --audit-events 1000000 --audit-clients 1,8,32,64 --audit-seconds 10 --audit-patients 20000
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../../packages/server/src/db/database.ts';
import type { Database } from '../../packages/server/src/db/schema.ts';
import { demoPassword } from '../../packages/server/src/demo/generate-demo-data.ts';
import { adminQuery, adminUrl } from './bench-database.ts';
import { signInOverHttp, type SignedInClient } from './http-client.ts';
import { pickSearchSamples, type SearchSample } from './search-samples.ts';

const repoRoot = resolve(import.meta.dirname, '../..');

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    'audit-events': { type: 'string', default: '1000000' },
    'audit-clients': { type: 'string', default: '1,8,32,64' },
    'audit-seconds': { type: 'string', default: '10' },
    'audit-patients': { type: 'string', default: '20000' },
    'audit-before': { type: 'string' },
  },
  strict: false,
});
const events = Number(values['audit-events']);
const clientCounts = String(values['audit-clients']).split(',').map(Number);
const seconds = Number(values['audit-seconds']);
const patients = Number(values['audit-patients']);
const before = typeof values['audit-before'] === 'string' ? resolve(values['audit-before']) : null;

const cleanups: Array<() => Promise<void>> = [];

async function freshDatabase(): Promise<string> {
  const name = `homeward_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  cleanups.push(() => adminQuery(`drop database if exists ${name} with (force)`));
  return adminUrl.replace(/\/[^/]*$/, `/${name}`);
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'homeward-audit-bench-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]! : NaN);

type LoadResult = { clients: number; requests: number; errors: number; perSecond: number; p50: number; p99: number; lagP50: number | null; lagMax: number | null };

/** Starts the app in its own process (from `tree`), migrated and seeded; resolves once it listens. */
async function startServer(tree: string, url: string, dataDir: string): Promise<{ child: ChildProcess; port: number; email: string; sealer: boolean }> {
  const script = join(tree, 'bench/src/audit-bench-server.ts');
  if (!existsSync(script)) cpSync(join(repoRoot, 'bench/src/audit-bench-server.ts'), script);
  const child = spawn(join(repoRoot, 'node_modules/.bin/node'), [script, url, String(patients), dataDir], { cwd: tree, stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const first = await new Promise<string>((resolveLine, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolveLine);
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code}) before listening`)));
  });
  return { child, ...(JSON.parse(first) as { port: number; email: string; sealer: boolean }) };
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Oldest unsealed event's age in seconds (0 when all is sealed). */
async function sealingLag(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ lag: string | null }>`
    select extract(epoch from clock_timestamp() - min(occurred_at))::text as lag from audit_events
    where seq > coalesce((select max(last_seq) from audit_batches), 0)
  `.execute(db);
  return rows[0]!.lag === null ? 0 : Math.max(0, Number(rows[0]!.lag));
}

async function loadLevel(client: SignedInClient, samples: SearchSample[], clients: number, db: Kysely<Database> | null): Promise<LoadResult> {
  const timings: number[] = [];
  let errors = 0;
  let next = 0;
  const lags: number[] = [];
  const end = performance.now() + seconds * 1000;
  let sampling = db !== null;
  const sampler = (async () => {
    while (sampling && db) {
      lags.push(await sealingLag(db));
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const sample = samples[next++ % samples.length]!;
        const t0 = performance.now();
        try {
          const res = await client.get(`/api/patients?${sample.queryString}`);
          if (res.status !== 200) errors += 1;
        } catch {
          errors += 1;
        }
        timings.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  sampling = false;
  await sampler;
  timings.sort((a, b) => a - b);
  lags.sort((a, b) => a - b);
  return {
    clients,
    requests: timings.length,
    errors,
    perSecond: timings.length / elapsed,
    p50: percentile(timings, 50),
    p99: percentile(timings, 99),
    lagP50: lags.length ? percentile(lags, 50) : null,
    lagMax: lags.length ? lags[lags.length - 1]! : null,
  };
}

async function searchThroughput(label: string, tree: string): Promise<LoadResult[]> {
  console.log(`\n--- Search throughput: ${label} (${tree}) ---`);
  const url = await freshDatabase();
  const started = performance.now();
  const server = await startServer(tree, url, tempDir());
  console.log(`App started on port ${server.port} with ${patients} patients in ${((performance.now() - started) / 1000).toFixed(0)} s; audit sealer ${server.sealer ? 'running every second' : 'absent (chain head locked per event)'}.`);
  const database = await openDatabase({ engine: 'postgres', url, poolSize: 2 });
  try {
    const samples = [
      ...(await pickSearchSamples(database.db, { kind: 'nhs-number', count: 500, seed: 1 })),
      ...(await pickSearchSamples(database.db, { kind: 'name-and-birth', count: 500, seed: 2 })),
    ];
    const client = await signInOverHttp(`http://127.0.0.1:${server.port}`, server.email, demoPassword);
    await loadLevel(client, samples, 4, null); // warm-up (not reported)
    const results: LoadResult[] = [];
    for (const clients of clientCounts) {
      const r = await loadLevel(client, samples, clients, server.sealer ? database.db : null);
      results.push(r);
      console.log(`${String(clients).padStart(3)} clients: ${r.perSecond.toFixed(0).padStart(5)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  errors ${r.errors}` + (r.lagMax !== null ? `  sealing lag p50 ${r.lagP50!.toFixed(2)} s, max ${r.lagMax.toFixed(2)} s` : ''));
    }
    return results;
  } finally {
    await database.close();
    await stopServer(server.child);
  }
}

/** Bulk events much like real ones (reads, one in ten a search naming three patients), numbered by the trigger. */
async function bulkInsertEvents(db: Kysely<Database>, count: number): Promise<void> {
  for (let done = 0; done < count; done += 200_000) {
    const n = Math.min(200_000, count - done);
    await sql`
      insert into audit_events (id, occurred_at, staff_id, staff_role, action, outcome, patient_id, record_kind, record_id, reason, ip, user_agent, request_id, detail)
      select gen_random_uuid(), clock_timestamp(), gen_random_uuid(), 'registered-therapist',
        case when g % 10 = 0 then 'search' else 'read' end, 'allowed',
        case when g % 10 = 0 then null else gen_random_uuid() end,
        case when g % 10 = 0 then 'patient-index' else 'patient' end, null, null, '10.1.2.3',
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36', gen_random_uuid()::text,
        case when g % 10 = 0 then jsonb_build_object('by', 'name', 'results', 3, 'patientIds', jsonb_build_array(gen_random_uuid(), gen_random_uuid(), gen_random_uuid()))
          else jsonb_build_object('basis', 'relationship') end
      from generate_series(1, ${n}) g
    `.execute(db);
  }
}

function runVerify(url: string, dataDir: string, args: string[]): { seconds: number; peakMb: number; line: string } {
  const started = performance.now();
  const run = spawnSync(join(repoRoot, 'node_modules/.bin/node'), ['packages/server/src/cli/audit-verify.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: url, HOMEWARD_DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  const secondsTaken = (performance.now() - started) / 1000;
  const line = `${run.stdout}${run.stderr}`.split('\n').find((l) => l.startsWith('Audit intact') || l.startsWith('AUDIT BROKEN')) ?? `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new Error(`audit:verify failed: ${line}`);
  return { seconds: secondsTaken, peakMb: Number(/peak memory (\d+) MB/.exec(line)?.[1] ?? NaN), line };
}

async function verifyAtScale(): Promise<void> {
  console.log(`\n--- Sealing and audit:verify over ${events.toLocaleString('en-GB')} events (PostgreSQL) ---`);
  const url = await freshDatabase();
  const dataDir = tempDir();
  const database = await openDatabase({ engine: 'postgres', url, poolSize: 4 });
  const { migrateToLatest } = await import('../../packages/server/src/db/migrate.ts');
  const { startAuditSealer } = await import('../../packages/server/src/audit/audit-sealer-job.ts');
  const { loadConfig } = await import('../../packages/server/src/config.ts');
  const settings = { ...loadConfig({ HOMEWARD_DATA_DIR: dataDir }), auditSealIntervalMs: 0 };
  try {
    await migrateToLatest(database.db as never);
    for (const [step, count] of [['first half', Math.floor(events / 2)], ['second half', events - Math.floor(events / 2)]] as const) {
      let t0 = performance.now();
      await bulkInsertEvents(database.db, count);
      const inserted = (performance.now() - t0) / 1000;
      t0 = performance.now();
      const sealer = await startAuditSealer(database.db, settings);
      await sealer.stop();
      const sealed = (performance.now() - t0) / 1000;
      console.log(`${step}: ${count.toLocaleString('en-GB')} events bulk-inserted in ${inserted.toFixed(1)} s; sealed (catching up) in ${sealed.toFixed(1)} s = ${Math.round(count / sealed).toLocaleString('en-GB')} events/s.`);
      const full = runVerify(url, dataDir, ['--full', '--no-seal']);
      const total = step === 'first half' ? count : events;
      console.log(`  audit:verify --full over ${total.toLocaleString('en-GB')} events: ${full.seconds.toFixed(1)} s (${((full.seconds * 1e6) / total).toFixed(1)} s per million), peak memory ${full.peakMb} MB.`);
    }
    await bulkInsertEvents(database.db, 10_000);
    const sealer = await startAuditSealer(database.db, settings);
    await sealer.stop();
    const incremental = runVerify(url, dataDir, ['--no-seal']);
    console.log(`  then 10,000 more events, sealed; audit:verify (incremental): ${incremental.seconds.toFixed(1)} s, peak memory ${incremental.peakMb} MB.`);
    console.log(`  ${incremental.line}`);
  } finally {
    await database.close();
  }
}

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void Promise.allSettled(cleanups.map((c) => c())).finally(() => process.exit(130));
    });
  }
  console.log(`Access audit benchmark (PostgreSQL): search at ${clientCounts.join(', ')} clients for ${seconds} s each over ${patients} patients; verify over ${events} events.`);
  try {
    const after = await searchThroughput('this code (events appended, sealed in batches)', repoRoot);
    const beforeResults = before ? await searchThroughput('before (one hash chain, head row locked per event)', before) : null;
    if (events > 0) await verifyAtScale();
    console.log('\n=== Summary: patient search over HTTP, PostgreSQL ===');
    console.log('clients  ' + (beforeResults ? 'before req/s  p50 ms  p99 ms   ' : '') + 'after req/s  p50 ms  p99 ms  errors  sealing lag p50/max s');
    for (const [i, a] of after.entries()) {
      const b = beforeResults?.[i];
      console.log(
        `${String(a.clients).padStart(7)}  ` +
          (b ? `${b.perSecond.toFixed(0).padStart(12)}  ${b.p50.toFixed(1).padStart(6)}  ${b.p99.toFixed(1).padStart(6)}   ` : '') +
          `${a.perSecond.toFixed(0).padStart(11)}  ${a.p50.toFixed(1).padStart(6)}  ${a.p99.toFixed(1).padStart(6)}  ${String(a.errors + (b?.errors ?? 0)).padStart(6)}  ${a.lagP50?.toFixed(2) ?? '-'}/${a.lagMax?.toFixed(2) ?? '-'}`,
      );
    }
    console.log('The app runs in its own process (Node 24, pool of 10); the clients share this one; both share 2 cores with PostgreSQL.');
  } finally {
    for (const c of cleanups.reverse()) await c().catch(() => {});
  }
}

await main();

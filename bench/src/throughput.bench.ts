// npm run bench:throughput (and part of npm run bench): requests/s and p50/p99 latency at 1, 8, 32 and
// 64 concurrent clients for patient search, a clinician's caseload page, an episode's record page and
// writing a contact note, beside a no-op endpoint on the same server (GET /api/ping: the framework's
// floor), on PostgreSQL and on the embedded database. The app runs in its own process, as `npm start`
// runs it (logging at info through its asynchronous destination, the audit sealer every second); the
// clients share this process. Prints figures; asserts nothing.
//   --throughput-engine both|postgres|pglite  --throughput-patients 200000  --throughput-pglite-patients 50000
//   --throughput-episodes 10000  --throughput-teams 20  --throughput-clients 1,8,32,64  --throughput-seconds 5
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { demoPassword } from '../../packages/server/src/demo/generate-demo-data.ts';
import { adminQuery, adminUrl } from './bench-database.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    'throughput-engine': { type: 'string', default: 'both' },
    'throughput-patients': { type: 'string', default: '200000' },
    'throughput-pglite-patients': { type: 'string', default: '50000' },
    'throughput-episodes': { type: 'string', default: '10000' },
    'throughput-teams': { type: 'string', default: '20' },
    'throughput-clients': { type: 'string', default: '1,8,32,64' },
    'throughput-seconds': { type: 'string', default: '5' },
  },
  strict: false,
});
const engines = values['throughput-engine'] === 'both' ? ['postgres', 'pglite'] : [String(values['throughput-engine'])];
const clientCounts = String(values['throughput-clients']).split(',').map(Number);
const seconds = Number(values['throughput-seconds']);

type Target = { port: number; email: string; role: string; caseloadSize: number; episodes: string[]; searches: string[]; seedSeconds: number };
type Row = { engine: string; endpoint: string; clients: number; perSecond: number; p50: number; p99: number; errors: number; load: number };

const cleanups: Array<() => Promise<void>> = [];
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]! : NaN);

async function startServer(where: string, patients: number, dataDir: string): Promise<{ child: ChildProcess; target: Target }> {
  // HOMEWARD_BENCH_SERVER_NODE_ARGS adds Node flags to the server (e.g. `--cpu-prof --cpu-prof-dir=/tmp/profile`: where its time goes).
  const nodeArgs = (process.env.HOMEWARD_BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
  const args = [...nodeArgs, join(repoRoot, 'bench/src/throughput-server.ts'), where, String(patients), String(values['throughput-episodes']), String(values['throughput-teams']), dataDir];
  const child = spawn(join(repoRoot, 'node_modules/.bin/node'), args, { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const line = await new Promise<string>((resolveLine, reject) => {
    const lines = createInterface({ input: child.stderr! });
    let other = '';
    lines.on('line', (l) => (l.startsWith('{"port"') ? resolveLine(l) : (other += `${l}\n`)));
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code}) before listening:\n${other}`)));
  });
  return { child, target: JSON.parse(line) as Target };
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

type Session = { cookie: string; csrf: string };

async function signIn(base: string, email: string): Promise<Session> {
  const res = await fetch(`${base}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: demoPassword }) });
  const body = (await res.json()) as { csrfToken: string };
  if (res.status !== 201) throw new Error(`Sign-in as ${email} failed: ${res.status}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('hw_session='))!;
  return { cookie, csrf: body.csrfToken };
}

/** One request of each endpoint, the i-th of its kind. Resolves with whether it succeeded. */
function endpoints(base: string, session: Session, target: Target): Record<string, (i: number) => Promise<boolean>> {
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, { headers: { cookie: session.cookie, ...headers } });
    await res.arrayBuffer();
    return res.status === 200;
  };
  return {
    'no-op (GET /api/ping)': async () => {
      const res = await fetch(`${base}/api/ping`);
      await res.arrayBuffer();
      return res.status === 200;
    },
    // The floor of any request that touches the database: one `select 1` round trip, no session, no audit.
    'one query (GET /api/health)': async () => {
      const res = await fetch(`${base}/api/health`);
      await res.arrayBuffer();
      return res.status === 200;
    },
    'patient search (API)': (i) => get(`/api/patients?${target.searches[i % target.searches.length]}`, { accept: 'application/json' }),
    'caseload page': () => get('/caseload'),
    'record page (episode)': (i) => get(`/episodes/${target.episodes[i % target.episodes.length]}`),
    'contact note write (API)': async (i) => {
      const res = await fetch(`${base}/api/episodes/${target.episodes[i % target.episodes.length]}/contact-notes`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json', 'idempotency-key': `bench-${randomBytes(8).toString('hex')}` },
        body: JSON.stringify({ kind: 'treatment', occurredAt: new Date(Date.now() - 60_000).toISOString(), durationMinutes: 30, body: 'Practised stairs with one rail; steady, needed verbal prompts only.', consentMissingReason: 'Verbal consent given at the visit' }),
      });
      await res.arrayBuffer();
      return res.status === 201;
    },
  };
}

async function load(run: (i: number) => Promise<boolean>, clients: number): Promise<Omit<Row, 'engine' | 'endpoint' | 'load'>> {
  const timings: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const ok = await run(next++).catch(() => false);
        if (!ok) errors += 1;
        timings.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  timings.sort((a, b) => a - b);
  return { clients, perSecond: timings.length / elapsed, p50: percentile(timings, 50), p99: percentile(timings, 99), errors };
}

async function measure(engine: string): Promise<Row[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'homeward-throughput-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  let where: string;
  let patients: number;
  if (engine === 'postgres') {
    const name = `homeward_bench_${randomBytes(6).toString('hex')}`;
    await adminQuery(`create database ${name}`);
    cleanups.push(() => adminQuery(`drop database if exists ${name} with (force)`));
    where = adminUrl.replace(/\/[^/]*$/, `/${name}`);
    patients = Number(values['throughput-patients']);
  } else {
    where = `pglite:${join(dataDir, 'db')}`;
    patients = Number(values['throughput-pglite-patients']);
  }
  const { child, target } = await startServer(where, patients, dataDir);
  console.log(`\n--- ${engine}: ${patients.toLocaleString('en-GB')} patients, seeded in ${target.seedSeconds.toFixed(0)} s; signed in as a ${target.role} holding ${target.caseloadSize} open episodes ---`);
  const base = `http://127.0.0.1:${target.port}`;
  const rows: Row[] = [];
  try {
    const session = await signIn(base, target.email);
    for (const [endpoint, run] of Object.entries(endpoints(base, session, target))) {
      await load(run, 4).then(() => {}); // warm-up, not reported
      for (const clients of clientCounts) {
        const r = await load(run, clients);
        const row = { engine, endpoint, load: loadavg()[0]!, ...r };
        rows.push(row);
        console.log(formatRow(row));
      }
    }
  } finally {
    await stopServer(child);
  }
  return rows;
}

const header = `${'engine'.padEnd(9)}${'endpoint'.padEnd(27)}${'clients'.padStart(7)}${'req/s'.padStart(8)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'errors'.padStart(7)}${'  of no-op'.padStart(10)}${'load'.padStart(6)}`;
function formatRow(r: Row, noOp?: number): string {
  return `${r.engine.padEnd(9)}${r.endpoint.padEnd(27)}${String(r.clients).padStart(7)}${r.perSecond.toFixed(0).padStart(8)}${r.p50.toFixed(1).padStart(9)}${r.p99.toFixed(1).padStart(9)}${String(r.errors).padStart(7)}${(noOp ? `${Math.round((100 * r.perSecond) / noOp)}%` : '').padStart(10)}${r.load.toFixed(1).padStart(6)}`;
}

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void Promise.allSettled(cleanups.map((c) => c())).finally(() => process.exit(130));
    });
  }
  const all: Row[] = [];
  try {
    for (const engine of engines) all.push(...(await measure(engine)));
  } finally {
    for (const c of cleanups.reverse()) await c().catch(() => {});
  }
  console.log('\n=== Throughput: requests/s and latency per endpoint and concurrent clients ===');
  console.log(header);
  for (const r of all) {
    const noOp = all.find((n) => n.engine === r.engine && n.clients === r.clients && n.endpoint.startsWith('no-op'));
    console.log(formatRow(r, r.endpoint.startsWith('no-op') ? undefined : noOp?.perSecond));
  }
  console.log(`${seconds} s per cell after a warm-up; "of no-op" is the endpoint's req/s as a share of the no-op's at the same clients; load is the 1-minute load average as the cell ended (2 cores, shared).`);
}

await main();

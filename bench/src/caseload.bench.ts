// npm run bench:caseload [-- --engine pglite|postgres|both --patients 200000 --episodes 20000 --teams 20 --iterations 300]
// How much slower is a clinician's caseload, or the team's waiting list, through the API than the same
// rows fetched by SQL on their own? And does any query's cost grow with the number of patients? For
// each engine: a fresh database, the demo teams plus synthetic ones, N patients and M open episodes of
// care, then timed requests through real HTTP, through the API's query function and as raw SQL, and the
// plans of every SELECT a request sends.
import type { AddressInfo } from 'node:net';
import { sql, type Kysely } from 'kysely';
import { buildApp } from '../../packages/server/src/app.ts';
import { loadConfig } from '../../packages/server/src/config.ts';
import type { DatabaseEngine } from '../../packages/server/src/db/database.ts';
import type { Database } from '../../packages/server/src/db/schema.ts';
import { demoPassword } from '../../packages/server/src/demo/generate-demo-data.ts';
import { createBenchDatabase, disposeAllBenchDatabases } from './bench-database.ts';
import { caseloadBenchUsage, parseCaseloadBenchOptions, type CaseloadBenchOptions } from './caseload-options.ts';
import { createQueryRecorder, explainQueries, explainSql } from './caseload-plans.ts';
import { rawCaseload, rawCaseloadQuery, type CaseloadListKind, type CaseloadSample } from './caseload-raw-sql.ts';
import { formatCaseloadTable, timeRuns, type CaseloadResult } from './caseload-results.ts';
import { seedCaseloadService, type CaseloadService } from './caseload-seed.ts';
import { signInOverHttp } from './http-client.ts';
import { summariseLatencies } from './latency-summary.ts';

const seed = 20261124;
const kinds: CaseloadListKind[] = ['clinician-caseload', 'waiting-list'];
const routePaths: Record<CaseloadListKind, string> = { 'clinician-caseload': '/api/caseload', 'waiting-list': '/api/caseload/waiting-list' };

type EngineReport = { engine: DatabaseEngine; seedSeconds: number; seeded: string; results: CaseloadResult[]; plans: string[]; notes: string[] };

const seconds = (since: number) => (performance.now() - since) / 1000;

/** The API's own query function, if the caseload context is there (it was written alongside this benchmark). */
type ListCaseload = (db: Kysely<Database>, scope: { kind: 'clinician'; staffId: string } | { kind: 'waiting-list'; teamId: string }, filter: object, now: Date) => Promise<unknown[]>;
async function loadListCaseload(): Promise<ListCaseload | null> {
  try {
    const module = (await import('../../packages/server/src/caseload/caseload-queries.ts')) as { listCaseload?: ListCaseload };
    return module.listCaseload ?? null;
  } catch {
    return null;
  }
}

/** The team to measure: a synthetic one (sized like the others at scale), else the first demo team. */
function teamToMeasure(service: CaseloadService): { teamId: string; name: string; leadEmail: string } {
  const scaleTeam = service.scale.teams[0];
  if (scaleTeam) {
    const lead = service.scale.staff.find((s) => s.teamId === scaleTeam.id && s.homewardRole === 'clinical-lead')!;
    return { teamId: scaleTeam.id, name: scaleTeam.name, leadEmail: lead.email };
  }
  const team = service.demo.teams[0]!;
  const lead = service.demo.staff.find((s) => s.teamId === team.id && s.homewardRole === 'clinical-lead')!;
  return { teamId: team.id, name: team.name, leadEmail: lead.email };
}

async function samplesFor(db: Kysely<Database>, kind: CaseloadListKind, teamId: string, count: number): Promise<CaseloadSample[]> {
  if (kind === 'waiting-list') return Array.from({ length: count }, () => ({ kind, staffId: null, teamId, path: routePaths[kind] }));
  // Every clinician in the team who holds open episodes, in turn.
  const holders = await db
    .selectFrom('episodes')
    .select('allocated_to')
    .where('team_id', '=', teamId)
    .where('status', '<>', 'discharged')
    .where('allocated_to', 'is not', null)
    .groupBy('allocated_to')
    .orderBy('allocated_to')
    .execute();
  if (holders.length === 0) throw new Error('Nobody in the team holds an open episode');
  return Array.from({ length: count }, (_, i) => {
    const staffId = holders[i % holders.length]!.allocated_to!;
    return { kind, staffId, teamId, path: `${routePaths[kind]}?${new URLSearchParams({ staffId })}` };
  });
}

async function countListAudits(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', 'read')
    .where('record_kind', 'in', ['caseload', 'waiting-list'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function benchEngine(engine: DatabaseEngine, options: CaseloadBenchOptions, now: Date): Promise<EngineReport> {
  console.log(`\n=== ${engine} ===`);
  const bench = await createBenchDatabase(engine);
  const { db } = bench.database;
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    console.log(`Fresh ${bench.where}, migrated.`);
    const seedStarted = performance.now();
    const service = await seedCaseloadService(db, {
      seed,
      patients: options.patients,
      episodes: options.episodes,
      teams: options.teams,
      now,
      onProgress: (message) => console.log(`  ${message} (${seconds(seedStarted).toFixed(1)} s)`),
    });
    const seedSeconds = seconds(seedStarted);
    const e = service.episodes;
    const seeded =
      `${options.teams} teams, ${service.demo.staff.length + service.scale.staff.length} staff, ${options.patients} patients, ` +
      `${e.referrals} referrals, ${e.openEpisodes} open and ${e.episodes - e.openEpisodes} discharged episodes, ${e.events} history entries`;
    console.log(`Seeded ${seeded} in ${seedSeconds.toFixed(1)} s.`);
    if (e.openEpisodes < options.episodes) console.log(`(Only ${e.openEpisodes} open episodes fitted the patients available.)`);
    const analyzeStarted = performance.now();
    await sql`analyze`.execute(db);
    console.log(`ANALYZE in ${seconds(analyzeStarted).toFixed(1)} s.`);

    const recorder = createQueryRecorder();
    app = await buildApp({ db: db.withPlugin(recorder.plugin), config: loadConfig({}), logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    const team = teamToMeasure(service);
    const teamOpen = service.episodes.perTeam.get(team.teamId) ?? 0;
    const client = await signInOverHttp(baseUrl, team.leadEmail, demoPassword);
    console.log(`Listening on ${baseUrl}; signed in as ${team.leadEmail} (clinical lead, ${team.name}: ${teamOpen} open episodes).`);
    const listCaseload = await loadListCaseload();

    const results: CaseloadResult[] = [];
    const plans: string[] = [];
    const notes: string[] = [];
    for (const kind of kinds) {
      const samples = await samplesFor(db, kind, team.teamId, options.iterations);
      const hasRoute = app.hasRoute({ method: 'GET', url: routePaths[kind] });
      if (!hasRoute) notes.push(`${engine} ${kind}: caseload routes not available yet (no GET ${routePaths[kind]}); raw SQL figures and plans only.`);

      const raw = rawCaseloadQuery(samples[0]!).compile(db);
      const rawPlan = await explainSql(db, raw.sql, raw.parameters);
      plans.push(`EXPLAIN ${engine} ${kind}, raw SQL: ${rawPlan.line}`);
      if (hasRoute) {
        const sent = await recorder.record(db, async () => {
          const res = await client.get(samples[0]!.path);
          if (res.status !== 200) throw new Error(`GET ${samples[0]!.path} answered ${res.status}: ${JSON.stringify(res.body)}`);
        });
        for (const [i, p] of (await explainQueries(db, sent)).entries()) plans.push(`EXPLAIN ${engine} ${kind}, HTTP query ${i + 1} (${p.label}): ${p.line}`);
      }

      let http: Awaited<ReturnType<typeof timeRuns>> | null = null;
      let audited = 0;
      if (hasRoute) {
        const before = await countListAudits(db);
        http = await timeRuns(samples, options.warmup, async (sample) => {
          const res = await client.get(sample.path);
          if (res.status !== 200) throw new Error(`GET ${sample.path} answered ${res.status}: ${JSON.stringify(res.body)}`);
          return (res.body as { rows: unknown[] }).rows.length;
        });
        audited = (await countListAudits(db)) - before;
      }
      const direct = listCaseload
        ? await timeRuns(samples, options.warmup, async (sample) =>
            (await listCaseload(db, sample.kind === 'clinician-caseload' ? { kind: 'clinician', staffId: sample.staffId! } : { kind: 'waiting-list', teamId: sample.teamId }, {}, new Date())).length,
          )
        : null;
      const viaSql = await timeRuns(samples, options.warmup, (sample) => rawCaseload(db, sample));

      // The ways must fetch the same rows, or the comparison means nothing.
      for (const [i, sample] of samples.entries()) {
        const counts = [viaSql.rowCounts[i], ...(http ? [http.rowCounts[i]] : []), ...(direct ? [direct.rowCounts[i]] : [])];
        if (new Set(counts).size !== 1) throw new Error(`The ways of fetching disagree for ${sample.path}: raw SQL, HTTP, listCaseload got ${counts.join(', ')} rows`);
      }
      if (http && audited !== options.warmup + samples.length) {
        throw new Error(`Expected ${options.warmup + samples.length} list-read audit events from HTTP requests, found ${audited}`);
      }
      const sorted = [...viaSql.rowCounts].sort((a, b) => a - b);
      const result: CaseloadResult = {
        engine,
        kind,
        http: http ? summariseLatencies(http.timings) : null,
        listCaseload: direct ? summariseLatencies(direct.timings) : null,
        rawSql: summariseLatencies(viaSql.timings),
        requests: samples.length,
        rows: { min: sorted[0]!, median: sorted[Math.floor((sorted.length - 1) / 2)]!, max: sorted.at(-1)! },
      };
      results.push(result);
      console.log(
        `${kind}: ${result.http ? `HTTP median ${result.http.median.toFixed(2)} ms, ` : 'HTTP n/a, '}raw SQL median ${result.rawSql.median.toFixed(2)} ms; ` +
          `${result.rows.median} rows (median)${http ? `; ${audited} list-read audit events (one per HTTP request, warm-up included)` : ''}.`,
      );
    }
    return { engine, seedSeconds, seeded, results, plans, notes };
  } finally {
    await app?.close();
    await bench.dispose();
    console.log(`Removed the ${engine} ${bench.where}.`);
  }
}

let interrupted = false;

async function main(): Promise<void> {
  let options: CaseloadBenchOptions;
  try {
    options = parseCaseloadBenchOptions(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    console.error(caseloadBenchUsage);
    process.exitCode = 2;
    return;
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      console.error(`\n${signal}: removing the benchmark databases...`);
      void disposeAllBenchDatabases().finally(() => process.exit(130));
    });
  }

  const started = performance.now();
  console.log(
    `Caseload benchmark: ${options.patients} patients, ${options.episodes} open episodes across ${options.teams} teams, ` +
      `${options.iterations} timed requests of each list (after ${options.warmup} untimed warm-up requests), engines: ${options.engines.join(', ')}.`,
  );
  // One reference time for both engines, so both are seeded with the same rows.
  const now = new Date();
  const reports: EngineReport[] = [];
  for (const engine of options.engines) reports.push(await benchEngine(engine, options, now));

  console.log('\n=== Summary ===');
  for (const r of reports) console.log(`Seeding into ${r.engine}: ${r.seedSeconds.toFixed(1)} s (${r.seeded})`);
  console.log('');
  console.log(formatCaseloadTable(reports.flatMap((r) => r.results)));
  console.log('');
  console.log('Milliseconds per request, one at a time. clinician-caseload cycles through every clinician in the measured team who');
  console.log('holds open episodes; waiting-list is that team\'s unallocated episodes. SQL = the hand-written SELECT (same columns,');
  console.log('joins, filter and order) on the app\'s own connection; listCaseload = the API\'s query and priority scoring called');
  console.log('directly; ratio = HTTP median / SQL median. HTTP includes everything the API does: session check, access check,');
  console.log('the SELECT, scoring and weighting each row, JSON validation, and one audit event per list read (its own');
  console.log('transaction, locking the audit chain head row).');
  for (const r of reports) for (const n of r.notes) console.log(n);
  console.log('');
  for (const r of reports) for (const p of r.plans) console.log(p);
  const growing = reports.flatMap((r) => r.plans).filter((p) => p.includes('GROWS WITH THE DATA'));
  console.log(growing.length ? `\n${growing.length} plan(s) read a whole growing table: see above.` : '\nNo plan reads a whole table that grows with the patients: each starts from an index and joins patients by primary key.');
  console.log(`\nFinished in ${seconds(started).toFixed(0)} s.`);
}

try {
  await main();
} catch (error) {
  // After Ctrl-C the run fails on its closed database; that is not news.
  if (!interrupted) console.error('\nThe benchmark failed:', error);
  process.exitCode = 1;
}

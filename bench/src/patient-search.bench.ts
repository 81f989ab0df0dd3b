// npm run bench [-- --engine pglite|postgres|both --patients 200000 --iterations 300]
// How much slower is finding a patient through the API than the database query on its own? For each
// engine: a fresh database, the demo team and N synthetic patients, then timed searches by NHS number
// and by family name with date of birth, through real HTTP and as SQL on the same connection.
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { buildApp } from '../../packages/server/src/app.ts';
import { loadConfig } from '../../packages/server/src/config.ts';
import type { DatabaseEngine } from '../../packages/server/src/db/database.ts';
import { demoPassword } from '../../packages/server/src/demo/generate-demo-data.ts';
import { searchPatients } from '../../packages/server/src/patients/patient-queries.ts';
import { benchUsage, parseBenchOptions, type BenchOptions } from './bench-options.ts';
import { createBenchDatabase, disposeAllBenchDatabases } from './bench-database.ts';
import { explainRawSearch, explainSearchPatients } from './explain-search.ts';
import { signInOverHttp } from './http-client.ts';
import { summariseLatencies } from './latency-summary.ts';
import { rawSearchPatients } from './raw-search-sql.ts';
import { seedBenchService } from './seed-bench-service.ts';
import { formatResultsTable, type SearchResult } from './results-table.ts';
import { pickSearchSamples, type SearchKind } from './search-samples.ts';
import { timeSearches } from './time-searches.ts';

const seed = 20261124;
const kinds: SearchKind[] = ['nhs-number', 'name-and-birth'];

type EngineReport = { engine: DatabaseEngine; seedSeconds: number; results: SearchResult[]; plans: string[] };

const seconds = (since: number) => (performance.now() - since) / 1000;

async function benchEngine(engine: DatabaseEngine, options: BenchOptions): Promise<EngineReport> {
  console.log(`\n=== ${engine} ===`);
  const bench = await createBenchDatabase(engine);
  const { db } = bench.database;
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    console.log(`Fresh ${bench.where}, migrated.`);
    const now = new Date();
    const seedStarted = performance.now();
    const progressEvery = Math.max(10_000, Math.round(options.patients / 4 / 10_000) * 10_000);
    const demo = await seedBenchService(db, {
      seed,
      patients: options.patients,
      now,
      onProgress: (done) => {
        if (done % progressEvery === 0 && done < options.patients) console.log(`  ${done} patients (${seconds(seedStarted).toFixed(1)} s)`);
      },
    });
    const seedSeconds = seconds(seedStarted);
    console.log(`Seeded the demo team (${demo.staff.length} staff) and ${options.patients} patients in ${seedSeconds.toFixed(1)} s.`);
    const analyzeStarted = performance.now();
    await sql`analyze`.execute(db);
    console.log(`ANALYZE in ${seconds(analyzeStarted).toFixed(1)} s.`);

    app = await buildApp({ db, config: loadConfig({}), logger: false });
    let connections = 0;
    app.server.on('connection', () => {
      connections += 1;
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    const therapist = demo.staff.find((s) => s.homewardRole === 'registered-therapist' && s.teamId === demo.teams[0]!.id)!;
    const client = await signInOverHttp(baseUrl, therapist.email, demoPassword);
    console.log(`Listening on ${baseUrl}; signed in as ${therapist.email} (registered therapist, ${demo.teams[0]!.name}).`);

    const results: SearchResult[] = [];
    const plans: string[] = [];
    for (const [k, kind] of kinds.entries()) {
      const samples = await pickSearchSamples(db, { kind, count: options.iterations, seed: seed + k });
      const apiPlan = await explainSearchPatients(db, samples[0]!.search);
      const rawPlan = await explainRawSearch(db, samples[0]!.search);
      plans.push(`EXPLAIN ${engine} ${kind}: searchPatients: ${apiPlan.line}`);
      plans.push(`EXPLAIN ${engine} ${kind}: raw SQL:        ${rawPlan.line}`);
      for (const p of plans.slice(-2)) console.log(p);

      const auditedBefore = await countSearchAudits(db);
      const connectionsBefore = connections;
      const http = await timeSearches(samples, options.warmup, async (sample) => {
        const res = await client.get(`/api/patients?${sample.queryString}`);
        if (res.status !== 200) throw new Error(`GET /api/patients?${sample.queryString} answered ${res.status}: ${JSON.stringify(res.body)}`);
        return (res.body as { results: unknown[] }).results.length;
      });
      const httpConnections = connections - connectionsBefore;
      const audited = (await countSearchAudits(db)) - auditedBefore;
      const viaSearchPatients = await timeSearches(samples, options.warmup, async (sample) => (await searchPatients(db, sample.search)).length);
      const viaRawSql = await timeSearches(samples, options.warmup, async (sample) => (await rawSearchPatients(db, sample.search)).length);

      // The three ways must find the same patients, or the comparison means nothing.
      for (const [i, sample] of samples.entries()) {
        const counts = [http.resultCounts[i], viaSearchPatients.resultCounts[i], viaRawSql.resultCounts[i]];
        if (new Set(counts).size !== 1) throw new Error(`The ways of searching disagree for ${sample.queryString}: HTTP, searchPatients, raw SQL found ${counts.join(', ')}`);
      }
      const expectedAudits = options.warmup + samples.length;
      if (audited !== expectedAudits) throw new Error(`Expected ${expectedAudits} search audit events from HTTP searches, found ${audited}`);

      const result: SearchResult = {
        engine,
        kind,
        http: summariseLatencies(http.timings),
        searchPatients: summariseLatencies(viaSearchPatients.timings),
        rawSql: summariseLatencies(viaRawSql.timings),
        searches: samples.length,
        hits: viaRawSql.resultCounts.filter((n) => n > 0).length,
      };
      results.push(result);
      console.log(
        `${kind}: HTTP median ${result.http.median.toFixed(2)} ms, raw SQL median ${result.rawSql.median.toFixed(2)} ms; ` +
          `${result.hits}/${result.searches} found someone; ${audited} search audit events written (one per HTTP search, warm-up included); ` +
          `${httpConnections} new HTTP connection(s) for ${expectedAudits} requests (keep-alive).`,
      );
    }
    return { engine, seedSeconds, results, plans };
  } finally {
    await app?.close();
    await bench.dispose();
    console.log(`Removed the ${engine} ${bench.where}.`);
  }
}

async function countSearchAudits(db: Parameters<typeof searchPatients>[0]): Promise<number> {
  const row = await db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'search').executeTakeFirstOrThrow();
  return Number(row.n);
}

let interrupted = false;

async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    console.error(benchUsage);
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
    `Patient search benchmark: ${options.patients} patients, ${options.iterations} timed searches of each kind ` +
      `(after ${options.warmup} untimed warm-up searches), engines: ${options.engines.join(', ')}.`,
  );
  const reports: EngineReport[] = [];
  for (const engine of options.engines) reports.push(await benchEngine(engine, options));

  console.log('\n=== Summary ===');
  for (const r of reports) console.log(`Seeding ${options.patients} patients into ${r.engine}: ${r.seedSeconds.toFixed(1)} s`);
  console.log('');
  console.log(formatResultsTable(reports.flatMap((r) => r.results)));
  console.log('');
  console.log('Milliseconds per search, one search at a time. SQL = the hand-written SELECT on the app\'s own connection (pool);');
  console.log('searchPatients = the API\'s query builder called directly; ratio = HTTP median / SQL median.');
  console.log('HTTP includes everything the API does for a search: session check, validation, the SELECT, the access facts for');
  console.log('the patients found, and one audit event per search (its own transaction, locking the audit chain head row).');
  console.log('That audit write is real work the API must do for every search, so it is included in the HTTP figures.');
  console.log('');
  for (const r of reports) for (const p of r.plans) console.log(p);
  console.log(`\nFinished in ${seconds(started).toFixed(0)} s.`);
}

try {
  await main();
} catch (error) {
  // After Ctrl-C the run fails on its closed database; that is not news.
  if (!interrupted) console.error('\nThe benchmark failed:', error);
  process.exitCode = 1;
}

// npm run bench:visit-plan-page [-- --engine pglite|postgres|both --requests 60 --planner-seconds 5 --plan-page-only]
// Issue 13: "the plan page renders a 40-person day in under 300 ms server time". A fresh database, one
// team of 40 staff with rota patterns, 350 visits on one day (tomorrow) at the patients' coordinates,
// planned by the plan job itself (a short time limit) and published; then, signed in as the team's
// clinical lead, N requests through app.inject (no network: server time only) of the plan page, one
// clinician's run sheet page and the plan as JSON. Prints p50/p95/max and the size of each answer.
//
// Fixture: staff, patients and open episodes through the demo seeders (seedScaleTeams,
// seedDemoPatients, seedDemoEpisodes: the caseload benchmark's), rota patterns and visits by direct
// inserts (a benchmark fixture: 390 domain calls would measure nothing the benchmark is about), the
// plan through the real API (POST /api/visits/plans/jobs), the job runner and the publication route.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { uuidv7 } from 'uuidv7';
import { ukDateOf } from '../../packages/clinical/src/episode-dates.ts';
import { buildApp } from '../../packages/server/src/app.ts';
import { loadConfig } from '../../packages/server/src/config.ts';
import type { KyselyPlugin, QueryId, RootOperationNode } from 'kysely';
import type { DatabaseEngine } from '../../packages/server/src/db/database.ts';
import { demoPassword } from '../../packages/server/src/demo/generate-demo-data.ts';
import { seedDemoPatients } from '../../packages/server/src/demo/seed-demo-data.ts';
import { seedDemoEpisodes, seedScaleTeams } from '../../packages/server/src/demo/seed-demo-episodes.ts';
import { createJobRunner } from '../../packages/server/src/platform/jobs.ts';
import { visitPlanJobHandlers } from '../../packages/server/src/visits/plan-job.ts';
import type { VisitDayPlan } from '../../packages/server/src/visits/visit-day-types.ts';
import { createBenchDatabase, disposeAllBenchDatabases } from './bench-database.ts';

const seed = 20261205;
const staffInTeam = 40;
const visitsInDay = 350;
const base = { lat: 53.05, lon: -2.2 };

const { values } = parseArgs({
  args: process.argv.slice(2),
  // npm run bench passes its arguments to every benchmark: ignore the others'.
  strict: false,
  options: {
    engine: { type: 'string', default: 'pglite' },
    requests: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '5' },
    'planner-seconds': { type: 'string', default: '5' },
    // For profiling (node --cpu-prof): time the plan page only.
    'plan-page-only': { type: 'boolean', default: false },
    // Each query one plan page request sends, with its time and rows (where the database time goes).
    'query-times': { type: 'boolean', default: false },
    // Writes the last plan page to this file, to see what its size is made of.
    'save-page': { type: 'string' },
  },
});
const engines: DatabaseEngine[] = values.engine === 'both' ? ['pglite', 'postgres'] : [values.engine === 'postgres' ? 'postgres' : 'pglite'];
const requests = Math.max(1, Number(values.requests) || 60);
const warmup = Math.max(0, Number(values.warmup) || 0);
const plannerSeconds = Math.max(0.5, Number(values['planner-seconds']) || 5);

const seconds = (since: number) => (performance.now() - since) / 1000;
const load = () => loadavg().map((l) => l.toFixed(2)).join(', ');

type Measured = { what: string; p50: number; p95: number; max: number; bytes: number; auditsPerRequest: number; cpuMs: number };

/** Nearest-rank percentile: each figure is a time that was observed. */
/** Times each query between leaving for the database and its result coming back, while armed. */
function createQueryTimer() {
  const started = new Map<QueryId, { at: number; node: RootOperationNode }>();
  let armed: Array<{ ms: number; rows: number; node: RootOperationNode; queryId: QueryId }> | null = null;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      if (armed) started.set(args.queryId, { at: performance.now(), node: args.node });
      return args.node;
    },
    transformResult: async (args) => {
      const start = started.get(args.queryId);
      if (armed && start) {
        started.delete(args.queryId);
        armed.push({ ms: performance.now() - start.at, rows: args.result.rows.length, node: start.node, queryId: args.queryId });
      }
      return args.result;
    },
  };
  return {
    plugin,
    async record(run: () => Promise<void>) {
      armed = [];
      try {
        await run();
        return armed;
      } finally {
        armed = null;
      }
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function benchEngine(engine: DatabaseEngine): Promise<Measured[]> {
  console.log(`\n=== ${engine} ===`);
  const bench = await createBenchDatabase(engine);
  const { db } = bench.database;
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  let runner: ReturnType<typeof createJobRunner> | null = null;
  try {
    const now = new Date();
    const date = ukDateOf(new Date(now.getTime() + 24 * 3600_000));
    const seedStarted = performance.now();
    const scale = await seedScaleTeams(db, { seed, count: 1, clinicians: staffInTeam, now });
    const team = scale.teams[0]!;
    const staff = scale.staff.filter((s) => s.homewardRole !== 'administrator');
    const lead = staff.find((s) => s.homewardRole === 'clinical-lead')!;
    await seedDemoPatients(db, { seed, count: 900, teamIds: [team.id], createdBy: lead.id, now });
    await seedDemoEpisodes(db, { seed, now, teamIds: [team.id], openEpisodes: 450 });
    await db.updateTable('teams').set({ base_latitude: base.lat, base_longitude: base.lon }).where('id', '=', team.id).execute();

    // Everyone works every day (the day may fall on a weekend), some early, some late.
    const patterns = staff.map((s, i) => {
      const [start, end] = i % 4 === 0 ? ['08:00', '16:00'] : i % 4 === 1 ? ['09:00', '17:00'] : ['08:30', '16:30'];
      const week = JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end, breakMinutes: 30 })));
      return { id: uuidv7(), staff_id: s.id, team_id: team.id, week, starts_from: 'base' as const, car_driver: true, created_at: now, created_by: lead.id, updated_at: now, updated_by: lead.id };
    });
    await db.insertInto('rota_patterns').values(patterns).execute();

    const episodes = await db
      .selectFrom('episodes')
      .innerJoin('patients', 'patients.id', 'episodes.patient_id')
      .select(['episodes.id as episodeId', 'episodes.patient_id as patientId'])
      .where('episodes.team_id', '=', team.id)
      .where('episodes.status', '<>', 'discharged')
      .where('patients.latitude', 'is not', null)
      .orderBy('episodes.id')
      .limit(visitsInDay)
      .execute();
    if (episodes.length < visitsInDay) throw new Error(`Only ${episodes.length} open episodes with coordinates; need ${visitsInDay}`);
    const windows: Array<[string, string] | null> = [null, null, null, ['09:00', '11:00'], null, ['13:00', '15:00'], null, null];
    const visits = episodes.map((e, i) => {
      const window = windows[i % windows.length]!;
      return {
        id: uuidv7(), team_id: team.id, episode_id: e.episodeId, patient_id: e.patientId, on_date: date, purpose: 'therapy' as const, duration_minutes: i % 5 === 0 ? 45 : 30, place: 'home' as const,
        window_start: window?.[0] ?? null, window_end: window?.[1] ?? null, staff_needed: 1, registered_required: i % 7 === 0,
        skills: JSON.stringify([]), preferred_staff_id: null, origin: 'proposed' as const, created_at: now, created_by: lead.id, updated_at: now, updated_by: lead.id,
      };
    });
    for (let i = 0; i < visits.length; i += 100) await db.insertInto('visits').values(visits.slice(i, i + 100)).execute();
    console.log(`Seeded ${staff.length} staff with rota patterns and ${visits.length} visits on ${date} in ${seconds(seedStarted).toFixed(1)} s.`);

    const timer = createQueryTimer();
    app = await buildApp({ db: values['query-times'] ? db.withPlugin(timer.plugin) : db, config: loadConfig({}), logger: false });
    const signIn = await app.inject({ method: 'POST', url: '/api/sessions', payload: { email: lead.email, password: demoPassword } });
    if (signIn.statusCode !== 201) throw new Error(`Sign-in failed: ${signIn.statusCode} ${signIn.body}`);
    const cookie = `hw_session=${signIn.cookies.find((c) => c.name === 'hw_session')!.value}`;
    const csrf = (signIn.json() as { csrfToken: string }).csrfToken;
    const headers = { cookie, 'x-csrf-token': csrf };

    const planStarted = performance.now();
    const start = await app.inject({ method: 'POST', url: '/api/visits/plans/jobs', headers: { ...headers, 'idempotency-key': uuidv7() }, payload: { date } });
    if (start.statusCode !== 202) throw new Error(`Starting the plan job answered ${start.statusCode}: ${start.body}`);
    runner = createJobRunner({ db, handlers: visitPlanJobHandlers({ db, config: app.config, secondsPerDay: plannerSeconds }), now: () => new Date(), instanceId: 'bench' });
    const ran = await runner.runOnce();
    if (ran?.status !== 'done') throw new Error(`The plan job ended ${ran?.status}: ${ran?.error}`);
    const planned = await app.inject({ method: 'GET', url: `/api/visits/plans/${date}`, headers });
    const body = planned.json() as { version: number; draft: VisitDayPlan };
    const draft = body.draft;
    const publish = await app.inject({ method: 'POST', url: `/api/visits/plans/${date}/publication`, headers: { ...headers, 'idempotency-key': uuidv7() }, payload: { version: body.version } });
    if (publish.statusCode !== 200) throw new Error(`Publishing answered ${publish.statusCode}: ${publish.body}`);
    const people = draft.routes.filter((r) => r.stops.length > 0);
    console.log(
      `Planned in ${seconds(planStarted).toFixed(1)} s (planner limit ${plannerSeconds} s): ${draft.totals.visitsPlanned} visits planned, ${draft.totals.visitsUnplanned} unplanned, ` +
        `${people.length} people with visits; published.`,
    );
    const busiest = [...people].sort((a, b) => b.stops.length - a.stops.length)[0]!;

    const targets = [
      { what: `plan page /visits/plan?date=${date}`, url: `/visits/plan?date=${date}` },
      { what: `run sheet page of one clinician (${busiest.stops.length} visits)`, url: `/run-sheet/${busiest.staffId}?date=${date}` },
      { what: `plan JSON GET /api/visits/plans/${date}`, url: `/api/visits/plans/${date}` },
    ];
    const countAudits = async () => Number((await db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const results: Measured[] = [];
    for (const target of values['plan-page-only'] ? targets.slice(0, 1) : targets) {
      const timings: number[] = [];
      let bytes = 0;
      const auditsBefore = await countAudits();
      let cpu = { user: 0, system: 0 };
      for (let i = 0; i < warmup + requests; i++) {
        const t0 = performance.now();
        const res = await app.inject({ method: 'GET', url: target.url, headers });
        const ms = performance.now() - t0;
        if (res.statusCode !== 200) throw new Error(`GET ${target.url} answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
        bytes = res.rawPayload.length;
        if (target === targets[0] && typeof values['save-page'] === 'string') writeFileSync(values['save-page'], res.rawPayload);
        if (i === warmup - 1 || (warmup === 0 && i === 0)) cpu = process.cpuUsage();
        if (i >= warmup) timings.push(ms);
      }
      const used = process.cpuUsage(cpu);
      const cpuMs = (used.user + used.system) / 1000 / (warmup === 0 ? Math.max(1, requests - 1) : requests);
      const auditsPerRequest = ((await countAudits()) - auditsBefore) / (warmup + requests);
      timings.sort((a, b) => a - b);
      const m = { what: target.what, p50: percentile(timings, 50), p95: percentile(timings, 95), max: timings.at(-1)!, bytes, auditsPerRequest, cpuMs };
      results.push(m);
      console.log(`${m.what}: p50 ${m.p50.toFixed(1)} ms, p95 ${m.p95.toFixed(1)} ms, max ${m.max.toFixed(1)} ms, CPU ${m.cpuMs.toFixed(1)} ms a request, ${(m.bytes / 1024).toFixed(0)} KiB, ${m.auditsPerRequest} audit events a request (load average ${load()})`);
    }
    if (values['query-times']) {
      const app_ = app;
      const queries = await timer.record(async () => {
        await app_.inject({ method: 'GET', url: targets[0]!.url, headers });
      });
      console.log(`One plan page request sent ${queries.length} queries, ${queries.reduce((t, q) => t + q.ms, 0).toFixed(1)} ms in all (ms, rows, SQL):`);
      for (const q of queries) console.log(`  ${q.ms.toFixed(1).padStart(5)} ms ${String(q.rows).padStart(4)} rows  ${db.getExecutor().compileQuery(q.node, q.queryId).sql.replace(/\s+/g, ' ').slice(0, 150)}`);
    }
    return results;
  } finally {
    await runner?.stop();
    await app?.close();
    await bench.dispose();
  }
}

let interrupted = false;
async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      void disposeAllBenchDatabases().finally(() => process.exit(130));
    });
  }
  console.log(`Visit plan page benchmark: ${staffInTeam} staff, ${visitsInDay} visits on one day; ${requests} timed requests of each (after ${warmup} warm-up), engines: ${engines.join(', ')}.`);
  console.log(`Load average at the start (1, 5, 15 min): ${load()}`);
  const all: Array<Measured & { engine: DatabaseEngine }> = [];
  for (const engine of engines) for (const m of await benchEngine(engine)) all.push({ engine, ...m });
  console.log('\n=== Summary: server time through app.inject, milliseconds ===');
  const rows = [['engine', 'page', 'p50', 'p95', 'max', 'CPU/req', 'size'], ...all.map((m) => [m.engine, m.what, m.p50.toFixed(1), m.p95.toFixed(1), m.max.toFixed(1), m.cpuMs.toFixed(1), `${(m.bytes / 1024).toFixed(0)} KiB`])];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) console.log(r.map((cell, c) => (c >= 2 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  '));
  const page = all.filter((m) => m.what.startsWith('plan page'));
  for (const m of page) console.log(`Issue 13 target, the plan page for a 40-person day under 300 ms (${m.engine}): p50 ${m.p50.toFixed(0)} ms, ${m.p50 < 300 ? 'met' : 'NOT met'}.`);
  console.log('p50/p95/max: wall time of each request through app.inject, in this process, one at a time (no network).');
  console.log('CPU/req: the process\'s CPU time (user + system, every thread: the app, PGlite, the garbage collector) over the');
  console.log('timed requests, divided by their number: less sensitive than wall time to other work on a busy machine.');
  console.log(`Load average at the end (1, 5, 15 min): ${load()}`);
}

try {
  await main();
} catch (error) {
  if (!interrupted) console.error('\nThe benchmark failed:', error);
  process.exitCode = 1;
}

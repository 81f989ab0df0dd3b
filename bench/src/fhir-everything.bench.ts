// npm run bench:fhir [-- --engine pglite|postgres|both --requests 30]
// Issue 18: "Patient/$everything for a patient with 3 episodes and 300 entries in under 200 ms server
// time; printed by the benchmark". One patient, three episodes: two with the patient's own team (A) and
// one with another team (B, which contributes only its summary to team A, as the access rules say).
// Team A's episodes are filled through the JSON API as clinicians write them (consents, final contact
// notes, Barthel assessments, goals with ratings, programme activities); visits and letters, which no
// JSON route writes in a line, straight into their tables as the FHIR record tests do. Then, signed in as
// team A's registered therapist, N requests of GET /fhir/R4/Patient/{id}/$everything through app.inject
// (no network: server time only, one at a time), with the database queries each one sends.
// Figures only: nothing is asserted (what $everything returns is proved in fhir/fhir-record.int.test.ts).
import { parseArgs } from 'node:util';
import type { KyselyPlugin } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { DatabaseEngine } from '../../packages/server/src/db/database.ts';
import { testNhsNumberForIndex } from '../../packages/server/src/demo/generate-demo-data.ts';
import { barthelAt12, barthelAt16 } from '../../packages/server/test/barthel-responses.ts';
import { seedEpisode } from '../../packages/server/test/seed-episode.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../packages/server/test/test-app.ts';
import { createBenchDatabase, disposeAllBenchDatabases } from './bench-database.ts';
import { summariseLatencies } from './latency-summary.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  // npm run bench passes its arguments to every benchmark: ignore the others'.
  strict: false,
  options: { queries: { type: 'boolean', default: false }, engine: { type: 'string', default: 'both' }, requests: { type: 'string', default: '30' }, warmup: { type: 'string', default: '3' } },
});
const engines: DatabaseEngine[] = values.engine === 'both' ? ['pglite', 'postgres'] : [values.engine === 'postgres' ? 'postgres' : 'pglite'];
const requests = Math.max(1, Number(values.requests) || 30);
const warmup = Math.max(0, Number(values.warmup) || 0);

/** Counts the queries sent, by kind and table (\`--queries\` prints them: where the round trips go). */
function queryCounter() {
  let count = 0;
  let dbMs = 0;
  const started = new Map<unknown, number>();
  const byWhat = new Map<string, number>();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const tableOf = (node: any): string => node.into?.table?.identifier?.name ?? node.table?.table?.identifier?.name ?? node.from?.froms?.[0]?.table?.identifier?.name ?? node.from?.froms?.[0]?.node?.table?.identifier?.name ?? '?';
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      count += 1;
      started.set(args.queryId, performance.now());
      const what = `${args.node.kind.replace('QueryNode', '')} ${tableOf(args.node)}`;
      byWhat.set(what, (byWhat.get(what) ?? 0) + 1);
      return args.node;
    },
    transformResult: async (args) => {
      const at = started.get(args.queryId);
      if (at !== undefined) {
        dbMs += performance.now() - at;
        started.delete(args.queryId);
      }
      return args.result;
    },
  };
  return { plugin, reset: () => ((count = 0), (dbMs = 0), byWhat.clear()), get count() { return count; }, get dbMs() { return dbMs; }, get byWhat() { return [...byWhat].sort((a, b) => b[1] - a[1]); } };
}

async function created(res: { statusCode: number; body: string; json(): unknown }): Promise<string> {
  if (res.statusCode !== 201) throw new Error(`Seeding failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** One of team A's episodes with about 140 entries. */
async function fillEpisode(t: TestApp, therapist: TestClient, patientId: string, episodeId: string, hoursBack: number): Promise<number> {
  const ago = (minutes: number) => new Date(t.clock.now().getTime() - minutes * 60_000).toISOString();
  let entries = 0;
  for (let c = 0; c < 2; c++, entries++) await created(await therapist.post(`/api/episodes/${episodeId}/consent`, { agreedTo: `Assessment and treatment at home (${c + 1})`, method: 'verbal', givenBy: 'patient' }));
  for (let n = 0; n < 60; n++, entries++) {
    await created(await therapist.post(`/api/episodes/${episodeId}/contact-notes`, {
      kind: 'treatment', occurredAt: ago(hoursBack * 60 - n * 30), durationMinutes: 45, place: 'Home', staffPresent: null,
      body: `Treatment session ${n + 1}: transfers and kitchen practice.`, therapyMinutes: { 'occupational-therapy': 30, physiotherapy: 15 }, finalise: true,
    }));
  }
  for (let a = 0; a < 12; a++, entries++) {
    await created(await therapist.post(`/api/episodes/${episodeId}/assessments`, {
      instrumentId: 'barthel-index', method: 'observed', timePoint: a === 0 ? 'baseline' : 'review', administeredAt: ago(hoursBack * 60 - a * 60 - 5), responses: a % 2 ? barthelAt16 : barthelAt12,
    }));
  }
  for (let g = 0; g < 10; g++) {
    const goalId = await created(await therapist.post(`/api/episodes/${episodeId}/goals`, {
      statement: `Goal ${g + 1}: make a hot drink and carry it to the lounge`,
      levels: { '-2': 'Cannot', '-1': 'With help', '0': 'Alone with a trolley', '+1': 'Lidded mug', '+2': 'For a visitor too' },
      baseline: -1, importance: 3, difficulty: 2, targetOn: '2026-12-22', agreedWith: 'The patient and her daughter',
    }));
    await created(await therapist.post(`/api/goals/${goalId}/attainments`, { level: 0, timePoint: 'review', ratedOn: '2026-11-24' }));
    await created(await therapist.post(`/api/episodes/${episodeId}/programme`, {
      kind: 'exercise', competence: 'sit-to-stand-exercise', title: `Sit-to-stand practice ${g + 1}`, instructions: 'Stand up slowly from a firm chair, 10 times.',
      timesPerPeriod: 1, period: 'day', delivererKind: 'carer', delivererName: 'Sarah (daughter)', startsOn: '2026-11-24', goalId,
    }));
    entries += 3;
  }
  const lead = t.service.a['clinical-lead'].id;
  const at = t.clock.now();
  const stamps = { created_at: at, created_by: lead, updated_at: at, updated_by: lead };
  const visits = Array.from({ length: 30 }, (_, v) => ({
    id: uuidv7(), team_id: t.service.teamA, episode_id: episodeId, patient_id: patientId, on_date: `2026-12-${String(1 + (v % 28)).padStart(2, '0')}`, purpose: 'therapy' as const, duration_minutes: 45,
    place: 'home' as const, staff_needed: 1, registered_required: false, skills: JSON.stringify([]), origin: 'proposed' as const, ...stamps,
  }));
  await t.db.insertInto('visits').values(visits).execute();
  const letters = Array.from({ length: 6 }, (_, l) => ({
    id: uuidv7(), episode_id: episodeId, patient_id: patientId, kind: 'discharge-gp' as const, recipient: 'Dr Shah, Burslem Health Centre', print_size: 'standard' as const, source_id: null, source_version: null,
    text_content: `Dear Dr Shah (${l + 1})`, pdf: new TextEncoder().encode('%PDF-1.7 bench'), sha256: 'a'.repeat(64), alternative_formats: JSON.stringify([]), produced_at: at, produced_by: lead, produced_by_role: 'clinical-lead' as const,
  }));
  await t.db.insertInto('letters').values(letters).execute();
  return entries + visits.length + letters.length;
}

async function benchEngine(engine: DatabaseEngine): Promise<void> {
  const bench = await createBenchDatabase(engine);
  const counter = queryCounter();
  const database = { ...bench.database, db: bench.database.db.withPlugin(counter.plugin) };
  const t = await bootTestApp({ testDb: { database, url: bench.url, open: () => Promise.reject(new Error('not needed')), drop: () => bench.dispose() } });
  try {
    const therapist = await t.signIn(t.service.a['registered-therapist']);
    const outsider = await t.signIn(t.service.otherTeamTherapist);
    const patientId = await created(await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(9001) })));
    const allocatedTo = t.service.a['registered-therapist'].id;
    const first = await seedEpisode(t, { patientId, service: 'stroke-early-supported-discharge', allocatedTo });
    const second = await seedEpisode(t, { patientId, service: 'community-stroke-rehabilitation', allocatedTo });
    const otherTeam = await seedEpisode(t, { patientId, service: 'd2a-pathway-1', allocatedTo: t.service.otherTeamTherapist.id, teamId: t.service.teamB, triagedBy: t.service.otherTeamTherapist.id });
    let entries = await fillEpisode(t, therapist, patientId, first, 70);
    entries += await fillEpisode(t, therapist, patientId, second, 40);
    for (let n = 0; n < 20; n++, entries++) {
      await created(await outsider.post(`/api/episodes/${otherTeam}/contact-notes`, {
        kind: 'treatment', occurredAt: new Date(t.clock.now().getTime() - (60 - n) * 60 * 60_000).toISOString(), durationMinutes: 30, place: 'Home', staffPresent: null,
        body: 'Team B note: summary only to team A', therapyMinutes: {}, finalise: true, consentMissingReason: 'Consent recorded on the paper referral',
      }));
    }
    console.log(`${engine}: one patient, 3 episodes (one another team's), ${entries} entries written`);

    const url = `/fhir/R4/Patient/${patientId}/$everything`;
    for (let w = 0; w < warmup; w++) await therapist.get(url);
    const times: number[] = [];
    const dbTimes: number[] = [];
    let resources = 0, bytes = 0, queries = 0;
    for (let r = 0; r < requests; r++) {
      counter.reset();
      const started = performance.now();
      const res = await therapist.get(url);
      times.push(performance.now() - started);
      queries = counter.count;
      dbTimes.push(counter.dbMs);
      if (res.statusCode !== 200) throw new Error(`$everything answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
      resources = (res.json() as { entry?: unknown[] }).entry?.length ?? 0;
      bytes = res.rawPayload.length;
    }
    const s = summariseLatencies(times);
    const d = summariseLatencies(dbTimes);
    if (values.queries) for (const [what, n] of counter.byWhat) console.log(`    ${String(n).padStart(3)} x ${what}`);
    console.log(`  GET Patient/{id}/$everything  median ${s.median.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms  (${s.samples} requests, ${resources} resources, ${(bytes / 1024).toFixed(0)} KiB, ${queries} queries each, waiting on them: median ${d.median.toFixed(1)} ms)`);
  } finally {
    await t.close();
  }
}

try {
  for (const engine of engines) {
    try {
      await benchEngine(engine);
    } catch (error) {
      // PostgreSQL is used when a server is there; without one the PGlite figures still stand.
      if (engine === 'postgres' && /ECONNREFUSED|connect/i.test(String(error))) console.log(`postgres: not available (${String(error).slice(0, 120)}), skipped`);
      else throw error;
    }
  }
  console.log('Server time: wall time of each request through app.inject in this process (no network), one at a time; the issue asks for under 200 ms.');
} finally {
  await disposeAllBenchDatabases();
}

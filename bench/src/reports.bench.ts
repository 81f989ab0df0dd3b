// npm run bench:reports [-- --engine pglite|postgres --episodes 1500]
// Each report (issue 18 #1) over a year of a 50-person team's work: the demo team made up to 50 staff,
// a year of episodes across every service (a third of them D2A, a quarter stroke), about 20 final
// contact notes each with SSNAP minutes on the stroke ones, baseline and discharge Barthel scores, two
// rated goals, ready dates and delay reasons on the D2A discharges, and a published plan for every day.
// Written straight to the database (one domain call per row would take minutes); the reports are then
// read as the clinical lead through the reports' own read function, three times each. Figures only:
// nothing is asserted (the numbers are proved in reports/reports.int.test.ts).
import { uuidv7 } from 'uuidv7';
import { sql, type Kysely } from 'kysely';
import type { DatabaseEngine } from '../../packages/server/src/db/database.ts';
import type { Database } from '../../packages/server/src/db/schema.ts';
import { loadConfig } from '../../packages/server/src/config.ts';
import { staffActor } from '../../packages/server/src/platform/actor.ts';
import { readReport } from '../../packages/server/src/reports/report-catalogue.ts';
import { parseReportFilter } from '../../packages/server/src/reports/report-filter.ts';
import { reportIds } from '../../packages/server/src/reports/report-model.ts';
import { createBenchDatabase, disposeAllBenchDatabases } from './bench-database.ts';
import { seedBenchService } from './seed-bench-service.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const engine = arg('engine', 'pglite') as DatabaseEngine;
const episodeCount = Number(arg('episodes', '1500'));
const now = new Date('2026-11-24T10:00:00Z');
const day = 86_400_000;
const services = ['d2a-pathway-0', 'd2a-pathway-1', 'd2a-pathway-2', 'd2a-pathway-3', 'stroke-early-supported-discharge', 'community-stroke-rehabilitation', 'rehabilitation-medicine', 'bed-based-rehabilitation'];

async function insertChunks<T>(db: Kysely<Database>, table: keyof Database, rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto(table).values(rows.slice(i, i + 500) as never).execute();
}

async function seedYear(db: Kysely<Database>): Promise<{ teamId: string; lead: { id: string; name: string } }> {
  const demo = await seedBenchService(db, { seed: 20261124, patients: episodeCount, now });
  const team = demo.teams[0]!;
  const lead = demo.staff.find((s) => s.teamId === team.id && s.homewardRole === 'clinical-lead')!;
  const members = demo.staff.filter((s) => s.teamId === team.id).map((s) => s.id);
  const extra = Array.from({ length: Math.max(0, 50 - members.length) }, (_, i) => ({
    id: uuidv7(), email: `bench.${i}@bench.example`, given_name: 'Bench', family_name: `Therapist ${i}`, profession: i % 2 ? 'OT' : 'PT', registration_number: null, band: '6',
    homeward_role: 'registered-therapist', team_id: team.id, base_location: null, password_hash: null, created_at: now, updated_at: now,
  }));
  await insertChunks(db, 'staff', extra);
  const staff = [...members, ...extra.map((e) => e.id)];
  const patients = await db.selectFrom('patients').select('id').limit(episodeCount).execute();
  const referrals = [], episodes = [], notes = [], assessments = [], goals = [], ratings = [], delays = [];
  for (const [i, p] of patients.entries()) {
    const service = services[i % services.length]!;
    const received = new Date(now.getTime() - (365 - (i * 365) / patients.length) * day);
    const start = new Date(received.getTime() + 1.5 * day);
    const end = new Date(start.getTime() + 30 * day);
    const discharged = end < now;
    const by = staff[i % staff.length]!;
    const referralId = uuidv7();
    const episodeId = uuidv7();
    const endDay = end.toISOString().slice(0, 10);
    referrals.push({ id: referralId, patient_id: p.id, team_id: team.id, source: 'acute-ward', received_at: received, service, setting: 'home', reason: 'Bench', urgency_requested: 'soon', referrer_name: 'Ward', referrer_contact: '01632 960000', consent_to_referral: true, status: 'accepted', decided_at: received, decided_by: lead.id, created_at: received, created_by: lead.id, updated_at: received, updated_by: lead.id });
    episodes.push({ id: episodeId, patient_id: p.id, referral_id: referralId, team_id: team.id, service, setting: 'home', status: discharged ? 'discharged' : 'active', complexity: 'non-complex', complexity_reason: 'Bench', priority: 'P2', skills_needed: '[]', triaged_by: lead.id, triaged_at: received, clock_starts_at: received, response_due_at: new Date(received.getTime() + 2 * day), first_contact_at: start, allocated_to: by, allocated_at: received, discharged_on: discharged ? endDay : null, discharge_outcome: discharged ? 'goals-met' : null, discharge_destination: discharged ? 'home-no-support' : null, discharge_ready_on: discharged && service.startsWith('d2a') ? new Date(end.getTime() - (i % 4) * day).toISOString().slice(0, 10) : null, created_at: received, created_by: lead.id, updated_at: received, updated_by: lead.id });
    if (discharged && service.startsWith('d2a') && i % 4) delays.push({ id: uuidv7(), episode_id: episodeId, patient_id: p.id, reason: 'awaiting-pathway-1-capacity', note: null, recorded_at: end, recorded_by: by, recorded_by_role: 'registered-therapist' });
    const stroke = service.includes('stroke');
    for (let k = 0; k < 20; k++) {
      const at = new Date(start.getTime() + k * 1.5 * day);
      if (at > now) break;
      notes.push({ id: uuidv7(), episode_id: episodeId, patient_id: p.id, status: 'final', kind: 'treatment', occurred_at: at, duration_minutes: 45, place: 'home', staff_present: null, body: 'Bench', therapy_minutes: JSON.stringify(stroke ? { physiotherapy: 20, 'occupational-therapy': 15 } : {}), first_holistic_assessment: false, consent_missing_reason: null, written_at: at, written_by: by, written_by_role: 'registered-therapist', late_entry: false, finalised_at: at, finalised_by: by, needs_review: false, reviewed_at: null, reviewed_by: null, updated_at: at, updated_by: by });
    }
    if (discharged) {
      for (const [timePoint, total, at] of [['baseline', 8 + (i % 6), start], ['discharge', 12 + (i % 8), end]] as const) {
        assessments.push({ id: uuidv7(), episode_id: episodeId, patient_id: p.id, instrument_id: 'barthel-index', instrument_version: 1, time_point: timePoint, method: 'observed', responses: '{}', total, subscales: '{}', band: null, administered_at: at, recorded_at: at, recorded_by: by, recorded_by_role: 'registered-therapist' });
      }
      for (let g = 0; g < 2; g++) {
        const goalId = uuidv7();
        goals.push({ id: goalId, episode_id: episodeId, patient_id: p.id, statement: 'Bench goal', levels: '{"-2":"a","-1":"b","0":"c","+1":"d","+2":"e"}', baseline_level: -1, importance: null, difficulty: null, target_on: endDay, agreed_with: null, created_at: start, created_by: by, updated_at: start, updated_by: by });
        ratings.push({ id: uuidv7(), goal_id: goalId, episode_id: episodeId, patient_id: p.id, time_point: 'discharge', level: (i + g) % 3 - 1, note: null, rated_at: end, recorded_at: end, recorded_by: by, recorded_by_role: 'registered-therapist' });
      }
    }
  }
  await insertChunks(db, 'referrals', referrals);
  await insertChunks(db, 'episodes', episodes);
  await insertChunks(db, 'contact_notes', notes);
  await insertChunks(db, 'assessments', assessments);
  await insertChunks(db, 'goals', goals);
  await insertChunks(db, 'goal_attainments', ratings);
  await insertChunks(db, 'episode_delays', delays);
  const plans = Array.from({ length: 365 }, (_, d) => {
    const onDate = new Date(now.getTime() - (d + 1) * day).toISOString().slice(0, 10);
    const plan = JSON.stringify({ teamId: team.id, date: onDate, routes: staff.map((s, k) => ({ staffId: s, travelMinutes: 30 + (k % 40), stops: [] })) });
    return { id: uuidv7(), team_id: team.id, on_date: onDate, draft: plan, published: plan, published_at: now, created_at: now, created_by: lead.id, updated_at: now, updated_by: lead.id };
  });
  await insertChunks(db, 'visit_plans', plans);
  console.log(`Seeded: 50 staff, ${episodes.length} episodes, ${notes.length} notes, ${assessments.length} assessments, ${goals.length} goals, ${plans.length} published plans`);
  return { teamId: team.id, lead: { id: lead.id, name: `${lead.givenName} ${lead.familyName}` } };
}

async function main(): Promise<void> {
  const bench = await createBenchDatabase(engine);
  try {
    const db = bench.database.db;
    const { teamId, lead } = await seedYear(db);
    await sql`analyze`.execute(db);
    const config = loadConfig({}, { now: () => now });
    const actor = staffActor({ staff: { staffId: lead.id, name: lead.name, role: 'clinical-lead', teamId }, config, via: 'bench', now });
    const { filter } = parseReportFilter({ 'from-day': '25', 'from-month': '11', 'from-year': '2025', 'to-day': '24', 'to-month': '11', 'to-year': '2026' }, now);
    const access = { actor, teamIds: [teamId], teamNames: 'Bench team', teamChoices: [] };
    console.log(`Reports over a year (${filter.from} to ${filter.to}), ${engine}, server time of the read function, 3 runs:`);
    for (const report of reportIds) {
      const times: number[] = [];
      let rows = 0;
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        const result = await readReport(db, report, { access, filter, now });
        times.push(performance.now() - started);
        rows = result.tables.reduce((n, t) => n + t.rows.length, 0);
      }
      times.sort((a, b) => a - b);
      console.log(`  ${report.padEnd(9)} median ${times[1]!.toFixed(0).padStart(6)} ms  (fastest ${times[0]!.toFixed(0)}, slowest ${times[2]!.toFixed(0)})  ${rows} rows`);
    }
  } finally {
    await bench.dispose();
    await disposeAllBenchDatabases();
  }
}

await main();

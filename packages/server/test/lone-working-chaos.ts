// The lone-working chaos harness (issue 14, "Reliability"): N simulated sessions on a team whose ladder
// runs in seconds, driven through the domain functions (amber, red, duress) while K instances of the
// timers' runner (child processes of cli/run-lone-working-jobs.ts, each "an instance") are SIGKILLed and
// restarted at random. From the scenario it works out which rungs must fire and when; once all are due
// plus a margin it reads lone_working_alert_events and notifications and counts: expected, fired, missed,
// fired twice (rung events per (alert, level), notifications per (alert, level, recipient)), rungs that
// should not have fired, and the lateness of each rung after its due time in the scenario (so a late raise
// carries into the rungs after it). Used by bench/src/lone-working-chaos.bench.ts (500 sessions) and by
// lone-working-chaos.int.test.ts (about 60), over PostgreSQL: the instances are separate processes
// sharing one database, which PGlite (one process, one connection) cannot be.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { toUkWallClock, type LadderRung } from '@homeward/clinical';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/schema.ts';
import { staffActor, type Actor } from '../src/platform/actor.ts';
import { startDatabaseClock } from '../src/platform/database-clock.ts';
import { checkIn as checkInSession, checkOut as checkOutSession, endAmberAlert, extendAmberAlert, raiseAlert, scheduleSessionChecks, startAmberAlert } from '../src/lone-working/public.ts';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const runnerCli = join(serverDir, 'src', 'cli', 'run-lone-working-jobs.ts');

/** The ladder in seconds: grace 5 s, then the clinician at once, the responder at 8 s, the manager at 16 s. */
export const chaosGraceSeconds = 5;
export const chaosLadder: LadderRung[] = [
  { level: 1, who: 'clinician', afterSeconds: 0, instructions: 'Check in or out now if you are safe.' },
  { level: 2, who: 'responder', afterSeconds: 8, instructions: 'Call the clinician, then the house.' },
  { level: 3, who: 'manager', afterSeconds: 16, instructions: 'Call the police with the details shown.' },
];

export type ChaosOptions = {
  db: Kysely<Database>;
  /** The PostgreSQL database the instances connect to. */
  databaseUrl: string;
  sessions: number;
  /** Sessions start over this many seconds from the start. */
  spreadSeconds: number;
  /** Runner instances alive at once (each killed and restarted at random). */
  instances: number;
  /** Whether an amber may be extended and then left to run out (it runs 2 minutes: the long run only). */
  extendedRunOut: boolean;
  seed?: number;
  /** Seconds after the last due time to wait (no kills then) before counting; more than a lease (15 s). */
  marginSeconds?: number;
  log?: (line: string) => void;
};

type Plan = 'on-time' | 'missed-check-in' | 'missed-check-out' | 'amber-ended' | 'amber-extended-ended' | 'amber-extended-run-out' | 'amber-run-out' | 'red' | 'duress';

/** A rung that must fire: its alert (found after the run for timers' alerts), level and due time in the scenario. */
type ExpectedRung = { sessionId: string; alertKind: string; alertId: string | null; level: number; dueAt: number };

export type ChaosFigures = {
  sessions: number;
  plans: Record<string, number>;
  instances: number;
  kills: number;
  /** Driver actions that reached the database after their deadline (their sessions are left out of the counts). */
  driverLate: number;
  expected: number;
  fired: number;
  missed: number;
  firedTwice: number;
  notificationsTwice: number;
  /** Rung events no scenario called for (a false alarm). */
  unexpected: number;
  latenessMs: { p50: number; p99: number; max: number };
  seconds: number;
};

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The team: a lead, a service manager (the manager rung), an on-call responder, and the clinicians who go out. */
export async function seedChaosTeam(db: Kysely<Database>, o: { clinicians: number; now: Date }) {
  const teamId = uuidv7();
  await db.insertInto('teams').values({ id: teamId, name: `Chaos team ${teamId.slice(-6)}`, base_location: 'Haywood Hospital', phone: '01632 960100' }).execute();
  const make = async (role: 'clinical-lead' | 'service-manager' | 'assistant-practitioner' | 'registered-therapist', n: number) => {
    const id = uuidv7();
    await db.insertInto('staff').values({
      id, email: `${role}.${n}.${id.slice(-8)}@chaos.example`, given_name: `Chaos${n}`, family_name: role.replace(/-/g, ' '), profession: role === 'service-manager' ? 'none' : 'OT',
      registration_number: null, band: '6', homeward_role: role, team_id: teamId, base_location: null, password_hash: null, created_at: o.now, updated_at: o.now,
    }).execute();
    return { id, name: `Chaos${n} ${role.replace(/-/g, ' ')}`, role, teamId };
  };
  const lead = await make('clinical-lead', 0);
  const manager = await make('service-manager', 0);
  const responder = await make('assistant-practitioner', 0);
  const clinicians = [];
  for (let i = 1; i <= o.clinicians; i++) clinicians.push(await make('registered-therapist', i));
  await db.insertInto('lone_working_settings').values({ team_id: teamId, grace_seconds: chaosGraceSeconds, ladder: JSON.stringify(chaosLadder), created_at: o.now, created_by: lead.id, updated_at: o.now, updated_by: lead.id }).execute();
  // The on-call responder (and manager) today and tomorrow, in case the run crosses midnight in London.
  const today = toUkWallClock(o.now).date;
  const tomorrow = toUkWallClock(new Date(o.now.getTime() + 24 * 3600_000)).date;
  for (const date of [today, tomorrow]) {
    await db.insertInto('rota_on_call').values({ id: uuidv7(), team_id: teamId, on_date: date, staff_id: responder.id, manager_staff_id: manager.id, created_at: o.now, created_by: lead.id, updated_at: o.now, updated_by: lead.id }).execute();
  }
  return { teamId, lead, manager, responder, clinicians };
}

/** One runner instance: a child process, killed with SIGKILL and started again by the chaos loop. */
class Instance {
  child: ChildProcess | null = null;
  generation = 0;
  readonly name: string;
  readonly env: NodeJS.ProcessEnv;
  readonly log: (line: string) => void;
  constructor(name: string, env: NodeJS.ProcessEnv, log: (line: string) => void) {
    this.name = name;
    this.env = env;
    this.log = log;
  }
  start(): void {
    this.generation += 1;
    const child = spawn(process.execPath, [runnerCli, '--instance-id', `${this.name}-${this.generation}`], { env: this.env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim() && !line.includes('"level":"warn"')) this.log(`[${this.name}] ${line.slice(0, 300)}`);
    });
    this.child = child;
  }
  kill(): void {
    this.child?.kill('SIGKILL');
    this.child = null;
  }
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(5000).then(() => child.kill('SIGKILL'))]);
    this.child = null;
  }
}

export async function runLoneWorkingChaos(o: ChaosOptions): Promise<ChaosFigures> {
  const log = o.log ?? (() => {});
  const random = mulberry32(o.seed ?? 14);
  const between = (a: number, b: number) => a + random() * (b - a);
  const margin = (o.marginSeconds ?? 30) * 1000;
  const config = loadConfig({}, {});
  const clock = await startDatabaseClock(o.db, { refreshMs: 2000 });
  const started = Date.now();
  const team = await seedChaosTeam(o.db, { clinicians: Math.max(5, Math.ceil(o.sessions / 10)), now: clock.now() });
  const actorFor = (staff: { id: string; name: string; teamId: string }): Actor =>
    staffActor({ staff: { staffId: staff.id, name: staff.name, role: 'registered-therapist', teamId: staff.teamId }, config, via: 'chaos-driver', now: clock.now() });

  // The instances first, so they are running (and being killed) before anything falls due.
  const dataDir = mkdtempSync(join(tmpdir(), 'homeward-chaos-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: o.databaseUrl, HOMEWARD_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.HOMEWARD_SMTP_URL;
  const instances = Array.from({ length: o.instances }, (_, i) => new Instance(`instance-${i + 1}`, env, log));
  for (const instance of instances) instance.start();

  // The scenario: each session's plan and the driver's actions at their times (ms from t0).
  // Far enough ahead that every session is made (10 ms each when quiet, 100 ms with the instances starting) before the first starts.
  const t0 = clock.now().getTime() + 10_000 + o.sessions * 50;
  const weights: Array<[Plan, number]> = [
    ['on-time', 30], ['missed-check-in', 10], ['missed-check-out', 10], ['amber-ended', 10], ['amber-extended-ended', 6],
    ['amber-extended-run-out', o.extendedRunOut ? 6 : 0], ['amber-run-out', 10], ['red', 8], ['duress', 10],
  ];
  const total = weights.reduce((s, [, w]) => s + w, 0);
  const pick = (): Plan => {
    let r = random() * total;
    for (const [plan, w] of weights) if ((r -= w) < 0) return plan;
    return 'on-time';
  };
  type Sim = { id: string; staff: (typeof team.clinicians)[number]; plan: Plan; start: number; end: number; late: boolean; alertId: string | null; redAt: number | null };
  type Action = { at: number; sim: Sim; deadline: number | null; run: (sim: Sim) => Promise<void> };
  const sims: Sim[] = [];
  const actions: Action[] = [];
  const plans: Record<string, number> = {};

  const inTransaction = <T>(fn: (trx: Kysely<Database>) => Promise<T>) => o.db.transaction().execute(fn);
  // The taps go through the clinician's side's own functions (as the routes call them), which take the
  // row lock the timers take too: a check and its timer are never interleaved.
  const checkIn = (sim: Sim) =>
    inTransaction(async (trx) => {
      const now = clock.now();
      await checkInSession(trx, { actor: { ...actorFor(sim.staff), now }, sessionId: sim.id, madeAt: null });
    });
  const checkOut = (sim: Sim, duress = false) =>
    inTransaction(async (trx) => {
      const now = clock.now();
      // A duress code looks like a check-out, and raises a silent red alert in the same transaction.
      await checkOutSession(trx, { actor: { ...actorFor(sim.staff), now }, sessionId: sim.id, madeAt: null, notCheckedIn: false, duress });
      if (duress) {
        sim.alertId = (await trx.selectFrom('lone_working_alerts').select('id').where('session_id', '=', sim.id).where('kind', '=', 'duress').executeTakeFirstOrThrow()).id;
        sim.redAt = now.getTime();
      }
    });
  const amberVersion = async (sim: Sim) => (await o.db.selectFrom('lone_working_alerts').select('version').where('id', '=', sim.alertId!).executeTakeFirstOrThrow()).version;

  for (let i = 0; i < o.sessions; i++) {
    const staff = team.clinicians[i % team.clinicians.length]!;
    const start = t0 + between(0, o.spreadSeconds * 1000);
    const end = start + between(10_000, 25_000);
    const plan = pick();
    plans[plan] = (plans[plan] ?? 0) + 1;
    const sim: Sim = { id: uuidv7(), staff, plan, start, end, late: false, alertId: null, redAt: null };
    sims.push(sim);
    const grace = chaosGraceSeconds * 1000;
    // On time: within 2 s of the expected time, 3 s or more before the timer (expected + 5 s grace).
    const checkInAt = start + between(0, 2000);
    const checkOutAt = end + between(0, 2000);
    if (plan !== 'missed-check-in') actions.push({ at: checkInAt, sim, deadline: start + grace, run: checkIn });
    if (plan === 'duress') actions.push({ at: checkOutAt, sim, deadline: end + grace, run: (s) => checkOut(s, true) });
    else if (plan !== 'missed-check-in' && plan !== 'missed-check-out') actions.push({ at: checkOutAt, sim, deadline: end + grace, run: (s) => checkOut(s) });
    if (plan.startsWith('amber')) {
      const amberAt = checkInAt + 200;
      actions.push({
        at: amberAt, sim, deadline: null,
        run: async (s) => {
          s.alertId = (await inTransaction((trx) => startAmberAlert(trx, { actor: actorFor(s.staff), teamId: team.teamId, staffId: s.staff.id, sessionId: s.id, note: 'Son at home, aggressive last time', minutes: 1 }))).alertId;
        },
      });
      // An amber runs 1 minute (its shortest); ending or extending it comes 20 s or more before it raises.
      const laterAt = amberAt + between(10_000, 40_000);
      if (plan === 'amber-ended') actions.push({ at: laterAt, sim, deadline: amberAt + 60_000, run: async (s) => void (await inTransaction(async (trx) => endAmberAlert(trx, { actor: actorFor(s.staff), alertId: s.alertId!, version: await amberVersion(s) }))) });
      if (plan === 'amber-extended-ended' || plan === 'amber-extended-run-out') {
        actions.push({ at: laterAt, sim, deadline: amberAt + 60_000, run: async (s) => void (await inTransaction(async (trx) => extendAmberAlert(trx, { actor: actorFor(s.staff), alertId: s.alertId!, version: await amberVersion(s), minutes: 1 }))) });
        if (plan === 'amber-extended-ended') actions.push({ at: laterAt + between(5_000, 20_000), sim, deadline: amberAt + 120_000, run: async (s) => void (await inTransaction(async (trx) => endAmberAlert(trx, { actor: actorFor(s.staff), alertId: s.alertId!, version: await amberVersion(s) }))) });
      }
    }
    if (plan === 'red') {
      actions.push({
        at: checkInAt + between(3000, 8000), sim, deadline: null,
        run: async (s) => {
          const now = clock.now();
          s.alertId = (await inTransaction((trx) => raiseAlert(trx, { actor: { ...actorFor(s.staff), now }, kind: 'red', teamId: team.teamId, staffId: s.staff.id, sessionId: s.id, note: 'Help' }))).alertId;
          s.redAt = now.getTime();
        },
      });
    }
  }

  // Every session made as the clinician's side makes one: the row, then its two timers.
  const createdAt = clock.now();
  for (const sim of sims) {
    await inTransaction(async (trx) => {
      await trx.insertInto('lone_working_sessions').values({
        id: sim.id, team_id: team.teamId, staff_id: sim.staff.id, on_date: toUkWallClock(new Date(sim.start)).date, origin: 'by-hand', place: `${(sims.indexOf(sim) % 90) + 1} Mill Lane, Leek ST13 5AA`,
        expected_start: new Date(sim.start), expected_end: new Date(sim.end), created_at: createdAt, created_by: sim.staff.id, updated_at: createdAt, updated_by: sim.staff.id,
      }).execute();
      await scheduleSessionChecks(trx, { sessionId: sim.id, now: clock.now() });
    });
  }
  log(`chaos: ${o.sessions} sessions made in ${((Date.now() - started) / 1000).toFixed(1)} s (${((t0 - clock.now().getTime()) / 1000).toFixed(1)} s before the first may start); instances ${o.instances}; plans ${JSON.stringify(plans)}`);

  // The latest moment anything may fall due: an amber extended and left to run out is the last.
  const lastDue = Math.max(...sims.map((s) => s.end + 2000 + (s.plan.startsWith('amber') ? 125_000 : 0) + chaosGraceSeconds * 1000 + 16_000));
  let kills = 0;
  let chaos = true;
  const chaosLoop = (async () => {
    while (chaos) {
      await sleep(between(1000, 5000));
      if (!chaos) break;
      const victim = instances[Math.floor(random() * instances.length)]!;
      victim.kill();
      kills += 1;
      await sleep(between(500, 3000));
      victim.start();
    }
  })();

  // The driver: each action at its time, concurrently; an action past its deadline is noted (its session left out).
  actions.sort((a, b) => a.at - b.at);
  const running: Promise<void>[] = [];
  for (const action of actions) {
    await sleep(action.at - clock.now().getTime());
    running.push(
      (async () => {
        if (action.sim.late) return;
        await action.run(action.sim);
        if (action.deadline !== null && clock.now().getTime() > action.deadline - 500) action.sim.late = true;
      })().catch((error: unknown) => {
        log(`driver: ${action.sim.plan} ${action.sim.id}: ${String(error)}`);
        action.sim.late = true;
      }),
    );
  }
  await Promise.all(running);

  // The real last due time now that ambers have their ends: kill until then, then a margin without kills.
  const amberDue = new Map<string, number>();
  const amberIds = sims.filter((s) => s.alertId && s.plan.startsWith('amber')).map((s) => s.alertId!);
  if (amberIds.length) for (const a of await o.db.selectFrom('lone_working_alerts').select(['id', 'due_at']).where('id', 'in', amberIds).execute()) amberDue.set(a.id, new Date(a.due_at).getTime());
  const expected: ExpectedRung[] = [];
  const rungsFrom = (sim: Sim, alertKind: string, alertId: string | null, raisedDue: number, red: boolean) => {
    // A missed check or an amber: raised at its due time, then each rung at its seconds after raising.
    // A red or duress: raised at once at the responder's rung; the manager's rung keeps its distance from it.
    if (red) {
      expected.push({ sessionId: sim.id, alertKind, alertId, level: 0, dueAt: raisedDue });
      expected.push({ sessionId: sim.id, alertKind, alertId, level: 2, dueAt: raisedDue });
      expected.push({ sessionId: sim.id, alertKind, alertId, level: 3, dueAt: raisedDue + 8000 });
    } else {
      expected.push({ sessionId: sim.id, alertKind, alertId, level: 0, dueAt: raisedDue });
      for (const r of chaosLadder) expected.push({ sessionId: sim.id, alertKind, alertId, level: r.level, dueAt: raisedDue + r.afterSeconds * 1000 });
    }
  };
  const grace = chaosGraceSeconds * 1000;
  for (const sim of sims) {
    if (sim.late) continue;
    if (sim.plan === 'missed-check-in') rungsFrom(sim, 'missed-check-in', null, sim.start + grace, false);
    if (sim.plan === 'missed-check-out') rungsFrom(sim, 'missed-check-out', null, sim.end + grace, false);
    if ((sim.plan === 'amber-run-out' || sim.plan === 'amber-extended-run-out') && sim.alertId) rungsFrom(sim, 'amber', sim.alertId, amberDue.get(sim.alertId)!, false);
    if ((sim.plan === 'red' || sim.plan === 'duress') && sim.alertId && sim.redAt !== null) rungsFrom(sim, sim.plan, sim.alertId, sim.redAt, true);
  }
  // Kill until every expected rung is due (and every timer that should do nothing has had its moment).
  const dueBy = Math.min(lastDue, Math.max(clock.now().getTime(), ...expected.map((e) => e.dueAt), ...sims.map((x) => x.end + chaosGraceSeconds * 1000)));
  await sleep(dueBy - clock.now().getTime());
  chaos = false;
  await chaosLoop;
  for (const instance of instances) if (!instance.child) instance.start();
  log(`chaos: last rung due; ${kills} kills so far; waiting ${margin / 1000} s without kills`);
  await sleep(margin);
  for (const instance of instances) await instance.stop();
  clock.stop();
  rmSync(dataDir, { recursive: true, force: true });

  // Count, from the database.
  const alerts = await o.db.selectFrom('lone_working_alerts').select(['id', 'session_id', 'kind']).where('team_id', '=', team.teamId).execute();
  const alertOfSession = new Map(alerts.filter((a) => a.session_id).map((a) => [`${a.session_id}:${a.kind}`, a.id]));
  for (const e of expected) e.alertId ??= alertOfSession.get(`${e.sessionId}:${e.alertKind}`) ?? null;
  const lateSessions = new Set(sims.filter((s) => s.late).map((s) => s.id));
  const events = await o.db
    .selectFrom('lone_working_alert_events as e')
    .innerJoin('lone_working_alerts as a', 'a.id', 'e.alert_id')
    .select(['e.alert_id', 'e.level', 'e.kind', 'e.at', 'e.due_at', 'a.session_id', 'a.kind as alert_kind'])
    .where('a.team_id', '=', team.teamId)
    .where('e.kind', 'in', ['raised', 'escalated', 'skipped-level'])
    .execute();
  const byRung = new Map<string, Array<(typeof events)[number]>>();
  for (const e of events) {
    const key = `${e.alert_id}:${e.level}`;
    byRung.set(key, [...(byRung.get(key) ?? []), e]);
  }
  let fired = 0;
  let missed = 0;
  const lateness: number[] = [];
  const expectedKeys = new Set<string>();
  for (const e of expected) {
    const key = `${e.alertId}:${e.level}`;
    expectedKeys.add(key);
    const got = e.alertId ? byRung.get(key) : undefined;
    if (!got?.length) {
      missed += 1;
      log(`missed: ${e.alertKind} level ${e.level} of session ${e.sessionId} due ${new Date(e.dueAt).toISOString()}`);
      continue;
    }
    fired += 1;
    lateness.push(Math.max(0, new Date(got[0]!.at).getTime() - e.dueAt));
  }
  let firedTwice = 0;
  let unexpected = 0;
  for (const [key, list] of byRung) {
    if (list.length > 1) firedTwice += list.length - 1;
    if (!expectedKeys.has(key) && !lateSessions.has(list[0]!.session_id ?? '')) {
      unexpected += 1;
      const e = list[0]!;
      const sim = sims.find((x) => x.id === e.session_id);
      const at = (ms: number | Date | null) => (ms === null ? '-' : new Date(ms).toISOString().slice(11, 23));
      log(`unexpected: ${e.alert_kind} level ${e.level} (${e.kind}) at ${at(e.at)} due ${at(e.due_at)}; session plan ${sim?.plan ?? '?'}, start ${at(sim?.start ?? null)}, end ${at(sim?.end ?? null)}`);
    }
  }
  // A notification belongs to the rung that made it: same alert, same moment (one transaction).
  const told = await sql<{ alert_id: string; level: number; staff_id: string; n: number }>`
    select n.alert_id, e.level, n.staff_id, count(*)::int as n
      from notifications n
      join lone_working_alerts a on a.id = n.alert_id
      join lone_working_alert_events e on e.alert_id = n.alert_id and e.at = n.created_at and e.kind = 'escalated'
     where a.team_id = ${team.teamId}
     group by n.alert_id, e.level, n.staff_id
  `.execute(o.db);
  const notificationsTwice = told.rows.reduce((s, r) => s + Math.max(0, r.n - 1), 0);
  lateness.sort((a, b) => a - b);
  return {
    sessions: o.sessions,
    plans,
    instances: o.instances,
    kills,
    driverLate: lateSessions.size,
    expected: expected.length,
    fired,
    missed,
    firedTwice,
    notificationsTwice,
    unexpected,
    latenessMs: { p50: percentile(lateness, 50), p99: percentile(lateness, 99), max: lateness.at(-1) ?? 0 },
    seconds: Math.round((Date.now() - started) / 1000),
  };
}

export function chaosReport(f: ChaosFigures): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return [
    `lone-working chaos: ${f.sessions} sessions, ${f.instances} instances, ${f.kills} SIGKILLs, ${f.seconds} s`,
    `  plans: ${Object.entries(f.plans).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `  escalations expected ${f.expected}, fired ${f.fired}, missed ${f.missed}, fired twice ${f.firedTwice} (notifications twice ${f.notificationsTwice}), unexpected ${f.unexpected}, driver late ${f.driverLate}`,
    `  lateness after due: p50 ${s(f.latenessMs.p50)}, p99 ${s(f.latenessMs.p99)}, max ${s(f.latenessMs.max)}`,
  ].join('\n');
}

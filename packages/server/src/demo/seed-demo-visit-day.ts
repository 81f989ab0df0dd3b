// A living visit day for a first start (issue 13): each team's base, the rota (patterns, weekend cover,
// leave, on call) kept by the team's clinical lead through the rota's rules, the visits the open
// episodes are due over the next days proposed through the visits' own function, and today planned by
// the planner's durable job and published by the lead, so the run sheets have today's visits on them.
// The planner runs to a fixed number of iterations with a fixed seed: the same demo every first start,
// and a short one.
import type { Kysely } from 'kysely';
import { addCalendarDays, ukDateOf } from '@homeward/clinical';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { staffActor, type Actor } from '../platform/actor.ts';
import { createJobRunner } from '../platform/jobs.ts';
import { authoriseEpisodeWrite, findEpisode } from '../caseload/public.ts';
import { addRotaException, changeRotaPattern, setOnCall } from '../staff/public.ts';
import { checkIn, checkOut, enqueueSessionsFromPlan, loneWorkingSessionJobHandlers } from '../lone-working/public.ts';
import { findVisitNeeds, proposeVisitsForHorizon, publishVisitPlan, readVisitPlan, recordVisitNeeds, startVisitPlanning, visitPlanJobHandlers } from '../visits/public.ts';
import { demoTeamBases, demoVisitNeeds, generateDemoRota } from './generate-demo-rota.ts';
import type { DemoSeed } from './seed-demo-data.ts';

export type SeedDemoVisitDayOptions = {
  demo: DemoSeed;
  now: Date;
  config: HomewardConfig;
  /** Days proposed from today (today included). */
  days?: number;
  /** The planner's iterations for today's plan (a fixed budget, so every first start plans the same day). */
  plannerIterations?: number;
};

export type SeededVisitDay = {
  date: string;
  /** Each team's day; `busiest` is who has the most visits on today's published plan (null when nobody has any). */
  teams: Array<{ teamId: string; proposed: number; planned: number; unplanned: number; published: boolean; busiest: string | null; problem?: string }>;
};

export async function seedDemoVisitDay(db: Kysely<Database>, o: SeedDemoVisitDayOptions): Promise<SeededVisitDay> {
  const today = ukDateOf(o.now);
  const days = o.days ?? 7;
  const leadOf = new Map<string, Actor>();
  for (const team of o.demo.teams) {
    const lead = o.demo.staff.find((s) => s.teamId === team.id && s.homewardRole === 'clinical-lead');
    if (lead) leadOf.set(team.id, staffActor({ staff: { staffId: lead.id, name: `${lead.givenName} ${lead.familyName}`, role: lead.homewardRole, teamId: team.id }, config: o.config, via: 'demo:seed', now: o.now }));
  }

  // Each team's base: where the planner starts and ends the day of everyone who starts from the base.
  // Teams are made directly by the seeder (there are no team pages yet), so their base is set the same way.
  for (const team of o.demo.teams) {
    const base = demoTeamBases[team.key];
    if (base) await db.updateTable('teams').set({ base_latitude: base.latitude, base_longitude: base.longitude }).where('id', '=', team.id).where('base_latitude', 'is', null).execute();
  }

  // The rota, as each team's clinical lead keeps it, through the rota's rules (once: a restart keeps it).
  const rota = generateDemoRota({ staff: o.demo.staff, today, days });
  const teamOf = new Map(o.demo.staff.map((s) => [s.id, s.teamId]));
  const hasPattern = new Set((await db.selectFrom('rota_patterns').select('staff_id').execute()).map((r) => r.staff_id));
  await db.transaction().execute(async (trx) => {
    for (const p of rota.patterns) {
      const actor = leadOf.get(teamOf.get(p.staffId)!);
      if (!actor || hasPattern.has(p.staffId)) continue;
      await changeRotaPattern(trx, {
        actor,
        staffId: p.staffId,
        version: null,
        input: {
          week: p.week,
          startsFrom: p.startsFrom,
          carDriver: p.carDriver,
          baseName: null,
          baseLatitude: null,
          baseLongitude: null,
          homeLatitude: p.home?.latitude ?? null,
          homeLongitude: p.home?.longitude ?? null,
          workPhone: null,
          carDescription: null,
        },
      });
    }
    const patterned = rota.patterns.filter((p) => !hasPattern.has(p.staffId)).map((p) => p.staffId);
    for (const e of rota.exceptions) {
      const actor = leadOf.get(teamOf.get(e.staffId)!);
      if (!actor || !patterned.includes(e.staffId)) continue;
      await addRotaException(trx, { actor, staffId: e.staffId, input: { kind: e.kind, startsOn: e.startsOn, endsOn: e.endsOn, startTime: e.startTime, endTime: e.endTime, note: e.note } });
    }
    const set = new Set((await trx.selectFrom('rota_on_call').select(['team_id', 'on_date']).execute()).map((r) => `${r.team_id} ${String(r.on_date).slice(0, 10)}`));
    for (const c of rota.onCall) {
      const team = o.demo.teams.find((t) => t.key === c.teamKey)!;
      const actor = leadOf.get(team.id);
      if (!actor || set.has(`${team.id} ${c.date}`)) continue;
      await setOnCall(trx, { actor, input: { date: c.date, staffId: c.staffId, managerStaffId: c.managerStaffId } });
    }
  });

  // Each open episode's visit needs, recorded by the team's lead from triage's defaults with what the
  // team knows of the patient: who holds them (continuity), a carer's time, a day they cannot be seen.
  const open = await db
    .selectFrom('episodes')
    .leftJoin('visit_needs', 'visit_needs.episode_id', 'episodes.id')
    .select(['episodes.id', 'episodes.team_id', 'episodes.allocated_to'])
    .where('episodes.team_id', 'in', o.demo.teams.map((t) => t.id))
    .where('episodes.status', 'in', ['active', 'waiting'])
    .where('visit_needs.id', 'is', null)
    .orderBy('episodes.id')
    .execute();
  await db.transaction().execute(async (trx) => {
    for (const [index, e] of open.entries()) {
      const actor = leadOf.get(e.team_id);
      const episode = actor ? await findEpisode(trx, e.id, o.now) : null;
      if (!actor || !episode) continue;
      const access = await authoriseEpisodeWrite(trx, { actor, episode, change: 'visit-needs' });
      const defaults = (await findVisitNeeds(trx, e.id))!;
      await recordVisitNeeds(trx, { access, version: null, needs: demoVisitNeeds({ defaults, holder: e.allocated_to, index }) });
    }
  });

  const result: SeededVisitDay = { date: today, teams: [] };
  const runner = createJobRunner({
    db,
    // And lone working's: today's sessions follow each publication, as they would in the app.
    handlers: { ...visitPlanJobHandlers({ db, config: o.config, iterationLimit: o.plannerIterations ?? 400 }), ...loneWorkingSessionJobHandlers({ db, config: o.config }) },
    now: () => o.now,
    instanceId: 'demo-seed',
  });
  try {
    for (const team of o.demo.teams) {
      const actor = leadOf.get(team.id);
      if (!actor) continue;
      // The visits the team's open episodes are due from today, as "Propose visits for the next 7 days" makes them.
      const proposal = await db.transaction().execute((trx) => proposeVisitsForHorizon(trx, { actor, teamId: team.id, from: today, to: addCalendarDays(today, days - 1) }));
      // Today planned by the planner's job (as the lead's "Plan this day"), run here and now, then published.
      if ((await readVisitPlan(db, { teamId: team.id, date: today }))?.published) {
        result.teams.push({ teamId: team.id, proposed: proposal.proposed, planned: 0, unplanned: 0, published: true, busiest: null });
        continue;
      }
      await db.transaction().execute((trx) => startVisitPlanning(trx, { actor, teamId: team.id, dates: [today], mode: 'plan' }));
      const ran = await runner.runOnce();
      if (ran?.status !== 'done') {
        // A first start goes on without today's plan rather than not starting: the lead can plan it from the page.
        result.teams.push({ teamId: team.id, proposed: proposal.proposed, planned: 0, unplanned: 0, published: false, busiest: null, problem: `the planner's run ended ${ran?.status ?? 'unstarted'}${ran?.error ? `: ${ran.error}` : ''}` });
        continue;
      }
      const plan = await readVisitPlan(db, { teamId: team.id, date: today });
      if (!plan?.draft) throw new Error(`The demo's plan for ${today} was not saved`);
      await db.transaction().execute((trx) => publishVisitPlan(trx, { actor, teamId: team.id, date: today, version: plan.version, planPublished: enqueueSessionsFromPlan }));
      await runner.runOnce();
      const busiest = [...plan.draft.routes].sort((x, y) => y.stops.length - x.stops.length)[0];
      result.teams.push({ teamId: team.id, proposed: proposal.proposed, planned: plan.draft.totals.visitsPlanned, unplanned: plan.draft.totals.visitsUnplanned, published: true, busiest: busiest?.stops.length ? busiest.staffId : null });
    }
  } finally {
    await runner.stop();
  }
  await checkTheDaySoFar(db, { ...o, today });
  return result;
}

/**
 * The day so far, as the clinicians lived it: each visit that has started was checked in at its start,
 * and each that has ended checked out at its end, through the same rules as a tap (as the clinician, at
 * that time). Without it a first start in the afternoon would raise a missed check-in for every morning visit.
 */
async function checkTheDaySoFar(db: Kysely<Database>, o: SeedDemoVisitDayOptions & { today: string }): Promise<void> {
  const sessions = await db.selectFrom('lone_working_sessions').select(['id', 'staff_id', 'team_id', 'expected_start', 'expected_end']).where('on_date', '=', o.today).where('status', '=', 'expected').where('expected_start', '<=', o.now).orderBy('expected_start').execute();
  const staffById = new Map(o.demo.staff.map((s) => [s.id, s]));
  await db.transaction().execute(async (trx) => {
    for (const s of sessions) {
      const person = staffById.get(s.staff_id);
      if (!person) continue;
      const as = (at: Date) => staffActor({ staff: { staffId: person.id, name: `${person.givenName} ${person.familyName}`, role: person.homewardRole, teamId: s.team_id }, config: o.config, via: 'demo:seed', now: at });
      const start = new Date(s.expected_start);
      const end = new Date(s.expected_end);
      await checkIn(trx, { actor: as(start), sessionId: s.id, madeAt: null });
      if (end.getTime() <= o.now.getTime()) await checkOut(trx, { actor: as(end), sessionId: s.id, madeAt: null, notCheckedIn: false, duress: false });
    }
  });
}

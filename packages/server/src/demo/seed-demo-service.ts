// The demo service a first start makes (npm start on an empty embedded database): two teams and their
// staff (added by the demo's administrator through addStaffAccount), 300 patients registered through
// registerPatient (those referred by whoever took the referral, just before taking it), referrals and
// their episodes' histories timed from now (write-demo-episodes.ts: taken, triaged, allocated, seen,
// held, handed over, referred on, discharged), and the clinical records of the episodes under way and
// just discharged (write-demo-records.ts), their discharges through dischargeEpisode: all through the
// domain functions, as the staff who did it, when they did it. Last, today's visit day (seed-demo-visit-day.ts):
// the rota, the visits due over the next days, and today's plan published; then the equipment on loan
// (seed-demo-equipment.ts). The generators decide what is made,
// from the seed; the rules decide whether it may be.
import type { Kysely } from 'kysely';
import { addCalendarDays, ukDateOf } from '@homeward/clinical';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { planDemoPatients, registerDemoPatients, registerPlannedPatient, seedDemoTeam, type DemoSeed } from './seed-demo-data.ts';
import { seedDemoEpisodes, seedDemoStaffSkills } from './seed-demo-episodes.ts';
import { seedDemoRecords, type SeededRecords } from './seed-demo-records.ts';
import { seedDemoVisitDay, type SeededVisitDay } from './seed-demo-visit-day.ts';
import { seedDemoEquipment } from './seed-demo-equipment.ts';
import { seedDemoSupervision } from './seed-demo-supervision.ts';
import { seedDemoMdt } from './seed-demo-mdt.ts';
import { seedDemoSafeguarding } from './seed-demo-safeguarding.ts';
import { seedDemoIncidents } from './seed-demo-incidents.ts';
import { seedDemoCompetenceCpd } from './seed-demo-competence-cpd.ts';
import { seedDemoRisks } from './seed-demo-risks.ts';
import { seedDemoReports } from './seed-demo-reports.ts';
import { seedDemoFhirReferral } from './seed-demo-fhir-referral.ts';

export type SeedDemoServiceOptions = {
  seed: number;
  now: Date;
  config: HomewardConfig;
  patients?: number;
  openEpisodes?: number;
  /** The planner's iterations for today's plan (see seedDemoVisitDay). */
  plannerIterations?: number;
};

/** Discharged episodes get records (and are discharged through the rules) when discharged within this many days. */
const recentlyDischargedDays = 28;

export async function seedDemoService(db: Kysely<Database>, o: SeedDemoServiceOptions): Promise<{ demo: DemoSeed; records: SeededRecords; visitDay: SeededVisitDay }> {
  const demo = await seedDemoTeam(db, { seed: o.seed, now: o.now, config: o.config });
  const teamIds = demo.teams.map((t) => t.id);
  const planned = await planDemoPatients(db, { seed: o.seed, count: o.patients ?? 300, demo });
  const byId = new Map(planned.map((p) => [p.id, p]));
  await seedDemoStaffSkills(db, demo);
  // Referrals and caseloads timed from now, so the demo's clocks are live: due soon, breached, met.
  // Whoever takes a referral registers its patient just before; the patients never referred follow.
  const since = addCalendarDays(ukDateOf(o.now), -recentlyDischargedDays);
  const episodes = await seedDemoEpisodes(db, {
    seed: o.seed,
    now: o.now,
    teamIds,
    openEpisodes: o.openEpisodes ?? 42,
    leaveOpenDischargedSince: since,
    config: o.config,
    unregistered: {
      patients: planned,
      register: async (trx, r) => {
        const patient = byId.get(r.patientId);
        if (patient) await registerPlannedPatient(trx, { actor: r.actor, patient });
      },
    },
  });
  await registerDemoPatients(db, { planned, demo, config: o.config, now: o.now });
  // Clinical records for the episodes under way and just discharged, and a "Mrs B" to follow.
  const records = await seedDemoRecords(db, { seed: o.seed, now: o.now, teamIds, config: o.config, pendingDischarges: episodes.pendingDischarges, plannedLastContact: episodes.plannedLastContact });
  // Today's visit day: the rota, the visits due, and today's plan published, so the run sheets are live.
  const visitDay = await seedDemoVisitDay(db, { demo, now: o.now, config: o.config, ...(o.plannerIterations !== undefined ? { plannerIterations: o.plannerIterations } : {}) });
  // Equipment: the catalogue, the teams' stores, hoists and beds with their examinations, and loans on open episodes.
  await seedDemoEquipment(db, { seed: o.seed, now: o.now, config: o.config, teams: demo.teams });
  // A year of clinical supervision (issue 16 #1).
  await seedDemoSupervision(db, { demo, now: o.now, config: o.config, seed: o.seed });
  await seedDemoMdt(db, { demo, now: o.now, config: o.config, seed: o.seed }); // mdt (issue 16 #6): a year of fortnightly MDT meetings
  await seedDemoSafeguarding(db, { demo, now: o.now, config: o.config }); // safeguarding (issue 17 #2): a safeguarding lead, a concern waiting for a decision, one referred
  await seedDemoIncidents(db, { demo, now: o.now, config: o.config }); // safety (issue 17 #1): a near miss closed, a fall under review, an injury to triage
  // Competence sign-offs with their expiry and a year of CPD (issue 16 #2, #3).
  await seedDemoCompetenceCpd(db, { demo, now: o.now, config: o.config, seed: o.seed });
  await seedDemoRisks(db, { demo, now: o.now, config: o.config }); // risk register (issue 17 #3)
  // Reports (issue 18): Discharge Ready Dates and delay reasons on the recent D2A discharges.
  await seedDemoReports(db, { demo, now: o.now, config: o.config });
  // A GP's referral received by FHIR, waiting in the first team's incoming list (issue 18 #3).
  await seedDemoFhirReferral(db, { demo, now: o.now, config: o.config });
  return { demo, records, visitDay };
}

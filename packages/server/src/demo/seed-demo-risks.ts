// The demo's risk register (issue 17 #3), written through the safety context's domain functions as the
// people who did it, at the time they did it: for each team a few risks raised by a therapist and owned
// by the clinical lead, one reviewed (rescored, next review soon: on the lead's home page), one whose
// review has passed (red on the register), an open action on an assistant practitioner's home page;
// and one service-wide risk owned by the service manager. A second start finds them there and adds none.
import type { Kysely } from 'kysely';
import { addCalendarDays, ukDateOf } from '@homeward/clinical';
import { uuidv7 } from 'uuidv7';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { staffActor, type Actor } from '../platform/actor.ts';
import { addRisk, addRiskAction, authoriseRiskChange, authoriseRiskRegister, findRisk, reviewRisk } from '../safety/public.ts';
import type { DemoSeed, SeededStaff } from './seed-demo-data.ts';

export type SeedDemoRisksOptions = { demo: DemoSeed; now: Date; config: HomewardConfig };

const day = 86_400_000;

function actorFor(s: SeededStaff, config: HomewardConfig, at: Date): Actor {
  return staffActor({ staff: { staffId: s.id, name: `${s.givenName} ${s.familyName}`, role: s.homewardRole, teamId: s.teamId }, config, via: 'demo:seed', now: at });
}

const teamRisks = [
  {
    title: 'Lone visits where there is no phone signal', description: 'Staff visit alone in rural villages where phones often have no signal.', cause: 'No mobile coverage in parts of the patch',
    effect: 'A missed check-in cannot be followed up quickly; a clinician in trouble cannot call for help', controls: 'Lone-working check-ins and escalation; visits in daylight where possible',
    gapsInControls: 'No satellite phone', likelihood: 4, consequence: 4, targetLikelihood: 2, targetConsequence: 4, raisedDaysAgo: 120, reviewInDays: 100,
    review: { daysAgo: 10, likelihood: 3, consequence: 4, note: 'Satellite phone ordered; check-ins working well', nextInDays: 12 },
    action: { text: 'Test the satellite phone at each base once it arrives', dueInDays: 14 },
  },
  {
    title: 'Hoist slings issued past their service date', description: 'Slings in the equipment store have been issued without a date check.', cause: 'No date check at issue',
    effect: 'A sling could fail during a transfer and injure a patient or carer', controls: 'LOLER examinations of hoists; training for carers',
    gapsInControls: 'Slings are not tracked items', likelihood: 2, consequence: 5, targetLikelihood: 1, targetConsequence: 5, raisedDaysAgo: 60, reviewInDays: 57,
    review: null, action: null,
  },
  {
    title: 'Waiting list growing beyond the response standard', description: 'Referrals for routine rehabilitation wait longer than the standard in the winter months.', cause: 'Vacancies and winter demand',
    effect: 'Patients deconditioning while they wait; complaints', controls: 'Weekly waiting-list review; priority scores',
    gapsInControls: '', likelihood: 3, consequence: 3, targetLikelihood: 2, targetConsequence: 3, raisedDaysAgo: 30, reviewInDays: 90,
    review: null, action: null,
  },
];

export async function seedDemoRisks(db: Kysely<Database>, o: SeedDemoRisksOptions): Promise<void> {
  if (await db.selectFrom('risks').select('id').limit(1).executeTakeFirst()) return;
  const at = (daysAgo: number) => new Date(o.now.getTime() - daysAgo * day);
  const dayOf = (d: Date, plus: number) => addCalendarDays(ukDateOf(d), plus);
  for (const team of o.demo.teams) {
    const staff = o.demo.staff.filter((s) => s.teamId === team.id);
    const lead = staff.find((s) => s.homewardRole === 'clinical-lead');
    const raiser = staff.find((s) => s.homewardRole === 'registered-therapist');
    const assistant = staff.find((s) => s.homewardRole === 'assistant-practitioner');
    if (!lead || !raiser) continue;
    for (const r of teamRisks) {
      const id = uuidv7();
      const raisedAt = at(r.raisedDaysAgo);
      await db.transaction().execute(async (trx) => {
        const access = await authoriseRiskRegister(trx, { actor: actorFor(raiser, o.config, raisedAt) });
        await addRisk(trx, { access, id, ...r, teamId: team.id, ownerId: lead.id, reviewOn: dayOf(raisedAt, r.reviewInDays) });
      });
      if (r.review) {
        const reviewedAt = at(r.review.daysAgo);
        await db.transaction().execute(async (trx) => {
          const risk = (await findRisk(trx, id))!;
          const access = await authoriseRiskChange(trx, { actor: actorFor(lead, o.config, reviewedAt), risk });
          await reviewRisk(trx, { access, id: uuidv7(), version: risk.version, likelihood: r.review!.likelihood, consequence: r.review!.consequence, note: r.review!.note, nextReviewOn: dayOf(reviewedAt, r.review!.nextInDays) });
        });
      }
      if (r.action && assistant) {
        const addedAt = at(r.review?.daysAgo ?? 1);
        await db.transaction().execute(async (trx) => {
          const access = await authoriseRiskChange(trx, { actor: actorFor(lead, o.config, addedAt), risk: (await findRisk(trx, id))! });
          await addRiskAction(trx, { access, id: uuidv7(), action: r.action!.text, ownerId: assistant.id, dueOn: dayOf(addedAt, r.action!.dueInDays) });
        });
      }
    }
  }
  const manager = o.demo.staff.find((s) => s.homewardRole === 'service-manager');
  if (manager) {
    const raisedAt = at(45);
    await db.transaction().execute(async (trx) => {
      const access = await authoriseRiskRegister(trx, { actor: actorFor(manager, o.config, raisedAt) });
      await addRisk(trx, {
        access, id: uuidv7(), title: 'Clinical system unavailable during an outage', description: 'Homeward cannot be reached during a network or database outage.', cause: 'Network or hosting failure',
        effect: 'Staff cannot see visit lists, records or lone-working check-ins', controls: 'Printed run sheets; the responder’s phone number as the lone-working fallback',
        gapsInControls: 'No tested business continuity exercise this year', teamId: null, ownerId: manager.id, likelihood: 2, consequence: 4, targetLikelihood: 1, targetConsequence: 4,
        reviewOn: dayOf(raisedAt, 42),
      });
    });
  }
}

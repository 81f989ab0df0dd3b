// Safeguarding on first start (issue 17 #2), written through the safety context's domain functions as
// the people who did it: the service manager names the first team's clinical lead as safeguarding lead;
// a registered therapist raises an adult concern from a home visit three hours ago (its decision due in
// 21 hours, on the lead's home page and list); and an older concern the lead referred to the local
// authority. A second start finds the designation there and adds nothing.
import type { Kysely } from 'kysely';
import { addCalendarDays, ukDateOf } from '@homeward/clinical';
import { uuidv7 } from 'uuidv7';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { staffActor, type Actor } from '../platform/actor.ts';
import { findEpisode } from '../caseload/public.ts';
import { authoriseConcernLead, authoriseRaiseConcern, decideSafeguardingConcern, designateSafeguardingLead, raiseSafeguardingConcern } from '../safety/public.ts';
import type { DemoSeed, SeededStaff } from './seed-demo-data.ts';

export type SeedDemoSafeguardingOptions = { demo: DemoSeed; now: Date; config: HomewardConfig };

function actorFor(s: SeededStaff, config: HomewardConfig, at: Date): Actor {
  return staffActor({ staff: { staffId: s.id, name: `${s.givenName} ${s.familyName}`, role: s.homewardRole, teamId: s.teamId }, config, via: 'demo:seed', now: at });
}

const concerns = [
  {
    hoursAgo: 3,
    input: {
      kind: 'adult', categories: ['financial-or-material', 'neglect-and-acts-of-omission'], personAtRisk: 'patient', otherPerson: '',
      concern: 'On the home visit she said her grandson keeps her bank card and she has not had money for food this week. Very little food in the house; the heating was off.',
      immediateDanger: false, immediateActions: 'Spoke to her alone; food parcel arranged through the community hub; she asked us to get help.', consentToShare: 'given', shareWithoutConsentReason: '',
    },
    decide: false,
  },
  {
    hoursAgo: 24 * 9,
    input: {
      kind: 'child', categories: ['neglect'], personAtRisk: 'other', otherPerson: 'Kai, great-grandson, 5, stays at weekends',
      concern: 'Kai was alone in the house for over an hour while the patient was in bed and his mother was out; the patient cannot get downstairs unaided.',
      immediateDanger: false, immediateActions: 'Stayed until his mother came back; spoke to her about the patient’s mobility.', consentToShare: 'not-asked', shareWithoutConsentReason: 'A child may be at risk; asking first could put him at more risk.',
    },
    decide: true,
  },
];

export async function seedDemoSafeguarding(db: Kysely<Database>, o: SeedDemoSafeguardingOptions): Promise<void> {
  if (await db.selectFrom('safety_designations').select('id').executeTakeFirst()) return;
  const team = o.demo.teams[0];
  if (!team) return;
  const manager = o.demo.staff.find((s) => s.homewardRole === 'service-manager') ?? o.demo.staff.find((s) => s.homewardRole === 'administrator');
  const lead = o.demo.staff.find((s) => s.teamId === team.id && s.homewardRole === 'clinical-lead');
  const raiser = o.demo.staff.find((s) => s.teamId === team.id && s.homewardRole === 'registered-therapist');
  if (!manager || !lead || !raiser) return;
  const since = addCalendarDays(ukDateOf(o.now), -60);
  await db.transaction().execute((trx) => designateSafeguardingLead(trx, { actor: actorFor(manager, o.config, new Date(o.now.getTime() - 60 * 86_400_000)), id: uuidv7(), staffId: lead.id, startsOn: since }));
  const open = await db.selectFrom('episodes').select('id').where('team_id', '=', team.id).where('status', '=', 'active').orderBy('id', 'desc').limit(concerns.length).execute();
  for (const [i, c] of concerns.entries()) {
    const e = open[i];
    if (!e) break;
    const at = new Date(o.now.getTime() - c.hoursAgo * 3_600_000);
    const actor = actorFor(raiser, o.config, at);
    const episode = await findEpisode(db, e.id, at);
    if (!episode) continue;
    const grant = await authoriseRaiseConcern(db, { actor, episode });
    const id = uuidv7();
    await db.transaction().execute((trx) => raiseSafeguardingConcern(trx, { grant, episode, id, input: c.input }));
    if (!c.decide) continue;
    const decidedAt = new Date(at.getTime() + 5 * 3_600_000);
    const access = await authoriseConcernLead(db, { actor: actorFor(lead, o.config, decidedAt), concernId: id, change: 'decision' });
    await db.transaction().execute((trx) => decideSafeguardingConcern(trx, { access, version: 1, decision: 'refer-to-local-authority', reason: 'Children’s services asked for a joint visit', localAuthorityReference: 'STAFFS-CS-40921', localAuthorityReferredOn: ukDateOf(decidedAt) }));
  }
}

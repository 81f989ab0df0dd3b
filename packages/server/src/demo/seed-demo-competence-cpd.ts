// Writes the demo's competence sign-offs and a year of CPD (generate-demo-competence-cpd.ts decides them)
// through the domain functions, each as the member of staff who did it, on the day they did it.
import type { Kysely } from 'kysely';
import { ukDateOf } from '@homeward/clinical';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { staffActor } from '../platform/actor.ts';
import { authoriseCpdWrite, loadCpdOwner, logCpdEntry } from '../people/public.ts';
import { loadHolder, recordCompetence } from '../staff/public.ts';
import { generateDemoCompetenceCpd } from './generate-demo-competence-cpd.ts';
import type { DemoSeed } from './seed-demo-data.ts';

export type SeedDemoCompetenceCpdOptions = { demo: DemoSeed; now: Date; config: HomewardConfig; seed?: number };

export async function seedDemoCompetenceCpd(db: Kysely<Database>, o: SeedDemoCompetenceCpdOptions): Promise<{ competences: number; cpdEntries: number }> {
  const staff = new Map(o.demo.staff.map((s) => [s.id, s]));
  // Once only: a second run (a restart) adds nothing.
  const already = await db.selectFrom('cpd_entries').select('id').where('staff_id', 'in', [...staff.keys()]).limit(1).executeTakeFirst();
  if (already || staff.size === 0) return { competences: 0, cpdEntries: 0 };
  const as = (staffId: string, day: string) => {
    const s = staff.get(staffId)!;
    return staffActor({ staff: { staffId: s.id, name: `${s.givenName} ${s.familyName}`, role: s.homewardRole, teamId: s.teamId }, config: o.config, via: 'demo:seed', now: new Date(`${day}T15:00:00Z`) });
  };
  const made = generateDemoCompetenceCpd({
    seed: o.seed ?? 20261124,
    today: ukDateOf(o.now),
    people: o.demo.staff.map((s) => ({ id: s.id, key: s.key, role: s.homewardRole, teamId: s.teamId })),
  });
  await db.transaction().execute(async (trx) => {
    for (const c of made.competences) {
      const input = { competence: c.competence, assessedOn: c.assessedOn, expiresOn: c.expiresOn, evidence: c.evidence, note: null };
      await recordCompetence(trx, { actor: as(c.signedOffBy, c.assessedOn), holder: await loadHolder(trx, c.staffId), input });
    }
    for (const e of made.cpd) {
      const { staffId, ...input } = e;
      const actor = as(staffId, e.doneOn);
      await logCpdEntry(trx, { access: await authoriseCpdWrite(trx, { actor, owner: await loadCpdOwner(trx, staffId) }), input });
    }
  });
  return { competences: made.competences.length, cpdEntries: made.cpd.length };
}

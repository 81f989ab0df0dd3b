// Reports (issue 18): the demo's recent D2A discharges get a Discharge Ready Date, some a few days before
// the discharge with the reasons for the wait, recorded through recordDischargeReady as the team's
// clinical lead (authorised and audited as the page does it), so the D2A report shows ready dates and
// delays on first start. SSNAP, waiting, activity and outcomes read what the rest of the demo wrote. A
// second start finds the dates there and adds none.
import type { Kysely } from 'kysely';
import { addCalendarDays, delayReasons, ukDateOf } from '@homeward/clinical';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { staffActor } from '../platform/actor.ts';
import { authoriseEpisodeWrite, findEpisode } from '../caseload/public.ts';
import { recordDischargeReady } from '../reports/public.ts';
import type { DemoSeed } from './seed-demo-data.ts';

export type SeedDemoReportsOptions = { demo: DemoSeed; now: Date; config: HomewardConfig };

/** Days between ready and discharge for the demo's discharges, in turn, and the reasons for those that waited. */
const waits = [0, 3, 0, 5, 1, 0];
const reasonsFor = (i: number): string[] => [[delayReasons[0]], [delayReasons[5], delayReasons[3]], [delayReasons[2]]][i % 3]!;

export async function seedDemoReports(db: Kysely<Database>, o: SeedDemoReportsOptions): Promise<void> {
  const since = addCalendarDays(ukDateOf(o.now), -80);
  for (const team of o.demo.teams) {
    const lead = o.demo.staff.find((s) => s.teamId === team.id && s.homewardRole === 'clinical-lead');
    if (!lead) continue;
    const already = await db.selectFrom('episodes').select('id').where('team_id', '=', team.id).where('discharge_ready_on', 'is not', null).executeTakeFirst();
    if (already) continue;
    const discharged = await db.selectFrom('episodes').select('id').where('team_id', '=', team.id).where('status', '=', 'discharged').where('service', 'like', 'd2a-pathway-%').where('discharged_on', '>=', since).orderBy('discharged_on').orderBy('id').limit(waits.length).execute();
    const actor = staffActor({ staff: { staffId: lead.id, name: `${lead.givenName} ${lead.familyName}`, role: lead.homewardRole, teamId: lead.teamId }, config: o.config, via: 'demo:seed', now: o.now });
    let delayed = 0;
    for (const [i, row] of discharged.entries()) {
      const episode = await findEpisode(db, row.id, o.now);
      if (!episode?.dischargedOn) continue;
      const wait = waits[i]!;
      const start = ukDateOf(new Date(episode.clockStartsAt));
      const readyOn = addCalendarDays(episode.dischargedOn, -wait) < start ? episode.dischargedOn : addCalendarDays(episode.dischargedOn, -wait);
      const reasons = readyOn < episode.dischargedOn ? reasonsFor(delayed++) : [];
      await db.transaction().execute(async (trx) => {
        const access = await authoriseEpisodeWrite(trx, { actor, episode, change: 'discharge-ready' });
        await recordDischargeReady(trx, { access, version: episode.version, readyOn, reasons, note: null });
      });
    }
  }
}

// The service at scale for the caseload benchmark: the demo teams plus synthetic teams, N patients
// registered across all of them, and open episodes of care (with their referrals, discharges and
// history) for those patients, all written with the app's own seeding functions.
import type { Kysely } from 'kysely';
import type { Database } from '../../packages/server/src/db/schema.ts';
import { cliniciansPerScaleTeam } from '../../packages/server/src/demo/generate-demo-episodes.ts';
import { seedDemoPatients, seedDemoTeam, type DemoSeed } from '../../packages/server/src/demo/seed-demo-data.ts';
import { seedDemoEpisodes, seedDemoStaffSkills, seedScaleTeams, type ScaleTeamsSeed, type SeededEpisodes } from '../../packages/server/src/demo/seed-demo-episodes.ts';

/** Patients per call to seedDemoPatients; between calls the event loop gets a turn (Ctrl-C on PGlite). */
const chunk = 10_000;

export type CaseloadService = { demo: DemoSeed; scale: ScaleTeamsSeed; teamIds: string[]; episodes: SeededEpisodes };

export async function seedCaseloadService(
  db: Kysely<Database>,
  options: { seed: number; patients: number; episodes: number; teams: number; now: Date; onProgress?: (message: string) => void },
): Promise<CaseloadService> {
  const demo = await seedDemoTeam(db, { seed: options.seed, now: options.now });
  const scale = await seedScaleTeams(db, {
    seed: options.seed,
    count: options.teams - demo.teams.length,
    clinicians: cliniciansPerScaleTeam(options.episodes, options.teams),
    now: options.now,
  });
  const teamIds = [...demo.teams.map((t) => t.id), ...scale.teams.map((t) => t.id)];
  const lead = demo.staff.find((s) => s.homewardRole === 'clinical-lead');
  if (!lead) throw new Error('The demo team has no clinical lead to register patients');
  for (let done = 0; done < options.patients; ) {
    const count = Math.min(chunk, options.patients - done);
    done += await seedDemoPatients(db, { seed: options.seed, count, teamIds, createdBy: lead.id, now: options.now });
    if (done % 50_000 === 0 && done < options.patients) options.onProgress?.(`${done} patients`);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await seedDemoStaffSkills(db, demo);
  const episodes = await seedDemoEpisodes(db, { seed: options.seed, now: options.now, teamIds, openEpisodes: options.episodes, onProgress: options.onProgress });
  return { demo, scale, teamIds, episodes };
}

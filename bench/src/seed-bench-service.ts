// The demo team and N synthetic patients, written with the app's own seeding functions.
import type { Kysely } from 'kysely';
import type { Database } from '../../packages/server/src/db/schema.ts';
import { seedDemoPatients, seedDemoTeam, type DemoSeed } from '../../packages/server/src/demo/seed-demo-data.ts';

/** Patients per call to seedDemoPatients; between calls the event loop gets a turn. */
const chunk = 10_000;

/**
 * seedDemoPatients numbers patients on from those already there, so seeding in chunks writes exactly
 * the patients one call would. The chunks are for PGlite: its queries resolve without ever returning
 * to the event loop, so one long call would leave Ctrl-C unanswered (and the data behind) until the
 * end of seeding.
 */
export async function seedBenchService(db: Kysely<Database>, options: { seed: number; patients: number; now: Date; onProgress?: (done: number) => void }): Promise<DemoSeed> {
  const demo = await seedDemoTeam(db, { seed: options.seed, now: options.now });
  const lead = demo.staff.find((s) => s.homewardRole === 'clinical-lead');
  if (!lead) throw new Error('The demo team has no clinical lead to register patients');
  for (let done = 0; done < options.patients; ) {
    const count = Math.min(chunk, options.patients - done);
    done += await seedDemoPatients(db, { seed: options.seed, count, teamIds: demo.teams.map((t) => t.id), createdBy: lead.id, now: options.now });
    options.onProgress?.(done);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return demo;
}

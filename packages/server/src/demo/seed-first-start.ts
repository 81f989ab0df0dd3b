// The demo of a first start: seeded through the domain functions (seed-demo-service.ts), then the lines
// npm start prints to say who to sign in as. On the embedded database main.ts runs this in a child
// process (prepare-demo-in-child.ts), so that the memory the one-off work leaves behind goes with it.
import type { Kysely } from 'kysely';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { analyseAll } from '../db/pglite-statistics.ts';
import { seedDemoService } from './seed-demo-service.ts';
import { demoStartUpLog } from './start-up-log.ts';

/** The demo's seed: the same service on every machine. */
export const demoServiceSeed = 20261124;

export async function seedFirstStart(db: Kysely<Database>, config: HomewardConfig): Promise<{ lines: string[] }> {
  console.log('First start: creating the demo service (about 20 staff, 300 patients, 60 referrals and their clinical records, today’s visit plan)...');
  // Through the domain functions, as the staff who did it and when (seed-demo-service.ts).
  const { demo, records, visitDay } = await seedDemoService(db, { seed: demoServiceSeed, now: config.now(), config });
  // Statistics for what was just loaded, so the first pages are planned on real sizes.
  await analyseAll(db);
  return { lines: demoStartUpLog({ demo, story: records.story, visitDay }).lines };
}

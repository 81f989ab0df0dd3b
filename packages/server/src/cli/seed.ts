// npm run seed -- --patients 200000 [--seed 42]: add synthetic patients (and the demo team if missing).
import { seedDemoPatients, seedDemoTeam } from '../demo/seed-demo-data.ts';
import { argValue, openConfiguredDatabase } from './open-configured-database.ts';

const args = process.argv.slice(2);
const count = Number(argValue(args, '--patients') ?? 300);
const seed = Number(argValue(args, '--seed') ?? 20261124);
if (!Number.isInteger(count) || count < 0 || count > 900_000) {
  console.error('--patients must be a whole number from 0 to 900000');
  process.exit(2);
}
const { database, config } = await openConfiguredDatabase();
const now = config.now();
const team = await seedDemoTeam(database.db, { seed, now });
const lead = team.staff.find((s) => s.homewardRole === 'clinical-lead')!;
const started = Date.now();
const added = await seedDemoPatients(database.db, {
  seed,
  count,
  teamIds: team.teams.map((t) => t.id),
  createdBy: lead.id,
  now,
  onProgress: (done) => {
    if (done % 20_000 === 0) console.log(`  ${done} patients...`);
  },
});
console.log(`Added ${added} patients in ${((Date.now() - started) / 1000).toFixed(1)} s (${database.engine}).`);
await database.close();

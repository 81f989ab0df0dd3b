// npm run seed -- --patients 200000 [--episodes 20000] [--teams 20] [--seed 42]: add synthetic patients
// (and the demo team if missing); with --teams above 2, extra synthetic teams first, so patients are
// registered across all of them; with --episodes, that many open episodes of care (and their referrals,
// discharges and history) for those teams' patients, timed from now.
// Bulk-inserted, unlike the demo of a first start (which goes through the domain functions, see
// demo/seed-demo-service.ts): these are benchmark volumes, where one domain call per row would take minutes.
import { cliniciansPerScaleTeam } from '../demo/generate-demo-episodes.ts';
import { seedDemoPatients, seedDemoTeam } from '../demo/seed-demo-data.ts';
import { seedDemoEpisodes, seedDemoStaffSkills, seedScaleTeams } from '../demo/seed-demo-episodes.ts';
import { analyseAll } from '../db/pglite-statistics.ts';
import { argValue, openConfiguredDatabase } from './open-configured-database.ts';

const args = process.argv.slice(2);
const count = Number(argValue(args, '--patients') ?? 300);
const episodes = Number(argValue(args, '--episodes') ?? 0);
const teamCount = Number(argValue(args, '--teams') ?? 2);
const seed = Number(argValue(args, '--seed') ?? 20261124);
const problems = [
  !Number.isInteger(count) || count < 0 || count > 900_000 ? '--patients must be a whole number from 0 to 900000' : null,
  !Number.isInteger(episodes) || episodes < 0 || episodes > 400_000 ? '--episodes must be a whole number from 0 to 400000' : null,
  !Number.isInteger(teamCount) || teamCount < 2 || teamCount > 200 ? '--teams must be a whole number from 2 (the demo teams) to 200' : null,
].filter((p): p is string => p !== null);
if (problems.length) {
  for (const p of problems) console.error(p);
  process.exit(2);
}
const { database, config } = await openConfiguredDatabase();
const now = config.now();
const team = await seedDemoTeam(database.db, { seed, now, config });
const lead = team.staff.find((s) => s.homewardRole === 'clinical-lead')!;
const teamIds = team.teams.map((t) => t.id);
if (teamCount > 2) {
  const scale = await seedScaleTeams(database.db, { seed, count: teamCount - 2, clinicians: cliniciansPerScaleTeam(episodes, teamCount), now });
  teamIds.push(...scale.teams.map((t) => t.id));
  console.log(`${scale.teams.length} extra teams, ${scale.staff.length} staff (password as the demo team's).`);
}
const started = Date.now();
const added = await seedDemoPatients(database.db, {
  seed,
  count,
  teamIds,
  createdBy: lead.id,
  now,
  onProgress: (done) => {
    if (done % 20_000 === 0) console.log(`  ${done} patients...`);
  },
});
console.log(`Added ${added} patients in ${((Date.now() - started) / 1000).toFixed(1)} s (${database.engine}).`);
if (episodes > 0) {
  const episodesStarted = Date.now();
  await seedDemoStaffSkills(database.db, team);
  const seeded = await seedDemoEpisodes(database.db, { seed, now, teamIds, openEpisodes: episodes, onProgress: (m) => console.log(`  ${m}...`) });
  console.log(
    `Added ${seeded.referrals} referrals, ${seeded.openEpisodes} open and ${seeded.episodes - seeded.openEpisodes} discharged episodes ` +
      `(${seeded.events} history entries, ${seeded.onwardReferrals} onward referrals) in ${((Date.now() - episodesStarted) / 1000).toFixed(1)} s.`,
  );
  if (seeded.openEpisodes < episodes) console.log(`Only ${seeded.openEpisodes} open episodes fitted: each referral needs a patient without one; add patients for more.`);
}
// A bulk load: statistics now rather than when a timer next looks (PGlite has no autovacuum at all).
await analyseAll(database.db);
await database.close();

// Run by npm start (main.ts, through demo/seed-demo-in-child.ts) in a child process when it finds no
// embedded database in HOMEWARD_DATA_DIR: creates it (initdb), migrates it, seeds the demo through the
// domain functions, closes it, and sends its parent the start-up lines to print. The child's memory goes
// when it exits: initdb's copy of a new data directory and the seeding leave the embedded database's heap
// and malloc's heap larger for good (an idle first start held 312 MB, a restart 226; ARCHITECTURE.md, Memory).
import { openConfiguredDatabase } from './open-configured-database.ts';
import { startDatabaseClock } from '../platform/database-clock.ts';
import { seedFirstStart } from '../demo/seed-first-start.ts';

if (!process.send) {
  console.error('This is run by npm start on a first start; to seed a database by hand use npm run seed.');
  process.exit(2);
}
let answered = false;
// npm start stopped or killed while this still works: stop too, so that a start after it never finds two
// processes on one data directory (the channel closes when the parent goes, whatever the signal).
process.on('disconnect', () => {
  if (!answered) process.exit(1);
});
const { config: configured, database, applied } = await openConfiguredDatabase();
if (applied.length) console.log(`Database migrated: ${applied.join(', ')}`);
// The database's clock, as the server's (main.ts): the demo's times are the ones its timers will see.
const databaseClock = await startDatabaseClock(database.db, { log: { warn: (o, message) => console.warn(message, o) } });
const seeded = await seedFirstStart(database.db, { ...configured, now: databaseClock.now });
databaseClock.stop();
// Closed before answering: the parent opens the same data directory next.
await database.close();
answered = true;
process.send(seeded, () => process.disconnect());

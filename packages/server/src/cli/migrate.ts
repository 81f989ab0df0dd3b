// npm run migrate: bring the configured database's schema up to date.
import { openConfiguredDatabase } from './open-configured-database.ts';

const { database, applied } = await openConfiguredDatabase();
console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
await database.close();

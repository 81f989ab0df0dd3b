import { loadConfig, type HomewardConfig } from '../config.ts';
import { openDatabase, type HomewardDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { analyseAll } from '../db/pglite-statistics.ts';

/** The database the settings point at (DATABASE_URL, else PGlite in HOMEWARD_DATA_DIR), migrated. */
export async function openConfiguredDatabase(): Promise<{ config: HomewardConfig; database: HomewardDatabase; applied: string[] }> {
  const config = loadConfig();
  const database = await openDatabase(
    config.databaseUrl ? { engine: 'postgres', url: config.databaseUrl, preparedStatements: config.databasePreparedStatements } : { engine: 'pglite', dataDir: config.dataDir, preparedStatements: config.databasePreparedStatements },
  );
  let applied: string[];
  try {
    applied = await migrateToLatest(database.db as unknown as Parameters<typeof migrateToLatest>[0]);
  } catch (error) {
    // The application's own role owns nothing, so it cannot apply a migration (ARCHITECTURE.md, roles).
    if ((error as { code?: string }).code === '42501') {
      await database.close();
      throw new Error('Database migrations are waiting, and this database role may not apply them (it owns nothing, as it should). Run `npm run migrate` with DATABASE_URL naming the role that owns the schema, then start again.', { cause: error });
    }
    throw error;
  }
  // A migration may add tables and indexes the planner knows nothing of yet (PGlite never analyses itself).
  if (applied.length) await analyseAll(database.db);
  return { config, database, applied };
}

export function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const inline = args.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

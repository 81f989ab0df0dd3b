import { loadConfig, type HomewardConfig } from '../config.ts';
import { openDatabase, type HomewardDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

/** The database the settings point at (DATABASE_URL, else PGlite in HOMEWARD_DATA_DIR), migrated. */
export async function openConfiguredDatabase(): Promise<{ config: HomewardConfig; database: HomewardDatabase; applied: string[] }> {
  const config = loadConfig();
  const database = await openDatabase(
    config.databaseUrl ? { engine: 'postgres', url: config.databaseUrl } : { engine: 'pglite', dataDir: config.dataDir },
  );
  const applied = await migrateToLatest(database.db as unknown as Parameters<typeof migrateToLatest>[0]);
  return { config, database, applied };
}

export function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const inline = args.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}
